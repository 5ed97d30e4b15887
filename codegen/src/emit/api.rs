//! The API plan -> `api.rs` (target enums, imported operations, one `pub mod` per root) and
//! `api/<root>.rs` (that root's module tree). Each function borrows a constant `Endpoint` per
//! path and hands a `RequestBuilder` chain to a `Call` with the reader of its answer. Models are
//! named `models::Event`: the `api` root imports its parent module as `models` and each module
//! takes that name from the one above, so the tree works wherever it is mounted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;

use super::items::{edm_name, EdmName};
use crate::permissions::PathPermissions;
use crate::plan::operations::{
    Answer, ApiFunction, ApiModule, ApiPlan, Body, Parameter, ParameterType, Step, TargetEnum,
};
use crate::plan::{Gate, ItemRef, Plan, RustType};
use crate::write::GeneratedFile;

/// The name under which every module of `api` sees the models.
const MODELS: &str = "models";

/// The file of the `api` module, beside the root `mod.rs`.
pub const FILE: &str = "api.rs";

/// `pub mod api { include!("api.rs"); }` for the root module.
pub fn module_tokens() -> TokenStream {
    quote! {
        /// A function per operation and path: `api::users::events::list` is
        /// `GET /users/{userId}/events` (and `/me/events`). Each returns a `Call`: add query
        /// options, build it, send it with any HTTP client or `graph_core::client::Client`.
        pub mod api {
            include!("api.rs");
        }
    }
}

