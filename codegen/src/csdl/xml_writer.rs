//! CSDL XML writer, from the syntax tree; `graph-codegen convert --to xml`.

use std::fmt::Write as _;

use super::*;

/// Writes a document as CSDL XML (4.0 when the document says 4.0, else 4.01).
pub fn to_xml(doc: &Document) -> String {
    let mut w = XmlWriter {
        out: String::with_capacity(1 << 16),
        depth: 0,
    };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let version = if doc.version == "4.0" { "4.0" } else { "4.01" };
    w.open(
        "edmx:Edmx",
        &[
            ("Version", Some(version)),
            (
                "xmlns:edmx",
                Some("http://docs.oasis-open.org/odata/ns/edmx"),
            ),
        ],
    );
    for r in &doc.references {
        w.open("edmx:Reference", &[("Uri", Some(&r.uri))]);
        for i in &r.includes {
            w.bound(
                "edmx:Include",
                &[
                    ("Namespace", Some(&i.namespace)),
                    ("Alias", i.alias.as_deref()),
                ],
                &[],
                &i.annotations,
            );
        }
        for i in &r.include_annotations {
            w.leaf(
                "edmx:IncludeAnnotations",
                &[
                    ("TermNamespace", Some(&i.term_namespace)),
                    ("Qualifier", i.qualifier.as_deref()),
                    ("TargetNamespace", i.target_namespace.as_deref()),
                ],
            );
        }
        w.annotations(&r.annotations);
        w.close("edmx:Reference");
    }
    w.open("edmx:DataServices", &[]);
    for schema in &doc.schemas {
        w.schema(schema);
    }
    w.close("edmx:DataServices");
    w.close("edmx:Edmx");
    w.out
}

struct XmlWriter {
    out: String,
    depth: usize,
}

fn yes(b: bool) -> Option<&'static str> {
    b.then_some("true")
}

impl XmlWriter {
    fn start(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                let _ = write!(self.out, " {key}=\"");
                escape_into(&mut self.out, value);
                self.out.push('"');
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn leaf(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.start(name, attrs);
        self.out.push_str(" />\n");
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "</{name}>");
    }

    /// An element with annotation children (or an empty element when there are none).
    fn with_annotations(
        &mut self,
        name: &str,
        attrs: &[(&str, Option<&str>)],
        list: &[Annotation],
    ) {
        if list.is_empty() {
            self.leaf(name, attrs);
        } else {
            self.open(name, attrs);
            self.annotations(list);
            self.close(name);
        }
    }

    fn schema(&mut self, s: &Schema) {
        self.open(
            "Schema",
            &[
                ("Namespace", Some(&s.namespace)),
                ("Alias", s.alias.as_deref()),
                ("xmlns", Some("http://docs.oasis-open.org/odata/ns/edm")),
            ],
        );
        for item in &s.items {
            match item {
                SchemaItem::EntityType(t) => self.structured(t, "EntityType"),
                SchemaItem::ComplexType(t) => self.structured(t, "ComplexType"),
                SchemaItem::EnumType(e) => {
                    self.open(
                        "EnumType",
                        &[
                            ("Name", Some(&e.name)),
                            ("UnderlyingType", e.underlying_type.as_deref()),
                            ("IsFlags", yes(e.is_flags)),
                        ],
                    );
                    for m in &e.members {
                        let value = m.value.map(|v| v.to_string());
                        self.with_annotations(
                            "Member",
                            &[("Name", Some(&m.name)), ("Value", value.as_deref())],
                            &m.annotations,
                        );
                    }
                    self.annotations(&e.annotations);
                    self.close("EnumType");
                }
                SchemaItem::TypeDefinition(t) => {
                    let facets = FacetText::of(&t.facets);
                    let mut attrs = vec![
                        ("Name", Some(t.name.as_str())),
                        ("UnderlyingType", Some(t.underlying_type.as_str())),
                    ];
                    facets.push_into(&mut attrs);
                    self.with_annotations("TypeDefinition", &attrs, &t.annotations);
                }
                SchemaItem::Action(o) => self.operation(o, "Action"),
                SchemaItem::Function(o) => self.operation(o, "Function"),
                SchemaItem::Term(t) => {
                    let ty = t.ty.to_string();
                    let facets = FacetText::of(&t.facets);
                    let mut attrs = vec![
                        ("Name", Some(t.name.as_str())),
                        ("Type", Some(ty.as_str())),
                        ("Nullable", (!t.nullable).then_some("false")),
                        ("BaseTerm", t.base_term.as_deref()),
                        ("DefaultValue", t.default_value.as_deref()),
                        ("AppliesTo", t.applies_to.as_deref()),
                    ];
                    facets.push_into(&mut attrs);
                    self.with_annotations("Term", &attrs, &t.annotations);
                }
                SchemaItem::EntityContainer(c) => self.container(c),
                SchemaItem::Annotations(block) => {
                    self.open(
                        "Annotations",
                        &[
                            ("Target", Some(&block.target)),
                            ("Qualifier", block.qualifier.as_deref()),
                        ],
                    );
                    self.annotations(&block.annotations);
                    self.close("Annotations");
                }
            }
        }
        self.annotations(&s.annotations);
        self.close("Schema");
    }

