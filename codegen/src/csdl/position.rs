//! Byte offsets to line and column, cheaply, for readers that move forward through the text.

use super::Position;

/// Converts byte offsets to positions. Offsets asked for in increasing order cost only the
/// bytes between them, so a whole read stays linear; going backwards restarts from the top.
pub(crate) struct LineIndex<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
    column: u32,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        LineIndex {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// One-off conversion, for error paths.
    pub(crate) fn position_of(text: &[u8], offset: usize) -> Position {
        LineIndex::new(text).at(offset)
    }

    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = LineIndex::new(self.text);
        }
        let span = &self.text[self.offset..offset];
        match memchr::memrchr(b'\n', span) {
            Some(last_newline) => {
                let newlines = memchr::memchr_iter(b'\n', span).count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.column = 1 + count_chars(&span[last_newline + 1..]);
            }
            None => self.column = self.column.saturating_add(count_chars(span)),
        }
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a multi-byte sequence.
fn count_chars(bytes: &[u8]) -> u32 {
    let count = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_in_characters() {
        let text = "ab\ncé<x\n\n  y".as_bytes();
        let mut index = LineIndex::new(text);
        assert_eq!(index.at(0), Position { line: 1, column: 1 });
        assert_eq!(index.at(1), Position { line: 1, column: 2 });
        let lt = text.iter().position(|b| *b == b'<').unwrap();
        assert_eq!(index.at(lt), Position { line: 2, column: 3 });
        let y = text.len() - 1;
        assert_eq!(index.at(y), Position { line: 4, column: 3 });
        // Backwards restarts correctly.
        assert_eq!(index.at(3), Position { line: 2, column: 1 });
    }
}
