//! Validation of request bodies before they leave the machine.
//!
//! Generated models implement [`Validate`] through `#[derive(graph_core::Validate)]`; the rules come
//! from the metadata (`Nullable="false"`, `MaxLength`, `Core.Computed`, `Core.Immutable`,
//! `Validation.*`, `Capabilities.*Restrictions`) and the project's overlay. A call to
//! [`Validate::validate`] walks the whole value and reports every violation, each with the JSON
//! pointer (over wire names) of the offending member.
//!
//! The walk is cheap on purpose: the path is a linked list of stack frames, so nothing is
//! allocated until a violation is found, and a type without rules walks its fields and nothing
//! else.

mod context;
mod error;
mod impls;
mod rules;

pub use context::{Segment, ValidationContext};
pub use error::{Rule, ValidationError, ValidationErrors};
pub use rules::{FieldRules, Limit, Pattern};

/// The request a body is validated for: rules such as "read-only" or "immutable" depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// A `POST` that creates a resource: required members must be present, computed ones absent.
    Create,
    /// A `PATCH` that changes some members: immutable and computed members must be absent.
    Update,
}

/// How a member appears in a JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Not written at all.
    Absent,
    /// Written as `null`.
    Null,
    /// Written with a value.
    Value,
}

/// The primitive a value holds, as seen by value rules (length, pattern, range, allowed values)
/// and by cross-member comparisons.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Scalar<'a> {
    /// `Edm.Boolean`.
    Bool(bool),
    /// Any integral Edm type.
    Integer(i64),
    /// `Edm.Single`, `Edm.Double` and `Edm.Decimal` (compared approximately).
    Float(f64),
    /// Strings, enum members (their wire name) and textual Edm types.
    Text(&'a str),
    /// A point in time (`Edm.DateTimeOffset`): seconds since the Unix epoch and nanoseconds
    /// within the second, offset applied, so `12:00+02:00` equals `10:00Z`.
    Instant(i64, u32),
    /// `Edm.Binary`: the decoded bytes.
    Bytes(&'a [u8]),
}

/// A value that can be checked against the rules of the request it is sent in.
///
/// Derive it with `#[derive(graph_core::Validate)]`; implementations for primitives, Edm types,
/// [`crate::Property`], `Vec`, `Box` and `Option` come with this crate.
pub trait Validate {
    /// Checks this value and everything it contains, reporting violations into `ctx`, whose
    /// path points at this value.
    fn validate_at(&self, ctx: &mut ValidationContext<'_>);

    /// Checks a whole request body for `operation`, collecting every violation.
    fn validate(&self, operation: Operation) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        self.validate_at(&mut ValidationContext::new(operation, &mut errors));
        ValidationErrors::from_vec(errors)
    }

    /// Whether this value is absent, `null` or a value; only optional wrappers can be the first
    /// two.
    fn presence(&self) -> Presence {
        Presence::Value
    }

    /// The primitive this value holds, if it is one.
    fn scalar(&self) -> Option<Scalar<'_>> {
        None
    }

    /// Orders two values of this type, for `later_than`; `None` when either holds nothing
    /// comparable. By default through their scalars.
    fn order(&self, other: &Self) -> Option<std::cmp::Ordering>
    where
        Self: Sized,
    {
        context::compare(self.scalar()?, other.scalar()?)
    }

    /// Applies the value rules of `rules` to what this value holds; collections apply them to
    /// each item, with the item's index in the path.
    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        if let Some(scalar) = self.scalar() {
            rules.check_scalar(ctx, scalar);
        }
    }
}
