//! `#[derive(Validate)]`: reads `#[validate(...)]` and `#[graph(name = ...)]` into typed settings
//! (`attr`), checks them, then expands to one small, non-generic `validate_at` (`expand`).
//!
//! Misuse is reported with a span on the offending token; after an error a stub impl is still
//! emitted so users see that one error, not a cascade of "trait not implemented".

mod attr;
mod expand;

use proc_macro2::TokenStream;

use crate::internals::Errors;

/// Expands `#[derive(Validate)]` on `input`.
pub(crate) fn derive(input: &syn::DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let shape = attr::read(input, &mut errors);
    match (shape, errors.finish()) {
        (Some(shape), Ok(())) => expand::implementation(input, &shape),
        (_, Err(error)) => {
            let stub = expand::stub(input);
            let error = error.to_compile_error();
            quote::quote! { #error #stub }
        }
        (None, Ok(())) => expand::stub(input),
    }
}