    fn structured(&mut self, t: &StructuredType, kind: &str) {
        self.open(
            kind,
            &[
                ("Name", Some(&t.name)),
                ("BaseType", t.base_type.as_deref()),
                ("Abstract", yes(t.is_abstract)),
                ("OpenType", yes(t.open_type)),
                ("HasStream", yes(t.has_stream)),
            ],
        );
        if !t.key.is_empty() {
            self.open("Key", &[]);
            for k in &t.key {
                self.leaf(
                    "PropertyRef",
                    &[("Name", Some(&k.name)), ("Alias", k.alias.as_deref())],
                );
            }
            self.close("Key");
        }
        for p in &t.properties {
            let ty = p.ty.to_string();
            let facets = FacetText::of(&p.facets);
            let name = if p.navigation {
                "NavigationProperty"
            } else {
                "Property"
            };
            // A collection of entities is never null, and XML does not say so.
            let not_null = !(p.nullable || p.navigation && p.ty.collection);
            let mut attrs = vec![
                ("Name", Some(p.name.as_str())),
                ("Type", Some(ty.as_str())),
                ("Nullable", not_null.then_some("false")),
            ];
            facets.push_into(&mut attrs);
            attrs.push(("DefaultValue", p.default_value.as_deref()));
            attrs.push(("Partner", p.partner.as_deref()));
            attrs.push(("ContainsTarget", yes(p.contains_target)));
            if p.annotations.is_empty()
                && p.on_delete.is_none()
                && p.referential_constraints.is_empty()
            {
                self.leaf(name, &attrs);
                continue;
            }
            self.open(name, &attrs);
            for (from, to) in &p.referential_constraints {
                self.leaf(
                    "ReferentialConstraint",
                    &[("Property", Some(from)), ("ReferencedProperty", Some(to))],
                );
            }
            if let Some(action) = &p.on_delete {
                self.leaf("OnDelete", &[("Action", Some(action))]);
            }
            self.annotations(&p.annotations);
            self.close(name);
        }
        self.annotations(&t.annotations);
        self.close(kind);
    }

    fn operation(&mut self, o: &Operation, kind: &str) {
        self.open(
            kind,
            &[
                ("Name", Some(&o.name)),
                ("IsBound", yes(o.is_bound)),
                ("IsComposable", yes(o.is_composable)),
                ("EntitySetPath", o.entity_set_path.as_deref()),
            ],
        );
        for p in &o.parameters {
            let ty = p.ty.to_string();
            let facets = FacetText::of(&p.facets);
            let mut attrs = vec![
                ("Name", Some(p.name.as_str())),
                ("Type", Some(ty.as_str())),
                ("Nullable", (!p.nullable).then_some("false")),
            ];
            facets.push_into(&mut attrs);
            self.with_annotations("Parameter", &attrs, &p.annotations);
        }
        if let Some(r) = &o.return_type {
            let ty = r.ty.to_string();
            let facets = FacetText::of(&r.facets);
            let mut attrs = vec![
                ("Type", Some(ty.as_str())),
                ("Nullable", (!r.nullable).then_some("false")),
            ];
            facets.push_into(&mut attrs);
            self.with_annotations("ReturnType", &attrs, &r.annotations);
        }
        self.annotations(&o.annotations);
        self.close(kind);
    }

