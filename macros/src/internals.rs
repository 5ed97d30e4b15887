//! What every derive shares: one error context that collects every error with its span, and
//! one reader of the `#[graph(...)]` attribute.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, LitStr};

/// Settings read from `#[graph(...)]` on a struct, field, enum or variant.
#[derive(Default)]
pub(crate) struct GraphAttrs {
    /// `name = "wireName"`
    pub name: Option<LitStr>,
    /// `odata_type = "namespace.Type"`
    pub odata_type: Option<LitStr>,
    /// `additional_data`
    pub additional_data: bool,
    /// `fallback`
    pub fallback: bool,
    /// `unknown`
    pub unknown: bool,
    /// `evolvable`
    pub evolvable: bool,
    /// `entity`: the struct is an entity type, with query constants for its properties.
    pub entity: bool,
    /// `navigation`: the field is a navigation property (`$expand`, not `$select`).
    pub navigation: bool,
}

/// Collects every error a derive finds, each with its span, so all are reported at once.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn at(&mut self, span: Span, message: &str) {
        self.push(syn::Error::new(span, message));
    }

    /// An error spanning all of `tokens`.
    pub fn spanned(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// `Ok` when no error was pushed.
    pub fn finish(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

/// Every key of `#[graph(...)]`, for a derive that reads the attribute but does not own it.
pub(crate) const ALL_GRAPH_KEYS: &[&str] = &[
    "name",
    "odata_type",
    "additional_data",
    "fallback",
    "unknown",
    "evolvable",
    "entity",
    "navigation",
];

/// Reads every `#[graph(...)]` attribute; keys not in `allowed` are errors.
pub(crate) fn graph_attrs(
    attrs: &[Attribute],
    allowed: &[&str],
    errors: &mut Errors,
) -> GraphAttrs {
    let mut out = GraphAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("graph")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            if !allowed.contains(&key.as_str()) {
                return Err(meta.error(format!(
                    "unsupported `graph` attribute here; expected one of: {}",
                    allowed.join(", ")
                )));
            }
            match key.as_str() {
                "name" => out.name = Some(non_empty(meta.value()?.parse()?)?),
                "odata_type" => out.odata_type = Some(non_empty(meta.value()?.parse()?)?),
                "additional_data" => out.additional_data = true,
                "fallback" => out.fallback = true,
                "unknown" => out.unknown = true,
                "evolvable" => out.evolvable = true,
                "entity" => out.entity = true,
                "navigation" => out.navigation = true,
                _ => return Err(meta.error("unsupported `graph` attribute")),
            }
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    out
}

fn non_empty(lit: LitStr) -> syn::Result<LitStr> {
    if lit.value().is_empty() {
        Err(syn::Error::new(lit.span(), "must not be empty"))
    } else {
        Ok(lit)
    }
}

/// Rejects generic parameters: generated models never have them, and supporting them would
/// make every expansion generic.
pub(crate) fn reject_generics(input: &DeriveInput, derive: &str, errors: &mut Errors) {
    if !input.generics.params.is_empty() {
        errors.at(
            input.generics.span(),
            &format!("`{derive}` does not support generic types"),
        );
    }
}
