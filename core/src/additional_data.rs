//! [`AdditionalData`]: members a model does not know, and `@odata.*` annotations, kept as
//! raw JSON text in the order read.
//!
//! Keys and values share one `String` buffer plus a list of offsets, so keeping any number of
//! unknown members costs three allocations per object rather than two per member, and an
//! object without any costs nothing and takes one pointer (most objects have none, and
//! smaller models move faster). Values stay raw text: nothing is parsed unless asked for
//! ([`AdditionalData::get_as`]).
//!
//! A member the model declares, whose value did not fit the declared type, is kept here too,
//! with the error that says why ([`AdditionalData::off_schema`]): see [`crate::json`].

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
pub struct AdditionalData(Option<Box<Members>>);

#[derive(Clone, Default)]
struct Members {
    text: String,
    entries: Vec<Entry>,
    /// The keys of members that are declared fields whose value did not fit, with why.
    off_schema: Vec<(String, DecodeError)>,
}

/// No members: what an empty `AdditionalData` reads as.
static EMPTY: Members = Members {
    text: String::new(),
    entries: Vec::new(),
    off_schema: Vec::new(),
};

/// A member of a declared field whose value did not fit the field's type, kept as it came.
#[derive(Clone, Copy, Debug)]
pub struct OffSchemaValue<'a> {
    /// The member's key: the field's wire name.
    pub key: &'a str,
    /// The value, as raw JSON text.
    pub raw: &'a str,
    /// Why it did not fit; its pointer is relative to the object that holds the member.
    pub error: &'a DecodeError,
}

impl AdditionalData {
    /// No members.
    pub fn new() -> Self {
        AdditionalData::default()
    }

    fn members(&self) -> &Members {
        self.0.as_deref().unwrap_or(&EMPTY)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members().entries.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The raw JSON text of member `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let members = self.members();
        members
            .position(key)
            .map(|i| members.value_of(members.entries[i]))
    }

    /// Member `key` read as `T`; `None` when absent.
    pub fn get_as<T: FromJson>(&self, key: &str) -> Option<Result<T, DecodeError>> {
        self.get(key).map(json::from_str)
    }

    /// Members as (key, raw JSON text), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let members = self.members();
        members
            .entries
            .iter()
            .map(|&e| (members.key_of(e), members.value_of(e)))
    }

    /// The members of declared fields whose value did not fit the field's type, in the order
    /// read. The field itself is left absent; the value is written back as it came unless the
    /// field is given a value.
    pub fn off_schema(&self) -> impl Iterator<Item = OffSchemaValue<'_>> + '_ {
        let members = self.members();
        members.off_schema.iter().filter_map(move |(key, error)| {
            let raw = members.value_of(members.entries[members.position(key)?]);
            Some(OffSchemaValue { key, raw, error })
        })
    }

    /// Whether any member holds a declared field's value that did not fit its type.
    pub(crate) fn has_off_schema(&self) -> bool {
        !self.members().off_schema.is_empty()
    }

    /// Whether member `key` holds a declared field's value that did not fit its type.
    pub(crate) fn is_off_schema(&self, key: &str) -> bool {
        self.members().off_schema.iter().any(|(k, _)| k == key)
    }

    /// Keeps a declared field's value that did not fit its type, with why (used by the model
    /// reader).
    pub(crate) fn push_off_schema(&mut self, key: &str, raw: &str, error: DecodeError) {
        self.push_raw(key, raw);
        if let Some(members) = self.0.as_mut() {
            members.off_schema.push((key.to_owned(), error));
        }
    }

    /// Appends a member whose value is already-checked raw JSON (used by the model reader).
    /// A later member with the same key replaces the earlier one's value, as in JSON objects.
    pub(crate) fn push_raw(&mut self, key: &str, raw: &str) {
        let members = self.0.get_or_insert_with(Box::default);
        members.off_schema.retain(|(k, _)| k != key);
        // One allocation for both, not a growth step between them.
        members.text.reserve(key.len() + raw.len());
        let key_start = members.text.len();
        members.text.push_str(key);
        let value_start = members.text.len();
        members.text.push_str(raw);
        let entry = Entry {
            key_start,
            value_start,
            value_end: members.text.len(),
        };
        match members.position(key) {
            Some(i) => members.entries[i] = entry,
            None => members.entries.push(entry),
        }
    }

    /// Sets member `key` to `value` (written as JSON), replacing any earlier value in place.
    pub fn insert<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.push_raw(key, &json::to_string(value));
    }

    /// Sets member `key` to raw JSON text, after checking that it is one well-formed value.
    pub fn insert_raw(&mut self, key: &str, raw: &str) -> Result<(), DecodeError> {
        let mut reader = json::Reader::new(raw);
        let value = reader.raw_value()?;
        reader.finish()?;
        self.push_raw(key, value);
        Ok(())
    }

    /// Removes member `key` and returns its raw JSON text.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let members = self.0.as_mut()?;
        let i = members.position(key)?;
        let entry = members.entries.remove(i);
        members.off_schema.retain(|(k, _)| k != key);
        let value = members.value_of(entry).to_owned();
        if members.entries.is_empty() {
            self.0 = None;
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
        json::Reader::new(raw).read_str().ok()
    }
}

impl Members {
    fn key_of(&self, entry: Entry) -> &str {
        &self.text[entry.key_start..entry.value_start]
    }

    fn value_of(&self, entry: Entry) -> &str {
        &self.text[entry.value_start..entry.value_end]
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|&e| self.key_of(e) == key)
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
