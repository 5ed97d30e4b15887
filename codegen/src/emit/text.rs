//! The fast path of emitting: an item written straight to text, byte for byte what prettyplease
//! prints for the tree [`super::items`] builds, without building or formatting that tree.
//!
//! Generated items have a handful of fixed shapes, and prettyplease prints them one token run
//! per line as long as no line is wider than its margin; only then does it break lines. So an
//! item is written here line by line, and when any line would be too wide, or a name or doc
//! line needs escaping or a layout this module does not reproduce, [`item_text`] gives up and
//! the item goes the slow way (tree + prettyplease). Formatting every item was most of the cost
//! of generating the whole Graph; the tests check both ways agree on every item of the Graph.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::items::{
    edm_name, EdmName, ADDITIONAL_DATA_DOC, ENUM_DERIVES, FALLBACK_DOC, FLAGS_DOC,
    POLYMORPHIC_ALLOWS, POLYMORPHIC_DERIVES, STRUCT_DERIVES, UNKNOWN_DOC,
};
use super::Context;
use crate::model::EdmKind;
use crate::plan::{EnumPlan, Gate, Item, ItemRef, Plan, PolymorphicPlan, RustType, StructPlan};

/// prettyplease's margin: lines up to this width are never broken.
const MAX_WIDTH: usize = 89;

/// Each distinct attribute body of the plan (validation rules), formatted once as prettyplease
/// prints it on one line, or `None` when it does not print on one line (or does not parse).
pub(super) struct AttributeTexts<'p> {
    formatted: FxHashMap<&'p str, Option<String>>,
    /// The `#[cfg(...)]` lines of each gate, as prettyplease prints them before an item and
    /// before a field, each line ended.
    item_gates: FxHashMap<&'p Gate, String>,
    field_gates: FxHashMap<&'p Gate, String>,
}

impl<'p> AttributeTexts<'p> {
    /// Formats every distinct attribute body of `plan`; there are only a few (`validate(...)`
    /// with a handful of rule combinations), used thousands of times.
    pub(super) fn new(plan: &'p Plan) -> Self {
        let mut formatted = FxHashMap::default();
        let mut item_gates = FxHashMap::default();
        let mut field_gates = FxHashMap::default();
        let items = plan.modules.iter().flat_map(|module| &module.items);
        for item in items.clone() {
            let fields = match item {
                Item::Struct(item) => item.fields.as_slice(),
                _ => &[],
            };
            let gated = std::iter::once((item.gate(), false))
                .chain(fields.iter().map(|field| (&field.gate, true)));
            for (gate, inner) in gated {
                let gates = if inner {
                    &mut field_gates
                } else {
                    &mut item_gates
                };
                if let Some(body) = super::cfg_body(plan, gate) {
                    gates
                        .entry(gate)
                        .or_insert_with(|| format_gate(&body, inner));
                }
            }
        }
        let structs = items.filter_map(|item| match item {
            Item::Struct(plan) => Some(plan),
            _ => None,
        });
        for plan in structs {
            let bodies = plan
                .attributes
                .iter()
                .chain(plan.fields.iter().flat_map(|field| &field.attributes));
            for body in bodies {
                formatted
                    .entry(body.as_str())
                    .or_insert_with(|| format_attribute(body));
            }
        }
        AttributeTexts {
            formatted,
            item_gates,
            field_gates,
        }
    }

    fn get(&self, body: &str) -> Option<&str> {
        self.formatted.get(body)?.as_deref()
    }

    /// The lines of `gate`'s attribute; empty when it has none.
    fn gate(&self, gate: &Gate, inner: bool) -> &str {
        let gates = if inner {
            &self.field_gates
        } else {
            &self.item_gates
        };
        gates.get(gate).map_or("", String::as_str)
    }
}

/// `#[body]` as prettyplease prints it before an item or (`inner`) a field, lines ended; it
/// breaks a long `cfg(any(...))` one feature a line.
fn format_gate(body: &str, inner: bool) -> String {
    let (source, prefix, suffix) = if inner {
        (
            format!("struct S {{\n#[{body}]\nf: u8,\n}}"),
            "struct S {\n",
            "    f: u8,\n}\n",
        )
    } else {
        (format!("#[{body}]\nstruct S;"), "", "struct S;\n")
    };
    let file: syn::File = syn::parse_str(&source).expect("a cfg of feature names parses");
    let printed = prettyplease::unparse(&file);
    printed
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .expect("prettyplease prints an attribute on lines of its own")
        .to_owned()
}

