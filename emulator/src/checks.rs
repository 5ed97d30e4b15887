//! Request bodies checked against the metadata before anything is kept: member names, JSON
//! kinds and nullability, then the rules the generated `Validate` derive enforces on the
//! client side (`graph_codegen::plan::validation`: read-only, immutable and required members,
//! lengths, patterns, ranges, allowed values), so the emulator refuses what a client built
//! from the same metadata would have refused before sending.

use graph_codegen::model::{EdmKind, Model, PropertyKind, TypeDetail, TypeId, TypeRef, TypeTarget};
use graph_codegen::plan::validation::{FieldRule, ValidationRules};
use serde_json::{Map, Value};

use graph_core::Validate as _;

use crate::error::ApiError;
use crate::resources::derives_from;

/// Whether a body creates an entity or changes one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Write {
    Create,
    Update,
}

/// One body's check.
pub(crate) struct BodyCheck<'a> {
    pub model: &'a Model,
    pub rules: &'a ValidationRules,
    pub write: Write,
    /// A fixture sets what only the service may (read-only members, ids).
    pub trusted: bool,
}

impl BodyCheck<'_> {
    /// Checks `object`, a value of `ty` (an entity or complex type).
    pub fn members(&self, ty: TypeId, object: &Map<String, Value>) -> Result<(), ApiError> {
        let model = self.model;
        let open = model
            .base_types(ty)
            .into_iter()
            .chain([ty])
            .any(|t| model[t].structured().is_some_and(|s| s.is_open));
        for (name, value) in object {
            if name.contains('@') {
                continue;
            }
            let Some(id) = model.find_property(ty, name) else {
                if open {
                    continue;
                }
                return Err(ApiError::bad_request(format!(
                    "The property '{name}' does not exist on type '{}'. Make sure to only use property names that are defined by the type or mark the type as open type.",
                    model[ty].qualified_name
                )));
            };
            let property = &model[id];
            if property.kind == PropertyKind::Navigation {
                continue;
            }
            self.value(&property.ty, property.nullable, name, value)?;
            for rule in self.rules.field_rules(model, ty, id) {
                self.rule(&rule, name, value, object)?;
            }
        }
        if self.write == Write::Create && !self.trusted {
            for id in model.all_properties(ty) {
                let name = &model[id].name;
                let required = self
                    .rules
                    .field_rules(model, ty, id)
                    .contains(&FieldRule::Required);
                if required && object.get(name).is_none_or(Value::is_null) {
                    return Err(ApiError::bad_request(format!(
                        "The property '{name}' is required when creating a '{}'.",
                        model[ty].qualified_name
                    )));
                }
            }
        }
        Ok(())
    }

    fn value(
        &self,
        ty: &TypeRef,
        nullable: bool,
        name: &str,
        value: &Value,
    ) -> Result<(), ApiError> {
        let model = self.model;
        let expected = || model.type_ref_name(ty);
        if value.is_null() {
            return if nullable || ty.collection {
                Ok(())
            } else {
                Err(ApiError::bad_request(format!(
                    "A null value was found for the property named '{name}', which has the expected type '{}[Nullable=False]'. The expected type does not allow null values.",
                    expected()
                )))
            };
        }
        if ty.collection {
            let Value::Array(items) = value else {
                return Err(mismatch(name, &expected()));
            };
            let item = TypeRef {
                collection: false,
                target: ty.target.clone(),
            };
            return items
                .iter()
                .try_for_each(|v| self.value(&item, nullable, name, v));
        }
        let fits = match &ty.target {
            TypeTarget::Primitive(kind) => primitive_fits(*kind, value),
            TypeTarget::Type(t) => match &model[*t].detail {
                TypeDetail::Complex(_) => {
                    let Value::Object(object) = value else {
                        return Err(mismatch(name, &expected()));
                    };
                    let actual = declared_type(model, object, *t)?;
                    return self.members(actual, object);
                }
                TypeDetail::Entity(_) => value.is_object(),
                TypeDetail::Enum(_) => value.is_string(),
                TypeDetail::Definition(d) => primitive_fits(d.underlying, value),
            },
            TypeTarget::Unknown(_) => true,
        };
        if fits {
            Ok(())
        } else {
            Err(mismatch(name, &expected()))
        }
    }

    /// One rule of the generated `Validate`, on the member `name` of `object`.
    fn rule(
        &self,
        rule: &FieldRule,
        name: &str,
        value: &Value,
        object: &Map<String, Value>,
    ) -> Result<(), ApiError> {
        let refuse = |why: String| Err(ApiError::bad_request(format!("Property '{name}': {why}.")));
        let text = value.as_str();
        let number = value.as_f64();
        match rule {
            FieldRule::ReadOnly if !self.trusted => {
                refuse("it is read-only; the service sets it".into())
            }
            FieldRule::Immutable if self.write == Write::Update && !self.trusted => {
                refuse("it cannot be changed after the entity is created".into())
            }
            FieldRule::NonInsertable if self.write == Write::Create && !self.trusted => {
                refuse("it cannot be set when the entity is created".into())
            }
            FieldRule::MaxLength(max) => match text {
                Some(text) if text.chars().count() as u64 > *max => refuse(format!(
                    "{} characters, more than {max}",
                    text.chars().count()
                )),
                _ => Ok(()),
            },
            FieldRule::Pattern(pattern) => match (text, regex_lite::Regex::new(pattern)) {
                (Some(text), Ok(regex)) if !regex.is_match(text) => {
                    refuse(format!("'{text}' does not match {pattern}"))
                }
                _ => Ok(()),
            },
            FieldRule::Minimum(min) => match number {
                Some(n) if n < *min => refuse(format!("{n} is below the minimum {min}")),
                _ => Ok(()),
            },
            FieldRule::Maximum(max) => match number {
                Some(n) if n > *max => refuse(format!("{n} is above the maximum {max}")),
                _ => Ok(()),
            },
            FieldRule::AllowedValues(allowed) => match text {
                Some(text) if !allowed.iter().any(|a| a == text) => {
                    refuse(format!("'{text}' is not one of {}", allowed.join(", ")))
                }
                _ => Ok(()),
            },
            FieldRule::RequiresTrue(flag) if !value.is_null() => match object.get(flag) {
                Some(Value::Bool(true)) => Ok(()),
                _ => refuse(format!("it is allowed only when '{flag}' is true")),
            },
            FieldRule::UpdateRequires(sibling) if self.write == Write::Update => {
                match object.get(sibling) {
                    Some(_) => Ok(()),
                    None => refuse(format!("an update that sets it must also send '{sibling}'")),
                }
            }
            FieldRule::LaterThan(earlier) => {
                let times = (
                    text.and_then(instant),
                    object
                        .get(earlier)
                        .and_then(Value::as_str)
                        .and_then(instant),
                );
                match times {
                    (Some(later), Some(earlier_at))
                        if later.order(&earlier_at) != Some(std::cmp::Ordering::Greater) =>
                    {
                        refuse(format!("it must be later than '{earlier}'"))
                    }
                    _ => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }
}

/// A date-time, ordered as an instant by `Validate::order`, as the generated check does.
fn instant(text: &str) -> Option<graph_core::edm::DateTimeOffset> {
    graph_core::edm::DateTimeOffset::parse(text).ok()
}

/// The type a body says it is (`@odata.type`), which must be `declared` or derive from it.
pub(crate) fn declared_type(
    model: &Model,
    body: &Map<String, Value>,
    declared: TypeId,
) -> Result<TypeId, ApiError> {
    let Some(named) = body.get("@odata.type") else {
        return Ok(declared);
    };
    let name = named.as_str().unwrap_or_default().trim_start_matches('#');
    match model.find_type(name) {
        Some(ty) if derives_from(model, ty, declared) => Ok(ty),
        _ => Err(ApiError::bad_request(format!(
            "A type named '{name}' could not be resolved as a type derived from '{}'.",
            model[declared].qualified_name
        ))),
    }
}

fn mismatch(name: &str, expected: &str) -> ApiError {
    ApiError::bad_request(format!(
        "Cannot convert the value of the property '{name}' to the expected type '{expected}'."
    ))
}

/// Whether a JSON value can stand for an `Edm` primitive (`IEEE754Compatible` numbers as
/// strings included).
fn primitive_fits(kind: EdmKind, value: &Value) -> bool {
    use EdmKind::*;
    match kind {
        Boolean => value.is_boolean(),
        Byte | SByte | Int16 | Int32 => value.is_i64() || value.is_u64(),
        Int64 | Decimal => value.is_number() || value.is_string(),
        Double | Single => {
            value.is_number() || matches!(value.as_str(), Some("NaN" | "INF" | "-INF"))
        }
        Binary | Date | DateTimeOffset | Duration | Guid | String | TimeOfDay => value.is_string(),
        Geography
        | GeographyPoint
        | GeographyLineString
        | GeographyPolygon
        | GeographyMultiPoint
        | GeographyMultiLineString
        | GeographyMultiPolygon
        | GeographyCollection
        | Geometry
        | GeometryPoint
        | GeometryLineString
        | GeometryPolygon
        | GeometryMultiPoint
        | GeometryMultiLineString
        | GeometryMultiPolygon
        | GeometryCollection => value.is_object(),
        _ => true,
    }
}
