//! Edm.Binary and Edm.Stream.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;

/// Written without padding, as OData JSON writes binary; read with or without it.
const CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const BASE64URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, CONFIG);
const BASE64: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, CONFIG);

/// Decodes base64 in either alphabet (standard `+/` or URL-safe `-_`), padding optional.
fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let engine = if text.contains(['+', '/']) {
        &BASE64
    } else {
        &BASE64URL
    };
    engine.decode(text).map_err(|error| error.to_string())
}

/// Encodes base64url (RFC 4648 section 5) without padding, as OData JSON specifies.
fn encode_base64url(bytes: &[u8]) -> String {
    BASE64URL.encode(bytes)
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
        assert_eq!(decode_base64("-_8").unwrap(), b"\xfb\xff");
        assert!(decode_base64("a*b").unwrap_err().contains("symbol"));
    }
}
