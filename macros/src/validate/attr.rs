//! Reads the derive input into typed settings, reporting every misuse with its span.

use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, Fields, Lit, LitStr, Member, Token, UnOp};

use crate::internals::{graph_attrs, Errors, ALL_GRAPH_KEYS};

/// Rules a field can carry, as written in `#[validate(...)]`.
const FIELD_RULES: &[&str] = &[
    "required",
    "read_only",
    "immutable",
    "non_insertable",
    "non_nullable",
    "max_length",
    "pattern",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "allowed_values",
    "later_than",
    "requires_true",
    "update_requires",
    "skip",
];

/// Rules a type can carry.
const TYPE_RULES: &[&str] = &["rule"];

/// What the derive was applied to, with everything the expansion needs.
pub(crate) enum Shape {
    /// A model: named fields, each a member of the JSON object.
    Struct {
        fields: Vec<Field>,
        checks: Vec<CrossCheck>,
        type_rules: Vec<syn::Path>,
    },
    /// A polymorphic value: each variant wraps one model; validation delegates to it.
    Polymorphic {
        variants: Vec<syn::Ident>,
        type_rules: Vec<syn::Path>,
    },
    /// A Graph enum: unit members plus, optionally, one `#[graph(unknown)]` variant keeping
    /// any other string.
    Values {
        members: Vec<(syn::Ident, String)>,
        unknown: Option<syn::Ident>,
    },
}

/// One field of a model.
pub(crate) struct Field {
    pub(crate) member: Member,
    pub(crate) wire: String,
    pub(crate) skip: bool,
    /// The value is a primitive (or a collection of them): with no rules, nothing to walk.
    pub(crate) leaf: bool,
    pub(crate) rules: FieldRules,
}

/// The per-member rules of a field.
#[derive(Default)]
pub(crate) struct FieldRules {
    pub(crate) required: bool,
    pub(crate) read_only: bool,
    pub(crate) immutable: bool,
    pub(crate) non_insertable: bool,
    pub(crate) non_nullable: bool,
    pub(crate) max_length: Option<u64>,
    pub(crate) pattern: Option<String>,
    pub(crate) minimum: Option<(f64, bool)>,
    pub(crate) maximum: Option<(f64, bool)>,
    pub(crate) allowed_values: Vec<String>,
}

impl FieldRules {
    pub(crate) fn is_empty(&self) -> bool {
        !(self.required
            || self.read_only
            || self.immutable
            || self.non_insertable
            || self.non_nullable
            || self.max_length.is_some()
            || self.pattern.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || !self.allowed_values.is_empty())
    }
}

/// A rule between two members of the same model.
pub(crate) struct CrossCheck {
    pub(crate) kind: CrossKind,
    pub(crate) field: (Member, String),
    pub(crate) other: (Member, String),
}

/// The kinds of [`CrossCheck`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CrossKind {
    LaterThan,
    RequiresTrue,
    UpdateRequires,
}

impl CrossKind {
    fn key(self) -> &'static str {
        match self {
            CrossKind::LaterThan => "later_than",
            CrossKind::RequiresTrue => "requires_true",
            CrossKind::UpdateRequires => "update_requires",
        }
    }
}

/// A cross-member rule before the other member's name is resolved to a field.
struct PendingCheck {
    kind: CrossKind,
    field: usize,
    other: LitStr,
}

/// Reads `input`; `None` only when its shape cannot be validated at all.
pub(crate) fn read(input: &DeriveInput, errors: &mut Errors) -> Option<Shape> {
    let type_rules = read_type_rules(&input.attrs, errors);
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(read_struct(named, type_rules, errors)),
            Fields::Unit => Some(Shape::Struct {
                fields: Vec::new(),
                checks: Vec::new(),
                type_rules,
            }),
            Fields::Unnamed(unnamed) => {
                errors.spanned(
                    unnamed,
                    "`Validate` needs named fields: each one is a member of the JSON object",
                );
                None
            }
        },
        Data::Enum(data) => read_enum(data, type_rules, errors),
        Data::Union(data) => {
            errors.spanned(
                data.union_token,
                "`Validate` cannot be derived for a union; use a struct or an enum",
            );
            None
        }
    }
}

