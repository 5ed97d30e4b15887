//! CSDL JSON (4.01) writer, from the syntax tree; `graph-codegen convert --to json`.
//!
//! What CSDL JSON cannot say is written the way the standard says it: annotation constants
//! other than strings, numbers and booleans become strings (dates, GUIDs, enum members as
//! `"Member1,Member2"`), and an annotation without a value becomes `true`.

use super::*;

/// An ordered JSON tree, so members come out in document order.
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// Number text, written as is.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn str(s: &str) -> Json {
        Json::String(s.to_owned())
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    push_indent(out, indent + 1);
                    item.write(out, indent + 1);
                }
                out.push('\n');
                push_indent(out, indent);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    push_indent(out, indent + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                }
                out.push('\n');
                push_indent(out, indent);
                out.push('}');
            }
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a document as CSDL JSON.
pub fn to_json(doc: &Document) -> String {
    let mut root = vec![("$Version".to_owned(), Json::str("4.01"))];
    if let Some((namespace, container)) = doc.schemas.iter().find_map(|s| {
        s.items.iter().find_map(|i| match i {
            SchemaItem::EntityContainer(c) => Some((&s.namespace, &c.name)),
            _ => None,
        })
    }) {
        root.push((
            "$EntityContainer".to_owned(),
            Json::String(format!("{namespace}.{container}")),
        ));
    }
    if !doc.references.is_empty() {
        let refs = doc
            .references
            .iter()
            .map(|r| {
                let mut members = Vec::new();
                if !r.includes.is_empty() {
                    let includes = r
                        .includes
                        .iter()
                        .map(|i| {
                            let mut m = vec![("$Namespace".to_owned(), Json::str(&i.namespace))];
                            if let Some(alias) = &i.alias {
                                m.push(("$Alias".to_owned(), Json::str(alias)));
                            }
                            annotations_into(&mut m, "", &i.annotations, None);
                            Json::Object(m)
                        })
                        .collect();
                    members.push(("$Include".to_owned(), Json::Array(includes)));
                }
                if !r.include_annotations.is_empty() {
                    let list = r
                        .include_annotations
                        .iter()
                        .map(|i| {
                            let mut m =
                                vec![("$TermNamespace".to_owned(), Json::str(&i.term_namespace))];
                            if let Some(q) = &i.qualifier {
                                m.push(("$Qualifier".to_owned(), Json::str(q)));
                            }
                            if let Some(t) = &i.target_namespace {
                                m.push(("$TargetNamespace".to_owned(), Json::str(t)));
                            }
                            Json::Object(m)
                        })
                        .collect();
                    members.push(("$IncludeAnnotations".to_owned(), Json::Array(list)));
                }
                annotations_into(&mut members, "", &r.annotations, None);
                (r.uri.clone(), Json::Object(members))
            })
            .collect();
        root.push(("$Reference".to_owned(), Json::Object(refs)));
    }
    for schema in &doc.schemas {
        root.push((schema.namespace.clone(), schema_json(schema)));
    }
    let mut out = String::new();
    Json::Object(root).write(&mut out, 0);
    out.push('\n');
    out
}

