//! `#[derive(Model)]`: a table of wire names, an integer `match` from position to field and a
//! field visit, all non-generic; `Clone`, `Debug` and `PartialEq` through them.
//!
//! The expansion is deliberately small and free of generics (compile time at Graph scale is
//! the constraint); all JSON work lives in `graph_core::model` and `graph_core::json`.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::internals::{
    fallback_impls, graph_attrs, or_fallback, reject_generics, Errors, StdImpls,
};

/// `Option<&'static str>` tokens for an optional literal.
pub(crate) fn optional_str(lit: Option<&LitStr>) -> TokenStream {
    match lit {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    }
}

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    or_fallback(expand(input), || {
        let own_impl = quote! {
            fn schema(&self) -> &'static ::graph_core::model::ModelSchema {
                ::core::unreachable!()
            }
            fn member_mut(&mut self, _: usize) -> ::core::option::Option<&mut dyn ::graph_core::model::Member> {
                ::core::unreachable!()
            }
            fn visit<'m>(&'m self, _: &mut dyn ::graph_core::model::Visitor<'m>) {
                ::core::unreachable!()
            }
            fn additional_data(&self) -> ::core::option::Option<&::graph_core::AdditionalData> {
                ::core::unreachable!()
            }
            fn additional_data_mut(&mut self) -> ::core::option::Option<&mut ::graph_core::AdditionalData> {
                ::core::unreachable!()
            }
        };
        let own = (quote!(::graph_core::model::Model), own_impl);
        fallback_impls(input, StdImpls::DebugEqClone, Some(own))
    })
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    reject_generics(input, "Model", &mut errors);
    let type_attrs = graph_attrs(&input.attrs, &["odata_type", "entity"], &mut errors);
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Some(&fields.named),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        errors.at(
            input.ident.span(),
            "`Model` needs a struct with named fields",
        );
        errors.finish()?;
        return Ok(TokenStream::new());
    };

    // A set: Graph's largest types have hundreds of members (a list made expansion quadratic).
    let mut wire_names = HashSet::new();
    let mut arms = Vec::new();
    let mut names = Vec::new();
    let mut visits = Vec::new();
    let mut additional = None;
    let mut query_constants = Vec::new();
    for field in fields {
        let attrs = graph_attrs(
            &field.attrs,
            &["name", "additional_data", "navigation"],
            &mut errors,
        );
        let Some(ident) = &field.ident else { continue };
        if attrs.additional_data {
            if attrs.name.is_some() {
                errors.at(ident.span(), "`additional_data` has no wire name");
            }
            if additional.replace(ident).is_some() {
                errors.at(
                    ident.span(),
                    "only one field can be `#[graph(additional_data)]`",
                );
            }
            continue;
        }
        let name = attrs.name.unwrap_or_else(|| {
            LitStr::new(ident.to_string().trim_start_matches("r#"), ident.span())
        });
        let value = name.value();
        if !wire_names.insert(value.clone()) {
            errors.at(
                name.span(),
                &format!("wire name {value:?} is used by two fields"),
            );
        }
        // Spanned at the field's type, so a type that is not JSON is reported there.
        let span = field.ty.span();
        let index = arms.len();
        arms.push(quote_spanned!(span=> #index => ::core::option::Option::Some(&mut self.#ident),));
        names.push(name.clone());
        visits.push(quote_spanned!(span=> visitor.member(#name, &self.#ident);));
        // A complex type's navigation properties are marked too, but only an entity's
        // properties are named by query options.
        if type_attrs.entity {
            query_constants.push(query_constant(ident, &name, attrs.navigation));
        }
    }
    errors.finish()?;

    let ident = &input.ident;
    let type_name = LitStr::new(&ident.to_string(), ident.span());
    let odata_type = optional_str(type_attrs.odata_type.as_ref());
    let (additional, additional_mut) = match additional {
        Some(field) => (
            quote!(::core::option::Option::Some(&self.#field)),
            quote!(::core::option::Option::Some(&mut self.#field)),
        ),
        None => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        ),
    };
    let query_constants = (!query_constants.is_empty()).then(|| {
        quote! {
            impl #ident {
                #(#query_constants)*
            }
        }
    });
    Ok(quote! {
        #query_constants

        impl ::graph_core::model::Model for #ident {
            fn schema(&self) -> &'static ::graph_core::model::ModelSchema {
                static SCHEMA: ::graph_core::model::ModelSchema =
                    ::graph_core::model::ModelSchema::new(#odata_type, &[#(#names),*]);
                &SCHEMA
            }
            fn member_mut(&mut self, index: usize) -> ::core::option::Option<&mut dyn ::graph_core::model::Member> {
                match index {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
            fn visit<'m>(&'m self, visitor: &mut dyn ::graph_core::model::Visitor<'m>) {
                #(#visits)*
            }
            fn additional_data(&self) -> ::core::option::Option<&::graph_core::AdditionalData> {
                #additional
            }
            fn additional_data_mut(&mut self) -> ::core::option::Option<&mut ::graph_core::AdditionalData> {
                #additional_mut
            }
        }

        impl ::core::clone::Clone for #ident {
            fn clone(&self) -> Self {
                let mut clone = <Self as ::core::default::Default>::default();
                ::graph_core::model::clone_members(self, &mut clone);
                clone
            }
        }

        impl ::graph_core::json::FromJson for #ident {
            fn from_json(reader: &mut ::graph_core::json::Reader<'_>) -> ::core::result::Result<Self, ::graph_core::json::DecodeError> {
                ::graph_core::model::read_model(reader)
            }
        }

        impl ::graph_core::json::ToJson for #ident {
            fn to_json(&self, writer: &mut ::graph_core::json::Writer) {
                ::graph_core::model::write_model(self, writer, ::core::option::Option::None)
            }
        }

        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::graph_core::model::debug_model(self, #type_name, f)
            }
        }

        impl ::core::cmp::PartialEq for #ident {
            fn eq(&self, other: &Self) -> bool {
                ::graph_core::model::model_eq(self, other)
            }
        }

        ::graph_core::__serde_impls!(#ident);
    })
}

/// `pub const SUBJECT: Select<Self>` for a structural property, `Expand<Self>` for a navigation
/// property: the field name in capitals, which cannot collide (field names are snake case).
fn query_constant(field: &syn::Ident, wire_name: &LitStr, navigation: bool) -> TokenStream {
    let constant = syn::Ident::new(
        &field.to_string().trim_start_matches("r#").to_uppercase(),
        field.span(),
    );
    let (kind, doc) = if navigation {
        (
            quote!(Expand),
            format!(" `{}`, for `$expand`.", wire_name.value()),
        )
    } else {
        (
            quote!(Select),
            format!(" `{}`, for `$select`.", wire_name.value()),
        )
    };
    quote! {
        #[doc = #doc]
        pub const #constant: ::graph_core::http::#kind<Self> = ::graph_core::http::#kind::new(#wire_name);
    }
}