    fn container(&mut self, c: &EntityContainer) {
        self.open(
            "EntityContainer",
            &[("Name", Some(&c.name)), ("Extends", c.extends.as_deref())],
        );
        for item in &c.items {
            match item {
                ContainerItem::EntitySet(s) => {
                    let attrs = [
                        ("Name", Some(s.name.as_str())),
                        ("EntityType", Some(s.entity_type.as_str())),
                        (
                            "IncludeInServiceDocument",
                            (!s.include_in_service_document).then_some("false"),
                        ),
                    ];
                    self.bound("EntitySet", &attrs, &s.bindings, &s.annotations);
                }
                ContainerItem::Singleton(s) => {
                    let attrs = [
                        ("Name", Some(s.name.as_str())),
                        ("Type", Some(s.ty.as_str())),
                        ("Nullable", yes(s.nullable)),
                    ];
                    self.bound("Singleton", &attrs, &s.bindings, &s.annotations);
                }
                ContainerItem::ActionImport(i) => self.with_annotations(
                    "ActionImport",
                    &[
                        ("Name", Some(&i.name)),
                        ("Action", Some(&i.operation)),
                        ("EntitySet", i.entity_set.as_deref()),
                    ],
                    &i.annotations,
                ),
                ContainerItem::FunctionImport(i) => self.with_annotations(
                    "FunctionImport",
                    &[
                        ("Name", Some(&i.name)),
                        ("Function", Some(&i.operation)),
                        ("EntitySet", i.entity_set.as_deref()),
                        (
                            "IncludeInServiceDocument",
                            yes(i.include_in_service_document),
                        ),
                    ],
                    &i.annotations,
                ),
            }
        }
        self.annotations(&c.annotations);
        self.close("EntityContainer");
    }

    fn bound(
        &mut self,
        name: &str,
        attrs: &[(&str, Option<&str>)],
        bindings: &[Binding],
        annotations: &[Annotation],
    ) {
        if bindings.is_empty() && annotations.is_empty() {
            self.leaf(name, attrs);
            return;
        }
        self.open(name, attrs);
        for b in bindings {
            self.leaf(
                "NavigationPropertyBinding",
                &[("Path", Some(&b.path)), ("Target", Some(&b.target))],
            );
        }
        self.annotations(annotations);
        self.close(name);
    }

    fn annotations(&mut self, list: &[Annotation]) {
        for a in list {
            self.annotation(a);
        }
    }

    fn annotation(&mut self, a: &Annotation) {
        self.value_element(
            "Annotation",
            &[
                ("Term", Some(a.term.as_str())),
                ("Qualifier", a.qualifier.as_deref()),
            ],
            &a.value,
            a.annotations.iter(),
        );
    }