/// `#[validate(rule = path)]` attributes on the type.
fn read_type_rules(attrs: &[syn::Attribute], errors: &mut Errors) -> Vec<syn::Path> {
    let mut rules = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("validate")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta_key(&meta.path);
            if key == "rule" {
                rules.push(meta.value()?.parse::<syn::Path>().map_err(|error| {
                    syn::Error::new(
                        error.span(),
                        "`rule` names a function, as in `rule = crate::rules::check_roles`",
                    )
                })?);
            } else if FIELD_RULES.contains(&key.as_str()) {
                skip_value(&meta)?;
                errors.spanned(
                    &meta.path,
                    format!("`{key}` applies to a field, not to a type; move it to the field"),
                );
            } else {
                skip_value(&meta)?;
                errors.spanned(&meta.path, unknown_rule(&key, TYPE_RULES));
            }
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    rules
}

fn read_struct(named: &syn::FieldsNamed, type_rules: Vec<syn::Path>, errors: &mut Errors) -> Shape {
    let mut fields = Vec::new();
    let mut pending = Vec::new();
    for (index, field) in named.named.iter().enumerate() {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let graph = read_graph_attrs(&field.attrs);
        let wire = graph.name.map(|name| name.value()).unwrap_or_else(|| {
            let text = ident.to_string();
            text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
        });
        let mut read = FieldReader::default();
        for attr in field
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("validate"))
        {
            if let Err(error) = attr.parse_nested_meta(|meta| read.entry(&meta, index, errors)) {
                errors.push(error);
            }
        }
        read.check_consistency(errors);
        pending.append(&mut read.checks);
        fields.push(Field {
            member: Member::Named(ident),
            wire,
            skip: read.skip || graph.additional_data,
            leaf: is_leaf(&field.ty),
            rules: read.rules,
        });
    }
    let checks = pending
        .into_iter()
        .filter_map(|check| resolve(check, &fields, errors))
        .collect();
    Shape::Struct {
        fields,
        checks,
        type_rules,
    }
}

/// Finds the field a cross-member rule names by its wire name.
fn resolve(check: PendingCheck, fields: &[Field], errors: &mut Errors) -> Option<CrossCheck> {
    let name = check.other.value();
    let Some(other) = fields.iter().position(|field| field.wire == name) else {
        errors.spanned(
            &check.other,
            format!(
                "`{}` names no member of this type: expected the wire name of a field \
                 (from `#[graph(name = \"...\")]`)",
                name
            ),
        );
        return None;
    };
    if other == check.field {
        errors.spanned(
            &check.other,
            format!("`{}` cannot refer to the field it is on", check.kind.key()),
        );
        return None;
    }
    let pair = |field: &Field| (field.member.clone(), field.wire.clone());
    Some(CrossCheck {
        kind: check.kind,
        field: pair(&fields[check.field]),
        other: pair(&fields[other]),
    })
}

/// Reads the `#[validate(...)]` entries of one field.
#[derive(Default)]
struct FieldReader {
    rules: FieldRules,
    skip: bool,
    checks: Vec<PendingCheck>,
    seen: Vec<(String, proc_macro2::Span)>,
}

