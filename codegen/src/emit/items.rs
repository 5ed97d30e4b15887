//! One function per kind of generated item. The shape is fixed by
//! `docs/design/0001-generated-models.md`.
//!
//! Items are built as `syn` syntax trees directly rather than as `quote!` tokens parsed back by
//! `syn::parse2`: the trees are the same ones parsing would give (the snapshot tests pin the
//! formatted text), and skipping the token round trip more than halves the cost of emitting the
//! whole Graph. Attribute arguments, which are token lists in `syn` too, are still tokens.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::{
    AngleBracketedGenericArguments, AttrStyle, Attribute, Expr, ExprLit, Field, FieldMutability,
    Fields, FieldsNamed, FieldsUnnamed, GenericArgument, Generics, ItemEnum, ItemStruct, Lit,
    LitStr, MacroDelimiter, Meta, MetaList, MetaNameValue, Path, PathArguments, PathSegment, Type,
    TypePath, Variant, Visibility,
};

use super::Context;
use crate::model::EdmKind;
use crate::plan::validation::FieldRule;
use crate::plan::{EnumPlan, Gate, Item, ItemRef, PolymorphicPlan, RustType, StructPlan};

/// The derives of a struct. No `Clone`, `Debug` or `PartialEq`: `graph_core::Model`
/// implements them through its field visits (cheaper to compile at Graph scale; `Debug` shows
/// the members that are present).
const STRUCT_DERIVES: &[&str] = &["Default", "graph_core::Model", "graph_core::Validate"];

/// The derives of an enum for a CSDL enum type.
const ENUM_DERIVES: &[&str] = &[
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "graph_core::Enum",
    "graph_core::Validate",
];

/// The derives of an `Any<Type>` enum. No `Debug` or `PartialEq`: `graph_core::Polymorphic`
/// implements them from the variant's model.
const POLYMORPHIC_DERIVES: &[&str] = &["Clone", "graph_core::Polymorphic", "graph_core::Validate"];

/// Lints allowed on an `Any<Type>` enum: the fallback is inline and derived variants are boxed,
/// so sizes differ by design; the variants of a family often share a suffix (`...Identity`).
const POLYMORPHIC_ALLOWS: &[&str] = &["clippy::large_enum_variant", "clippy::enum_variant_names"];

/// The doc line of a struct's `additional_data` field.
const ADDITIONAL_DATA_DOC: &str =
    " Members not in the schema and `@odata.*` annotations, in the order read.";

/// The second doc line of a flags enum (after an empty one).
const FLAGS_DOC: &str =
    " Flags: a field holds a set of these, `FlagSet<Self>`, written as `\"a,b\"`.";

/// The doc line of an enum's `Unknown` variant.
const UNKNOWN_DOC: &str = " A member this version does not know; read and written back unchanged.";

/// The doc line of an `Any<Type>` enum's fallback variant.
const FALLBACK_DOC: &str =
    " The declared type; also any absent or unknown `@odata.type` (kept in `additional_data`).";

/// The syntax tree of one item; `imports` collects the `graph_core` names it uses unqualified.
pub fn item_syntax(
    context: &Context<'_>,
    item: &Item,
    imports: &mut BTreeSet<&'static str>,
) -> syn::Item {
    item_syntax_with(context, item, imports, &mut DocLines::Inline)
}

/// [`item_syntax`], with doc lines going to `docs`.
pub(super) fn item_syntax_with<'a>(
    context: &Context<'_>,
    item: &'a Item,
    imports: &mut BTreeSet<&'static str>,
    docs: &mut DocLines<'a>,
) -> syn::Item {
    match item {
        Item::Struct(plan) => syn::Item::Struct(struct_syntax(context, plan, imports, docs)),
        Item::Enum(plan) => syn::Item::Enum(enum_syntax(context, plan, docs)),
        Item::Polymorphic(plan) => {
            syn::Item::Enum(polymorphic_syntax(context, plan, imports, docs))
        }
    }
}

