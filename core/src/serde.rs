//! The door to serde (feature `serde`): generated models, enums and `Any` enums implement
//! `Serialize` and `Deserialize`, so they go into a user's `#[derive(Serialize, Deserialize)]`
//! struct, through axum's `Json`, reqwest's `.json(..)` or `serde_json::to_value`.
//!
//! Each impl is one short body that hands the value to graph-core's own reader and writer
//! (see [`crate::json`]), so it is as lossless as they are: unknown members, `@odata.*`
//! annotations and explicit `null`s come back out as they went in. The value crosses serde as
//! JSON text ([`serde_json::value::RawValue`]): any serde_json serializer or deserializer
//! (`to_string`, `to_vec`, `to_value`, `from_slice`, `from_reader`, `from_value`) carries it
//! unchanged. Other formats are not JSON and are not supported.
//!
//! For a type graph-core implements [`FromJson`] and [`ToJson`] for but serde does not know
//! (a [`crate::Property`], a `Vec` of models), name this module in a field attribute:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Saved {
//!     #[serde(with = "graph_core::serde")]
//!     subject: graph_core::Property<String>,
//! }
//! let saved: Saved = serde_json::from_str(r#"{"subject":null}"#).unwrap();
//! assert_eq!(saved.subject, graph_core::Property::Null);
//! # }
//! ```

use ::serde::de::Error as _;
use ::serde::ser::Error as _;
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::json::{FromJson, ToJson};

#[doc(hidden)]
pub use ::serde as __serde;

/// Writes `value` with graph-core's writer and hands the JSON to `serializer`.
pub fn serialize<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: ToJson + ?Sized,
    S: Serializer,
{
    match RawValue::from_string(crate::json::to_string(value)) {
        Ok(raw) => raw.serialize(serializer),
        Err(error) => Err(S::Error::custom(error)),
    }
}

/// Takes the JSON of one value from `deserializer` and reads it with graph-core's reader.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: FromJson,
    D: Deserializer<'de>,
{
    let raw = <Box<RawValue>>::deserialize(deserializer)?;
    crate::json::from_str(raw.get()).map_err(D::Error::custom)
}