impl FieldReader {
    fn entry(
        &mut self,
        meta: &syn::meta::ParseNestedMeta<'_>,
        field: usize,
        errors: &mut Errors,
    ) -> syn::Result<()> {
        let key = meta_key(&meta.path);
        let repeatable = key == "update_requires";
        if !repeatable && self.seen.iter().any(|(seen, _)| *seen == key) {
            skip_value(meta)?;
            errors.spanned(&meta.path, format!("duplicate rule `{key}`"));
            return Ok(());
        }
        self.seen.push((key.clone(), meta.path.span()));
        let flag = match key.as_str() {
            "required" => Some(&mut self.rules.required),
            "read_only" => Some(&mut self.rules.read_only),
            "immutable" => Some(&mut self.rules.immutable),
            "non_insertable" => Some(&mut self.rules.non_insertable),
            "non_nullable" => Some(&mut self.rules.non_nullable),
            "skip" => Some(&mut self.skip),
            _ => None,
        };
        if let Some(flag) = flag {
            if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                skip_value(meta)?;
                errors.spanned(
                    &meta.path,
                    format!("`{key}` takes no value: write `#[validate({key})]`"),
                );
            }
            *flag = true;
            return Ok(());
        }
        match key.as_str() {
            "max_length" => {
                let expr = value_expr(meta, &key)?;
                match &expr {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Int(int), ..
                    }) => match int.base10_parse::<u64>() {
                        Ok(max) => self.rules.max_length = Some(max),
                        Err(error) => errors.push(error),
                    },
                    _ => errors.spanned(
                        &expr,
                        "`max_length` takes a whole number, as in `max_length = 255`",
                    ),
                }
            }
            "pattern" => {
                let lit = string_value(meta, &key, errors)?;
                if let Some(lit) = lit {
                    match regex_lite::Regex::new(&lit.value()) {
                        Ok(_) => self.rules.pattern = Some(lit.value()),
                        Err(error) => errors.spanned(&lit, format!("invalid pattern: {error}")),
                    }
                }
            }
            "minimum" | "exclusive_minimum" | "maximum" | "exclusive_maximum" => {
                let expr = value_expr(meta, &key)?;
                let Some(number) = number(&expr) else {
                    errors.spanned(&expr, format!("`{key}` takes a number, as in `{key} = 0`"));
                    return Ok(());
                };
                let exclusive = key.starts_with("exclusive_");
                let slot = if key.ends_with("minimum") {
                    &mut self.rules.minimum
                } else {
                    &mut self.rules.maximum
                };
                if slot.is_some() {
                    errors.spanned(
                        &meta.path,
                        format!("`{key}` repeats a bound already given for this field"),
                    );
                }
                *slot = Some((number, exclusive));
            }
            "allowed_values" => {
                let expr = value_expr(meta, &key)?;
                let Expr::Array(array) = &expr else {
                    errors.spanned(
                        &expr,
                        "`allowed_values` takes a list of strings, as in `allowed_values = [\"a\", \"b\"]`",
                    );
                    return Ok(());
                };
                if array.elems.is_empty() {
                    errors.spanned(&expr, "`allowed_values` needs at least one value");
                }
                for elem in &array.elems {
                    match elem {
                        Expr::Lit(syn::ExprLit {
                            lit: Lit::Str(text),
                            ..
                        }) => self.rules.allowed_values.push(text.value()),
                        other => errors.spanned(other, "expected a string literal"),
                    }
                }
            }
            "later_than" | "requires_true" | "update_requires" => {
                let kind = match key.as_str() {
                    "later_than" => CrossKind::LaterThan,
                    "requires_true" => CrossKind::RequiresTrue,
                    _ => CrossKind::UpdateRequires,
                };
                if let Some(other) = string_value(meta, &key, errors)? {
                    self.checks.push(PendingCheck { kind, field, other });
                }
            }
            "rule" => {
                skip_value(meta)?;
                errors.spanned(
                    &meta.path,
                    "`rule` checks a whole type: put `#[validate(rule = ...)]` on the type",
                );
            }
            _ => {
                skip_value(meta)?;
                errors.spanned(&meta.path, unknown_rule(&key, FIELD_RULES));
            }
        }
        Ok(())
    }

    /// Rules that contradict each other on one field.
    fn check_consistency(&self, errors: &mut Errors) {
        let span_of = |key: &str| {
            self.seen
                .iter()
                .find(|(seen, _)| seen == key)
                .map(|(_, span)| *span)
        };
        for (a, b) in [("required", "read_only"), ("required", "non_insertable")] {
            if let (Some(_), Some(span)) = (span_of(a), span_of(b)) {
                errors.push(syn::Error::new(
                    span,
                    format!("`{b}` conflicts with `{a}`: a member cannot be both"),
                ));
            }
        }
        if let (Some((min, min_exclusive)), Some((max, max_exclusive))) =
            (self.rules.minimum, self.rules.maximum)
        {
            let empty = min > max || (min == max && (min_exclusive || max_exclusive));
            if empty {
                let span = span_of("maximum")
                    .or_else(|| span_of("exclusive_maximum"))
                    .unwrap_or_else(proc_macro2::Span::call_site);
                errors.push(syn::Error::new(
                    span,
                    format!("the range is empty: the maximum {max} is below the minimum {min}"),
                ));
            }
        }
    }
}

