//! Per-member rules, stored as `static` data by the derive so the expanded code stays small.

use std::sync::OnceLock;

use super::context::{as_f64, ValidationContext};
use super::{Operation, Presence, Rule, Scalar};

/// A regular expression a text must match (`Validation.Pattern`), compiled on first use and then
/// shared. The derive has already checked that it compiles.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern from its source; nothing is compiled until a text is checked.
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as written in the metadata.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `text` matches; `None` if the pattern does not compile (the derive refuses such
    /// patterns, so only hand-built rules can get here).
    pub fn is_match(&self, text: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).ok())
            .as_ref()
            .map(|regex| regex.is_match(text))
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

/// A bound of a numeric range (`Validation.Minimum` / `Validation.Maximum`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    /// The bound.
    pub value: f64,
    /// Whether the bound itself is outside the range (`Validation.Exclusive`).
    pub exclusive: bool,
}

/// The rules of one member. The derive writes one `static` per member that has rules, starting
/// from [`FieldRules::NONE`].
#[derive(Debug)]
pub struct FieldRules {
    /// Must be present on create.
    pub required: bool,
    /// Computed by the service: refused on create and update.
    pub read_only: bool,
    /// Set on create only: refused on update.
    pub immutable: bool,
    /// Cannot be set on create: refused on create.
    pub non_insertable: bool,
    /// An explicit `null` is refused.
    pub non_nullable: bool,
    /// Most characters of a text (bytes of a binary).
    pub max_length: Option<usize>,
    /// Regular expression a text must match.
    pub pattern: Option<&'static Pattern>,
    /// Lowest number allowed.
    pub minimum: Option<Limit>,
    /// Highest number allowed.
    pub maximum: Option<Limit>,
    /// The texts (or enum members) allowed; empty means any.
    pub allowed_values: &'static [&'static str],
}

impl FieldRules {
    /// No rules at all.
    pub const NONE: FieldRules = FieldRules {
        required: false,
        read_only: false,
        immutable: false,
        non_insertable: false,
        non_nullable: false,
        max_length: None,
        pattern: None,
        minimum: None,
        maximum: None,
        allowed_values: &[],
    };

    /// Only [`FieldRules::required`]; the derive names these shared constants instead of
    /// writing a `static` for each field with a single presence rule.
    pub const REQUIRED: FieldRules = FieldRules {
        required: true,
        ..FieldRules::NONE
    };
    /// Only [`FieldRules::read_only`].
    pub const READ_ONLY: FieldRules = FieldRules {
        read_only: true,
        ..FieldRules::NONE
    };
    /// Only [`FieldRules::immutable`].
    pub const IMMUTABLE: FieldRules = FieldRules {
        immutable: true,
        ..FieldRules::NONE
    };
    /// Only [`FieldRules::non_insertable`].
    pub const NON_INSERTABLE: FieldRules = FieldRules {
        non_insertable: true,
        ..FieldRules::NONE
    };
    /// Only [`FieldRules::non_nullable`].
    pub const NON_NULLABLE: FieldRules = FieldRules {
        non_nullable: true,
        ..FieldRules::NONE
    };

    /// Whether any rule looks at the value itself rather than its presence.
    #[inline]
    pub fn has_value_rules(&self) -> bool {
        self.max_length.is_some()
            || self.pattern.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || !self.allowed_values.is_empty()
    }

    /// Checks the presence rules of member `name`, which is present (`null` or a value);
    /// `false` when the member is refused outright and should not be looked into.
    #[inline]
    pub(super) fn check_presence(
        &self,
        ctx: &mut ValidationContext<'_>,
        name: &str,
        presence: Presence,
    ) -> bool {
        let operation = ctx.operation();
        let refused = self.read_only
            || (self.immutable && operation == Operation::Update)
            || (self.non_insertable && operation == Operation::Create);
        if refused {
            self.report_refused(ctx, name, operation);
            return false;
        }
        if presence == Presence::Null && self.non_nullable {
            ctx.report(Rule::NotNullable, format!("`{name}` cannot be null"));
        }
        true
    }

    #[cold]
    fn report_refused(&self, ctx: &mut ValidationContext<'_>, name: &str, operation: Operation) {
        let (rule, message) = if self.read_only {
            (
                Rule::ReadOnly,
                format!("`{name}` is read-only: the service sets it, so leave it out"),
            )
        } else if operation == Operation::Update {
            (
                Rule::Immutable,
                format!("`{name}` cannot be changed after the resource is created"),
            )
        } else {
            (
                Rule::NonInsertable,
                format!("`{name}` cannot be set when creating"),
            )
        };
        ctx.report(rule, message);
    }

    /// Checks one primitive against the value rules.
    pub fn check_scalar(&self, ctx: &mut ValidationContext<'_>, scalar: Scalar<'_>) {
        if let Some(max) = self.max_length {
            let length = match scalar {
                Scalar::Text(text) => Some((text.chars().count(), "characters")),
                Scalar::Bytes(bytes) => Some((bytes.len(), "bytes")),
                _ => None,
            };
            if let Some((length, unit)) = length.filter(|(length, _)| *length > max) {
                ctx.report(
                    Rule::MaxLength,
                    format!("the value is {length} {unit} long; at most {max} are allowed"),
                );
            }
        }
        if let (Some(pattern), Scalar::Text(text)) = (self.pattern, scalar) {
            match pattern.is_match(text) {
                Some(true) => {}
                Some(false) => ctx.report(
                    Rule::Pattern,
                    format!("{text:?} does not match the pattern `{}`", pattern.source()),
                ),
                None => ctx.report(
                    Rule::Pattern,
                    format!(
                        "the pattern `{}` is not a valid regular expression",
                        pattern.source()
                    ),
                ),
            }
        }
        if let Some(number) = as_f64(scalar) {
            if let Some(min) = self.minimum {
                if number < min.value || (min.exclusive && number == min.value) {
                    let relation = if min.exclusive { "above" } else { "at least" };
                    ctx.report(
                        Rule::Minimum,
                        format!("{number} is too small: it must be {relation} {}", min.value),
                    );
                }
            }
            if let Some(max) = self.maximum {
                if number > max.value || (max.exclusive && number == max.value) {
                    let relation = if max.exclusive { "below" } else { "at most" };
                    ctx.report(
                        Rule::Maximum,
                        format!("{number} is too large: it must be {relation} {}", max.value),
                    );
                }
            }
        }
        if let (false, Scalar::Text(text)) = (self.allowed_values.is_empty(), scalar) {
            if !self.allowed_values.contains(&text) {
                ctx.report(
                    Rule::AllowedValues,
                    format!(
                        "{text:?} is not allowed; expected one of: {}",
                        self.allowed_values.join(", ")
                    ),
                );
            }
        }
    }
}
