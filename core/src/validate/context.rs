//! The walk state: where in the body we are, and the violations found so far.

use std::fmt::Write as _;

use super::{FieldRules, Operation, Presence, Rule, Scalar, Validate, ValidationError};

/// One step of a JSON pointer: a member name (the wire name) or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment<'a> {
    /// A member of an object.
    Key(&'a str),
    /// An item of an array.
    Index(usize),
}

/// A link of the current path; each frame of the walk owns one on its stack, so extending the
/// path never allocates.
#[derive(Clone, Copy)]
struct PathLink<'a> {
    segment: Segment<'a>,
    parent: Option<&'a PathLink<'a>>,
}

/// The state of one validation walk: the operation, the path of the value being checked, and
/// the collector of violations.
pub struct ValidationContext<'a> {
    operation: Operation,
    path: Option<PathLink<'a>>,
    errors: &'a mut Vec<ValidationError>,
}

impl<'a> ValidationContext<'a> {
    /// A context at the root of a body, adding violations to `errors`.
    #[inline]
    pub fn new(operation: Operation, errors: &'a mut Vec<ValidationError>) -> Self {
        Self {
            operation,
            path: None,
            errors,
        }
    }

    /// The operation the body is validated for.
    #[inline]
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// A context for a child of the current value, reporting into the same collector.
    #[inline]
    pub fn enter<'b>(&'b mut self, segment: Segment<'b>) -> ValidationContext<'b> {
        ValidationContext {
            operation: self.operation,
            path: Some(PathLink {
                segment,
                parent: self.path.as_ref(),
            }),
            errors: &mut *self.errors,
        }
    }

    /// Walks the member `name` (a wire name) of the current object.
    #[inline]
    pub fn field<T: Validate + ?Sized>(&mut self, name: &'static str, value: &T) {
        value.validate_at(&mut self.enter(Segment::Key(name)));
    }

    /// Walks the member `name` after checking it against `rules`. A member refused outright
    /// (read-only, immutable, ...) is reported once and not looked into.
    #[inline]
    pub fn field_with<T: Validate + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        rules: &FieldRules,
    ) {
        // Most members of a request are absent: nothing to walk, one rule to look at.
        match value.presence() {
            Presence::Absent => {
                if rules.required && self.operation == Operation::Create {
                    self.report_missing(name);
                }
            }
            presence => {
                let mut child = self.enter(Segment::Key(name));
                if rules.check_presence(&mut child, name, presence) {
                    if presence == Presence::Value && rules.has_value_rules() {
                        value.check_values(&mut child, rules);
                    }
                    value.validate_at(&mut child);
                }
            }
        }
    }

    /// Reports that member `later` must be later than member `earlier` when both hold values
    /// (instants are compared, not texts).
    #[inline]
    pub fn later_than<T: Validate>(
        &mut self,
        later: (&'static str, &T),
        earlier: (&'static str, &T),
    ) {
        if matches!(
            later.1.order(earlier.1),
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        ) {
            self.report_cross(later.0, Rule::LaterThan, later.0, earlier.0);
        }
    }

    /// Reports member `name` when it holds a value while the Boolean member `flag` is not
    /// `true`.
    #[inline]
    pub fn requires_true<T: Validate + ?Sized, F: Validate + ?Sized>(
        &mut self,
        (name, value): (&'static str, &T),
        (flag_name, flag): (&'static str, &F),
    ) {
        if value.presence() == Presence::Value && flag.scalar() != Some(Scalar::Bool(true)) {
            self.report_cross(name, Rule::RequiresTrue, name, flag_name);
        }
    }

    /// On update, reports member `needed` as missing when member `name` is sent without it
    /// (for example a changed start needs the end too).
    #[inline]
    pub fn update_requires<T: Validate + ?Sized, N: Validate + ?Sized>(
        &mut self,
        (name, value): (&'static str, &T),
        (needed_name, needed): (&'static str, &N),
    ) {
        if self.operation == Operation::Update
            && value.presence() != Presence::Absent
            && needed.presence() == Presence::Absent
        {
            self.report_cross(needed_name, Rule::UpdateRequires, name, needed_name);
        }
    }

    #[cold]
    fn report_missing(&mut self, name: &'static str) {
        self.report_at(
            &[Segment::Key(name)],
            Rule::Required,
            format!("`{name}` is required when creating"),
        );
    }

    /// Reports a rule between members `a` and `b` at member `at`.
    #[cold]
    fn report_cross(&mut self, at: &'static str, rule: Rule, a: &str, b: &str) {
        let message = match rule {
            Rule::LaterThan => format!("`{a}` must be later than `{b}`"),
            Rule::RequiresTrue => format!("`{a}` is only allowed when `{b}` is true"),
            _ => format!("`{b}` must be sent too when `{a}` changes"),
        };
        self.report_at(&[Segment::Key(at)], rule, message);
    }

    /// Records a violation at the current path.
    pub fn report(&mut self, rule: Rule, message: impl Into<String>) {
        self.report_at(&[], rule, message);
    }

    /// Records a violation at `relative`, a path below the current one (for rules that look at
    /// several members).
    pub fn report_at(&mut self, relative: &[Segment<'_>], rule: Rule, message: impl Into<String>) {
        let path = self.pointer(relative);
        self.errors
            .push(ValidationError::new(path, rule, message.into()));
    }

    /// The JSON pointer of the current value extended by `relative`; built only on error.
    fn pointer(&self, relative: &[Segment<'_>]) -> String {
        let mut segments: Vec<Segment<'_>> =
            std::iter::successors(self.path.as_ref(), |link| link.parent)
                .map(|link| link.segment)
                .collect();
        segments.reverse();
        segments.extend_from_slice(relative);
        let mut pointer = String::new();
        for segment in segments {
            pointer.push('/');
            match segment {
                Segment::Key(key) => {
                    // RFC 6901: `~` and `/` inside a member name are escaped.
                    for c in key.chars() {
                        match c {
                            '~' => pointer.push_str("~0"),
                            '/' => pointer.push_str("~1"),
                            c => pointer.push(c),
                        }
                    }
                }
                Segment::Index(index) => {
                    let _ = write!(pointer, "{index}");
                }
            }
        }
        pointer
    }
}

/// Orders two scalars of the same kind; `None` when they cannot be compared.
#[inline]
pub(super) fn compare(a: Scalar<'_>, b: Scalar<'_>) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Scalar::Integer(a), Scalar::Integer(b)) => Some(a.cmp(&b)),
        (Scalar::Instant(a, a_nanos), Scalar::Instant(b, b_nanos)) => {
            Some((a, a_nanos).cmp(&(b, b_nanos)))
        }
        (Scalar::Text(a), Scalar::Text(b)) => Some(a.cmp(b)),
        (a, b) => as_f64(a)?.partial_cmp(&as_f64(b)?),
    }
}

/// The numeric value of a number scalar.
#[inline]
pub(super) fn as_f64(scalar: Scalar<'_>) -> Option<f64> {
    match scalar {
        Scalar::Integer(i) => Some(i as f64),
        Scalar::Float(f) => Some(f),
        _ => None,
    }
}
