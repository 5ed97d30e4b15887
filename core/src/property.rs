//! [`Property<T>`]: a model property that is absent, explicitly `null`, or a value.
//!
//! Graph tells the three apart: a PATCH body leaves untouched properties out and clears one
//! with `null`, and a response's `"passcode": null` must be written back as `null`. `Option`
//! has only two states, so every generated field is a `Property<T>`; ordinary use stays easy
//! through [`Property::value`], `From<T>` and `Default` (absent).

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::json::{DecodeError, FromJson, Reader, ToJson, Writer};

/// The state of one property of a model.
#[derive(Clone, Copy, Default, Eq)]
pub enum Property<T> {
    /// Not present in the JSON object; not written.
    #[default]
    Absent,
    /// Present as `null`; written as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

// `Debug` and `PartialEq` by hand: the derived ones reach the value through `&&T` (`Debug for
// &T`, `PartialEq for &A`), one more function per field type in a build of all of Graph; `Hash`
// by hand to stay consistent with `PartialEq`.
impl<T: fmt::Debug> fmt::Debug for Property<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Property::Absent => f.write_str("Absent"),
            Property::Null => f.write_str("Null"),
            Property::Value(value) => f.debug_tuple("Value").field(value).finish(),
        }
    }
}

impl<T: PartialEq> PartialEq for Property<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Property::Value(left), Property::Value(right)) => *left == *right,
            (Property::Absent, Property::Absent) | (Property::Null, Property::Null) => true,
            _ => false,
        }
    }
}

impl<T: Hash> Hash for Property<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Property::Absent => state.write_u8(0),
            Property::Null => state.write_u8(1),
            Property::Value(value) => {
                state.write_u8(2);
                value.hash(state);
            }
        }
    }
}

impl<T> Property<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Property::Value(value) => Some(value),
            Property::Absent | Property::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Property::Value(value) => Some(value),
            Property::Absent | Property::Null => None,
        }
    }

    /// The value, if there is one, consuming the property.
    pub fn into_value(self) -> Option<T> {
        match self {
            Property::Value(value) => Some(value),
            Property::Absent | Property::Null => None,
        }
    }

    /// True when the property was not in the JSON (and will not be written).
    pub fn is_absent(&self) -> bool {
        matches!(self, Property::Absent)
    }

    /// True when the property is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Property::Null)
    }

    /// True when the property holds a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Property::Value(_))
    }

    /// Sets a value.
    pub fn set(&mut self, value: T) {
        *self = Property::Value(value);
    }

    /// Marks the property as explicitly `null` ("clear it" in a PATCH).
    pub fn clear(&mut self) {
        *self = Property::Null;
    }

    /// Takes the property out, leaving it absent.
    pub fn take(&mut self) -> Property<T> {
        std::mem::take(self)
    }

    /// A property borrowing this one's value.
    pub fn as_ref(&self) -> Property<&T> {
        match self {
            Property::Absent => Property::Absent,
            Property::Null => Property::Null,
            Property::Value(value) => Property::Value(value),
        }
    }

    /// Maps the value, keeping absent and null.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Property<U> {
        match self {
            Property::Absent => Property::Absent,
            Property::Null => Property::Null,
            Property::Value(value) => Property::Value(f(value)),
        }
    }
}

impl<T> From<T> for Property<T> {
    fn from(value: T) -> Self {
        Property::Value(value)
    }
}

/// `meeting.subject = "Standup".into()`.
impl From<&str> for Property<String> {
    fn from(value: &str) -> Self {
        Property::Value(value.to_owned())
    }
}

/// `None` leaves the member out, so an update built from `Option`s changes only what is
/// `Some`; clearing a member is said with [`Property::Null`].
impl<T> From<Option<T>> for Property<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Property::Absent, Property::Value)
    }
}

impl<T: FromJson> FromJson for Property<T> {
    #[inline]
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_null() {
            Ok(true) => Ok(Property::Null),
            Ok(false) => match T::from_json(reader) {
                Ok(value) => Ok(Property::Value(value)),
                Err(error) => Err(error),
            },
            Err(error) => Err(error),
        }
    }
}

impl<T: ToJson> ToJson for Property<T> {
    #[inline]
    fn to_json(&self, writer: &mut Writer) {
        match self {
            // Absent members are skipped by the object writer; as a bare value `null` is
            // the only faithful spelling.
            Property::Absent | Property::Null => writer.null(),
            Property::Value(value) => value.to_json(writer),
        }
    }

    fn is_absent(&self) -> bool {
        matches!(self, Property::Absent)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    use super::Property;

    fn hash(property: &Property<&str>) -> u64 {
        let mut hasher = DefaultHasher::new();
        property.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn debug_eq_and_hash_tell_the_three_states_apart() {
        let states = [Property::Absent, Property::Null, Property::Value("x")];
        assert_eq!(
            states.map(|state| format!("{state:?}")),
            ["Absent", "Null", "Value(\"x\")"]
        );
        for (i, left) in states.iter().enumerate() {
            for (j, right) in states.iter().enumerate() {
                assert_eq!(left == right, i == j, "{left:?} == {right:?}");
            }
        }
        assert_ne!(Property::Value("x"), Property::Value("y"));
        assert_eq!(hash(&Property::Value("x")), hash(&Property::Value("x")));
        assert_ne!(hash(&Property::Absent), hash(&Property::Null));
    }
}
