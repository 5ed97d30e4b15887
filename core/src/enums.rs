//! Evolvable enums ([`Enum`], implemented by `#[derive(Enum)]`) and flag sets ([`FlagSet`]).
//!
//! Graph adds enum members at any time, so reading never fails on an unknown string: it is
//! kept in the enum's `Unknown(String)` variant and written back unchanged. A member spelled
//! in another case (`"Html"` for `html`) reads as that member: exact match first, then ASCII
//! case-insensitive. The derive emits only tables and small matches; the lookup is here.

use std::fmt;

use crate::json::{DecodeError, FromJson, Reader, ToJson, Writer};

/// One member of an [`Enum`]: its wire name and whether it is evolvable (listed after
/// `unknownFutureValue`, sent only with `Prefer: include-unknown-enum-members`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnumMember {
    /// The wire name, e.g. `coorganizer`.
    pub name: &'static str,
    /// Listed after `unknownFutureValue`.
    pub evolvable: bool,
}

/// A Graph enum type.
pub trait Enum: Sized {
    /// Known members, in variant order.
    const MEMBERS: &'static [EnumMember];
    /// The known member at `index` of [`Enum::MEMBERS`].
    fn from_index(index: usize) -> Option<Self>;
    /// The value for a string no member matches; `None` when the enum has no unknown variant
    /// (then reading such a string is an error).
    fn from_unknown(value: String) -> Option<Self>;
    /// The position in [`Enum::MEMBERS`], or `None` for an unknown value.
    fn index(&self) -> Option<usize>;
    /// The wire string.
    fn as_str(&self) -> &str;

    /// Parses a wire string: exact match, then ASCII case-insensitive, then unknown.
    fn parse(value: &str) -> Option<Self> {
        let index = Self::MEMBERS
            .iter()
            .position(|m| m.name == value)
            .or_else(|| {
                Self::MEMBERS
                    .iter()
                    .position(|m| m.name.eq_ignore_ascii_case(value))
            });
        match index {
            Some(index) => Self::from_index(index),
            None => Self::from_unknown(value.to_owned()),
        }
    }

    /// True for a member listed after `unknownFutureValue`.
    fn is_evolvable(&self) -> bool {
        self.index()
            .and_then(|i| Self::MEMBERS.get(i))
            .is_some_and(|m| m.evolvable)
    }

    /// True for a value this version does not know.
    fn is_unknown(&self) -> bool {
        self.index().is_none()
    }
}

/// Reads an enum from a JSON string (what derived `FromJson` impls call).
pub fn read_enum<E: Enum>(reader: &mut Reader<'_>) -> Result<E, DecodeError> {
    let start = reader.peek_position()?;
    let text = reader.read_str()?;
    E::parse(&text).ok_or_else(|| reader.error_at(start, unknown_member_message(E::MEMBERS, &text)))
}

fn unknown_member_message(members: &[EnumMember], value: &str) -> String {
    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
    format!(
        "unknown member {value:?}, expected one of {}",
        names.join(", ")
    )
}

/// Writes an enum as a JSON string (what derived `ToJson` impls call).
pub fn write_enum<E: Enum>(value: &E, writer: &mut Writer) {
    writer.string(value.as_str());
}

/// A set of members of an `IsFlags` enum, read from and written as `"a,b"`.
///
/// Keeps the order read and unknown members, so writing back gives the same string
/// (whitespace after commas aside).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FlagSet<E> {
    members: Vec<E>,
}

impl<E> Default for FlagSet<E> {
    fn default() -> Self {
        FlagSet {
            members: Vec::new(),
        }
    }
}

impl<E: Enum + PartialEq> FlagSet<E> {
    /// The empty set.
    pub fn new() -> Self {
        FlagSet::default()
    }

    /// True when `member` is in the set.
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }

    /// Adds `member`; returns false if it was already there.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            false
        } else {
            self.members.push(member);
            true
        }
    }

    /// Removes `member`; returns false if it was not there.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m != member);
        before != self.members.len()
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = &E> + '_ {
        self.members.iter()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Parses `"a,b"` (spaces around members are ignored).
    pub fn parse(value: &str) -> Option<Self> {
        let mut set = FlagSet::new();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            set.insert(E::parse(part)?);
        }
        Some(set)
    }
}

impl<E: Enum> fmt::Display for FlagSet<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: Enum + fmt::Debug> fmt::Debug for FlagSet<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.members).finish()
    }
}

impl<E: Enum + PartialEq> FromIterator<E> for FlagSet<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        for member in iter {
            set.insert(member);
        }
        set
    }
}

impl<E: Enum + PartialEq> FromJson for FlagSet<E> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        let text = reader.read_str()?;
        FlagSet::parse(&text)
            .ok_or_else(|| reader.error_at(start, unknown_member_message(E::MEMBERS, &text)))
    }
}

impl<E: Enum> ToJson for FlagSet<E> {
    fn to_json(&self, writer: &mut Writer) {
        writer.string(&self.to_string());
    }
}
