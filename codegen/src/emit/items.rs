//! One function per kind of generated item. The shape is fixed by
//! `docs/design/0001-generated-models.md`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use crate::model::EdmKind;
use crate::plan::{EnumPlan, Item, ItemRef, PolymorphicPlan, RustType, StructPlan};

/// The tokens of one item; `imports` collects the `graph_core` names it uses unqualified.
pub fn item_tokens(
    context: &Context<'_>,
    item: &Item,
    imports: &mut BTreeSet<&'static str>,
) -> TokenStream {
    match item {
        Item::Struct(plan) => struct_tokens(context, plan, imports),
        Item::Enum(plan) => enum_tokens(plan),
        Item::Polymorphic(plan) => polymorphic_tokens(context, plan, imports),
    }
}

fn struct_tokens(
    context: &Context<'_>,
    plan: &StructPlan,
    imports: &mut BTreeSet<&'static str>,
) -> TokenStream {
    let docs = doc_attributes(&plan.docs);
    let name = ident(&plan.name);
    let odata_type = &plan.qualified_name;
    let property = context.runtime("Property", imports);
    let fields: Vec<TokenStream> = plan
        .fields
        .iter()
        .map(|field| {
            let docs = doc_attributes(&field.docs);
            let field_name = ident(&field.name);
            let wire_name = &field.wire_name;
            let ty = type_tokens(context, &field.ty, imports);
            let extra = attributes(&field.attributes);
            quote! {
                #docs
                #[graph(name = #wire_name)]
                #(#extra)*
                pub #field_name: #property<#ty>,
            }
        })
        .collect();
    let struct_attributes = attributes(&plan.attributes);
    let additional_data = ident(&plan.additional_data);
    let additional_data_type = context.runtime("AdditionalData", imports);
    quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq, graph_core::Model, graph_core::Validate)]
        #[graph(odata_type = #odata_type)]
        #(#struct_attributes)*
        pub struct #name {
            #(#fields)*
            /// Members not in the schema and `@odata.*` annotations, in the order read.
            #[graph(additional_data)]
            pub #additional_data: #additional_data_type,
        }
    }
}

fn enum_tokens(plan: &EnumPlan) -> TokenStream {
    let docs = doc_attributes(&plan.docs);
    let name = ident(&plan.name);
    let flags_doc = plan
        .is_flags
        .then(|| quote!(#[doc = ""] #[doc = " Flags: a field holds a set of these, `FlagSet<Self>`, written as `\"a,b\"`."]));
    let members = plan.members.iter().map(|member| {
        let docs = doc_attributes(&member.docs);
        let variant = ident(&member.name);
        let wire_name = &member.wire_name;
        let evolvable = member.evolvable.then(|| quote!(, evolvable));
        quote! {
            #docs
            #[graph(name = #wire_name #evolvable)]
            #variant,
        }
    });
    quote! {
        #docs
        #flags_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum, graph_core::Validate)]
        pub enum #name {
            #(#members)*
            /// A member this version does not know; read and written back unchanged.
            #[graph(unknown)]
            Unknown(String),
        }
    }
}

fn polymorphic_tokens(
    context: &Context<'_>,
    plan: &PolymorphicPlan,
    imports: &mut BTreeSet<&'static str>,
) -> TokenStream {
    let docs = doc_attributes(&plan.docs);
    let name = ident(&plan.name);
    let variants: Vec<TokenStream> = plan
        .variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.name);
            let odata_type = &variant.qualified_name;
            let ty = type_tokens(context, &variant.target, imports);
            quote! {
                #[graph(odata_type = #odata_type)]
                #variant_name(#ty),
            }
        })
        .collect();
    let fallback_name = ident(&plan.fallback.name);
    let fallback_type = type_tokens(context, &plan.fallback.target, imports);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, graph_core::Polymorphic, graph_core::Validate)]
        // Variants hold their structs inline (reading fills them in place); sizes differ by design.
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        pub enum #name {
            #(#variants)*
            /// The declared type; also any absent or unknown `@odata.type` (kept in `additional_data`).
            #[graph(fallback)]
            #fallback_name(#fallback_type),
        }
    }
}

