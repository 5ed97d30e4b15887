//! Edm.Binary and Edm.Stream.

use std::fmt;

/// Decodes base64 in either alphabet (standard `+/` or URL-safe `-_`), padding optional.
fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return Err(format!("invalid base64 character {:?} at {i}", c as char)),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            // Masked to one byte.
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err("truncated base64".to_owned());
    }
    Ok(out)
}

/// Encodes base64url (RFC 4648 section 5) without padding, as OData JSON specifies.
fn encode_base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Edm.Binary: bytes, read from base64 or base64url and written as base64url.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// Decodes base64 or base64url text.
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text)
            .map_err(|reason| super::ParseError::new("Edm.Binary", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        decode_base64(text).map(Binary)
    }
}

impl fmt::Display for Binary {
    /// The base64url text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_base64url(&self.0))
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

/// Edm.Stream: a stream property's inline value, kept as raw JSON.
///
/// Graph normally sends only links (`attendeeReport@odata.mediaReadLink`, kept with the
/// annotations); when a value is inline it is kept verbatim, whatever its form.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stream {
    raw: String,
}

impl Stream {
    /// A stream value from raw JSON text that was checked when read.
    pub(crate) fn from_raw(raw: &str) -> Self {
        Stream {
            raw: raw.to_owned(),
        }
    }

    /// An inline stream holding `bytes` (written as a base64url string).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Stream {
            raw: format!("\"{}\"", encode_base64url(bytes)),
        }
    }

    /// The raw JSON text of the value.
    pub fn raw_json(&self) -> &str {
        &self.raw
    }

    /// The bytes, when the value is a base64 or base64url string.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        let text = self.raw.strip_prefix('"')?.strip_suffix('"')?;
        decode_base64(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        for len in 0..8 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            assert_eq!(decode_base64(&encode_base64url(&bytes)).unwrap(), bytes);
        }
        assert_eq!(encode_base64url(b"\xfb\xff"), "-_8");
        assert_eq!(decode_base64("+/8=").unwrap(), b"\xfb\xff");
    }
}