/// Where doc lines go. A `#[doc = "..."]` attribute escapes its text into a string literal,
/// which prettyplease unescapes again to print `///`; for the whole Graph that round trip was
/// about a quarter of emitting. `Deferred` puts an empty placeholder line in the tree instead
/// and keeps the text, written over the placeholder after formatting by [`DocLines::splice`].
/// Attributes are built in the order they are printed, so placeholders are filled in order.
pub(super) enum DocLines<'a> {
    /// Real doc attributes: the tree stands on its own.
    Inline,
    /// Placeholders, and the (prefix, text) of each, in order.
    Deferred(Vec<(&'static str, &'a str)>),
}

/// The placeholder's text: prettyplease prints it as `///\0`. Real doc lines never start with
/// it (they start with a space or are empty), and items whose docs contain it anywhere are
/// emitted `Inline` (see [`DocLines::for_item`]).
const DOC_PLACEHOLDER: char = '\0';

impl<'a> DocLines<'a> {
    /// `Deferred`, unless a doc line of `item` contains the placeholder character.
    pub(super) fn for_item(item: &Item) -> Self {
        let has_placeholder =
            |lines: &[String]| lines.iter().any(|line| line.contains(DOC_PLACEHOLDER));
        let clash = match item {
            Item::Struct(plan) => {
                has_placeholder(&plan.docs)
                    || plan.fields.iter().any(|field| has_placeholder(&field.docs))
            }
            Item::Enum(plan) => {
                has_placeholder(&plan.docs)
                    || plan
                        .members
                        .iter()
                        .any(|member| has_placeholder(&member.docs))
            }
            Item::Polymorphic(plan) => has_placeholder(&plan.docs),
        };
        if clash {
            DocLines::Inline
        } else {
            DocLines::Deferred(Vec::new())
        }
    }

    /// The doc attribute for the line `prefix` + `text`.
    fn attribute(&mut self, prefix: &'static str, text: &'a str) -> Attribute {
        match self {
            // Only lines prettyplease prints as `///text` (see its `attr`) are deferred.
            DocLines::Deferred(lines)
                if !text.contains('\n') && (!prefix.is_empty() || !text.starts_with('/')) =>
            {
                lines.push((prefix, text));
                doc(&DOC_PLACEHOLDER.to_string())
            }
            _ => doc(&format!("{prefix}{text}")),
        }
    }

    /// `source`, formatted from a tree built with `self`, with each placeholder replaced by its
    /// line, trailing spaces trimmed as prettyplease trims them.
    pub(super) fn splice(self, source: String) -> String {
        let DocLines::Deferred(lines) = self else {
            return source;
        };
        if lines.is_empty() {
            return source;
        }
        let text_len: usize = lines.iter().map(|(_, text)| text.len() + 1).sum();
        let mut spliced = String::with_capacity(source.len() + text_len);
        let mut pieces = source.split(DOC_PLACEHOLDER);
        spliced.push_str(pieces.next().unwrap_or_default());
        let mut lines = lines.into_iter();
        for piece in pieces {
            let (prefix, text) = lines
                .next()
                .expect("one doc line per placeholder; a mismatch is a bug in the emitter");
            let text = text.trim_end_matches(' ');
            if text.is_empty() {
                spliced.push_str(prefix.trim_end_matches(' '));
            } else {
                spliced.push_str(prefix);
                spliced.push_str(text);
            }
            spliced.push_str(piece);
        }
        assert!(
            lines.next().is_none(),
            "one placeholder per doc line; a mismatch is a bug in the emitter"
        );
        spliced
    }
}

