//! [`Writer`]: appends compact JSON to a byte buffer.
//!
//! The buffer is a `String`: everything written is UTF-8 by construction.
//! Strings are copied in runs between the bytes that need escaping, found eight at a time.
//! Commas are placed by looking at the last byte written: after `{` or `[` none is needed.
//! That keeps callers free of "first member" bookkeeping.

use super::reader::scan_string;

/// Escapes for bytes below 0x20, `"` and `\`; 0 means "copy as is".
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// A buffer that JSON values are written into.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    buf: String,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer::default()
    }

    /// An empty writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Writer {
            buf: String::with_capacity(capacity),
        }
    }

    /// The JSON written so far.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The JSON written, as a string.
    pub fn into_string(self) -> String {
        self.buf
    }

    /// The JSON written, as bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf.into_bytes()
    }

    #[inline]
    fn separator(&mut self) {
        if !matches!(self.buf.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.buf.push(',');
        }
    }

    /// Writes `{`.
    #[inline]
    pub fn begin_object(&mut self) {
        self.separator();
        self.buf.push('{');
    }

    /// Writes `}`.
    #[inline]
    pub fn end_object(&mut self) {
        self.buf.push('}');
    }

    /// Writes `[`.
    #[inline]
    pub fn begin_array(&mut self) {
        self.separator();
        self.buf.push('[');
    }

    /// Writes `]`.
    #[inline]
    pub fn end_array(&mut self) {
        self.buf.push(']');
    }

    /// Writes a member key and its `:` (with a comma before it when needed).
    #[inline]
    pub fn key(&mut self, key: &str) {
        self.separator();
        self.write_escaped(key);
        self.buf.push(':');
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.separator();
        self.buf.push_str("null");
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.separator();
        self.buf.push_str(if value { "true" } else { "false" });
    }

    /// Writes an integer.
    pub fn i64(&mut self, value: i64) {
        self.separator();
        self.buf.push_str(itoa::Buffer::new().format(value));
    }

    /// Writes a non-negative integer.
    pub fn u64(&mut self, value: u64) {
        self.separator();
        self.buf.push_str(itoa::Buffer::new().format(value));
    }

    /// Writes a finite float as a number, and NaN and infinities as OData's
    /// `"NaN"`, `"INF"` and `"-INF"` strings.
    pub fn f64(&mut self, value: f64) {
        if value.is_nan() {
            self.string("NaN");
        } else if value.is_infinite() {
            self.string(if value > 0.0 { "INF" } else { "-INF" });
        } else {
            self.separator();
            // Debug prints the shortest text that reads back to the same value.
            use std::fmt::Write as _;
            // Writing into a String cannot fail.
            let _ = write!(self.buf, "{value:?}");
        }
    }

    /// Writes a string, escaped.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.separator();
        self.write_escaped(value);
    }

    /// Writes JSON text as is. The caller guarantees it is one well-formed JSON value.
    #[inline]
    pub fn raw(&mut self, json: &str) {
        self.separator();
        self.buf.push_str(json);
    }

    fn write_escaped(&mut self, value: &str) {
        let bytes = value.as_bytes();
        self.buf.reserve(bytes.len() + 2);
        self.buf.push('"');
        let mut start = 0;
        loop {
            let stop = scan_string(bytes, start);
            // `stop` is at an ASCII byte or the end, so both slices end on character boundaries.
            self.buf.push_str(&value[start..stop]);
            let Some(&b) = bytes.get(stop) else { break };
            let escape = ESCAPE[b as usize];
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.push_str("\\u00");
                self.buf.push(HEX[(b >> 4) as usize] as char);
                self.buf.push(HEX[(b & 0xf) as usize] as char);
            } else {
                self.buf.push('\\');
                self.buf.push(escape as char);
            }
            start = stop + 1;
        }
        self.buf.push('"');
    }
}
