//! Edm primitive types and their JSON forms.
//!
//! | Edm | Rust |
//! |---|---|
//! | Boolean, Byte, SByte, Int16, Int32 | `bool`, `u8`, `i8`, `i16`, `i32` |
//! | Int64 | `i64` (JSON number, or string per `IEEE754Compatible`) |
//! | Single, Double | `f32`, `f64` (and `"INF"`, `"-INF"`, `"NaN"`) |
//! | Decimal | [`Decimal`] (exact text) |
//! | String | `String` |
//! | Guid, Binary, Stream | [`Guid`], [`Binary`], [`Stream`] |
//! | Date, TimeOfDay, Duration, DateTimeOffset | [`Date`], [`TimeOfDay`], [`Duration`], [`DateTimeOffset`] |
//! | Untyped | [`Untyped`] (`serde_json::Value`) |
//!
//! Text forms are parsed strictly enough to catch garbage and leniently where Graph is
//! (lower-case `t`/`z`, any number of fractional digits); a value that does not parse is a
//! [`crate::json::DecodeError`] pointing at it.

mod binary;
mod datetime;
mod duration;
mod guid;

use std::fmt;
use std::str::FromStr;

pub use binary::{Binary, Stream};
pub use datetime::{Date, DateTimeOffset, TimeOfDay};
pub use duration::Duration;
pub use guid::Guid;

use crate::json::{DecodeError, FromJson, Reader, ToJson, Writer};

/// A text that is not the form of its Edm type: which type, the text (cut at 100
/// characters) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    ty: &'static str,
    text: String,
    reason: String,
}

impl ParseError {
    fn new(ty: &'static str, text: &str, reason: String) -> Self {
        Self {
            ty,
            text: text.chars().take(100).collect(),
            reason,
        }
    }

    /// The Edm type the text was read as (`Edm.Date`).
    pub fn edm_type(&self) -> &'static str {
        self.ty
    }

    /// Why the text is not of that type.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: {}", self.ty, self.text, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// `"2026-12-04".parse::<Date>()` and the like, with the type's [`ParseError`].
macro_rules! from_str {
    ($($ty:ty),* $(,)?) => {$(
        impl FromStr for $ty {
            type Err = ParseError;

            fn from_str(text: &str) -> Result<Self, ParseError> {
                <$ty>::parse(text)
            }
        }
    )*};
}

from_str!(
    Date,
    TimeOfDay,
    DateTimeOffset,
    Duration,
    Guid,
    Binary,
    Decimal
);

/// Edm.Untyped: any JSON value.
pub type Untyped = serde_json::Value;

/// Edm.Decimal: a decimal number kept as its exact text (no rounding through `f64`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// A decimal from text in JSON number syntax (`-12.50`, `1e3`).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Self::parse_reason(text).map_err(|reason| ParseError::new("Edm.Decimal", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    fn parse_reason(text: &str) -> Result<Self, String> {
        let mut reader = Reader::new(text);
        let valid = reader.read_number_text().is_ok() && reader.finish().is_ok();
        if valid {
            Ok(Decimal(text.to_owned()))
        } else {
            Err("expected a number in JSON syntax".to_owned())
        }
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Edm.Decimal: a JSON number, or a string holding one (`IEEE754Compatible=true`).
impl FromJson for Decimal {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if reader.peek_byte()? == b'"' {
            return read_text(reader, "a decimal", Decimal::parse_reason);
        }
        reader
            .read_number_text()
            .map(|text| Decimal(text.to_owned()))
    }
}

impl ToJson for Decimal {
    fn to_json(&self, writer: &mut Writer) {
        writer.raw(&self.0);
    }
}

/// Reads a JSON string and parses it, reporting a failure at the string's position.
fn read_text<T>(
    reader: &mut Reader<'_>,
    what: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, DecodeError> {
    let start = reader.peek_position()?;
    if reader.peek_byte()? != b'"' {
        return Err(reader.type_error(&format!("{what} (a string)")));
    }
    let text = reader.read_str()?;
    parse(&text).map_err(|why| reader.error_at(start, format!("invalid {what} {text:?}: {why}")))
}

/// JSON strings parsed with `parse` and written with `Display`.
macro_rules! text_json {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl FromJson for $ty {
            fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                read_text(reader, $what, <$ty>::parse_reason)
            }
        }

        impl ToJson for $ty {
            fn to_json(&self, writer: &mut Writer) {
                writer.string(&self.to_string());
            }
        }
    )*};
}

text_json!(
    Date => "Edm.Date",
    TimeOfDay => "Edm.TimeOfDay",
    Duration => "Edm.Duration",
    Guid => "Edm.Guid",
    Binary => "Edm.Binary",
);

impl FromJson for DateTimeOffset {
    #[inline]
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        read_text(reader, "Edm.DateTimeOffset", DateTimeOffset::parse_reason)
    }
}

impl ToJson for DateTimeOffset {
    #[inline]
    fn to_json(&self, writer: &mut Writer) {
        let mut buf = [0u8; datetime::FORMATTED_MAX];
        let len = self.format_into(&mut buf, true);
        // The text is ASCII digits and punctuation: no escaping needed.
        if let Ok(text) = std::str::from_utf8(&buf[..len]) {
            writer.raw(text);
        }
    }
}

impl FromJson for Stream {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.raw_value().map(Stream::from_raw)
    }
}

impl ToJson for Stream {
    fn to_json(&self, writer: &mut Writer) {
        writer.raw(self.raw_json());
    }
}