fn struct_syntax<'a>(
    context: &Context<'_>,
    plan: &'a StructPlan,
    imports: &mut BTreeSet<&'static str>,
    docs: &mut DocLines<'a>,
) -> ItemStruct {
    // The struct's own attributes first: they are printed first (see `DocLines`).
    let mut attrs = doc_attributes(&plan.docs, docs);
    attrs.extend(gate_attribute(context, &plan.gate));
    attrs.push(derive(STRUCT_DERIVES));
    attrs.push(graph_attribute(vec![name_value(
        "odata_type",
        &plan.qualified_name,
    )]));
    // A line of its own: beside a long `odata_type` it would make prettyplease break the line.
    if plan.entity {
        attrs.push(graph_attribute(vec![ident_tokens("entity")]));
    }
    attrs.extend(rule_functions_attribute(&plan.rule_functions));

    // Only a struct with fields uses `Property`: an import nothing uses is a warning.
    let property = plan
        .fields
        .first()
        .map(|_| context.runtime("Property", imports));
    let mut fields: Punctuated<Field, syn::Token![,]> = plan
        .fields
        .iter()
        .zip(property.iter().cycle())
        .map(|(field, property)| {
            let mut attrs = doc_attributes(&field.docs, docs);
            attrs.extend(gate_attribute(context, &field.gate));
            // The derive reads the field name when no wire name is given.
            if field.wire_name != field.name {
                attrs.push(graph_attribute(vec![name_value("name", &field.wire_name)]));
            }
            // A line of its own, as `entity` on the struct.
            if field.navigation {
                attrs.push(graph_attribute(vec![ident_tokens("navigation")]));
            }
            attrs.extend(field_rules_attribute(&field.rules));
            let ty = rust_type(context, &field.ty, imports);
            named_field(attrs, &field.name, generic(property.clone(), ty))
        })
        .collect();
    let additional_data = context.runtime("AdditionalData", imports);
    fields.push(named_field(
        vec![
            docs.attribute("", ADDITIONAL_DATA_DOC),
            graph_attribute(vec![ident_tokens("additional_data")]),
        ],
        &plan.additional_data,
        path_type(additional_data),
    ));

    ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: ident(&plan.name),
        generics: Generics::default(),
        fields: Fields::Named(FieldsNamed {
            brace_token: Default::default(),
            named: fields,
        }),
        semi_token: None,
    }
}

fn enum_syntax<'a>(context: &Context<'_>, plan: &'a EnumPlan, docs: &mut DocLines<'a>) -> ItemEnum {
    let mut attrs = doc_attributes(&plan.docs, docs);
    if plan.is_flags {
        attrs.push(docs.attribute("", ""));
        attrs.push(docs.attribute("", FLAGS_DOC));
    }
    attrs.extend(gate_attribute(context, &plan.gate));
    attrs.push(derive(ENUM_DERIVES));

    let mut variants: Punctuated<Variant, syn::Token![,]> = plan
        .members
        .iter()
        .map(|member| {
            let mut arguments = vec![name_value("name", &member.wire_name)];
            if member.evolvable {
                arguments.push(ident_tokens("evolvable"));
            }
            let mut attrs = doc_attributes(&member.docs, docs);
            attrs.push(graph_attribute(arguments));
            unit_variant(attrs, &member.name)
        })
        .collect();
    variants.push(unknown_variant(docs));
    enum_item(attrs, &plan.name, variants)
}

fn polymorphic_syntax<'a>(
    context: &Context<'_>,
    plan: &'a PolymorphicPlan,
    imports: &mut BTreeSet<&'static str>,
    docs: &mut DocLines<'a>,
) -> ItemEnum {
    let mut attrs = doc_attributes(&plan.docs, docs);
    attrs.extend(gate_attribute(context, &plan.gate));
    attrs.push(derive(POLYMORPHIC_DERIVES));
    attrs.push(list_attribute(
        "allow",
        comma_separated(
            POLYMORPHIC_ALLOWS
                .iter()
                .map(|lint| path_tokens(lint))
                .collect(),
        ),
    ));

    let mut variants: Punctuated<Variant, syn::Token![,]> = plan
        .variants
        .iter()
        .map(|variant| {
            let attrs = vec![graph_attribute(vec![name_value(
                "odata_type",
                &variant.qualified_name,
            )])];
            let ty = rust_type(context, &variant.target, imports);
            tuple_variant(attrs, &variant.name, ty)
        })
        .collect();
    let fallback_attrs = vec![
        docs.attribute("", FALLBACK_DOC),
        graph_attribute(vec![ident_tokens("fallback")]),
    ];
    let fallback_type = rust_type(context, &plan.fallback.target, imports);
    variants.push(tuple_variant(
        fallback_attrs,
        &plan.fallback.name,
        fallback_type,
    ));
    enum_item(attrs, &plan.name, variants)
}

