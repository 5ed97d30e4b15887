//! `Validate` for the types generated models are made of: primitives and Edm types (leaves
//! with nothing inside to walk), and the wrappers that carry presence and collections.

use super::{FieldRules, Presence, Scalar, Segment, Validate, ValidationContext};

/// Leaves: nothing to walk; value rules see `$scalar`.
macro_rules! leaf {
    ($($ty:ty => |$value:ident| $scalar:expr;)*) => {$(
        impl Validate for $ty {
            #[inline]
            fn validate_at(&self, _ctx: &mut ValidationContext<'_>) {}

            fn scalar(&self) -> Option<Scalar<'_>> {
                let $value = self;
                $scalar
            }
        }
    )*};
}

leaf! {
    bool => |v| Some(Scalar::Bool(*v));
    u8 => |v| Some(Scalar::Integer(i64::from(*v)));
    i8 => |v| Some(Scalar::Integer(i64::from(*v)));
    i16 => |v| Some(Scalar::Integer(i64::from(*v)));
    i32 => |v| Some(Scalar::Integer(i64::from(*v)));
    i64 => |v| Some(Scalar::Integer(*v));
    f32 => |v| Some(Scalar::Float(f64::from(*v)));
    f64 => |v| Some(Scalar::Float(*v));
    str => |v| Some(Scalar::Text(v));
    String => |v| Some(Scalar::Text(v));
    serde_json::Value => |v| match v {
        serde_json::Value::Bool(b) => Some(Scalar::Bool(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Scalar::Integer)
            .or_else(|| n.as_f64().map(Scalar::Float)),
        serde_json::Value::String(s) => Some(Scalar::Text(s)),
        _ => None,
    };
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    #[inline]
    fn validate_at(&self, ctx: &mut ValidationContext<'_>) {
        (**self).validate_at(ctx);
    }

    fn presence(&self) -> Presence {
        (**self).presence()
    }

    fn scalar(&self) -> Option<Scalar<'_>> {
        (**self).scalar()
    }

    fn order(&self, other: &Self) -> Option<std::cmp::Ordering>
    where
        Self: Sized,
    {
        super::context::compare((**self).scalar()?, (**other).scalar()?)
    }

    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        (**self).check_values(ctx, rules);
    }
}

/// `None` is an absent member.
impl<T: Validate> Validate for Option<T> {
    #[inline]
    fn validate_at(&self, ctx: &mut ValidationContext<'_>) {
        if let Some(value) = self {
            value.validate_at(ctx);
        }
    }

    fn presence(&self) -> Presence {
        match self {
            None => Presence::Absent,
            Some(value) => value.presence(),
        }
    }

    fn scalar(&self) -> Option<Scalar<'_>> {
        self.as_ref()?.scalar()
    }

    fn order(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.as_ref()?.order(other.as_ref()?)
    }

    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        if let Some(value) = self {
            value.check_values(ctx, rules);
        }
    }
}

/// Items are walked with their index in the path; value rules apply to each item.
///
/// A counter, not `enumerate`: the iterator adapters are four more functions per item type in
/// a build of all of Graph.
#[allow(clippy::explicit_counter_loop)]
impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, ctx: &mut ValidationContext<'_>) {
        let mut index = 0;
        for item in self.as_slice() {
            item.validate_at(&mut ctx.enter(Segment::Index(index)));
            index += 1;
        }
    }

    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        let mut index = 0;
        for item in self.as_slice() {
            item.check_values(&mut ctx.enter(Segment::Index(index)), rules);
            index += 1;
        }
    }
}

leaf! {
    crate::edm::Decimal => |v| Some(Scalar::Float(v.to_f64()));
    crate::edm::Binary => |v| Some(Scalar::Bytes(&v.0));
    crate::edm::Date => |_v| None;
    crate::edm::TimeOfDay => |_v| None;
    crate::edm::Duration => |_v| None;
    crate::edm::Guid => |_v| None;
    crate::edm::Stream => |_v| None;
    crate::AdditionalData => |_v| None;
}

/// `Absent` and `Null` hold nothing to walk; presence rules see which one it is.
impl<T: Validate> Validate for crate::Property<T> {
    #[inline]
    fn validate_at(&self, ctx: &mut ValidationContext<'_>) {
        if let crate::Property::Value(value) = self {
            value.validate_at(ctx);
        }
    }

    fn presence(&self) -> Presence {
        match self {
            crate::Property::Absent => Presence::Absent,
            crate::Property::Null => Presence::Null,
            crate::Property::Value(_) => Presence::Value,
        }
    }

    fn scalar(&self) -> Option<Scalar<'_>> {
        self.value()?.scalar()
    }

    fn order(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value()?.order(other.value()?)
    }

    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        if let crate::Property::Value(value) = self {
            value.check_values(ctx, rules);
        }
    }
}

/// A flag set is one JSON string; value rules (such as allowed values) apply to each member.
impl<E: crate::Enum + PartialEq> Validate for crate::FlagSet<E> {
    #[inline]
    fn validate_at(&self, _ctx: &mut ValidationContext<'_>) {}

    fn check_values(&self, ctx: &mut ValidationContext<'_>, rules: &FieldRules) {
        for member in self.iter() {
            rules.check_scalar(ctx, Scalar::Text(member.as_str()));
        }
    }
}

/// Instants: same-offset values (the usual case) compare by their fields, without converting.
impl Validate for crate::edm::DateTimeOffset {
    #[inline]
    fn validate_at(&self, _ctx: &mut ValidationContext<'_>) {}

    fn scalar(&self) -> Option<Scalar<'_>> {
        Some(Scalar::Instant(self.unix_seconds(), self.nanosecond()))
    }

    #[inline]
    fn order(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(if self.offset_minutes() == other.offset_minutes() {
            (self.date(), self.time()).cmp(&(other.date(), other.time()))
        } else {
            self.instant_cmp(other)
        })
    }
}
