//! What more than one reader test needs.

use graph_codegen::csdl::{Annotation, Record, Value};

/// The value as CSDL JSON carries it: CSDL JSON does not type annotation constants (a date, a
/// GUID or an enum member is a plain string there, an annotation without a value is `true`).
pub fn json_form(value: &Value) -> Value {
    match value {
        Value::Absent => Value::Bool(true),
        Value::Date(s)
        | Value::DateTimeOffset(s)
        | Value::Duration(s)
        | Value::Guid(s)
        | Value::TimeOfDay(s)
        | Value::Binary(s) => Value::String(s.clone()),
        Value::Decimal(s) => match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => s
                .parse::<f64>()
                .map_or_else(|_| Value::String(s.clone()), Value::Float),
        },
        Value::EnumMember(members) => {
            let names: Vec<&str> = members
                .iter()
                .map(|m| m.rsplit_once('/').map_or(m.as_str(), |(_, n)| n))
                .collect();
            Value::String(names.join(","))
        }
        Value::Record(r) => Value::Record(Record {
            ty: r.ty.clone(),
            properties: r
                .properties
                .iter()
                .map(|(n, v)| (n.clone(), json_form(v)))
                .collect(),
            annotations: r.annotations.iter().map(json_form_annotation).collect(),
            property_annotations: r
                .property_annotations
                .iter()
                .map(|(n, a)| (n.clone(), json_form_annotation(a)))
                .collect(),
        }),
        Value::Collection(items) => Value::Collection(items.iter().map(json_form).collect()),
        Value::Expression(e) => {
            let mut e = e.clone();
            for operand in e.kind.operands_mut() {
                *operand = json_form(operand);
            }
            e.annotations = e.annotations.iter().map(json_form_annotation).collect();
            Value::Expression(e)
        }
        other => other.clone(),
    }
}

/// The annotation, its value and its own annotations as CSDL JSON carries them.
pub fn json_form_annotation(annotation: &Annotation) -> Annotation {
    Annotation {
        term: annotation.term.clone(),
        qualifier: annotation.qualifier.clone(),
        value: json_form(&annotation.value),
        annotations: annotation
            .annotations
            .iter()
            .map(json_form_annotation)
            .collect(),
        pos: annotation.pos,
    }
}