fn schema_json(schema: &Schema) -> Json {
    let mut m = Vec::new();
    if let Some(alias) = &schema.alias {
        m.push(("$Alias".to_owned(), Json::str(alias)));
    }
    annotations_into(&mut m, "", &schema.annotations, None);
    // Operations with the same name share one array: they are written at the first overload.
    let mut written_operations: Vec<&str> = Vec::new();
    let mut out_of_line: Vec<(String, Json)> = Vec::new();
    for item in &schema.items {
        match item {
            SchemaItem::EntityType(t) => m.push((t.name.clone(), structured_json(t, "EntityType"))),
            SchemaItem::ComplexType(t) => {
                m.push((t.name.clone(), structured_json(t, "ComplexType")))
            }
            SchemaItem::EnumType(e) => m.push((e.name.clone(), enum_json(e))),
            SchemaItem::TypeDefinition(t) => {
                let mut o = vec![
                    ("$Kind".to_owned(), Json::str("TypeDefinition")),
                    ("$UnderlyingType".to_owned(), Json::str(&t.underlying_type)),
                ];
                facets_into(&mut o, &t.facets);
                annotations_into(&mut o, "", &t.annotations, None);
                m.push((t.name.clone(), Json::Object(o)));
            }
            SchemaItem::Action(op) | SchemaItem::Function(op) => {
                if written_operations.contains(&op.name.as_str()) {
                    continue;
                }
                written_operations.push(&op.name);
                let overloads = schema
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        SchemaItem::Action(o) if o.name == op.name => {
                            Some(operation_json(o, "Action"))
                        }
                        SchemaItem::Function(o) if o.name == op.name => {
                            Some(operation_json(o, "Function"))
                        }
                        _ => None,
                    })
                    .collect();
                m.push((op.name.clone(), Json::Array(overloads)));
            }
            SchemaItem::Term(t) => {
                let mut o = vec![("$Kind".to_owned(), Json::str("Term"))];
                type_into(&mut o, &t.ty);
                if t.nullable {
                    o.push(("$Nullable".to_owned(), Json::Bool(true)));
                }
                facets_into(&mut o, &t.facets);
                if let Some(b) = &t.base_term {
                    o.push(("$BaseTerm".to_owned(), Json::str(b)));
                }
                if let Some(d) = &t.default_value {
                    o.push(("$DefaultValue".to_owned(), Json::str(d)));
                }
                if let Some(a) = &t.applies_to {
                    let list = a.split_whitespace().map(Json::str).collect();
                    o.push(("$AppliesTo".to_owned(), Json::Array(list)));
                }
                annotations_into(&mut o, "", &t.annotations, None);
                m.push((t.name.clone(), Json::Object(o)));
            }
            SchemaItem::EntityContainer(c) => m.push((c.name.clone(), container_json(c))),
            SchemaItem::Annotations(block) => {
                let index = match out_of_line.iter().position(|(t, _)| *t == block.target) {
                    Some(i) => i,
                    None => {
                        out_of_line.push((block.target.clone(), Json::Object(Vec::new())));
                        out_of_line.len() - 1
                    }
                };
                if let Json::Object(members) = &mut out_of_line[index].1 {
                    annotations_into(members, "", &block.annotations, block.qualifier.as_deref());
                }
            }
        }
    }
    if !out_of_line.is_empty() {
        m.push(("$Annotations".to_owned(), Json::Object(out_of_line)));
    }
    Json::Object(m)
}

fn type_into(o: &mut Vec<(String, Json)>, ty: &TypeName) {
    if ty.collection {
        o.push(("$Collection".to_owned(), Json::Bool(true)));
    }
    o.push(("$Type".to_owned(), Json::str(&ty.name)));
}

fn facets_into(o: &mut Vec<(String, Json)>, f: &Facets) {
    match f.max_length {
        Some(MaxLength::Max) => o.push(("$MaxLength".to_owned(), Json::str("max"))),
        Some(MaxLength::Length(n)) => {
            o.push(("$MaxLength".to_owned(), Json::Number(n.to_string())))
        }
        None => {}
    }
    if let Some(p) = f.precision {
        o.push(("$Precision".to_owned(), Json::Number(p.to_string())));
    }
    match f.scale {
        Some(Scale::Value(n)) => o.push(("$Scale".to_owned(), Json::Number(n.to_string()))),
        Some(Scale::Variable) => o.push(("$Scale".to_owned(), Json::str("variable"))),
        Some(Scale::Floating) => o.push(("$Scale".to_owned(), Json::str("floating"))),
        None => {}
    }
    if let Some(s) = &f.srid {
        o.push(("$SRID".to_owned(), Json::str(s)));
    }
    if let Some(u) = f.unicode {
        o.push(("$Unicode".to_owned(), Json::Bool(u)));
    }
}

fn structured_json(t: &StructuredType, kind: &str) -> Json {
    let mut o = vec![("$Kind".to_owned(), Json::str(kind))];
    if let Some(b) = &t.base_type {
        o.push(("$BaseType".to_owned(), Json::str(b)));
    }
    if t.is_abstract {
        o.push(("$Abstract".to_owned(), Json::Bool(true)));
    }
    if t.open_type {
        o.push(("$OpenType".to_owned(), Json::Bool(true)));
    }
    if t.has_stream {
        o.push(("$HasStream".to_owned(), Json::Bool(true)));
    }
    if !t.key.is_empty() {
        let key = t
            .key
            .iter()
            .map(|k| match &k.alias {
                Some(alias) => Json::Object(vec![(alias.clone(), Json::str(&k.name))]),
                None => Json::str(&k.name),
            })
            .collect();
        o.push(("$Key".to_owned(), Json::Array(key)));
    }
    for p in &t.properties {
        let mut po = Vec::new();
        if p.navigation {
            po.push(("$Kind".to_owned(), Json::str("NavigationProperty")));
        }
        type_into(&mut po, &p.ty);
        if p.nullable && !(p.navigation && p.ty.collection) {
            po.push(("$Nullable".to_owned(), Json::Bool(true)));
        }
        facets_into(&mut po, &p.facets);
        if let Some(d) = &p.default_value {
            po.push(("$DefaultValue".to_owned(), Json::str(d)));
        }
        if let Some(partner) = &p.partner {
            po.push(("$Partner".to_owned(), Json::str(partner)));
        }
        if p.contains_target {
            po.push(("$ContainsTarget".to_owned(), Json::Bool(true)));
        }
        if !p.referential_constraints.is_empty() {
            let list = p
                .referential_constraints
                .iter()
                .map(|(from, to)| (from.clone(), Json::str(to)))
                .collect();
            po.push(("$ReferentialConstraint".to_owned(), Json::Object(list)));
        }
        if let Some(action) = &p.on_delete {
            po.push(("$OnDelete".to_owned(), Json::str(action)));
        }
        annotations_into(&mut po, "", &p.annotations, None);
        o.push((p.name.clone(), Json::Object(po)));
    }
    annotations_into(&mut o, "", &t.annotations, None);
    Json::Object(o)
}