/// The Rust type of a value, with paths relative to the context's module.
fn rust_type(context: &Context<'_>, ty: &RustType, imports: &mut BTreeSet<&'static str>) -> Type {
    match ty {
        RustType::Edm(kind) => edm_type(context, *kind, imports),
        RustType::Untyped => path_type(context.runtime("Untyped", imports)),
        RustType::Named(item) => path_type(item_path(context, item)),
        RustType::Flags(item) => {
            let flag_set = context.runtime("FlagSet", imports);
            generic(flag_set, path_type(item_path(context, item)))
        }
        RustType::Collection(inner) => {
            let inner = rust_type(context, inner, imports);
            generic(simple_path(&["Vec"]), inner)
        }
        RustType::Boxed(inner) => {
            let inner = rust_type(context, inner, imports);
            generic(simple_path(&["Box"]), inner)
        }
    }
}

fn edm_type(context: &Context<'_>, kind: EdmKind, imports: &mut BTreeSet<&'static str>) -> Type {
    match edm_name(kind) {
        EdmName::Primitive(name) => path_type(simple_path(&[name])),
        EdmName::InEdm(name) => {
            let mut path = context.runtime("edm", imports);
            path.segments.push(PathSegment::from(ident(name)));
            path_type(path)
        }
        EdmName::Untyped => path_type(context.runtime("Untyped", imports)),
    }
}

/// How an `Edm` primitive is written in Rust.
pub(super) enum EdmName {
    /// A Rust primitive or `String`.
    Primitive(&'static str),
    /// A type of `graph_core::edm`.
    InEdm(&'static str),
    /// `graph_core::Untyped`.
    Untyped,
}

pub(super) fn edm_name(kind: EdmKind) -> EdmName {
    match kind {
        EdmKind::Boolean => EdmName::Primitive("bool"),
        EdmKind::Byte => EdmName::Primitive("u8"),
        EdmKind::SByte => EdmName::Primitive("i8"),
        EdmKind::Int16 => EdmName::Primitive("i16"),
        EdmKind::Int32 => EdmName::Primitive("i32"),
        EdmKind::Int64 => EdmName::Primitive("i64"),
        EdmKind::Single => EdmName::Primitive("f32"),
        EdmKind::Double => EdmName::Primitive("f64"),
        EdmKind::String => EdmName::Primitive("String"),
        EdmKind::Decimal => EdmName::InEdm("Decimal"),
        EdmKind::Guid => EdmName::InEdm("Guid"),
        EdmKind::Binary => EdmName::InEdm("Binary"),
        EdmKind::Date => EdmName::InEdm("Date"),
        EdmKind::TimeOfDay => EdmName::InEdm("TimeOfDay"),
        EdmKind::Duration => EdmName::InEdm("Duration"),
        EdmKind::DateTimeOffset => EdmName::InEdm("DateTimeOffset"),
        EdmKind::Stream => EdmName::InEdm("Stream"),
        // Geography/geometry values are GeoJSON objects; they and the abstract types are kept
        // as untyped JSON so nothing is lost.
        _ => EdmName::Untyped,
    }
}

/// The path from the context's module to `item`: modules are flat children of the root, so
/// `Name`, `child::Name`, `super::Name` or `super::child::Name`.
fn item_path(context: &Context<'_>, item: &ItemRef) -> Path {
    let mut segments: Vec<&str> = Vec::with_capacity(3);
    if item.module != context.module {
        if context.module != 0 {
            segments.push("super");
        }
        if item.module != 0 {
            segments.push(&context.plan.modules[item.module].name);
        }
    }
    segments.push(&item.name);
    simple_path(&segments)
}

/// An identifier from a name decided by `ident::rust_names` (raw identifiers included).
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path of plain segments (`super::call_records::Identity`).
pub(super) fn simple_path(segments: &[&str]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|segment| PathSegment::from(ident(segment)))
            .collect(),
    }
}

