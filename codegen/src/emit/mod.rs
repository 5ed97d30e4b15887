//! Plan -> Rust source: one small function per kind of item, each producing a `syn` tree
//! (`items`), formatted with `prettyplease`; the few fixed lines around them come from `quote!`.
//!
//! Output is a module tree whose root is `mod.rs`: the root namespace's items sit in `mod.rs`,
//! every other namespace is `pub mod name { include!("name.rs"); }`. Items name each other by
//! relative paths (`super::`), so the tree works wherever it is mounted (`#[path]` or
//! `include!`, at any depth). No file has inner attributes, which `include!` would reject.
//!
//! Items are emitted in parallel (rayon), each built as a tree (`items`) and formatted with
//! prettyplease on its own. Files are assembled from the items in plan order, so the result is
//! the same on every run.

mod api;
mod items;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

use crate::plan::features::FeatureId;
use crate::plan::{Gate, Item, ModuleIndex, Plan};
use crate::write::{GeneratedFile, GENERATED_MARKER};

pub use items::item_syntax;

/// The runtime names a file may import from `graph_core`, in the order imports are written.
const RUNTIME_NAMES: &[&str] = &["AdditionalData", "FlagSet", "Property", "Untyped", "edm"];

/// How an item's code refers to `graph_core` names, decided per module: imported (short) unless
/// the module defines an item of the same name, in which case the full path is used.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    plan: &'a Plan,
    module: ModuleIndex,
    qualified: BTreeSet<&'static str>,
}

impl<'a> Context<'a> {
    /// The context for emitting items of `module`.
    pub fn new(plan: &'a Plan, module: ModuleIndex) -> Self {
        let qualified = RUNTIME_NAMES
            .iter()
            .copied()
            .filter(|name| {
                let local = &plan.modules[module].items;
                local.iter().any(|item| item.name() == *name)
                    || plan.modules.iter().any(|child| child.name == *name)
            })
            .collect();
        Context {
            plan,
            module,
            qualified,
        }
    }

    /// The path naming the runtime item `name` (one of [`RUNTIME_NAMES`]).
    fn runtime(&self, name: &'static str, used: &mut BTreeSet<&'static str>) -> syn::Path {
        if self.qualified.contains(name) {
            items::simple_path(&["graph_core", name])
        } else {
            used.insert(name);
            items::simple_path(&[name])
        }
    }
}

/// One formatted item plus the runtime names it needs imported.
struct FormattedItem {
    source: String,
    imports: BTreeSet<&'static str>,
}

/// Emits every file of `plan`, formatted and with the `@generated` line first.
pub fn emit(plan: &Plan) -> Vec<GeneratedFile> {
    let work: Vec<(ModuleIndex, &Item)> = plan
        .modules
        .iter()
        .enumerate()
        .flat_map(|(index, module)| module.items.iter().map(move |item| (index, item)))
        .collect();
    let contexts: Vec<Context<'_>> = (0..plan.modules.len())
        .map(|index| Context::new(plan, index))
        .collect();
    let formatted: Vec<FormattedItem> = work
        .par_iter()
        .map(|(module, item)| {
            let mut imports = BTreeSet::new();
            let source = format_item(&contexts[*module], item, &mut imports);
            FormattedItem { source, imports }
        })
        .collect();

    let header = format!(
        "{GENERATED_MARKER} {} from {}. Do not edit.\n",
        env!("CARGO_PKG_VERSION"),
        plan.source
    );
    let mut formatted = formatted.into_iter();
    let mut files = Vec::with_capacity(plan.modules.len());
    for (index, module) in plan.modules.iter().enumerate() {
        let items: Vec<FormattedItem> = formatted.by_ref().take(module.items.len()).collect();
        let mut prelude = TokenStream::new();
        if index == 0 {
            for child in &plan.modules[1..] {
                prelude.extend(child_module_tokens(&child.namespace, &child.name));
            }
            if !plan.api.is_empty() {
                prelude.extend(api::module_tokens());
            }
        }
        let imports: BTreeSet<&'static str> = items
            .iter()
            .flat_map(|item| item.imports.iter().copied())
            .collect();
        // Every item has its features; with none of them on, nothing uses the imports.
        let gated = !plan.features.is_empty();
        prelude.extend(import_tokens(&imports, gated));

        let mut contents = header.clone();
        if !prelude.is_empty() {
            contents.push_str(&format_tokens(prelude));
        }
        for item in &items {
            contents.push('\n');
            contents.push_str(&item.source);
        }
        let path = if index == 0 {
            PathBuf::from("mod.rs")
        } else {
            PathBuf::from(format!("{}.rs", unraw(&module.name)))
        };
        files.push(GeneratedFile { path, contents });
    }
    if !plan.api.is_empty() {
        files.extend(api::api_files(plan, &header, format_tokens));
    }
    files
}

/// One item built as a tree and formatted with prettyplease.
fn format_item(context: &Context<'_>, item: &Item, imports: &mut BTreeSet<&'static str>) -> String {
    let mut docs = items::DocLines::for_item(item);
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![items::item_syntax_with(context, item, imports, &mut docs)],
    };
    docs.splice(prettyplease::unparse(&file))
}

/// What goes inside the `#[cfg(...)]` of code compiled under `gate`; `None` when it always is.
fn cfg_arguments(plan: &Plan, gate: &Gate) -> Option<TokenStream> {
    let name = |feature: &FeatureId| plan.features[*feature].name.as_str();
    match gate.0.as_slice() {
        [] => None,
        [one] => {
            let one = name(one);
            Some(quote!(feature = #one))
        }
        many => {
            let names = many.iter().map(name);
            Some(quote!(any(#(feature = #names),*)))
        }
    }
}

/// `#[cfg(...)]` for code compiled under `gate`, or nothing when it always is.
fn cfg_tokens(plan: &Plan, gate: &Gate) -> Option<TokenStream> {
    let arguments = cfg_arguments(plan, gate)?;
    Some(quote!(#[cfg(#arguments)]))
}

/// `pub mod name { include!("name.rs"); }` for a namespace module.
fn child_module_tokens(namespace: &str, name: &str) -> TokenStream {
    let ident: syn::Ident = syn::parse_str(name).expect("module names come from ident::rust_names");
    let doc = format!(" Types of the `{namespace}` namespace.");
    let file = format!("{}.rs", unraw(name));
    quote! {
        #[doc = #doc]
        pub mod #ident {
            include!(#file);
        }
    }
}

/// The `use` lines of `imports`; `gated`, they may be unused.
fn import_tokens(imports: &BTreeSet<&'static str>, gated: bool) -> TokenStream {
    let allow = gated.then(|| quote!(#[allow(unused_imports)]));
    let mut tokens = TokenStream::new();
    if imports.contains("edm") {
        tokens.extend(quote!(
            #allow
            use graph_core::edm;
        ));
    }
    let names: Vec<proc_macro2::Ident> = imports
        .iter()
        .filter(|name| **name != "edm")
        .map(|name| quote::format_ident!("{}", name))
        .collect();
    match names.as_slice() {
        [] => {}
        [one] => tokens.extend(quote!(#allow use graph_core::#one;)),
        many => tokens.extend(quote!(#allow use graph_core::{#(#many),*};)),
    }
    tokens
}

/// A file name never carries the `r#` of a raw module name.
fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Formats tokens with prettyplease. The tokens come from `quote!` over names checked by
/// [`crate::ident`], so they always parse; a failure is a bug in the emitter.
fn format_tokens(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|error| {
        panic!("graph-codegen emitted tokens that do not parse ({error}); this is a bug")
    });
    prettyplease::unparse(&file)
}
