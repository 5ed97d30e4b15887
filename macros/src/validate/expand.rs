//! Turns checked settings into the `Validate` impl: one statement per field, rules as `static`
//! data, nothing generic per model.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::attr::{CrossKind, Field, FieldRules, Shape};

/// The full implementation for a checked input.
pub(crate) fn implementation(input: &DeriveInput, shape: &Shape) -> TokenStream {
    let body = match shape {
        Shape::Struct {
            fields,
            checks,
            type_rules,
        } => {
            // Leaves without rules hold nothing to check: no statement at all, which keeps the
            // expansion small for the thousands of generated types.
            let walks = fields
                .iter()
                .filter(|field| !field.skip && (!field.leaf || !field.rules.is_empty()))
                .map(walk_field);
            let checks = checks.iter().map(|check| {
                let (field, field_wire) = (&check.field.0, &check.field.1);
                let (other, other_wire) = (&check.other.0, &check.other.1);
                let method = match check.kind {
                    CrossKind::LaterThan => quote!(later_than),
                    CrossKind::RequiresTrue => quote!(requires_true),
                    CrossKind::UpdateRequires => quote!(update_requires),
                };
                quote! {
                    ctx.#method((#field_wire, &self.#field), (#other_wire, &self.#other));
                }
            });
            let rules = type_rules.iter().map(|rule| quote!(#rule(self, ctx);));
            quote! { #(#walks)* #(#checks)* #(#rules)* }
        }
        Shape::Polymorphic {
            variants,
            type_rules,
        } => {
            let rules = type_rules.iter().map(|rule| quote!(#rule(self, ctx);));
            quote! {
                match self {
                    #(Self::#variants(value) =>
                        ::graph_core::validate::Validate::validate_at(value, ctx),)*
                }
                #(#rules)*
            }
        }
        Shape::Values { members, unknown } => {
            return values_impl(input, members, unknown.as_ref());
        }
    };
    let uses_ctx = !body.is_empty();
    let ctx = if uses_ctx { quote!(ctx) } else { quote!(_ctx) };
    wrap(
        input,
        quote! {
            fn validate_at(&self, #ctx: &mut ::graph_core::validate::ValidationContext<'_>) {
                #body
            }
        },
    )
}

/// An impl that checks nothing, emitted after an error so only that error is shown.
pub(crate) fn stub(input: &DeriveInput) -> TokenStream {
    wrap(
        input,
        quote! {
            fn validate_at(&self, _ctx: &mut ::graph_core::validate::ValidationContext<'_>) {}
        },
    )
}

fn wrap(input: &DeriveInput, items: TokenStream) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::graph_core::validate::Validate for #name #type_generics #where_clause {
            #items
        }
    }
}

/// The statement that walks one field, with its rules if it has any.
fn walk_field(field: &Field) -> TokenStream {
    let member = &field.member;
    let wire = &field.wire;
    if field.rules.is_empty() {
        return quote!(ctx.field(#wire, &self.#member););
    }
    if let Some(shared) = shared_rules(&field.rules) {
        return quote! {
            ctx.field_with(#wire, &self.#member, &::graph_core::validate::FieldRules::#shared);
        };
    }
    let (pattern_static, rules) = rules_literal(&field.rules);
    quote! {
        {
            #pattern_static
            static RULES: ::graph_core::validate::FieldRules = #rules;
            ctx.field_with(#wire, &self.#member, &RULES);
        }
    }
}

/// The shared `FieldRules` constant for a field with exactly one presence rule (the common
/// case in Graph: `non_nullable`, `read_only`), so no `static` item is expanded for it.
fn shared_rules(rules: &FieldRules) -> Option<TokenStream> {
    let flags = [
        (rules.required, quote!(REQUIRED)),
        (rules.read_only, quote!(READ_ONLY)),
        (rules.immutable, quote!(IMMUTABLE)),
        (rules.non_insertable, quote!(NON_INSERTABLE)),
        (rules.non_nullable, quote!(NON_NULLABLE)),
    ];
    let value_rules = rules.max_length.is_some()
        || rules.pattern.is_some()
        || rules.minimum.is_some()
        || rules.maximum.is_some()
        || !rules.allowed_values.is_empty();
    let mut set = flags.into_iter().filter(|(flag, _)| *flag);
    match (set.next(), set.next(), value_rules) {
        (Some((_, name)), None, false) => Some(name),
        _ => None,
    }
}

/// A `FieldRules` literal naming only the rules that are set, plus the `static` its pattern
/// lives in (compiled once, on first use).
fn rules_literal(rules: &FieldRules) -> (TokenStream, TokenStream) {
    let mut set = Vec::new();
    for (flag, name) in [
        (rules.required, quote!(required)),
        (rules.read_only, quote!(read_only)),
        (rules.immutable, quote!(immutable)),
        (rules.non_insertable, quote!(non_insertable)),
        (rules.non_nullable, quote!(non_nullable)),
    ] {
        if flag {
            set.push(quote!(#name: true));
        }
    }
    if let Some(max) = rules.max_length {
        let max = max as usize;
        set.push(quote!(max_length: ::core::option::Option::Some(#max)));
    }
    let mut pattern_static = TokenStream::new();
    if let Some(pattern) = &rules.pattern {
        pattern_static = quote! {
            static PATTERN: ::graph_core::validate::Pattern =
                ::graph_core::validate::Pattern::new(#pattern);
        };
        set.push(quote!(pattern: ::core::option::Option::Some(&PATTERN)));
    }
    for (bound, name) in [
        (rules.minimum, quote!(minimum)),
        (rules.maximum, quote!(maximum)),
    ] {
        if let Some((value, exclusive)) = bound {
            set.push(quote! {
                #name: ::core::option::Option::Some(::graph_core::validate::Limit {
                    value: #value,
                    exclusive: #exclusive,
                })
            });
        }
    }
    if !rules.allowed_values.is_empty() {
        let values = &rules.allowed_values;
        set.push(quote!(allowed_values: &[#(#values),*]));
    }
    let literal = quote! {
        ::graph_core::validate::FieldRules {
            #(#set,)*
            ..::graph_core::validate::FieldRules::NONE
        }
    };
    (pattern_static, literal)
}

/// A Graph enum is a leaf: nothing to walk, and its wire name is what value rules see.
fn values_impl(
    input: &DeriveInput,
    members: &[(syn::Ident, String)],
    unknown: Option<&syn::Ident>,
) -> TokenStream {
    let arms = members
        .iter()
        .map(|(ident, wire)| quote!(Self::#ident => #wire,));
    let unknown_arm = unknown
        .map(|ident| quote!(Self::#ident(value) => ::core::convert::AsRef::<str>::as_ref(value),));
    let scalar = if members.is_empty() && unknown.is_none() {
        quote!(match *self {})
    } else {
        quote! {
            ::core::option::Option::Some(::graph_core::validate::Scalar::Text(match self {
                #(#arms)*
                #unknown_arm
            }))
        }
    };
    wrap(
        input,
        quote! {
            #[inline]
            fn validate_at(&self, _ctx: &mut ::graph_core::validate::ValidationContext<'_>) {}

            fn scalar(&self) -> ::core::option::Option<::graph_core::validate::Scalar<'_>> {
                #scalar
            }
        },
    )
}