/// `#[body]` as prettyplease prints it, when on one line.
fn format_attribute(body: &str) -> Option<String> {
    let file: syn::File = syn::parse_str(&format!("#[{body}]\nstruct S;")).ok()?;
    let printed = prettyplease::unparse(&file);
    let attribute = printed.strip_suffix("\nstruct S;\n")?;
    (!attribute.contains('\n')).then(|| attribute.to_owned())
}

/// The item as prettyplease would print it, or `None` when it must go the slow way. Adds the
/// `graph_core` names it uses unqualified to `imports` (also when it gives up; the slow way
/// adds the same names).
pub(super) fn item_text(
    context: &Context<'_>,
    item: &Item,
    imports: &mut BTreeSet<&'static str>,
    attributes: &AttributeTexts<'_>,
) -> Option<String> {
    let mut text = Text {
        out: String::with_capacity(estimated_len(item)),
        line_start: 0,
    };
    match item {
        Item::Struct(plan) => struct_text(&mut text, context, plan, imports, attributes)?,
        Item::Enum(plan) => enum_text(&mut text, plan, attributes)?,
        Item::Polymorphic(plan) => polymorphic_text(&mut text, context, plan, imports, attributes)?,
    }
    Some(text.out)
}

/// What is inside a delimited group, for how prettyplease breaks it when it does not fit.
#[derive(Clone, Copy, PartialEq)]
enum Body {
    /// A type: broken again inside when its own line does not fit.
    Type,
    /// Tokens with no place to break (one `name = "literal"`): kept whole, however wide.
    Unbreakable,
    /// A list this module does not break the way prettyplease does.
    NotReproduced,
}

/// About how long the item's text is, so its buffer is allocated once: each field, member or
/// variant takes a few lines of up to ~90 bytes, plus its doc lines.
fn estimated_len(item: &Item) -> usize {
    let docs = |lines: &[String]| lines.iter().map(|line| line.len() + 8).sum::<usize>();
    match item {
        Item::Struct(plan) => {
            let fields: usize = plan
                .fields
                .iter()
                .map(|field| docs(&field.docs) + 2 * field.wire_name.len() + 80)
                .sum();
            docs(&plan.docs) + fields + 400
        }
        Item::Enum(plan) => {
            let members: usize = plan
                .members
                .iter()
                .map(|member| docs(&member.docs) + 2 * member.wire_name.len() + 40)
                .sum();
            docs(&plan.docs) + members + 400
        }
        Item::Polymorphic(plan) => {
            let variants: usize = plan
                .variants
                .iter()
                .map(|variant| variant.qualified_name.len() + 3 * variant.name.len() + 40)
                .sum();
            docs(&plan.docs) + variants + 400
        }
    }
}

/// The text being written, one checked line at a time.
struct Text {
    out: String,
    line_start: usize,
}

impl Text {
    /// Ends the current code line; `None` when prettyplease might have broken it.
    fn end_line(&mut self) -> Option<()> {
        if self.out.len() - self.line_start > MAX_WIDTH {
            return None;
        }
        self.out.push('\n');
        self.line_start = self.out.len();
        Some(())
    }

    /// Whole lines already formatted, each ended.
    fn lines(&mut self, lines: &str) {
        self.out.push_str(lines);
        self.line_start = self.out.len();
    }

    /// Ends a line prettyplease never breaks.
    fn end_unchecked_line(&mut self) {
        self.out.push('\n');
        self.line_start = self.out.len();
    }

    /// Starts a code line, indented inside an item's braces or not.
    fn start(&mut self, inner: bool) -> &mut Self {
        if inner {
            self.out.push_str("    ");
        }
        self
    }

    fn push(&mut self, text: &str) -> &mut Self {
        self.out.push_str(text);
        self
    }