    /// `<Annotation>` or `<PropertyValue>` with its value (scalars as an attribute, records
    /// and collections as a child) and its own annotations as children.
    fn value_element<'a>(
        &mut self,
        name: &str,
        attrs: &[(&str, Option<&str>)],
        value: &Value,
        nested: impl Iterator<Item = &'a Annotation>,
    ) {
        let mut nested = nested.peekable();
        let constant: Option<(&str, String)> = match value {
            Value::Absent
            | Value::Record(_)
            | Value::Collection(_)
            | Value::Null
            | Value::Expression(_) => None,
            Value::EnumMember(list) => Some(("EnumMember", list.join(" "))),
            Value::Bool(b) => Some(("Bool", b.to_string())),
            Value::Int(i) => Some(("Int", i.to_string())),
            Value::Float(f) => Some(("Float", float_text(*f))),
            Value::Path(kind, path) => Some((kind.name(), path.clone())),
            other => {
                let (kind, text) = scalar(other);
                Some((kind, text.to_owned()))
            }
        };
        let mut all = attrs.to_vec();
        if let Some((kind, text)) = &constant {
            all.push((kind, Some(text.as_str())));
        }
        let child_expression = matches!(
            value,
            Value::Record(_) | Value::Collection(_) | Value::Null | Value::Expression(_)
        );
        if !child_expression && nested.peek().is_none() {
            self.leaf(name, &all);
            return;
        }
        self.open(name, &all);
        if child_expression {
            self.expression(value);
        }
        nested.for_each(|a| self.annotation(a));
        self.close(name);
    }

    fn expression(&mut self, value: &Value) {
        match value {
            Value::Null | Value::Absent => self.leaf("Null", &[]),
            Value::Record(r) => {
                self.open("Record", &[("Type", r.ty.as_deref())]);
                self.annotations(&r.annotations);
                for (property, v) in &r.properties {
                    let nested = r
                        .property_annotations
                        .iter()
                        .filter(|(name, _)| name == property)
                        .map(|(_, a)| a);
                    self.value_element(
                        "PropertyValue",
                        &[("Property", Some(property.as_str()))],
                        v,
                        nested,
                    );
                }
                self.close("Record");
            }
            Value::Collection(items) => {
                self.open("Collection", &[]);
                for item in items {
                    self.expression(item);
                }
                self.close("Collection");
            }
            Value::Bool(b) => self.text_element("Bool", if *b { "true" } else { "false" }),
            Value::Int(i) => self.text_element("Int", &i.to_string()),
            Value::Float(f) => self.text_element("Float", &float_text(*f)),
            Value::EnumMember(list) => self.text_element("EnumMember", &list.join(" ")),
            Value::Path(kind, path) => self.text_element(kind.name(), path),
            Value::Expression(e) => self.dynamic(e),
            other => {
                let (kind, text) = scalar(other);
                self.text_element(kind, text);
            }
        }
    }

    /// A dynamic expression: its attributes, its annotations, then its operands.
    fn dynamic(&mut self, e: &Expression) {
        let name = e.kind.name();
        if let ExpressionKind::LabeledElementReference(reference) = &e.kind {
            self.text_element(name, reference);
            return;
        }
        let ty;
        let facets;
        let mut attrs = Vec::new();
        match &e.kind {
            ExpressionKind::Apply { function, .. } => {
                attrs.push(("Function", Some(function.as_str())))
            }
            ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => {
                ty = test.ty.to_string();
                attrs.push(("Type", Some(ty.as_str())));
                facets = FacetText::of(&test.facets);
                facets.push_into(&mut attrs);
            }
            ExpressionKind::LabeledElement { name, .. } => {
                attrs.push(("Name", Some(name.as_str())))
            }
            _ => {}
        }
        let operands = e.kind.operands();
        if operands.is_empty() && e.annotations.is_empty() {
            self.leaf(name, &attrs);
            return;
        }
        self.open(name, &attrs);
        self.annotations(&e.annotations);
        for operand in operands {
            self.expression(operand);
        }
        self.close(name);
    }

    fn text_element(&mut self, name: &str, text: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        let _ = write!(self.out, "<{name}>");
        escape_into(&mut self.out, text);
        let _ = writeln!(self.out, "</{name}>");
    }
}

/// The element/attribute name and text of a string-like constant.
fn scalar(value: &Value) -> (&'static str, &str) {
    match value {
        Value::Decimal(s) => ("Decimal", s),
        Value::Date(s) => ("Date", s),
        Value::DateTimeOffset(s) => ("DateTimeOffset", s),
        Value::Duration(s) => ("Duration", s),
        Value::Guid(s) => ("Guid", s),
        Value::TimeOfDay(s) => ("TimeOfDay", s),
        Value::Binary(s) => ("Binary", s),
        Value::String(s) => ("String", s),
        _ => ("String", ""),
    }
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "INF" } else { "-INF" }.to_owned()
    } else {
        format!("{f:?}")
    }
}

/// Facet values as attribute text.
struct FacetText {
    max_length: Option<String>,
    precision: Option<String>,
    scale: Option<String>,
    srid: Option<String>,
    unicode: Option<&'static str>,
}

impl FacetText {
    fn of(f: &Facets) -> FacetText {
        FacetText {
            max_length: f.max_length.map(|m| match m {
                MaxLength::Max => "max".to_owned(),
                MaxLength::Length(n) => n.to_string(),
            }),
            precision: f.precision.map(|p| p.to_string()),
            scale: f.scale.map(|s| match s {
                Scale::Value(n) => n.to_string(),
                Scale::Variable => "variable".to_owned(),
                Scale::Floating => "floating".to_owned(),
            }),
            srid: f.srid.clone(),
            unicode: f.unicode.map(|u| if u { "true" } else { "false" }),
        }
    }

    fn push_into<'a>(&'a self, attrs: &mut Vec<(&'a str, Option<&'a str>)>) {
        attrs.push(("MaxLength", self.max_length.as_deref()));
        attrs.push(("Precision", self.precision.as_deref()));
        attrs.push(("Scale", self.scale.as_deref()));
        attrs.push(("SRID", self.srid.as_deref()));
        attrs.push(("Unicode", self.unicode));
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}
