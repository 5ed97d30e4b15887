//! `#[derive(Enum)]`: a table of wire names and two small matches; lookup lives in
//! `graph_core::enums`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::internals::{
    fallback_impls, graph_attrs, or_fallback, reject_generics, Errors, StdImpls,
};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    or_fallback(expand(input), || {
        let own_impl = quote! {
            const MEMBERS: &'static [::graph_core::enums::EnumMember] = &[];
            fn from_index(_: usize) -> ::core::option::Option<Self> {
                ::core::unreachable!()
            }
            fn from_unknown(_: ::std::string::String) -> ::core::option::Option<Self> {
                ::core::unreachable!()
            }
            fn index(&self) -> ::core::option::Option<usize> {
                ::core::unreachable!()
            }
            fn as_str(&self) -> &str {
                ::core::unreachable!()
            }
        };
        let own = (quote!(::graph_core::enums::Enum), own_impl);
        fallback_impls(input, StdImpls::None, Some(own))
    })
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    reject_generics(input, "Enum", &mut errors);
    graph_attrs(&input.attrs, &[], &mut errors);
    let Data::Enum(data) = &input.data else {
        errors.at(input.ident.span(), "`Enum` needs an enum");
        errors.finish()?;
        return Ok(TokenStream::new());
    };

    let mut members = Vec::new();
    let mut from_index = Vec::new();
    let mut index_arms = Vec::new();
    let mut str_arms = Vec::new();
    let mut unknown = None;
    let mut names = std::collections::HashSet::new();
    for variant in &data.variants {
        let attrs = graph_attrs(
            &variant.attrs,
            &["name", "evolvable", "unknown"],
            &mut errors,
        );
        let ident = &variant.ident;
        if attrs.unknown {
            let holds_one_field =
                matches!(&variant.fields, Fields::Unnamed(f) if f.unnamed.len() == 1);
            if !holds_one_field || attrs.name.is_some() || attrs.evolvable {
                errors.at(ident.span(), "the `unknown` variant holds the raw string: `Unknown(String)`, no other attribute");
            }
            if unknown.replace(ident).is_some() {
                errors.at(ident.span(), "only one variant can be `#[graph(unknown)]`");
            }
            continue;
        }
        if !matches!(variant.fields, Fields::Unit) {
            errors.at(
                ident.span(),
                "enum members are unit variants (only the `#[graph(unknown)]` variant holds data)",
            );
            continue;
        }
        let name = attrs
            .name
            .unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
        let value = name.value();
        if !names.insert(value.clone()) {
            errors.at(
                name.span(),
                &format!("wire name {value:?} is used by two variants"),
            );
        }
        let index = members.len();
        let evolvable = attrs.evolvable;
        members
            .push(quote!(::graph_core::enums::EnumMember { name: #name, evolvable: #evolvable },));
        from_index.push(quote!(#index => ::core::option::Option::Some(Self::#ident),));
        index_arms.push(quote!(Self::#ident => ::core::option::Option::Some(#index),));
        str_arms.push(quote!(Self::#ident => #name,));
    }
    errors.finish()?;

    let (from_unknown, unknown_index, unknown_str) = match unknown {
        Some(variant) => (
            quote!(::core::option::Option::Some(Self::#variant(value))),
            quote!(Self::#variant(_) => ::core::option::Option::None,),
            quote!(Self::#variant(value) => value,),
        ),
        None => (
            quote!({
                let _ = value;
                ::core::option::Option::None
            }),
            TokenStream::new(),
            TokenStream::new(),
        ),
    };
    let ident = &input.ident;
    Ok(quote! {
        impl ::graph_core::enums::Enum for #ident {
            const MEMBERS: &'static [::graph_core::enums::EnumMember] = &[#(#members)*];
            fn from_index(index: usize) -> ::core::option::Option<Self> {
                match index {
                    #(#from_index)*
                    _ => ::core::option::Option::None,
                }
            }
            fn from_unknown(value: ::std::string::String) -> ::core::option::Option<Self> {
                #from_unknown
            }
            fn index(&self) -> ::core::option::Option<usize> {
                match self {
                    #(#index_arms)*
                    #unknown_index
                }
            }
            fn as_str(&self) -> &str {
                match self {
                    #(#str_arms)*
                    #unknown_str
                }
            }
        }

        impl ::graph_core::json::FromJson for #ident {
            fn from_json(reader: &mut ::graph_core::json::Reader<'_>) -> ::core::result::Result<Self, ::graph_core::json::DecodeError> {
                ::graph_core::enums::read_enum(reader)
            }
        }

        impl ::graph_core::json::ToJson for #ident {
            fn to_json(&self, writer: &mut ::graph_core::json::Writer) {
                ::graph_core::enums::write_enum(self, writer)
            }
        }

        ::graph_core::__serde_impls!(#ident);
    })
}
