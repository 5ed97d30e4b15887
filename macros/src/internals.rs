//! What every derive shares: one error context that collects every error with its span, one
//! reader of the `#[graph(...)]` attribute, and the fallback impls emitted after an error.

use proc_macro2::{Span, TokenStream};
use quote::quote;
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

/// The expansion, or after an error the error beside `fallback`: the impls the derive would
/// have written, with unreachable bodies (the crate does not compile), so each use of the type
/// does not add a "trait not implemented" error to the one that matters.
pub(crate) fn or_fallback(
    expansion: syn::Result<TokenStream>,
    fallback: impl FnOnce() -> TokenStream,
) -> TokenStream {
    match expansion {
        Ok(tokens) => tokens,
        Err(error) => {
            let error = error.into_compile_error();
            let fallback = fallback();
            quote! { #error #fallback }
        }
    }
}

/// The std traits a derive implements besides `FromJson` and `ToJson`.
pub(crate) enum StdImpls {
    /// None: the type derives them itself (enums of members).
    None,
    /// `Debug` and `PartialEq` (`Any` enums).
    DebugEq,
    /// `Debug`, `PartialEq` and `Clone` (models).
    DebugEqClone,
}

/// Fallback impls for [`or_fallback`]: `FromJson`, `ToJson`, the `std` ones, and `own`, the
/// derive's own trait with the items of its impl (unreachable bodies).
pub(crate) fn fallback_impls(
    input: &DeriveInput,
    std_impls: StdImpls,
    own: Option<(TokenStream, TokenStream)>,
) -> TokenStream {
    let ident = &input.ident;
    let (generics, arguments, where_clause) = input.generics.split_for_impl();
    let own = own.map(|(own_trait, items)| {
        quote! {
            impl #generics #own_trait for #ident #arguments #where_clause {
                #items
            }
        }
    });
    let clone = matches!(std_impls, StdImpls::DebugEqClone).then(|| {
        quote! {
            impl #generics ::core::clone::Clone for #ident #arguments #where_clause {
                fn clone(&self) -> Self {
                    ::core::unreachable!()
                }
            }
        }
    });
    let debug_eq = (!matches!(std_impls, StdImpls::None)).then(|| {
        quote! {
            impl #generics ::core::fmt::Debug for #ident #arguments #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
            impl #generics ::core::cmp::PartialEq for #ident #arguments #where_clause {
                fn eq(&self, _: &Self) -> bool {
                    ::core::unreachable!()
                }
            }
        }
    });
    quote! {
        impl #generics ::graph_core::json::FromJson for #ident #arguments #where_clause {
            fn from_json(_: &mut ::graph_core::json::Reader<'_>) -> ::core::result::Result<Self, ::graph_core::json::DecodeError> {
                ::core::unreachable!()
            }
        }
        impl #generics ::graph_core::json::ToJson for #ident #arguments #where_clause {
            fn to_json(&self, _: &mut ::graph_core::json::Writer) {
                ::core::unreachable!()
            }
        }
        #own
        #debug_eq
        #clone
    }
}