fn read_enum(
    data: &syn::DataEnum,
    type_rules: Vec<syn::Path>,
    errors: &mut Errors,
) -> Option<Shape> {
    let mut members = Vec::new();
    let mut unknown = None;
    let mut wrapped = Vec::new();
    for variant in &data.variants {
        if let Some(attr) = variant
            .attrs
            .iter()
            .find(|attr| attr.path().is_ident("validate"))
        {
            errors.spanned(
                attr,
                "`#[validate(...)]` goes on struct fields or on the type, not on a variant",
            );
        }
        let graph = read_graph_attrs(&variant.attrs);
        match &variant.fields {
            Fields::Unit => {
                let wire = graph
                    .name
                    .map_or_else(|| variant.ident.to_string(), |name| name.value());
                members.push((variant.ident.clone(), wire));
            }
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                if graph.unknown {
                    unknown = Some(variant.ident.clone());
                } else {
                    wrapped.push(variant.ident.clone());
                }
            }
            other => {
                errors.spanned(
                    other,
                    "a variant must be a unit member or wrap exactly one value, as in `User(User)`",
                );
                return None;
            }
        }
    }
    if wrapped.is_empty() {
        if let Some(rule) = type_rules.first() {
            errors.spanned(
                rule,
                "an enum of plain values has no members to check with `rule`",
            );
        }
        return Some(Shape::Values { members, unknown });
    }
    if let Some((ident, _)) = members.first() {
        errors.spanned(
            ident,
            "a polymorphic enum cannot mix unit members with variants wrapping a model",
        );
        return None;
    }
    wrapped.extend(unknown);
    Some(Shape::Polymorphic {
        variants: wrapped,
        type_rules,
    })
}

/// The shared `#[graph(...)]` attribute, read for the wire name and the kind of member; its
/// misuse is reported by the derive that owns it, not here.
fn read_graph_attrs(attrs: &[syn::Attribute]) -> crate::internals::GraphAttrs {
    graph_attrs(attrs, ALL_GRAPH_KEYS, &mut Errors::default())
}

fn meta_key(path: &syn::Path) -> String {
    path.get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| quote::quote!(#path).to_string().replace(' ', ""))
}

fn unknown_rule(key: &str, known: &[&str]) -> String {
    format!(
        "unknown validation rule `{key}`; expected one of: {}",
        known.join(", ")
    )
}

/// Consumes `= value` or `(...)` after a key that is being rejected.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

fn value_expr(meta: &syn::meta::ParseNestedMeta<'_>, key: &str) -> syn::Result<Expr> {
    if !meta.input.peek(Token![=]) {
        return Err(meta.error(format!("`{key}` needs a value: `{key} = ...`")));
    }
    meta.value()?.parse::<Expr>()
}

fn string_value(
    meta: &syn::meta::ParseNestedMeta<'_>,
    key: &str,
    errors: &mut Errors,
) -> syn::Result<Option<LitStr>> {
    let expr = value_expr(meta, key)?;
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Some(lit)),
        other => {
            errors.spanned(
                &other,
                format!("`{key}` takes a string, as in `{key} = \"...\"`"),
            );
            Ok(None)
        }
    }
}

/// A number literal, possibly negated.
fn number(expr: &Expr) -> Option<f64> {
    match expr {
        Expr::Lit(syn::ExprLit { lit, .. }) => match lit {
            Lit::Int(int) => int.base10_parse::<f64>().ok(),
            Lit::Float(float) => float.base10_parse::<f64>().ok(),
            _ => None,
        },
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => number(&unary.expr).map(|n| -n),
        _ => None,
    }
}

/// Whether `ty` is a primitive, an Edm type or untyped JSON, possibly inside `Property`,
/// `Option`, `Vec` or `Box`: such a value holds nothing with rules of its own. Recognised by
/// name only (as generated code writes them), so a field of any other type is walked.
fn is_leaf(ty: &syn::Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "String", "str", "bool", "u8", "i8", "i16", "i32", "i64", "u16", "u32", "u64", "f32",
        "f64", "Untyped",
    ];
    const WRAPPERS: &[&str] = &["Property", "Option", "Vec", "Box"];
    let syn::Type::Path(path) = ty else {
        return false;
    };
    if path.qself.is_some() {
        return false;
    }
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    match &last.arguments {
        syn::PathArguments::None => {
            PRIMITIVES.contains(&name.as_str())
                || path
                    .path
                    .segments
                    .iter()
                    .any(|segment| segment.ident == "edm")
        }
        syn::PathArguments::AngleBracketed(arguments) if WRAPPERS.contains(&name.as_str()) => {
            match arguments.args.first() {
                Some(syn::GenericArgument::Type(inner)) if arguments.args.len() == 1 => {
                    is_leaf(inner)
                }
                _ => false,
            }
        }
        _ => false,
    }
}
