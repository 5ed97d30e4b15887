//! `#[derive(Polymorphic)]`: the list of derived type names and a `match` per direction;
//! the `@odata.type` peek and dispatch live in `graph_core::model`. `Debug` shows the variant's
//! model; `PartialEq` compares variants and then models.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::internals::{
    fallback_impls, graph_attrs, or_fallback, reject_generics, Errors, StdImpls,
};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    // `Polymorphic` itself needs a base type, which the error may have left unknown.
    or_fallback(expand(input), || {
        fallback_impls(input, StdImpls::DebugEq, None)
    })
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    reject_generics(input, "Polymorphic", &mut errors);
    graph_attrs(&input.attrs, &[], &mut errors);
    let Data::Enum(data) = &input.data else {
        errors.at(
            input.ident.span(),
            "`Polymorphic` needs an enum whose variants each hold one model",
        );
        errors.finish()?;
        return Ok(TokenStream::new());
    };

    let mut odata_types: Vec<LitStr> = Vec::new();
    // A set: `AnyEntity` has over a thousand variants (a list made expansion quadratic).
    let mut seen_types = HashSet::new();
    let mut read_arms = Vec::new();
    let mut variant_arms = Vec::new();
    let mut fallback = None;
    let mut base_type = None;
    for variant in &data.variants {
        let attrs = graph_attrs(&variant.attrs, &["odata_type", "fallback"], &mut errors);
        let ident = &variant.ident;
        if !matches!(&variant.fields, Fields::Unnamed(f) if f.unnamed.len() == 1) {
            errors.at(
                ident.span(),
                "each variant holds one model: `Variant(Type)`",
            );
            continue;
        }
        // A boxed model is reached through the box, so the model's own `Model` impl serves
        // and `Box<M>`'s is not compiled once per variant.
        let model = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.first().is_some_and(|f| is_box(&f.ty)) => {
                quote!(&**model)
            }
            _ => quote!(model),
        };
        match (attrs.fallback, attrs.odata_type) {
            (true, None) => {
                if let Fields::Unnamed(fields) = &variant.fields {
                    base_type = fields.unnamed.first().map(|field| &field.ty);
                }
                if fallback.replace(ident).is_some() {
                    errors.at(ident.span(), "only one variant can be `#[graph(fallback)]`");
                }
                variant_arms.push(quote!(Self::#ident(model) => (#model as &dyn ::graph_core::model::Model, ::core::option::Option::None),));
            }
            (false, Some(odata_type)) => {
                let value = odata_type.value();
                if !seen_types.insert(value.clone()) {
                    errors.at(odata_type.span(), "two variants have this `odata_type`");
                }
                let index = odata_types.len();
                let written = LitStr::new(&format!("#{value}"), odata_type.span());
                // A `match` rather than `?` or `Result::map` per arm: either of those is one
                // more function per variant to compile (`AnyEntity` has a thousand).
                read_arms.push(quote!(::core::option::Option::Some(#index) => match ::graph_core::json::FromJson::from_json(reader) {
                    ::core::result::Result::Ok(model) => ::core::result::Result::Ok(Self::#ident(model)),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                },));
                variant_arms.push(quote!(Self::#ident(model) => (#model as &dyn ::graph_core::model::Model, ::core::option::Option::Some(#written)),));
                odata_types.push(odata_type);
            }
            _ => errors.at(ident.span(), "mark each variant with either `#[graph(odata_type = \"...\")]` or `#[graph(fallback)]`"),
        }
    }
    let Some(fallback) = fallback else {
        errors.at(
            input.ident.span(),
            "one variant must be `#[graph(fallback)]` (the declared type)",
        );
        errors.finish()?;
        return Ok(TokenStream::new());
    };
    errors.finish()?;

    let ident = &input.ident;
    Ok(quote! {
        impl ::graph_core::model::Polymorphic for #ident {
            type Base = #base_type;
            const ODATA_TYPES: &'static [&'static str] = &[#(#odata_types),*];
            fn read_variant(
                index: ::core::option::Option<usize>,
                reader: &mut ::graph_core::json::Reader<'_>,
            ) -> ::core::result::Result<Self, ::graph_core::json::DecodeError> {
                match index {
                    #(#read_arms)*
                    _ => match ::graph_core::json::FromJson::from_json(reader) {
                        ::core::result::Result::Ok(model) => ::core::result::Result::Ok(Self::#fallback(model)),
                        ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                    },
                }
            }
            fn variant(&self) -> (&dyn ::graph_core::model::Model, ::core::option::Option<&'static str>) {
                match self {
                    #(#variant_arms)*
                }
            }
        }

        impl ::graph_core::json::FromJson for #ident {
            fn from_json(reader: &mut ::graph_core::json::Reader<'_>) -> ::core::result::Result<Self, ::graph_core::json::DecodeError> {
                ::graph_core::model::read_polymorphic(reader)
            }
        }

        impl ::graph_core::json::ToJson for #ident {
            fn to_json(&self, writer: &mut ::graph_core::json::Writer) {
                ::graph_core::model::write_polymorphic(self, writer)
            }
        }

        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::graph_core::model::debug_polymorphic(self, f)
            }
        }

        impl ::core::cmp::PartialEq for #ident {
            fn eq(&self, other: &Self) -> bool {
                ::graph_core::model::polymorphic_eq(self, other)
            }
        }

        ::graph_core::__serde_impls!(#ident);
    })
}

/// `Box<...>` (or a path ending in `Box<...>`).
fn is_box(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Box"),
        _ => false,
    }
}