fn path_type(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// `Outer<Inner>`.
fn generic(mut outer: Path, inner: Type) -> Type {
    if let Some(last) = outer.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: std::iter::once(GenericArgument::Type(inner)).collect(),
            gt_token: Default::default(),
        });
    }
    path_type(outer)
}

fn public() -> Visibility {
    Visibility::Public(Default::default())
}

fn named_field(attrs: Vec<Attribute>, name: &str, ty: Type) -> Field {
    Field {
        attrs,
        vis: public(),
        mutability: FieldMutability::None,
        ident: Some(ident(name)),
        colon_token: Some(Default::default()),
        ty,
    }
}

fn unit_variant(attrs: Vec<Attribute>, name: &str) -> Variant {
    Variant {
        attrs,
        ident: ident(name),
        fields: Fields::Unit,
        discriminant: None,
    }
}

fn tuple_variant(attrs: Vec<Attribute>, name: &str, ty: Type) -> Variant {
    let field = Field {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        mutability: FieldMutability::None,
        ident: None,
        colon_token: None,
        ty,
    };
    Variant {
        attrs,
        ident: ident(name),
        fields: Fields::Unnamed(FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: std::iter::once(field).collect(),
        }),
        discriminant: None,
    }
}

/// `/// A member this version does not know...` `#[graph(unknown)] Unknown(String)`.
fn unknown_variant(docs: &mut DocLines<'_>) -> Variant {
    tuple_variant(
        vec![
            docs.attribute("", UNKNOWN_DOC),
            graph_attribute(vec![ident_tokens("unknown")]),
        ],
        "Unknown",
        path_type(simple_path(&["String"])),
    )
}

fn enum_item(
    attrs: Vec<Attribute>,
    name: &str,
    variants: Punctuated<Variant, syn::Token![,]>,
) -> ItemEnum {
    ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: ident(name),
        generics: Generics::default(),
        brace_token: Default::default(),
        variants,
    }
}

fn attribute(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `#[doc = "text"]`; rustdoc lines start with a space after `///`.
fn doc(text: &str) -> Attribute {
    attribute(Meta::NameValue(MetaNameValue {
        path: simple_path(&["doc"]),
        eq_token: Default::default(),
        value: Expr::Lit(ExprLit {
            attrs: Vec::new(),
            lit: Lit::Str(LitStr::new(text, Span::call_site())),
        }),
    }))
}

/// A doc attribute per line (already markdown, escaped by the plan).
fn doc_attributes<'a>(lines: &'a [String], docs: &mut DocLines<'a>) -> Vec<Attribute> {
    lines.iter().map(|line| docs.attribute(" ", line)).collect()
}