    /// A doc line `///` + `prefix` + `text`, trailing spaces trimmed. prettyplease prints doc
    /// lines this way unless they hold a newline or (outer docs) start with `/`.
    fn doc(&mut self, inner: bool, prefix: &str, text: &str) -> Option<()> {
        if text.contains('\n') || (prefix.is_empty() && text.starts_with('/')) {
            return None;
        }
        self.start(inner).push("///");
        let text = text.trim_end_matches(' ');
        if text.is_empty() {
            self.out.push_str(prefix.trim_end_matches(' '));
        } else {
            self.out.push_str(prefix);
            self.out.push_str(text);
        }
        // Doc lines are never broken, whatever their width.
        self.end_unchecked_line();
        Some(())
    }

    fn docs(&mut self, inner: bool, lines: &[String]) -> Option<()> {
        lines.iter().try_for_each(|line| self.doc(inner, " ", line))
    }

    /// `#[derive(A, B)]` or `#[allow(a, b)]`.
    fn list_attribute(&mut self, inner: bool, name: &str, parts: &[&str]) -> Option<()> {
        self.start(inner).push("#[").push(name).push("(");
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(part);
        }
        self.push(")]").end_line()
    }

    /// `#[graph(name = "value")]` or `#[graph(name = "value", evolvable)]`.
    fn graph_name_value(
        &mut self,
        inner: bool,
        name: &str,
        value: &str,
        flag: Option<&str>,
    ) -> Option<()> {
        let flag_len = flag.map_or(0, |flag| ", ".len() + flag.len());
        let one_line = usize::from(inner) * 4
            + "#[graph(".len()
            + name.len()
            + " = \"".len()
            + value.len()
            + "\"".len()
            + flag_len
            + ")]".len();
        if one_line <= MAX_WIDTH {
            // The common case, written in place.
            self.start(inner).push("#[graph(").push(name).push(" = ");
            string_literal(&mut self.out, value)?;
            if let Some(flag) = flag {
                self.push(", ").push(flag);
            }
            return self.push(")]").end_line();
        }
        let mut arguments = String::with_capacity(name.len() + value.len() + 16);
        arguments.push_str(name);
        arguments.push_str(" = ");
        string_literal(&mut arguments, value)?;
        if let Some(flag) = flag {
            arguments.push_str(", ");
            arguments.push_str(flag);
        }
        // Broken, several arguments go one per line with a trailing comma: not reproduced. One
        // argument (`name = "literal"`) has no place to break, however wide.
        let body = if flag.is_none() {
            Body::Unbreakable
        } else {
            Body::NotReproduced
        };
        self.delimited(inner, &["#[graph"], '(', &arguments, body, false, ")]")
    }

    /// `head` + `open` + `text` + `close` on one line when it fits; else as prettyplease breaks
    /// it: `text` on a line of its own one level deeper (with a trailing comma for lists),
    /// `close` on the next. `None` when prettyplease would break it another way (see [`Body`]).
    #[allow(clippy::too_many_arguments)]
    fn delimited(
        &mut self,
        inner: bool,
        head: &[&str],
        open: char,
        text: &str,
        body: Body,
        comma: bool,
        close: &str,
    ) -> Option<()> {
        let indent = if inner { "    " } else { "" };
        self.out.push_str(indent);
        for part in head {
            self.out.push_str(part);
        }
        self.out.push(open);
        let width = self.out.len() - self.line_start + text.len() + close.len();
        if width <= MAX_WIDTH {
            return self.push(text).push(close).end_line();
        }
        if body == Body::NotReproduced {
            return None;
        }
        // The head has no place to break, however wide.
        self.end_unchecked_line();
        self.push(indent).push("    ").push(text);
        if comma {
            self.out.push(',');
        }
        match body {
            // A type that does not fit on its own line would be broken again: not reproduced.
            Body::Type => self.end_line()?,
            _ => self.end_unchecked_line(),
        }
        self.push(indent).push(close).end_line()
    }

    /// `#[graph(flag)]`.
    fn graph_flag(&mut self, inner: bool, flag: &str) -> Option<()> {
        self.start(inner)
            .push("#[graph(")
            .push(flag)
            .push(")]")
            .end_line()
    }
}

/// `"value"`, for values that need no escaping (all names in Graph); `None` otherwise.
fn string_literal(out: &mut String, value: &str) -> Option<()> {
    let plain = value
        .bytes()
        .all(|byte| (b' '..=b'~').contains(&byte) && !matches!(byte, b'"' | b'\\' | b'\''));
    if !plain {
        return None;
    }
    out.push('"');
    out.push_str(value);
    out.push('"');
    Some(())
}

