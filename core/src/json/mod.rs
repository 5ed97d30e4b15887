//! The JSON reader and writer that models are (de)serialised with.
//!
//! Why not serde: a serde derive per struct is ~95% of the compile time of all of Graph, and
//! `#[serde(flatten)]` (the usual way to keep unknown members) costs ~40% at run time. Here a
//! model only maps wire names to fields (see [`crate::model`]); the work is done by this
//! module's generic code, instantiated once per *field type*:
//! - [`Reader`] pulls values from `&[u8]`, borrows keys, and hands out unknown members as raw
//!   text, so keeping them costs a copy, not a `serde_json::Value` tree;
//! - [`Writer`] appends compact JSON to a `String`;
//! - [`FromJson`] / [`ToJson`] are implemented for models, enums, Edm types, `Vec<T>`,
//!   `Box<T>`, `Option<T>` and [`crate::Property`].
//!
//! Errors ([`DecodeError`]) carry the JSON pointer of the failing value, line, column and an
//! excerpt; nesting deeper than [`MAX_DEPTH`] is an error. Wrong JSON types are errors (or,
//! inside a model, kept: see below), never panics.
//!
//! A member of a model whose value does not fit its declared type (Graph sends
//! `"birthday": "1974-07-22"` where it declares `Edm.DateTimeOffset`) does not fail the read:
//! the model keeps the value, unchanged, in its [`crate::AdditionalData`], with the error that
//! says why ([`crate::AdditionalData::off_schema`]), and writes it back as it came. The
//! `_strict` readers ([`from_slice_strict`], [`Reader::strict`]) fail instead.

mod error;
mod impls;
mod reader;
mod writer;

pub use error::DecodeError;
pub use reader::{Kind, Reader, MAX_DEPTH};
pub use writer::Writer;

/// A type that can be read from JSON.
pub trait FromJson: Sized {
    /// Reads one value at the reader's cursor.
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

/// A type that can be written as JSON.
pub trait ToJson {
    /// Writes the value (as an array element, a member value after its key, or a document).
    fn to_json(&self, writer: &mut Writer);

    /// True when the value must be left out of its object altogether
    /// ([`crate::Property::Absent`]); plain values are always written.
    fn is_absent(&self) -> bool {
        false
    }
}

/// Reads a whole document (only whitespace may follow the value), keeping values that do not
/// fit their declared type in their model's additional data.
pub fn from_slice<T: FromJson>(input: &[u8]) -> Result<T, DecodeError> {
    read_document(Reader::from_slice(input)?)
}

/// Reads a whole document from a string, as [`from_slice`] does.
pub fn from_str<T: FromJson>(input: &str) -> Result<T, DecodeError> {
    read_document(Reader::new(input))
}

/// Reads a whole document; a value that does not fit its declared type is an error.
pub fn from_slice_strict<T: FromJson>(input: &[u8]) -> Result<T, DecodeError> {
    read_document(Reader::from_slice(input)?.strict(true))
}

/// Reads a whole document from a string, as [`from_slice_strict`] does.
pub fn from_str_strict<T: FromJson>(input: &str) -> Result<T, DecodeError> {
    read_document(Reader::new(input).strict(true))
}

fn read_document<T: FromJson>(mut reader: Reader<'_>) -> Result<T, DecodeError> {
    let value = T::from_json(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Writes a value as compact JSON bytes.
pub fn to_vec<T: ToJson + ?Sized>(value: &T) -> Vec<u8> {
    let mut writer = Writer::with_capacity(1024);
    value.to_json(&mut writer);
    writer.into_bytes()
}

/// Writes a value as a compact JSON string.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut writer = Writer::with_capacity(1024);
    value.to_json(&mut writer);
    writer.into_string()
}