fn enum_json(e: &EnumType) -> Json {
    let mut o = vec![("$Kind".to_owned(), Json::str("EnumType"))];
    if let Some(u) = &e.underlying_type {
        o.push(("$UnderlyingType".to_owned(), Json::str(u)));
    }
    if e.is_flags {
        o.push(("$IsFlags".to_owned(), Json::Bool(true)));
    }
    // CSDL JSON always states member values; implicit ones count up as in the resolver.
    let mut next = 0i64;
    for m in &e.members {
        let value = m.value.unwrap_or(next);
        next = value.saturating_add(1);
        o.push((m.name.clone(), Json::Number(value.to_string())));
        annotations_into(&mut o, &m.name, &m.annotations, None);
    }
    Json::Object(o)
}

fn operation_json(op: &Operation, kind: &str) -> Json {
    let mut o = vec![("$Kind".to_owned(), Json::str(kind))];
    if op.is_bound {
        o.push(("$IsBound".to_owned(), Json::Bool(true)));
    }
    if op.is_composable {
        o.push(("$IsComposable".to_owned(), Json::Bool(true)));
    }
    if let Some(path) = &op.entity_set_path {
        o.push(("$EntitySetPath".to_owned(), Json::str(path)));
    }
    if !op.parameters.is_empty() {
        let params = op
            .parameters
            .iter()
            .map(|p| {
                let mut po = vec![("$Name".to_owned(), Json::str(&p.name))];
                type_into(&mut po, &p.ty);
                if p.nullable {
                    po.push(("$Nullable".to_owned(), Json::Bool(true)));
                }
                facets_into(&mut po, &p.facets);
                annotations_into(&mut po, "", &p.annotations, None);
                Json::Object(po)
            })
            .collect();
        o.push(("$Parameter".to_owned(), Json::Array(params)));
    }
    if let Some(r) = &op.return_type {
        let mut ro = Vec::new();
        type_into(&mut ro, &r.ty);
        if r.nullable {
            ro.push(("$Nullable".to_owned(), Json::Bool(true)));
        }
        facets_into(&mut ro, &r.facets);
        annotations_into(&mut ro, "", &r.annotations, None);
        o.push(("$ReturnType".to_owned(), Json::Object(ro)));
    }
    annotations_into(&mut o, "", &op.annotations, None);
    Json::Object(o)
}

fn container_json(c: &EntityContainer) -> Json {
    let mut o = vec![("$Kind".to_owned(), Json::str("EntityContainer"))];
    if let Some(e) = &c.extends {
        o.push(("$Extends".to_owned(), Json::str(e)));
    }
    let bindings_json = |bindings: &[Binding]| {
        Json::Object(
            bindings
                .iter()
                .map(|b| (b.path.clone(), Json::str(&b.target)))
                .collect(),
        )
    };
    for item in &c.items {
        let (name, json) = match item {
            ContainerItem::EntitySet(s) => {
                let mut so = vec![
                    ("$Collection".to_owned(), Json::Bool(true)),
                    ("$Type".to_owned(), Json::str(&s.entity_type)),
                ];
                if !s.include_in_service_document {
                    so.push(("$IncludeInServiceDocument".to_owned(), Json::Bool(false)));
                }
                if !s.bindings.is_empty() {
                    so.push((
                        "$NavigationPropertyBinding".to_owned(),
                        bindings_json(&s.bindings),
                    ));
                }
                annotations_into(&mut so, "", &s.annotations, None);
                (&s.name, Json::Object(so))
            }
            ContainerItem::Singleton(s) => {
                let mut so = vec![("$Type".to_owned(), Json::str(&s.ty))];
                if s.nullable {
                    so.push(("$Nullable".to_owned(), Json::Bool(true)));
                }
                if !s.bindings.is_empty() {
                    so.push((
                        "$NavigationPropertyBinding".to_owned(),
                        bindings_json(&s.bindings),
                    ));
                }
                annotations_into(&mut so, "", &s.annotations, None);
                (&s.name, Json::Object(so))
            }
            ContainerItem::ActionImport(i) | ContainerItem::FunctionImport(i) => {
                let action = matches!(item, ContainerItem::ActionImport(_));
                let key = if action { "$Action" } else { "$Function" };
                let mut io = vec![(key.to_owned(), Json::str(&i.operation))];
                if let Some(set) = &i.entity_set {
                    io.push(("$EntitySet".to_owned(), Json::str(set)));
                }
                if !action && i.include_in_service_document {
                    io.push(("$IncludeInServiceDocument".to_owned(), Json::Bool(true)));
                }
                annotations_into(&mut io, "", &i.annotations, None);
                (&i.name, Json::Object(io))
            }
        };
        o.push((name.clone(), json));
    }
    annotations_into(&mut o, "", &c.annotations, None);
    Json::Object(o)
}

