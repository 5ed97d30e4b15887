//! [`Reader`]: a pull parser over `&[u8]` that borrows keys and strings when it can.
//!
//! It never builds a tree: callers pull the value they expect, skip values they do not
//! know, or take them as raw text ([`Reader::raw_value`]) to keep them losslessly.

use std::borrow::Cow;

use super::DecodeError;

/// Deepest nesting of arrays and objects accepted; deeper input is an error, not a stack overflow.
pub const MAX_DEPTH: u32 = 128;

/// The kind of the next JSON value, as told by its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl Kind {
    /// The kind with an article, for messages (`a string`).
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Bytes that end the fast scan of a string: quote, backslash, control characters.
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = true;
        i += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Finds the first byte at or after `start` that ends the plain part of a string: a quote,
/// a backslash or a control character (or the end of input). These are also exactly the
/// bytes the writer must escape.
///
/// Eight bytes at a time (SWAR), the last few through an eight-byte window that ends at the
/// end of input; inputs shorter than eight bytes a byte at a time.
#[inline]
pub(crate) fn scan_string(input: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(chunk) = input.get(i..i + 8) {
        let stops = stop_bytes(word(chunk));
        if stops != 0 {
            return i + first_flagged(stops);
        }
        i += 8;
    }
    let Some(window) = input.len().checked_sub(8) else {
        while i < input.len() && !STRING_STOP[input[i] as usize] {
            i += 1;
        }
        return i;
    };
    if i >= input.len() {
        return input.len();
    }
    // The window overlaps bytes already scanned (`window <= i`): they are shifted out and
    // plain bytes shifted in after the end, so the word starts at `i`.
    let shift = (i - window) * 8;
    let mut tail = word(&input[window..]);
    if shift > 0 {
        tail = (tail >> shift) | (u64::from_le_bytes([b'a'; 8]) << (64 - shift));
    }
    match stop_bytes(tail) {
        0 => input.len(),
        stops => i + first_flagged(stops),
    }
}

/// Eight bytes as a little-endian word (the first byte lowest).
#[inline]
fn word(chunk: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(chunk);
    u64::from_le_bytes(bytes)
}

/// The high bit of each byte of `x` that is a quote, a backslash or a control character, with
/// possibly false flags above the first true one (a borrow runs upwards), so only the lowest
/// flag is to be used.
#[inline]
fn stop_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    has_zero_byte(x ^ (ONES * u64::from(b'"')))
        | has_zero_byte(x ^ (ONES * u64::from(b'\\')))
        | (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
}

/// The byte offset of the lowest flag of [`stop_bytes`].
#[inline]
fn first_flagged(stops: u64) -> usize {
    (stops.trailing_zeros() / 8) as usize
}

