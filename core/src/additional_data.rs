//! [`AdditionalData`]: members a model does not know, and `@odata.*` annotations, kept as
//! raw JSON text in the order read.
//!
//! Keys and values share one `String` buffer plus a list of offsets, so keeping any number of
//! unknown members costs two allocations per object rather than two per member. Values stay
//! raw text: nothing is parsed unless asked for ([`AdditionalData::get_as`]).

use std::borrow::Cow;
use std::fmt;

use crate::json::{self, DecodeError, FromJson, ToJson};

/// One member: `text[key_start..value_start]` is the key, `text[value_start..value_end]` the
/// raw JSON value.
#[derive(Clone, Copy, Debug)]
struct Entry {
    key_start: usize,
    value_start: usize,
    value_end: usize,
}

/// Unknown members and annotations of a JSON object, in the order read.
#[derive(Clone, Default)]
pub struct AdditionalData {
    text: String,
    entries: Vec<Entry>,
}

impl AdditionalData {
    /// No members.
    pub fn new() -> Self {
        AdditionalData::default()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn key_of(&self, entry: Entry) -> &str {
        &self.text[entry.key_start..entry.value_start]
    }

    fn value_of(&self, entry: Entry) -> &str {
        &self.text[entry.value_start..entry.value_end]
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|&e| self.key_of(e) == key)
    }

    /// The raw JSON text of member `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.position(key).map(|i| self.value_of(self.entries[i]))
    }

    /// Member `key` read as `T`; `None` when absent.
    pub fn get_as<T: FromJson>(&self, key: &str) -> Option<Result<T, DecodeError>> {
        self.get(key).map(json::from_str)
    }

    /// Members as (key, raw JSON text), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.entries
            .iter()
            .map(|&e| (self.key_of(e), self.value_of(e)))
    }

    /// Appends a member whose value is already-checked raw JSON (used by the model reader).
    /// A later member with the same key replaces the earlier one's value, as in JSON objects.
    pub(crate) fn push_raw(&mut self, key: &str, raw: &str) {
        let key_start = self.text.len();
        self.text.push_str(key);
        let value_start = self.text.len();
        self.text.push_str(raw);
        let entry = Entry {
            key_start,
            value_start,
            value_end: self.text.len(),
        };
        match self.position(key) {
            Some(i) => self.entries[i] = entry,
            None => self.entries.push(entry),
        }
    }

    /// Sets member `key` to `value` (written as JSON), replacing any earlier value in place.
    pub fn insert<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.push_raw(key, &json::to_string(value));
    }

    /// Sets member `key` to raw JSON text, after checking that it is one well-formed value.
    pub fn insert_raw(&mut self, key: &str, raw: &str) -> Result<(), DecodeError> {
        let mut reader = json::Reader::new(raw.as_bytes());
        let value = reader.raw_value()?;
        reader.finish()?;
        self.push_raw(key, value);
        Ok(())
    }

    /// Removes member `key` and returns its raw JSON text.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let i = self.position(key)?;
        let entry = self.entries.remove(i);
        let value = self.value_of(entry).to_owned();
        if self.entries.is_empty() {
            self.text.clear();
        }
        Some(value)
    }

    /// The instance annotation `@name` (e.g. `annotation("odata.context")`), as raw JSON.
    pub fn annotation(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.strip_prefix('@') == Some(name))
            .map(|(_, raw)| raw)
    }

    /// The annotation `property@name` of a property (e.g. `("attendeeReport",
    /// "odata.mediaReadLink")`), as raw JSON.
    pub fn property_annotation(&self, property: &str, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| {
                key.split_once('@')
                    .is_some_and(|(p, n)| p == property && n == name)
            })
            .map(|(_, raw)| raw)
    }

    /// The `@odata.type` annotation's string, e.g. `#microsoft.graph.onlineMeeting`.
    pub fn odata_type(&self) -> Option<Cow<'_, str>> {
        let raw = self.get("@odata.type")?;
        json::Reader::new(raw.as_bytes()).read_str().ok()
    }
}

/// Equal when the same members are in the same order with the same raw text.
impl PartialEq for AdditionalData {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for AdditionalData {}

impl fmt::Debug for AdditionalData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
