//! Edm.Guid.

use std::fmt;

/// A GUID (`8-4-4-4-12` hex digits), written in lower case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Guid([u8; 16]);

impl Guid {
    /// The GUID with these 16 bytes (in text order).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Guid(bytes)
    }

    /// The 16 bytes, in text order.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (either case).
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text).map_err(|reason| super::ParseError::new("Edm.Guid", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        let invalid = || "expected 8-4-4-4-12 hexadecimal digits".to_owned();
        let bytes = text.as_bytes();
        if bytes.len() != 36 || [8, 13, 18, 23].iter().any(|&i| bytes[i] != b'-') {
            return Err(invalid());
        }
        let mut hex = bytes.iter().filter(|&&b| b != b'-');
        let mut out = [0u8; 16];
        for byte in &mut out {
            let (Some(&high), Some(&low)) = (hex.next(), hex.next()) else {
                return Err(invalid());
            };
            let nibble = |c: u8| (c as char).to_digit(16);
            match (nibble(high), nibble(low)) {
                // Each nibble is below 16.
                (Some(h), Some(l)) => *byte = (h * 16 + l) as u8,
                _ => return Err(invalid()),
            }
        }
        Ok(Guid(out))
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}
