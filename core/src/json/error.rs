//! [`DecodeError`]: what went wrong, where (JSON pointer, line, column) and an excerpt.

use std::fmt;

/// How many bytes of input to show on each side of the failure in [`DecodeError::excerpt`].
const EXCERPT_RADIUS: usize = 24;

/// A JSON document could not be read into the requested type.
///
/// Carries the JSON pointer of the value that failed (`/participants/attendees/0/role`),
/// the 1-based line and column, and a short excerpt of the input around the failure.
/// The path is collected while the error travels up (no cost when reading succeeds).
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    message: String,
    /// Path segments, innermost first (pushed while unwinding).
    reversed_path: Vec<String>,
    offset: usize,
    line: usize,
    column: usize,
    excerpt: String,
}

impl DecodeError {
    /// An error at byte `offset` of `input`, computing line, column and excerpt.
    pub fn at(input: &[u8], offset: usize, message: impl Into<String>) -> Self {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&input[line_start..offset])
            .chars()
            .count()
            + 1;
        let start = offset.saturating_sub(EXCERPT_RADIUS);
        let end = (offset + EXCERPT_RADIUS).min(input.len());
        let excerpt = String::from_utf8_lossy(&input[start..end])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        DecodeError(Box::new(Inner {
            message: message.into(),
            reversed_path: Vec::new(),
            offset,
            line,
            column,
            excerpt,
        }))
    }

    /// Records that the failure happened inside member `key` of an object.
    #[must_use]
    pub fn in_member(mut self, key: &str) -> Self {
        self.0.reversed_path.push(key.to_owned());
        self
    }

    /// Records that the failure happened inside element `index` of an array.
    #[must_use]
    pub fn in_element(mut self, index: usize) -> Self {
        self.0.reversed_path.push(index.to_string());
        self
    }

    /// What went wrong, e.g. `expected a string, found a number`.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The RFC 6901 JSON pointer of the failing value (`""` for the whole document).
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in self.0.reversed_path.iter().rev() {
            pointer.push('/');
            pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        }
        pointer
    }

    /// Byte offset of the failure in the input.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// 1-based line of the failure.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column (in characters) of the failure.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// Up to 24 bytes of input on each side of the failure, control characters blanked.
    pub fn excerpt(&self) -> &str {
        &self.0.excerpt
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = self.pointer();
        write!(
            f,
            "{} at {} (line {}, column {}) near `{}`",
            self.0.message,
            if pointer.is_empty() { "/" } else { &pointer },
            self.0.line,
            self.0.column,
            self.0.excerpt
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("message", &self.0.message)
            .field("pointer", &self.pointer())
            .field("line", &self.0.line)
            .field("column", &self.0.column)
            .field("excerpt", &self.0.excerpt)
            .finish()
    }
}

impl std::error::Error for DecodeError {}