/// A cursor over one JSON document.
///
/// The document is UTF-8-checked once, up front ([`Reader::from_slice`]) or known to be
/// valid ([`Reader::new`]), so strings are sliced out of it without further checks.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    text: &'a str,
    input: &'a [u8],
    pos: usize,
    depth: u32,
    strict: bool,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            input: text.as_bytes(),
            pos: 0,
            depth: 0,
            strict: false,
        }
    }

    /// The same reader, strict or not about values that do not fit their declared type.
    ///
    /// Not strict (the default), a model keeps such a member's value, as read, in its
    /// [`crate::AdditionalData`] with the reason ([`crate::AdditionalData::off_schema`]) and
    /// reads on; strict, the value fails the read. Malformed JSON is an error either way.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Whether a value that does not fit its declared type fails the read ([`Reader::strict`]).
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// A reader at the start of `input`, which must be UTF-8.
    pub fn from_slice(input: &'a [u8]) -> Result<Self, DecodeError> {
        std::str::from_utf8(input)
            .map(Reader::new)
            .map_err(|e| DecodeError::at(input, e.valid_up_to(), "invalid UTF-8"))
    }

    /// The whole input.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// Byte offset of the cursor.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Where the cursor is, to come back to with [`Reader::rewind`].
    pub(crate) fn mark(&self) -> (usize, u32) {
        (self.pos, self.depth)
    }

    /// Moves the cursor back to a [`Reader::mark`] of the same document.
    pub(crate) fn rewind(&mut self, (pos, depth): (usize, u32)) {
        self.pos = pos;
        self.depth = depth;
    }

    /// An error at the cursor.
    pub fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError::at(self.input, self.pos, message)
    }

    /// An error at byte `offset`.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> DecodeError {
        DecodeError::at(self.input, offset, message)
    }

    /// An error saying the next value is not what the caller expected.
    pub fn type_error(&mut self, expected: &str) -> DecodeError {
        match self.peek_kind() {
            Ok(found) => self.error(format!("expected {expected}, found {}", found.describe())),
            Err(err) => err,
        }
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(&b) = self.input.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    #[inline]
    pub fn peek_byte(&mut self) -> Result<u8, DecodeError> {
        self.skip_whitespace();
        match self.input.get(self.pos) {
            Some(&b) => Ok(b),
            None => Err(self.error("unexpected end of input")),
        }
    }

    /// The kind of the next value.
    pub fn peek_kind(&mut self) -> Result<Kind, DecodeError> {
        Ok(match self.peek_byte()? {
            b'n' => Kind::Null,
            b't' | b'f' => Kind::Bool,
            b'"' => Kind::String,
            b'[' => Kind::Array,
            b'{' => Kind::Object,
            b'-' | b'0'..=b'9' => Kind::Number,
            other => return Err(self.error(format!("unexpected character {:?}", other as char))),
        })
    }

    fn expect_literal(&mut self, literal: &[u8]) -> Result<(), DecodeError> {
        if self.input[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(self.error(format!(
                "invalid literal, expected `{}`",
                String::from_utf8_lossy(literal)
            )))
        }
    }

    /// Consumes `null` if it is next and says whether it was.
    #[inline]
    pub fn read_null(&mut self) -> Result<bool, DecodeError> {
        if self.peek_byte()? == b'n' {
            self.expect_literal(b"null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.peek_byte()? {
            b't' => self.expect_literal(b"true").map(|()| true),
            b'f' => self.expect_literal(b"false").map(|()| false),
            _ => Err(self.type_error("a boolean")),
        }
    }

    /// Reads a string, borrowing it from the input when it has no escapes.
    #[inline]
    pub fn read_str(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if self.peek_byte()? != b'"' {
            return Err(self.type_error("a string"));
        }
        self.read_str_after_check()
    }

    fn read_str_after_check(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        let start = self.pos + 1;
        let input = self.input;
        let i = scan_string(input, start);
        match input.get(i) {
            Some(b'"') => {
                let text = self.slice(start, i)?;
                self.pos = i + 1;
                Ok(Cow::Borrowed(text))
            }
            Some(b'\\') => {
                let mut owned = Vec::with_capacity(i - start + 16);
                owned.extend_from_slice(&input[start..i]);
                self.pos = i;
                self.read_escaped_rest(owned).map(Cow::Owned)
            }
            Some(_) => Err(self.error_at(i, "control character in string")),
            None => Err(self.error_at(input.len(), "unterminated string")),
        }
    }

    /// The text between two ASCII delimiters (so on character boundaries).
    fn slice(&self, start: usize, end: usize) -> Result<&'a str, DecodeError> {
        self.text
            .get(start..end)
            .ok_or_else(|| self.error_at(start, "invalid UTF-8"))
    }

    /// Continues a string at a backslash, decoding escapes into `owned`.
    fn read_escaped_rest(&mut self, mut owned: Vec<u8>) -> Result<String, DecodeError> {
        let input = self.input;
        loop {
            match input.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return String::from_utf8(owned)
                        .map_err(|_| self.error("invalid UTF-8 in string"));
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    let Some(&code) = input.get(self.pos + 1) else {
                        return Err(self.error_at(input.len(), "unterminated string"));
                    };
                    self.pos += 2;
                    match code {
                        b'"' => owned.push(b'"'),
                        b'\\' => owned.push(b'\\'),
                        b'/' => owned.push(b'/'),
                        b'b' => owned.push(0x08),
                        b'f' => owned.push(0x0c),
                        b'n' => owned.push(b'\n'),
                        b'r' => owned.push(b'\r'),
                        b't' => owned.push(b'\t'),
                        b'u' => {
                            let c = self.read_unicode_escape(escape_at)?;
                            let mut buf = [0u8; 4];
                            owned.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => return Err(self.error_at(escape_at, "invalid escape in string")),
                    }
                }
                Some(&b) if b < 0x20 => return Err(self.error("control character in string")),
                Some(&b) => {
                    owned.push(b);
                    self.pos += 1;
                }
                None => return Err(self.error_at(input.len(), "unterminated string")),
            }
        }
    }

    fn read_hex4(&mut self, escape_at: usize) -> Result<u32, DecodeError> {
        let digits = self
            .input
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error_at(escape_at, "invalid \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }

    fn read_unicode_escape(&mut self, escape_at: usize) -> Result<char, DecodeError> {
        let first = self.read_hex4(escape_at)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.input[self.pos..].starts_with(b"\\u") {
                return Err(self.error_at(escape_at, "unpaired surrogate in \\u escape"));
            }
            self.pos += 2;
            let second = self.read_hex4(escape_at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error_at(escape_at, "unpaired surrogate in \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(escape_at, "unpaired surrogate in \\u escape"))
    }

    /// Reads a number and returns its text, checked against the JSON grammar.
    pub fn read_number_text(&mut self) -> Result<&'a str, DecodeError> {
        let b = self.peek_byte()?;
        if b != b'-' && !b.is_ascii_digit() {
            return Err(self.type_error("a number"));
        }
        let start = self.pos;
        let input = self.input;
        let mut i = start;
        if input[i] == b'-' {
            i += 1;
        }
        let digits = |mut i: usize| {
            while i < input.len() && input[i].is_ascii_digit() {
                i += 1;
            }
            i
        };
        match input.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(i),
            _ => return Err(self.error_at(i, "invalid number")),
        }
        if input.get(i) == Some(&b'.') {
            let end = digits(i + 1);
            if end == i + 1 {
                return Err(self.error_at(end, "invalid number: digits expected after `.`"));
            }
            i = end;
        }
        if matches!(input.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(input.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(i);
            if end == i {
                return Err(self.error_at(end, "invalid number: digits expected in exponent"));
            }
            i = end;
        }
        self.pos = i;
        self.slice(start, i)
    }

    /// Reads an integer that fits in `i64`.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        let start = self.peek_position()?;
        let text = self.read_number_text()?;
        text.parse().map_err(|_| {
            self.error_at(
                start,
                format!("expected an integer in i64 range, found {text}"),
            )
        })
    }

    /// Reads a non-negative integer that fits in `u64`.
    pub fn read_u64(&mut self) -> Result<u64, DecodeError> {
        let start = self.peek_position()?;
        let text = self.read_number_text()?;
        text.parse().map_err(|_| {
            self.error_at(
                start,
                format!("expected an integer in u64 range, found {text}"),
            )
        })
    }

    /// Reads a number as `f64` (nearest value).
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        let start = self.peek_position()?;
        let text = self.read_number_text()?;
        text.parse()
            .map_err(|_| self.error_at(start, format!("invalid number {text}")))
    }

    /// Skips whitespace and returns the position of the next value.
    pub fn peek_position(&mut self) -> Result<usize, DecodeError> {
        self.peek_byte()?;
        Ok(self.pos)
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Consumes the `{` of an object. Follow with [`Reader::next_key`] until it returns `None`.
    #[inline]
    pub fn begin_object(&mut self) -> Result<(), DecodeError> {
        if self.peek_byte()? != b'{' {
            return Err(self.type_error("an object"));
        }
        self.enter()
    }

    /// Reads the next member's key and its `:`, or consumes the closing `}` and returns `None`.
    /// `first` tells whether no member has been read yet in this object.
    #[inline]
    pub fn next_key(&mut self, first: bool) -> Result<Option<Cow<'a, str>>, DecodeError> {
        let mut b = self.peek_byte()?;
        if b == b'}' {
            self.pos += 1;
            self.depth -= 1;
            return Ok(None);
        }
        if !first {
            if b != b',' {
                return Err(self.error("expected `,` or `}` after an object member"));
            }
            self.pos += 1;
            b = self.peek_byte()?;
        }
        if b != b'"' {
            return Err(self.error("expected a string key"));
        }
        let key = self.read_str_after_check()?;
        if self.peek_byte()? != b':' {
            return Err(self.error("expected `:` after an object key"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Consumes the `[` of an array. Follow with [`Reader::next_element`] until it returns false.
    #[inline]
    pub fn begin_array(&mut self) -> Result<(), DecodeError> {
        if self.peek_byte()? != b'[' {
            return Err(self.type_error("an array"));
        }
        self.enter()
    }

    /// Positions the cursor on the next element and returns true, or consumes the closing `]`
    /// and returns false. `first` tells whether no element has been read yet.
    #[inline]
    pub fn next_element(&mut self, first: bool) -> Result<bool, DecodeError> {
        let b = self.peek_byte()?;
        if b == b']' {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        if !first {
            if b != b',' {
                return Err(self.error("expected `,` or `]` after an array element"));
            }
            self.pos += 1;
            self.peek_byte()?;
        }
        Ok(true)
    }

    /// Reads past the next value, checking that it is well-formed JSON.
    pub fn skip_value(&mut self) -> Result<(), DecodeError> {
        match self.peek_kind()? {
            Kind::Null => self.expect_literal(b"null"),
            Kind::Bool => self.read_bool().map(drop),
            Kind::Number => self.read_number_text().map(drop),
            Kind::String => self.skip_string(),
            Kind::Array => {
                self.begin_array()?;
                let mut index = 0;
                while self.next_element(index == 0)? {
                    self.skip_value().map_err(|e| e.in_element(index))?;
                    index += 1;
                }
                Ok(())
            }
            Kind::Object => {
                self.begin_object()?;
                let mut first = true;
                while let Some(key) = self.next_key(first)? {
                    first = false;
                    self.skip_value().map_err(|e| e.in_member(&key))?;
                }
                Ok(())
            }
        }
    }

    /// Skips a string without decoding it (escapes are still checked).
    fn skip_string(&mut self) -> Result<(), DecodeError> {
        let start = self.pos + 1;
        let input = self.input;
        let i = scan_string(input, start);
        if input.get(i) == Some(&b'"') {
            self.pos = i + 1;
            Ok(())
        } else {
            self.read_str_after_check().map(drop)
        }
    }

    /// Reads past the next value and returns its exact text (without surrounding whitespace).
    pub fn raw_value(&mut self) -> Result<&'a str, DecodeError> {
        let start = self.peek_position()?;
        self.skip_value()?;
        self.slice(start, self.pos)
    }

    /// Looks ahead, without moving the cursor, for the string value of member `name` of the
    /// object that comes next. Returns `None` if the next value is not an object, the member
    /// is absent, or its value is not a string.
    pub fn peek_member_str(&self, name: &str) -> Result<Option<Cow<'a, str>>, DecodeError> {
        let mut ahead = self.clone();
        if ahead.peek_byte()? != b'{' {
            return Ok(None);
        }
        ahead.begin_object()?;
        let mut first = true;
        while let Some(key) = ahead.next_key(first)? {
            first = false;
            if key == name && ahead.peek_byte()? == b'"' {
                return ahead.read_str_after_check().map(Some);
            }
            ahead.skip_value()?;
        }
        Ok(None)
    }

    /// Like [`Reader::peek_member_str`], but looks only at the object's first member
    /// (constant time).
    pub fn peek_first_member_str(&self, name: &str) -> Result<Option<Cow<'a, str>>, DecodeError> {
        let mut ahead = self.clone();
        if ahead.peek_byte()? != b'{' {
            return Ok(None);
        }
        ahead.begin_object()?;
        match ahead.next_key(true)? {
            Some(key) if key == name && ahead.peek_byte()? == b'"' => {
                ahead.read_str_after_check().map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Checks that only whitespace is left.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        self.skip_whitespace();
        if self.pos < self.input.len() {
            Err(self.error("trailing characters after the JSON value"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{scan_string, STRING_STOP};

    fn scan_naive(input: &[u8], start: usize) -> usize {
        (start..input.len())
            .find(|&i| STRING_STOP[input[i] as usize])
            .unwrap_or(input.len())
    }

    #[test]
    fn scan_finds_the_first_stop_byte_from_every_start_at_every_length() {
        // Stop bytes, their neighbours, and bytes of multi-byte UTF-8 characters.
        let fillers = [b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xc3, 0xff];
        let stops = [b'"', b'\\', 0x00, 0x1f, b'\n'];
        for len in 0..24 {
            for filler in fillers {
                let mut input = vec![filler; len];
                for start in 0..=len {
                    assert_eq!(scan_string(&input, start), len, "{input:?} from {start}");
                }
                for stop in stops {
                    for first in 0..len {
                        for second in [None, Some(first + 1), Some(len - 1)] {
                            input.fill(filler);
                            input[first] = stop;
                            if let Some(second) = second.filter(|&s| s < len) {
                                input[second] = stop;
                            }
                            for start in 0..=len {
                                assert_eq!(
                                    scan_string(&input, start),
                                    scan_naive(&input, start),
                                    "{input:?} from {start}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