fn struct_text(
    text: &mut Text,
    context: &Context<'_>,
    plan: &StructPlan,
    imports: &mut BTreeSet<&'static str>,
    attributes: &AttributeTexts<'_>,
) -> Option<()> {
    text.docs(false, &plan.docs)?;
    text.lines(attributes.gate(&plan.gate, false));
    text.list_attribute(false, "derive", STRUCT_DERIVES)?;
    text.graph_name_value(false, "odata_type", &plan.qualified_name, None)?;
    if plan.entity {
        text.graph_flag(false, "entity")?;
    }
    for body in &plan.attributes {
        text.push(attributes.get(body)?).end_line()?;
    }
    text.push("pub struct ")
        .push(&plan.name)
        .push(" {")
        .end_line()?;
    // Imported even by a struct without fields, as the tree way does.
    let mut property = String::new();
    runtime(&mut property, context, "Property", imports);
    let mut ty = String::new();
    for field in &plan.fields {
        text.docs(true, &field.docs)?;
        text.lines(attributes.gate(&field.gate, true));
        if field.wire_name != field.name {
            text.graph_name_value(true, "name", &field.wire_name, None)?;
        }
        if field.navigation {
            text.graph_flag(true, "navigation")?;
        }
        for body in &field.attributes {
            text.start(true).push(attributes.get(body)?).end_line()?;
        }
        ty.clear();
        rust_type(&mut ty, context, &field.ty, imports);
        let head = ["pub ", &field.name, ": ", &property];
        text.delimited(true, &head, '<', &ty, Body::Type, true, ">,")?;
    }
    text.doc(true, "", ADDITIONAL_DATA_DOC)?;
    text.graph_flag(true, "additional_data")?;
    text.start(true)
        .push("pub ")
        .push(&plan.additional_data)
        .push(": ");
    runtime(&mut text.out, context, "AdditionalData", imports);
    text.push(",").end_line()?;
    text.push("}").end_line()
}

fn enum_text(text: &mut Text, plan: &EnumPlan, attributes: &AttributeTexts<'_>) -> Option<()> {
    text.docs(false, &plan.docs)?;
    if plan.is_flags {
        text.doc(false, "", "")?;
        text.doc(false, "", FLAGS_DOC)?;
    }
    text.lines(attributes.gate(&plan.gate, false));
    text.list_attribute(false, "derive", ENUM_DERIVES)?;
    text.push("pub enum ")
        .push(&plan.name)
        .push(" {")
        .end_line()?;
    for member in &plan.members {
        text.docs(true, &member.docs)?;
        let flag = member.evolvable.then_some("evolvable");
        text.graph_name_value(true, "name", &member.wire_name, flag)?;
        text.start(true).push(&member.name).push(",").end_line()?;
    }
    text.doc(true, "", UNKNOWN_DOC)?;
    text.graph_flag(true, "unknown")?;
    text.start(true).push("Unknown(String),").end_line()?;
    text.push("}").end_line()
}

fn polymorphic_text(
    text: &mut Text,
    context: &Context<'_>,
    plan: &PolymorphicPlan,
    imports: &mut BTreeSet<&'static str>,
    attributes: &AttributeTexts<'_>,
) -> Option<()> {
    text.docs(false, &plan.docs)?;
    text.lines(attributes.gate(&plan.gate, false));
    text.list_attribute(false, "derive", POLYMORPHIC_DERIVES)?;
    text.list_attribute(false, "allow", POLYMORPHIC_ALLOWS)?;
    text.push("pub enum ")
        .push(&plan.name)
        .push(" {")
        .end_line()?;
    for variant in &plan.variants {
        text.graph_name_value(true, "odata_type", &variant.qualified_name, None)?;
        tuple_variant(text, context, &variant.name, &variant.target, imports)?;
    }
    text.doc(true, "", FALLBACK_DOC)?;
    text.graph_flag(true, "fallback")?;
    tuple_variant(
        text,
        context,
        &plan.fallback.name,
        &plan.fallback.target,
        imports,
    )?;
    text.push("}").end_line()
}

/// `Name(Type),`.
fn tuple_variant(
    text: &mut Text,
    context: &Context<'_>,
    name: &str,
    target: &RustType,
    imports: &mut BTreeSet<&'static str>,
) -> Option<()> {
    let mut ty = String::new();
    rust_type(&mut ty, context, target, imports);
    text.delimited(true, &[name], '(', &ty, Body::Type, true, "),")
}