/// `#[name(tokens)]`.
fn list_attribute(name: &str, tokens: TokenStream) -> Attribute {
    attribute(Meta::List(MetaList {
        path: simple_path(&[name]),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[graph(a, b = "c")]`.
fn graph_attribute(arguments: Vec<Vec<TokenTree>>) -> Attribute {
    list_attribute("graph", comma_separated(arguments))
}

/// `#[derive(...)]` of the given paths.
fn derive(paths: &[&str]) -> Attribute {
    list_attribute(
        "derive",
        comma_separated(paths.iter().map(|path| path_tokens(path)).collect()),
    )
}

/// The `#[cfg(...)]` of code compiled under `gate`, if it is not always.
fn gate_attribute(context: &Context<'_>, gate: &Gate) -> Option<Attribute> {
    super::cfg_arguments(context.plan, gate).map(|arguments| list_attribute("cfg", arguments))
}

/// `#[validate(...)]` for a field's rules, which the `Validate` derive reads.
fn field_rules_attribute(rules: &[FieldRule]) -> Option<Attribute> {
    if rules.is_empty() {
        return None;
    }
    let entries = rules
        .iter()
        .map(|rule| match rule {
            FieldRule::Required => ident_tokens("required"),
            FieldRule::ReadOnly => ident_tokens("read_only"),
            FieldRule::Immutable => ident_tokens("immutable"),
            FieldRule::NonInsertable => ident_tokens("non_insertable"),
            FieldRule::NonNullable => ident_tokens("non_nullable"),
            FieldRule::MaxLength(max) => assignment("max_length", Literal::u64_unsuffixed(*max)),
            FieldRule::Pattern(pattern) => name_value("pattern", pattern),
            FieldRule::Minimum(min) => assignment("minimum", number_literal(*min)),
            FieldRule::Maximum(max) => assignment("maximum", number_literal(*max)),
            FieldRule::AllowedValues(values) => {
                let values = values
                    .iter()
                    .map(|value| vec![TokenTree::Literal(Literal::string(value))])
                    .collect();
                let list = Group::new(Delimiter::Bracket, comma_separated(values));
                vec![
                    TokenTree::Ident(ident("allowed_values")),
                    TokenTree::Punct(Punct::new('=', Spacing::Alone)),
                    TokenTree::Group(list),
                ]
            }
            FieldRule::LaterThan(other) => name_value("later_than", other),
            FieldRule::RequiresTrue(other) => name_value("requires_true", other),
            FieldRule::UpdateRequires(other) => name_value("update_requires", other),
        })
        .collect();
    Some(list_attribute("validate", comma_separated(entries)))
}

/// `#[validate(rule = path, ...)]` for a struct's hand-written rule functions.
fn rule_functions_attribute(functions: &[String]) -> Option<Attribute> {
    if functions.is_empty() {
        return None;
    }
    let entries = functions
        .iter()
        .map(|path| {
            let mut tokens = vec![
                TokenTree::Ident(ident("rule")),
                TokenTree::Punct(Punct::new('=', Spacing::Alone)),
            ];
            tokens.extend(path_tokens(path));
            tokens
        })
        .collect();
    Some(list_attribute("validate", comma_separated(entries)))
}

/// A number as a Rust literal: integral values without a fraction, others as `f64` prints
/// them (always with a `.` or an exponent, so they lex as floats).
fn number_literal(value: f64) -> Literal {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Literal::i64_unsuffixed(value as i64)
    } else {
        format!("{value:?}")
            .parse()
            .expect("a finite f64 prints as a float literal")
    }
}

/// The parts joined by commas. Parts are plain token lists and the stream is built once:
/// extending a `TokenStream` piece by piece costs several times more.
fn comma_separated(parts: Vec<Vec<TokenTree>>) -> TokenStream {
    let mut tokens = Vec::with_capacity(parts.iter().map(|part| part.len() + 1).sum());
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            tokens.push(TokenTree::Punct(Punct::new(',', Spacing::Alone)));
        }
        tokens.extend(part);
    }
    TokenStream::from_iter(tokens)
}

fn ident_tokens(name: &str) -> Vec<TokenTree> {
    vec![TokenTree::Ident(ident(name))]
}

/// `a::b::c` as tokens.
fn path_tokens(path: &str) -> Vec<TokenTree> {
    let mut tokens = Vec::new();
    for (index, segment) in path.split("::").enumerate() {
        if index > 0 {
            tokens.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
            tokens.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
        }
        tokens.push(TokenTree::Ident(ident(segment)));
    }
    tokens
}

/// `name = literal` as tokens.
fn assignment(name: &str, value: Literal) -> Vec<TokenTree> {
    vec![
        TokenTree::Ident(ident(name)),
        TokenTree::Punct(Punct::new('=', Spacing::Alone)),
        TokenTree::Literal(value),
    ]
}

/// `name = "value"` as tokens.
fn name_value(name: &str, value: &str) -> Vec<TokenTree> {
    vec![
        TokenTree::Ident(ident(name)),
        TokenTree::Punct(Punct::new('=', Spacing::Alone)),
        TokenTree::Literal(Literal::string(value)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attribute as prettyplease prints it before a unit struct.
    fn printed(attribute: Attribute) -> String {
        let item: syn::ItemStruct = syn::parse_quote!(#attribute struct S;);
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Struct(item)],
        };
        prettyplease::unparse(&file).replace("\nstruct S;\n", "")
    }

    #[test]
    fn rules_print_in_order_and_nothing_for_no_rules() {
        assert!(field_rules_attribute(&[]).is_none());
        assert!(rule_functions_attribute(&[]).is_none());
        let numbers = field_rules_attribute(&[
            FieldRule::MaxLength(8),
            FieldRule::Minimum(-1.5),
            FieldRule::Maximum(100.0),
            FieldRule::AllowedValues(vec!["a".to_owned(), "b".to_owned()]),
        ]);
        assert_eq!(
            printed(numbers.unwrap()),
            r#"#[validate(max_length = 8, minimum = -1.5, maximum = 100, allowed_values = ["a", "b"])]"#
        );
        let texts = field_rules_attribute(&[
            FieldRule::Required,
            FieldRule::NonNullable,
            FieldRule::Pattern("^[A-Z\"]+$".to_owned()),
            FieldRule::UpdateRequires("a".to_owned()),
        ]);
        assert_eq!(
            printed(texts.unwrap()),
            r#"#[validate(required, non_nullable, pattern = "^[A-Z\"]+$", update_requires = "a")]"#
        );
        let functions = ["crate::rules::check_roles", "super::rules::r#type"].map(str::to_owned);
        assert_eq!(
            printed(rule_functions_attribute(&functions).unwrap()),
            "#[validate(rule = crate::rules::check_roles, rule = super::rules::r#type)]"
        );
    }

    #[test]
    fn raw_names_become_raw_identifiers() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("start").to_string(), "start");
    }

    #[test]
    fn deferred_docs_print_like_inline_ones() {
        let plan = EnumPlan {
            name: "E".to_owned(),
            qualified_name: "n.e".to_owned(),
            docs: [
                "Trailing  ",
                "",
                "   ",
                "two\nlines",
                "/slash",
                "\"quoted\" \\ tab\t",
            ]
            .map(str::to_owned)
            .to_vec(),
            is_flags: true,
            members: Vec::new(),
            gate: Gate::default(),
        };
        let whole = crate::plan::Plan {
            source: String::new(),
            modules: vec![crate::plan::ModulePlan {
                namespace: "n".to_owned(),
                name: String::new(),
                items: Vec::new(),
            }],
            api: Default::default(),
            features: Vec::new(),
            warnings: Vec::new(),
        };
        let context = Context::new(&whole, 0);
        fn print<'a>(context: &Context<'_>, plan: &'a EnumPlan, docs: &mut DocLines<'a>) -> String {
            prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![syn::Item::Enum(enum_syntax(context, plan, docs))],
            })
        }
        let inline = print(&context, &plan, &mut DocLines::Inline);
        let mut deferred = DocLines::Deferred(Vec::new());
        let with_placeholders = print(&context, &plan, &mut deferred);
        assert!(with_placeholders.contains(DOC_PLACEHOLDER));
        assert_eq!(deferred.splice(with_placeholders), inline);
    }

    #[test]
    fn built_trees_print_like_parsed_ones() {
        let built = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Enum(enum_item(
                vec![
                    doc(" Docs."),
                    derive(&["Clone", "graph_core::Enum"]),
                    graph_attribute(vec![name_value("name", "a\"b"), ident_tokens("evolvable")]),
                ],
                "E",
                [
                    unit_variant(Vec::new(), "A"),
                    tuple_variant(
                        Vec::new(),
                        "B",
                        generic(
                            simple_path(&["super", "Box"]),
                            path_type(simple_path(&["T"])),
                        ),
                    ),
                ]
                .into_iter()
                .collect(),
            ))],
        };
        let parsed: syn::File = syn::parse_str(
            "/// Docs.\n#[derive(Clone, graph_core::Enum)]\n#[graph(name = \"a\\\"b\", evolvable)]\n\
             pub enum E { A, B(super::Box<T>) }",
        )
        .unwrap();
        assert_eq!(
            prettyplease::unparse(&built),
            prettyplease::unparse(&parsed)
        );
    }
}