/// Adds `prefix@Term#Qualifier: value` members.
fn annotations_into<'a>(
    o: &mut Vec<(String, Json)>,
    prefix: &str,
    list: impl IntoIterator<Item = &'a Annotation>,
    block_qualifier: Option<&str>,
) {
    for a in list {
        let mut key = format!("{prefix}@{}", a.term);
        if let Some(q) = a.qualifier.as_deref().or(block_qualifier) {
            key.push('#');
            key.push_str(q);
        }
        o.push((key.clone(), value_json(&a.value)));
        annotations_into(o, &key, &a.annotations, None);
    }
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::Absent => Json::Bool(true),
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number(i.to_string()),
        Value::Float(f) if f.is_nan() => Json::str("NaN"),
        Value::Float(f) if f.is_infinite() => Json::str(if *f > 0.0 { "INF" } else { "-INF" }),
        Value::Float(f) => Json::Number(format!("{f:?}")),
        Value::Decimal(d) if is_json_number(d) => Json::Number(d.clone()),
        Value::Decimal(s)
        | Value::String(s)
        | Value::Date(s)
        | Value::DateTimeOffset(s)
        | Value::Duration(s)
        | Value::Guid(s)
        | Value::TimeOfDay(s)
        | Value::Binary(s) => Json::str(s),
        Value::EnumMember(members) => {
            let names: Vec<&str> = members
                .iter()
                .map(|m| m.rsplit_once('/').map_or(m.as_str(), |(_, n)| n))
                .collect();
            Json::String(names.join(","))
        }
        Value::Path(kind, path) => {
            Json::Object(vec![(format!("${}", kind.name()), Json::str(path))])
        }
        Value::Record(r) => {
            let mut o = Vec::new();
            if let Some(ty) = &r.ty {
                o.push(("@type".to_owned(), Json::String(format!("#{ty}"))));
            }
            annotations_into(&mut o, "", &r.annotations, None);
            for (name, value) in &r.properties {
                o.push((name.clone(), value_json(value)));
                let nested = r.property_annotations.iter().filter(|(n, _)| n == name);
                annotations_into(&mut o, name, nested.map(|(_, a)| a), None);
            }
            Json::Object(o)
        }
        Value::Collection(items) => Json::Array(items.iter().map(value_json).collect()),
        Value::Expression(e) => expression_json(e),
    }
}

fn expression_json(e: &Expression) -> Json {
    let key = format!("${}", e.kind.name());
    let operands = |values: &[&Value]| Json::Array(values.iter().map(|v| value_json(v)).collect());
    let mut o = Vec::new();
    match &e.kind {
        ExpressionKind::Null => o.push((key, Json::Null)),
        ExpressionKind::Apply {
            function,
            arguments,
        } => {
            o.push((key, Json::Array(arguments.iter().map(value_json).collect())));
            o.push(("$Function".to_owned(), Json::str(function)));
        }
        ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => {
            o.push((key, value_json(&test.value)));
            type_into(&mut o, &test.ty);
            facets_into(&mut o, &test.facets);
        }
        ExpressionKind::If { .. } | ExpressionKind::Binary(..) => {
            o.push((key, operands(&e.kind.operands())));
        }
        ExpressionKind::LabeledElement { name, value } => {
            o.push((key, value_json(value)));
            o.push(("$Name".to_owned(), Json::str(name)));
        }
        ExpressionKind::LabeledElementReference(name) => o.push((key, Json::str(name))),
        ExpressionKind::UrlRef(value) | ExpressionKind::Not(value) | ExpressionKind::Neg(value) => {
            o.push((key, value_json(value)));
        }
    }
    annotations_into(&mut o, "", &e.annotations, None);
    Json::Object(o)
}

fn is_json_number(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (int, rest) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(frac) => {
            let digits = frac
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(frac.len());
            if digits == 0 {
                return false;
            }
            &frac[digits..]
        }
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exp) => {
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            !exp.is_empty() && exp.chars().all(|c| c.is_ascii_digit())
        }
        None => rest.is_empty(),
    }
}
