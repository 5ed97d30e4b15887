//! Byte offsets to line and column, cheaply, for readers that move forward through the text.

use super::Position;

/// Converts byte offsets to positions: one vectorised pass finds every line start, then each
/// lookup moves a cursor forward (binary search when going back) and counts the characters
/// between the line start and the offset.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    cursor: usize,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 48 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|nl| nl + 1));
        LineIndex {
            text,
            line_starts,
            cursor: 0,
        }
    }

    /// One-off conversion for text that may not be UTF-8 (the invalid UTF-8 error itself).
    pub(crate) fn position_of(bytes: &[u8], offset: usize) -> Position {
        let before = &bytes[..offset.min(bytes.len())];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |nl| nl + 1);
        let newlines = memchr::memchr_iter(b'\n', before).count();
        let column = before[line_start..]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count();
        Position {
            line: saturate(newlines + 1),
            column: saturate(column + 1),
        }
    }

    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if self.line_starts[self.cursor] > offset {
            self.cursor = self.line_starts.partition_point(|s| *s <= offset) - 1;
        }
        while self
            .line_starts
            .get(self.cursor + 1)
            .is_some_and(|s| *s <= offset)
        {
            self.cursor += 1;
        }
        let start = self.line_starts[self.cursor];
        let column = match self.text.get(start..offset) {
            Some(prefix) => prefix.chars().count(),
            // An offset inside a character (only in error positions): count whole ones.
            None => self.text.as_bytes()[start..offset]
                .iter()
                .filter(|b| (**b & 0xC0) != 0x80)
                .count(),
        };
        Position {
            line: saturate(self.cursor + 1),
            column: saturate(column + 1),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_in_characters() {
        let text = "ab\ncé<x\n\n  y";
        let mut index = LineIndex::new(text);
        assert_eq!(index.at(0), Position { line: 1, column: 1 });
        assert_eq!(index.at(1), Position { line: 1, column: 2 });
        let lt = text.find('<').unwrap();
        assert_eq!(index.at(lt), Position { line: 2, column: 3 });
        let y = text.len() - 1;
        assert_eq!(index.at(y), Position { line: 4, column: 3 });
        // Backwards works too.
        assert_eq!(index.at(3), Position { line: 2, column: 1 });
        assert_eq!(
            LineIndex::position_of(text.as_bytes(), lt),
            Position { line: 2, column: 3 }
        );
    }
}
