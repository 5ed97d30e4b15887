//! `#[derive(Validate)]`: reads `#[validate(...)]` and `#[graph(name = ...)]` into typed settings
//! (`attr`), checks them, then expands to one small, non-generic `validate_at` (`expand`).
//!
//! Misuse is reported with a span on the offending token; after an error a stub impl is still
//! emitted so users see that one error, not a cascade of "trait not implemented".

mod attr;
mod expand;

use proc_macro2::TokenStream;

/// Collects every error found while reading the attributes, so all are reported at once.
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    pub(crate) fn spanned(
        &mut self,
        tokens: impl quote::ToTokens,
        message: impl std::fmt::Display,
    ) {
        self.push(syn::Error::new_spanned(tokens, message));
    }
}

/// Expands `#[derive(Validate)]` on `input`.
pub(crate) fn derive(input: &syn::DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let shape = attr::read(input, &mut errors);
    match (shape, errors.combined) {
        (Some(shape), None) => expand::implementation(input, &shape),
        (_, Some(error)) => {
            let stub = expand::stub(input);
            let error = error.to_compile_error();
            quote::quote! { #error #stub }
        }
        (None, None) => expand::stub(input),
    }
}