/// The tokens of a Rust type, with paths relative to the context's module.
fn type_tokens(
    context: &Context<'_>,
    ty: &RustType,
    imports: &mut BTreeSet<&'static str>,
) -> TokenStream {
    match ty {
        RustType::Edm(kind) => edm_tokens(context, *kind, imports),
        RustType::Untyped => context.runtime("Untyped", imports),
        RustType::Named(item) => item_path(context, item),
        RustType::Flags(item) => {
            let flag_set = context.runtime("FlagSet", imports);
            let path = item_path(context, item);
            quote!(#flag_set<#path>)
        }
        RustType::Collection(inner) => {
            let inner = type_tokens(context, inner, imports);
            quote!(Vec<#inner>)
        }
        RustType::Boxed(inner) => {
            let inner = type_tokens(context, inner, imports);
            quote!(Box<#inner>)
        }
    }
}

fn edm_tokens(
    context: &Context<'_>,
    kind: EdmKind,
    imports: &mut BTreeSet<&'static str>,
) -> TokenStream {
    let in_edm = |name: &str, imports: &mut BTreeSet<&'static str>| {
        let edm = context.runtime("edm", imports);
        let name = format_ident!("{}", name);
        quote!(#edm::#name)
    };
    match kind {
        EdmKind::Boolean => quote!(bool),
        EdmKind::Byte => quote!(u8),
        EdmKind::SByte => quote!(i8),
        EdmKind::Int16 => quote!(i16),
        EdmKind::Int32 => quote!(i32),
        EdmKind::Int64 => quote!(i64),
        EdmKind::Single => quote!(f32),
        EdmKind::Double => quote!(f64),
        EdmKind::String => quote!(String),
        EdmKind::Decimal => in_edm("Decimal", imports),
        EdmKind::Guid => in_edm("Guid", imports),
        EdmKind::Binary => in_edm("Binary", imports),
        EdmKind::Date => in_edm("Date", imports),
        EdmKind::TimeOfDay => in_edm("TimeOfDay", imports),
        EdmKind::Duration => in_edm("Duration", imports),
        EdmKind::DateTimeOffset => in_edm("DateTimeOffset", imports),
        EdmKind::Stream => in_edm("Stream", imports),
        // Geography/geometry values are GeoJSON objects; they and the abstract types are kept
        // as untyped JSON so nothing is lost.
        _ => context.runtime("Untyped", imports),
    }
}

/// The path from the context's module to `item`: modules are flat children of the root, so
/// `Name`, `child::Name`, `super::Name` or `super::child::Name`.
fn item_path(context: &Context<'_>, item: &ItemRef) -> TokenStream {
    let name = ident(&item.name);
    if item.module == context.module {
        return quote!(#name);
    }
    let target_module = &context.plan.modules[item.module];
    let child = (item.module != 0).then(|| {
        let module = ident(&target_module.name);
        quote!(#module::)
    });
    let up = (context.module != 0).then(|| quote!(super::));
    quote!(#up #child #name)
}

/// An identifier from a name decided by `ident::rust_names` (raw identifiers included).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// `#[body]` for each attribute body the plan carries (validation rules).
fn attributes(bodies: &[String]) -> Vec<TokenStream> {
    bodies
        .iter()
        .map(|body| {
            // The validation planner writes these from checked rule values, so they lex.
            let tokens: TokenStream = body.parse().unwrap_or_else(|error| {
                panic!("attribute `{body}` from the plan does not lex ({error}); this is a bug")
            });
            quote!(#[#tokens])
        })
        .collect()
}

/// `#[doc = " line"]` for each line (already markdown, escaped by the plan).
fn doc_attributes(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|line| {
        let text = format!(" {line}");
        quote!(#[doc = #text])
    });
    quote!(#(#docs)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_names_become_raw_identifiers() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("start").to_string(), "start");
    }
}
