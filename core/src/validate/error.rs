//! What a failed validation reports.

use std::fmt;

/// The rule a violation broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A member required on create is absent.
    Required,
    /// A member computed by the service is sent.
    ReadOnly,
    /// A member that cannot change after create is sent in an update.
    Immutable,
    /// A member that cannot be set on create is sent in a create.
    NonInsertable,
    /// A member that cannot be `null` is sent as `null`.
    NotNullable,
    /// A text or binary value is longer than allowed.
    MaxLength,
    /// A text does not match the required pattern.
    Pattern,
    /// A number is below the minimum.
    Minimum,
    /// A number is above the maximum.
    Maximum,
    /// A value is not one of the allowed values.
    AllowedValues,
    /// A value is not later than the member it must follow.
    LaterThan,
    /// A member is sent while the Boolean member it depends on is not `true`.
    RequiresTrue,
    /// On update, a member is sent without the member that must accompany it.
    UpdateRequires,
    /// A rule written as a function; the code names it.
    Custom(&'static str),
}

impl Rule {
    /// A stable code for the rule, for programs that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::ReadOnly => "read_only",
            Rule::Immutable => "immutable",
            Rule::NonInsertable => "non_insertable",
            Rule::NotNullable => "not_nullable",
            Rule::MaxLength => "max_length",
            Rule::Pattern => "pattern",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::AllowedValues => "allowed_values",
            Rule::LaterThan => "later_than",
            Rule::RequiresTrue => "requires_true",
            Rule::UpdateRequires => "update_requires",
            Rule::Custom(code) => code,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One violation: where, which rule, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    path: String,
    rule: Rule,
    message: String,
}

impl ValidationError {
    pub(super) fn new(path: String, rule: Rule, message: String) -> Self {
        Self {
            path,
            rule,
            message,
        }
    }

    /// The JSON pointer (RFC 6901, over wire names) of the offending member, such as
    /// `/participants/attendees/1/role`; empty for the body itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// A sentence for a person.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {} ({})", self.message, self.rule)
    }
}

impl std::error::Error for ValidationError {}

/// Every violation found in a body, in the order the walk met them; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// `Ok` for no violations, else the violations.
    #[inline]
    pub fn from_vec(errors: Vec<ValidationError>) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self { errors })
        }
    }

    /// The violations.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// How many violations there are (at least one).
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always `false`: a `ValidationErrors` holds at least one violation.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The violations, by value.
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        write!(
            f,
            "the request breaks {count} validation rule{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for error in &self.errors {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}