/// The runtime name as the context's module refers to it (see [`Context::runtime`]).
fn runtime(
    out: &mut String,
    context: &Context<'_>,
    name: &'static str,
    imports: &mut BTreeSet<&'static str>,
) {
    if context.qualified.contains(name) {
        out.push_str("graph_core::");
    } else {
        imports.insert(name);
    }
    out.push_str(name);
}

/// The type as `items::rust_type` builds it, printed.
fn rust_type(
    out: &mut String,
    context: &Context<'_>,
    ty: &RustType,
    imports: &mut BTreeSet<&'static str>,
) {
    match ty {
        RustType::Edm(kind) => edm_type(out, context, *kind, imports),
        RustType::Untyped => runtime(out, context, "Untyped", imports),
        RustType::Named(item) => item_path(out, context, item),
        RustType::Flags(item) => {
            runtime(out, context, "FlagSet", imports);
            out.push('<');
            item_path(out, context, item);
            out.push('>');
        }
        RustType::Collection(inner) => {
            out.push_str("Vec<");
            rust_type(out, context, inner, imports);
            out.push('>');
        }
        RustType::Boxed(inner) => {
            out.push_str("Box<");
            rust_type(out, context, inner, imports);
            out.push('>');
        }
    }
}

/// The type as `items::edm_type` builds it, printed.
fn edm_type(
    out: &mut String,
    context: &Context<'_>,
    kind: EdmKind,
    imports: &mut BTreeSet<&'static str>,
) {
    match edm_name(kind) {
        EdmName::Primitive(name) => out.push_str(name),
        EdmName::InEdm(name) => {
            runtime(out, context, "edm", imports);
            out.push_str("::");
            out.push_str(name);
        }
        EdmName::Untyped => runtime(out, context, "Untyped", imports),
    }
}