/// `api.rs` and one `api/<root>.rs` per root module, each with `header` first.
pub fn api_files(
    plan: &Plan,
    header: &str,
    format: fn(TokenStream) -> String,
) -> Vec<GeneratedFile> {
    let api = &plan.api;
    let emitter = Emitter { plan, api };
    let mut root = TokenStream::new();
    for module in &api.modules {
        let name = ident(&module.name);
        let doc = format!(" `{}`.", module.path);
        let file = format!("api/{}.rs", module.name);
        let feature = super::cfg_tokens(plan, &module.gate);
        root.extend(quote! {
            #[doc = #doc]
            #feature
            pub mod #name {
                include!(#file);
            }
        });
    }
    // With the areas behind features and none on, nothing below uses the models.
    let allow = (!plan.features.is_empty()).then(|| quote!(#[allow(unused_imports)]));
    root.extend(quote! {
        /// The models, by the name every module below uses (`models::Event`).
        #allow
        use super::{self as models};
    });
    for target in &api.targets {
        root.extend(target_tokens(target));
    }
    let mut used = BTreeSet::new();
    let functions: Vec<TokenStream> = api
        .functions
        .iter()
        .map(|function| emitter.function(function, &mut used))
        .collect();
    root.extend(emitter.imports(&used, &api.functions));
    root.extend(functions);
    let mut files = vec![GeneratedFile {
        path: PathBuf::from(FILE),
        contents: format!("{header}\n{}", format(root)),
    }];
    let modules: Vec<GeneratedFile> = api
        .modules
        .par_iter()
        .map(|module| GeneratedFile {
            path: PathBuf::from(format!("api/{}.rs", module.name)),
            contents: format!("{header}\n{}", format(emitter.module_body(module))),
        })
        .collect();
    files.extend(modules);
    files
}

struct Emitter<'p> {
    plan: &'p Plan,
    api: &'p ApiPlan,
}

impl Emitter<'_> {
    /// The items of a module: its imports, functions and child modules.
    fn module_body(&self, module: &ApiModule) -> TokenStream {
        let mut used = BTreeSet::new();
        let functions: Vec<TokenStream> = module
            .functions
            .iter()
            .map(|function| self.function(function, &mut used))
            .collect();
        let children = module.modules.iter().map(|child| {
            let name = ident(&child.name);
            let doc = format!(" `{}`.", child.path);
            let body = self.module_body(child);
            // `/calendar/calendar`-like paths make a module named as its parent.
            let inception =
                (child.name == module.name).then(|| quote!(#[allow(clippy::module_inception)]));
            let gate = super::cfg_tokens(self.plan, &child.gate);
            quote! {
                #[doc = #doc]
                #gate
                #inception
                pub mod #name {
                    #body
                }
            }
        });
        let imports = self.imports(&used, &module.functions);
        let parent_imports = self.parent_imports(module);
        quote! {
            #parent_imports
            #imports
            #(#functions)*
            #(#children)*
        }
    }

    /// The `use` of the runtime names `functions` need, under their features when they all
    /// have the same.
    fn imports(&self, used: &BTreeSet<&'static str>, functions: &[ApiFunction]) -> TokenStream {
        if used.is_empty() {
            return TokenStream::new();
        }
        let names = used.iter().map(|name| format_ident!("{}", name));
        let gate = match functions {
            [first, rest @ ..] if rest.iter().all(|function| function.gate == first.gate) => {
                super::cfg_tokens(self.plan, &first.gate)
            }
            _ => None,
        };
        quote! {
            #gate
            use graph_core::http::{#(#names),*};
        }
    }

    fn function(&self, function: &ApiFunction, used: &mut BTreeSet<&'static str>) -> TokenStream {
        used.extend(["Call", "Endpoint", "Permissions", "RetrySafety", "Verb"]);
        let name = ident(&function.name);
        let docs = docs(function);
        let mut arguments = Vec::new();
        if let Some(target) = function.target {
            let target = ident(&self.api.targets[target].name);
            arguments.push(quote!(target: &#target));
        }
        for parameter in &function.parameters {
            let name = ident(&parameter.name);
            let ty = self.parameter_type(parameter);
            arguments.push(quote!(#name: #ty));
        }
        let mut answer = self.answer_type(&function.answer, used);
        if let Some(entity) = &function.query_entity {
            let entity = self.rust_type(&RustType::Named(entity.clone()));
            answer = quote!(#answer, #entity);
        }
        let parse = parse_function(&function.answer);
        let endpoints = function.paths.iter().enumerate().map(|(index, path)| {
            let permissions = function.permissions.get(index).and_then(Option::as_ref);
            endpoint_tokens(function, path, permissions)
        });
        // Literals borrowed as `&'static` are promoted to constants: no `static` item (and no
        // body for the compiler to check) per operation.
        let values = path_values(&function.steps);
        let (endpoints, start) = match function.target {
            Some(_) => (
                quote!(let endpoints: &'static [Endpoint] = &[#(#endpoints),*];),
                quote!(target.request(endpoints, &[#(#values),*])),
            ),
            None => {
                used.insert("RequestBuilder");
                (
                    quote!(let endpoint: &'static Endpoint = &#(#endpoints)*;),
                    quote!(RequestBuilder::at(endpoint, &[#(#values),*])),
                )
            }
        };
        let steps: Vec<TokenStream> = function
            .steps
            .iter()
            .map(|step| step_tokens(step, used))
            .collect();
        let body = body_tokens(function);
        // Deep paths take a key per level: that many arguments is the path's own shape.
        let many = (arguments.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let gate = super::cfg_tokens(self.plan, &function.gate);
        quote! {
            #docs
            #gate
            #many
            pub fn #name(#(#arguments),*) -> Call<#answer> {
                #endpoints
                Call::new(#start #(#steps)* #body, graph_core::http::#parse)
            }
        }
    }

    fn parameter_type(&self, parameter: &Parameter) -> TokenStream {
        let ty = match &parameter.ty {
            ParameterType::Str => quote!(&str),
            ParameterType::Copy(name) => name.parse().expect("a Rust type"),
            ParameterType::Bytes => quote!(Vec<u8>),
            ParameterType::Ref(RustType::Collection(inner)) => {
                let inner = self.rust_type(inner);
                quote!(&[#inner])
            }
            ParameterType::Ref(ty) => {
                let ty = self.rust_type(ty);
                quote!(&#ty)
            }
        };
        if parameter.optional {
            quote!(Option<#ty>)
        } else {
            ty
        }
    }

    fn answer_type(&self, answer: &Answer, used: &mut BTreeSet<&'static str>) -> TokenStream {
        match answer {
            Answer::None => quote!(()),
            Answer::Entity(ty) | Answer::Value(ty) | Answer::Complex(ty) => self.rust_type(ty),
            Answer::OptionalEntity(ty) | Answer::FirstItem(ty) => {
                let ty = self.rust_type(ty);
                quote!(Option<#ty>)
            }
            Answer::CreatedOrExisting(ty) => {
                used.insert("CreatedOrExisting");
                let ty = self.rust_type(ty);
                quote!(CreatedOrExisting<#ty>)
            }
            Answer::Page(ty) => {
                used.insert("ValuePage");
                let ty = self.rust_type(ty);
                quote!(ValuePage<#ty>)
            }
            Answer::Count => quote!(u64),
            Answer::Bytes => quote!(Vec<u8>),
        }
    }

    fn rust_type(&self, ty: &RustType) -> TokenStream {
        match ty {
            RustType::Edm(kind) => match edm_name(*kind) {
                EdmName::Primitive(name) => {
                    let name = format_ident!("{}", name);
                    quote!(#name)
                }
                EdmName::InEdm(name) => {
                    let name = format_ident!("{}", name);
                    quote!(graph_core::edm::#name)
                }
                EdmName::Untyped => quote!(graph_core::Untyped),
            },
            RustType::Untyped => quote!(graph_core::Untyped),
            RustType::Named(item) => self.item_path(item),
            RustType::Flags(item) => {
                let item = self.item_path(item);
                quote!(graph_core::FlagSet<#item>)
            }
            RustType::Collection(inner) => {
                let inner = self.rust_type(inner);
                quote!(Vec<#inner>)
            }
            RustType::Boxed(inner) => self.rust_type(inner),
        }
    }

    /// A model item, through the `models` name every module imports (`models::Event`).
    fn item_path(&self, item: &ItemRef) -> TokenStream {
        let name = format_ident!("{}", item.name);
        if item.module == 0 {
            quote!(models::#name)
        } else {
            let module = ident(&self.plan.modules[item.module].name);
            quote!(models::#module::#name)
        }
    }

    /// `use super::{models, UserTarget};`: the names the module and the modules below it take
    /// from the module above, each under the features of the parts that use it.
    fn parent_imports(&self, module: &ApiModule) -> TokenStream {
        let mut parts: Vec<(&Gate, BTreeSet<String>)> = module
            .functions
            .iter()
            .map(|function| (&function.gate, self.parent_names(function)))
            .collect();
        parts.extend(
            module
                .modules
                .iter()
                .map(|child| (&child.gate, self.subtree_names(child))),
        );
        // Per name, the features of the parts that use it; `None` once an ungated part does.
        let mut users: BTreeMap<String, Option<BTreeSet<usize>>> = BTreeMap::new();
        for (gate, names) in &parts {
            for name in names {
                let features = users.entry(name.clone()).or_insert(Some(BTreeSet::new()));
                match features {
                    Some(_) if gate.is_always() => *features = None,
                    Some(features) => features.extend(&gate.0),
                    None => {}
                }
            }
        }
        let mut by_gate: BTreeMap<Vec<usize>, Vec<proc_macro2::Ident>> = BTreeMap::new();
        for (name, features) in users {
            let gate = Gate(features.map_or_else(Vec::new, |f| f.into_iter().collect()));
            // Used whenever the module is compiled: no gate of its own.
            let gate = if gate.covers(&module.gate) {
                Gate::default()
            } else {
                gate
            };
            by_gate.entry(gate.0).or_default().push(ident(&name));
        }
        by_gate
            .into_iter()
            .map(|(gate, names)| {
                let cfg = super::cfg_tokens(self.plan, &Gate(gate));
                quote! {
                    #cfg
                    use super::{#(#names),*};
                }
            })
            .collect()
    }

    /// What `function` names from the module above: `models`, its target enum.
    fn parent_names(&self, function: &ApiFunction) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        if let Some(target) = function.target {
            names.insert(self.api.targets[target].name.clone());
        }
        if !function.items().is_empty() {
            names.insert(MODELS.to_owned());
        }
        names
    }

    /// What `module` and the modules below it name from the module above it.
    fn subtree_names(&self, module: &ApiModule) -> BTreeSet<String> {
        let mut names: BTreeSet<String> = module
            .functions
            .iter()
            .flat_map(|function| self.parent_names(function))
            .collect();
        for child in &module.modules {
            names.extend(self.subtree_names(child));
        }
        names
    }
}

/// The target enum and how it writes its root.
fn target_tokens(target: &TargetEnum) -> TokenStream {
    let name = format_ident!("{}", target.name);
    let doc = format!(
        " Where the paths start: {}.",
        target
            .variants
            .iter()
            .map(|v| match &v.key {
                Some(key) => format!("`/{}/{{{key}}}`", v.segment),
                None => format!("`/{}`", v.segment),
            })
            .collect::<Vec<_>>()
            .join(" or ")
    );
    let variants = target.variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        match &v.key {
            Some(key) => {
                let doc = format!(
                    " `/{}/{{{key}}}`: the key is sent as one path segment.",
                    v.segment
                );
                quote!(#[doc = #doc] #name(String),)
            }
            None => {
                let doc = format!(" `/{}`.", v.segment);
                quote!(#[doc = #doc] #name,)
            }
        }
    });
    let starts = target.variants.iter().enumerate().map(|(index, v)| {
        let name = format_ident!("{}", v.name);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        match &v.key {
            Some(_) => quote! {
                Self::#name(id) => graph_core::http::RequestBuilder::at_key(&endpoints[#index], id, values),
            },
            None => quote! {
                Self::#name => graph_core::http::RequestBuilder::at(&endpoints[#index], values),
            },
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// Starts a request at this variant's endpoint (`endpoints` has one per variant, in
            /// order), its path written from the template with the key of an entity set, then
            /// `values`.
            #[doc(hidden)]
            pub fn request(&self, endpoints: &'static [graph_core::http::Endpoint], values: &[&str]) -> graph_core::http::RequestBuilder {
                match self {
                    #(#starts)*
                }
            }
        }
    }
}

fn docs(function: &ApiFunction) -> TokenStream {
    let mut lines: Vec<String> = function
        .paths
        .iter()
        .map(|path| format!(" `{} {path}`", function.method.as_str()))
        .collect();
    if function.permissions.iter().any(Option::is_some) {
        lines.push(String::new());
        lines.push(" Permissions, least privileged first:".to_owned());
        for (path, permissions) in function.paths.iter().zip(&function.permissions) {
            let listed = match permissions {
                None => "not listed".to_owned(),
                Some(p) => [
                    ("delegated (work or school)", &p.delegated_work),
                    ("delegated (personal account)", &p.delegated_personal),
                    ("application", &p.application),
                ]
                .iter()
                .map(|(scheme, names)| {
                    if names.is_empty() {
                        format!("{scheme}: not supported")
                    } else {
                        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                        format!("{scheme}: {}", names.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
            };
            if function.paths.len() > 1 {
                lines.push(format!(" - `{path}`: {listed}."));
            } else {
                lines.push(format!(" - {listed}."));
            }
        }
    }
    for paragraph in &function.docs {
        lines.push(String::new());
        lines.push(format!(" {paragraph}"));
    }
    quote!(#(#[doc = #lines])*)
}

fn endpoint_tokens(
    function: &ApiFunction,
    path: &str,
    permissions: Option<&PathPermissions>,
) -> TokenStream {
    let permissions = match permissions {
        None => quote!(Permissions::UNLISTED),
        Some(listed) => {
            let delegated = &listed.delegated_work;
            let application = &listed.application;
            let personal = !listed.delegated_personal.is_empty();
            quote! {
                Permissions {
                    delegated: &[#(#delegated),*],
                    application: &[#(#application),*],
                    personal_accounts: #personal,
                }
            }
        }
    };
    let name = &function.name;
    // `graph_core::http::Verb` names each method as its wire name in camel case (`Get`).
    let method = format_ident!("{}", function.method.as_str().to_upper_camel_case());
    let success = function
        .success
        .iter()
        .map(|status| proc_macro2::Literal::u16_unsuffixed(*status));
    let retry = if function.idempotent {
        quote!(RetrySafety::Idempotent)
    } else {
        quote!(RetrySafety::NotIdempotent)
    };
    quote! {
        Endpoint {
            name: #name,
            method: Verb::#method,
            path: #path,
            success: &[#(#success),*],
            retry: #retry,
            permissions: #permissions,
        }
    }
}

/// The values of the path template's parameters, in order: the keys and the function arguments
/// written in the path (the endpoint's template says how each is written).
fn path_values(steps: &[Step]) -> Vec<TokenStream> {
    let mut values = Vec::new();
    for step in steps {
        match step {
            Step::Key { parameter, .. } => {
                let parameter = ident(parameter);
                values.push(quote!(#parameter));
            }
            Step::Function { arguments, .. } => {
                for argument in arguments.iter().filter(|argument| !argument.alias) {
                    let parameter = ident(&argument.parameter);
                    values.push(if argument.display {
                        quote!(&#parameter.to_string())
                    } else {
                        quote!(#parameter)
                    });
                }
            }
            Step::Segment(_) | Step::Alias(_) | Step::Query { .. } | Step::Filter { .. } => {}
        }
    }
    values
}

/// What a step adds after the path: a function's optional parameter as a query alias, a query
/// pair, a lookup's `$filter`.
fn step_tokens(step: &Step, used: &mut BTreeSet<&'static str>) -> TokenStream {
    match step {
        Step::Segment(_) | Step::Key { .. } | Step::Function { .. } => TokenStream::new(),
        Step::Alias(argument) => {
            used.insert("PathValue");
            let wire = &argument.name;
            let parameter = ident(&argument.parameter);
            let value = if argument.display {
                quote!(#parameter.map(|value| value.to_string()).as_deref().map(PathValue::Plain))
            } else if argument.quoted {
                quote!(#parameter.map(PathValue::Quoted))
            } else {
                quote!(#parameter.map(PathValue::Plain))
            };
            quote!(.alias(#wire, #value))
        }
        Step::Query { key, parameter } => {
            let parameter = ident(parameter);
            quote!(.query(#key, #parameter))
        }
        Step::Filter {
            property_path,
            parameter,
        } => {
            let parameter = ident(parameter);
            quote!(.query("$filter", &graph_core::http::eq_filter(#property_path, #parameter)))
        }
    }
}

fn body_tokens(function: &ApiFunction) -> TokenStream {
    match &function.body {
        Body::None => TokenStream::new(),
        Body::Entity { create } => {
            let operation = if *create {
                quote!(graph_core::Operation::Create)
            } else {
                quote!(graph_core::Operation::Update)
            };
            quote!(.json_body(body, #operation))
        }
        Body::Parameters(members) => {
            let calls = members.iter().map(|(wire, parameter, optional)| {
                let is_copy = function
                    .parameters
                    .iter()
                    .any(|p| p.name == *parameter && matches!(p.ty, ParameterType::Copy(_)));
                let parameter = ident(parameter);
                match (optional, is_copy) {
                    (false, false) => quote!(.parameter(#wire, #parameter)),
                    (false, true) => quote!(.parameter(#wire, &#parameter)),
                    (true, false) => quote!(.optional_parameter(#wire, #parameter)),
                    (true, true) => quote!(.optional_parameter(#wire, #parameter.as_ref())),
                }
            });
            quote!(#(#calls)*)
        }
        Body::Stream => quote!(.stream_body(content, content_type)),
        Body::Reference => quote!(.reference_body(url)),
    }
}

fn parse_function(answer: &Answer) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        match answer {
            Answer::None => "parse_no_content",
            Answer::Entity(_) | Answer::Page(_) => "parse_entity",
            Answer::OptionalEntity(_) => "parse_optional_entity",
            Answer::FirstItem(_) => "parse_single_from_collection",
            Answer::CreatedOrExisting(_) => "parse_created_or_existing",
            Answer::Value(_) => "parse_value",
            Answer::Complex(_) => "parse_complex",
            Answer::Count => "parse_count",
            Answer::Bytes => "parse_bytes",
        }
    )
}

/// An identifier; names from `ident::rust_name` may be raw (`r#type`).
fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}