/// The path as `items::item_path` builds it, printed.
fn item_path(out: &mut String, context: &Context<'_>, item: &ItemRef) {
    if item.module != context.module {
        if context.module != 0 {
            out.push_str("super::");
        }
        if item.module != 0 {
            out.push_str(&context.plan.modules[item.module].name);
            out.push_str("::");
        }
    }
    out.push_str(&item.name);
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::emit::format_item;
    use crate::plan::{FieldPlan, ModulePlan};
    use crate::Builder;

    /// Checks every item of `plan` written directly against the tree formatted by
    /// prettyplease; returns how many were written directly.
    fn check_against_prettyplease(plan: &Plan) -> usize {
        let attributes = AttributeTexts::new(plan);
        let mut direct = 0;
        for (index, module) in plan.modules.iter().enumerate() {
            let context = Context::new(plan, index);
            for item in &module.items {
                let mut fast_imports = BTreeSet::new();
                let Some(fast) = item_text(&context, item, &mut fast_imports, &attributes) else {
                    continue;
                };
                let mut slow_imports = BTreeSet::new();
                let slow = format_item(&context, item, &mut slow_imports);
                assert_eq!(fast, slow, "item {} of module {index}", item.name());
                assert_eq!(fast_imports, slow_imports, "imports of {}", item.name());
                direct += 1;
            }
        }
        direct
    }

    fn manifest_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn slice_items_print_as_prettyplease_prints_them() {
        let metadata = manifest_dir().join("../metadata");
        let (plan, _) = Builder::new()
            .metadata(metadata.join("onlineMeeting.csdl.xml"))
            .metadata(metadata.join("onlineMeeting.rules.xml"))
            .root("microsoft.graph.onlineMeeting")
            .rules_module("crate::rules")
            .plan()
            .unwrap();
        let items: usize = plan.modules.iter().map(|module| module.items.len()).sum();
        // Every item of the slice has a shape written directly (`AnyIdentity` has a variant
        // line prettyplease breaks).
        assert_eq!(check_against_prettyplease(&plan), items);
    }

    #[test]
    fn every_graph_item_prints_as_prettyplease_prints_it() {
        let Some(metadata) = ["../../shared/graph-metadata", "../shared/graph-metadata"]
            .iter()
            .map(|dir| manifest_dir().join(dir).join("v1.0-clean.xml"))
            .find(|path| Path::is_file(path))
        else {
            println!("skipped: ../shared not found (no ../shared/graph-metadata/v1.0-clean.xml)");
            return;
        };
        let (mut plan, _) = Builder::new().metadata(metadata).all().plan().unwrap();
        // Gated as the whole-Graph crate is, so the `cfg` lines are checked too.
        crate::plan::features::gate(&mut plan);
        let items: usize = plan.modules.iter().map(|module| module.items.len()).sum();
        let direct = check_against_prettyplease(&plan);
        // Graph has no line prettyplease breaks twice: every item is written directly.
        assert_eq!(direct, items);
    }

    fn one_struct_plan(qualified_name: &str, wire_name: &str, docs: &[&str]) -> Plan {
        let field = FieldPlan {
            name: "value".to_owned(),
            wire_name: wire_name.to_owned(),
            docs: docs.iter().map(|line| (*line).to_owned()).collect(),
            ty: RustType::Collection(Box::new(RustType::Edm(EdmKind::DateTimeOffset))),
            navigation: false,
            attributes: vec!["validate(max_length = 10, pattern = \"^a\")".to_owned()],
            gate: Gate::default(),
        };
        let item = Item::Struct(StructPlan {
            name: "Thing".to_owned(),
            qualified_name: qualified_name.to_owned(),
            entity: false,
            docs: vec!["Docs.".to_owned()],
            fields: vec![field],
            additional_data: "additional_data".to_owned(),
            attributes: Vec::new(),
            gate: Gate::default(),
        });
        Plan {
            source: "test.xml".to_owned(),
            modules: vec![ModulePlan {
                namespace: "n".to_owned(),
                name: String::new(),
                items: vec![item],
            }],
            api: Default::default(),
            features: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn written_directly(plan: &Plan) -> bool {
        let attributes = AttributeTexts::new(plan);
        let context = Context::new(plan, 0);
        let item = &plan.modules[0].items[0];
        item_text(&context, item, &mut BTreeSet::new(), &attributes).is_some()
    }

    #[test]
    fn common_shapes_are_written_directly() {
        let plan = one_struct_plan("n.thing", "valueName", &["One.", "  ", "two  "]);
        assert!(written_directly(&plan));
        assert_eq!(check_against_prettyplease(&plan), 1);
    }

    #[test]
    fn lines_prettyplease_breaks_once_are_written_broken() {
        // A long `odata_type` and a long field type: each group goes on a line of its own.
        let long = format!("n.{}", "x".repeat(80));
        let mut plan = one_struct_plan(&long, "valueName", &[]);
        let Item::Struct(item) = &mut plan.modules[0].items[0] else {
            unreachable!("one_struct_plan plans a struct")
        };
        item.fields[0].ty = RustType::Collection(Box::new(RustType::Named(ItemRef {
            module: 0,
            name: "Y".repeat(70),
        })));
        assert!(written_directly(&plan));
        assert_eq!(check_against_prettyplease(&plan), 1);
        let mut imports = BTreeSet::new();
        let text = format_item(
            &Context::new(&plan, 0),
            &plan.modules[0].items[0],
            &mut imports,
        );
        assert!(text.contains("#[graph(\n    odata_type"), "{text}");
        assert!(text.contains("Property<\n        Vec<"), "{text}");
    }

    #[test]
    fn lines_prettyplease_breaks_twice_go_the_slow_way() {
        let mut plan = one_struct_plan("n.thing", "valueName", &[]);
        let Item::Struct(item) = &mut plan.modules[0].items[0] else {
            unreachable!("one_struct_plan plans a struct")
        };
        // Too wide even on a line of its own: prettyplease breaks inside `Vec<...>` too.
        item.fields[0].ty = RustType::Collection(Box::new(RustType::Named(ItemRef {
            module: 0,
            name: "Y".repeat(90),
        })));
        assert!(!written_directly(&plan));
    }

    #[test]
    fn escaped_names_and_unusual_docs_go_the_slow_way() {
        for plan in [
            one_struct_plan("n.thing", "quote\"d", &[]),
            one_struct_plan("n.thing", "caf\u{e9}", &[]),
            one_struct_plan("n.thing", "valueName", &["two\nlines"]),
        ] {
            assert!(!written_directly(&plan));
            assert_eq!(check_against_prettyplease(&plan), 0);
        }
    }
}
