//! Endpoint groups -> `endpoints.rs`: per group a module with the owner enum, one `static`
//! `Endpoint` per operation and path, and one request function plus one response reader per
//! operation, in the shape of docs/design/0003-endpoints.md. Everything is named through
//! `graph_core::`, and models by relative paths, so the file works wherever it is mounted.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::endpoints::{
    EndpointGroup, OperationKind, OperationPlan, PermissionsPlan, TargetVariant,
};
use crate::plan::{ItemRef, Plan};

/// The file the endpoints are written to, beside the root `mod.rs`.
pub const FILE: &str = "endpoints.rs";

/// `pub mod endpoints { include!("endpoints.rs"); }` for the root module.
pub fn module_tokens() -> TokenStream {
    quote! {
        /// Endpoint functions: build a request with them, send it with any HTTP client (or
        /// `graph_core::client::Client`), and read the answer with the request's reader.
        pub mod endpoints {
            include!("endpoints.rs");
        }
    }
}

/// The tokens of `endpoints.rs`.
pub fn endpoints_tokens(plan: &Plan) -> TokenStream {
    let groups = plan
        .endpoints
        .iter()
        .map(|group| group_tokens(group, entity_path(plan, &group.entity)));
    quote!(#(#groups)*)
}

/// What each endpoint module imports from `graph_core::http`; the entity is imported by its
/// own name too unless it would clash with one of these or with the owner enum.
const HTTP_IMPORTS: [&str; 10] = [
    "CreatedOrExisting",
    "Endpoint",
    "GraphRequest",
    "Permissions",
    "RequestBuilder",
    "RequestError",
    "RequestOptions",
    "Response",
    "ResponseError",
    "RetrySafety",
];

fn group_tokens(group: &EndpointGroup, entity_path: TokenStream) -> TokenStream {
    let module = ident(&group.module);
    let target = ident(&group.target.name);
    let (entity_import, entity) =
        entity_reference(&group.entity.name, &group.target.name, entity_path);
    let http_imports = HTTP_IMPORTS.map(ident);
    let module_doc = format!(
        " Operations on the `{}` collection, for each way to reach its owner.",
        group.navigation
    );
    let variants = group.target.variants.iter().map(|variant| {
        let name = ident(&variant.name);
        match &variant.key_param {
            None => {
                let doc = format!(" `/{}`.", variant.segment);
                quote!(#[doc = #doc] #name,)
            }
            Some(key) => {
                let doc = format!(
                    " `/{}/{{{key}}}`: the id is sent as one percent-encoded path segment.",
                    variant.segment
                );
                quote!(#[doc = #doc] #name(String),)
            }
        }
    });
    let arms = group.target.variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let segment = &variant.segment;
        match &variant.key_param {
            None => quote!(Self::#name => builder.segment(#segment),),
            Some(key) => quote!(Self::#name(id) => builder.segment(#segment).param(#key, id),),
        }
    });
    let target_doc = format!(
        " Whose `{}`: one variant per singleton or entity set of the owner type.",
        group.navigation
    );
    let operations = group
        .operations
        .iter()
        .map(|operation| operation_tokens(group, operation, &entity));
    quote! {
        #[doc = #module_doc]
        pub mod #module {
            use graph_core::http::{#(#http_imports),*};
            #entity_import

            #[doc = #target_doc]
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub enum #target {
                #(#variants)*
            }

            impl #target {
                fn root(&self, builder: RequestBuilder) -> RequestBuilder {
                    match self {
                        #(#arms)*
                    }
                }
            }

            #(#operations)*
        }
    }
}

/// The `use` item for the entity and how signatures name it: `OnlineMeeting` reads better
/// than `super::super::OnlineMeeting`, unless the name is taken in the module.
fn entity_reference(entity: &str, target: &str, path: TokenStream) -> (TokenStream, TokenStream) {
    if HTTP_IMPORTS.contains(&entity) || entity == target {
        (TokenStream::new(), path)
    } else {
        let name = ident(entity);
        (quote!(use #path;), quote!(#name))
    }
}

/// `super::super::OnlineMeeting` (or `super::super::module::Name`) from inside
/// `endpoints::<group>`.
fn entity_path(plan: &Plan, entity: &ItemRef) -> TokenStream {
    let name = ident(&entity.name);
    if entity.module == 0 {
        quote!(super::super::#name)
    } else {
        let module: syn::Ident = syn::parse_str(&plan.modules[entity.module].name)
            .expect("module names come from ident::rust_names");
        quote!(super::super::#module::#name)
    }
}

fn operation_tokens(
    group: &EndpointGroup,
    operation: &OperationPlan,
    entity: &TokenStream,
) -> TokenStream {
    let target = ident(&group.target.name);
    let function = ident(&operation.name);
    let parse_function = format_ident!("parse_{}_response", bare(&operation.name));
    let statics: Vec<proc_macro2::Ident> = group
        .target
        .variants
        .iter()
        .map(|variant| {
            format_ident!(
                "{}_{}",
                bare(&operation.name).to_uppercase(),
                bare(&variant.name).to_uppercase()
            )
        })
        .collect();
    let static_items = group
        .target
        .variants
        .iter()
        .zip(&operation.permissions)
        .zip(&statics)
        .map(|((variant, permissions), name)| {
            endpoint_static(group, operation, variant, permissions, name)
        });
    let variant_idents = group.target.variants.iter().map(|variant| {
        let name = ident(&variant.name);
        match variant.key_param {
            None => quote!(#target::#name),
            Some(_) => quote!(#target::#name(_)),
        }
    });
    let select = quote! {
        let endpoint = match target {
            #(#variant_idents => &#statics,)*
        };
    };
    let navigation = &group.navigation;
    let key_param = &group.key_param;
    let key_arg = ident(&crate::ident::rust_name(
        crate::ident::NameKind::Field,
        key_param,
    ));
    let first_static = &statics[0];
    let (params, chain, output, reader) = match &operation.kind {
        OperationKind::Create => (
            quote!(body: &#entity,),
            quote!(.segment(#navigation).json_body(body, graph_core::Operation::Create)),
            quote!(#entity),
            quote!(graph_core::http::parse_entity),
        ),
        OperationKind::Action { segment, required } => {
            let checks = required.iter().map(|(field, wire)| {
                let field = ident(field);
                quote!(.require_member(#wire, body.#field.value().is_some()))
            });
            (
                quote!(body: &#entity,),
                quote! {
                    .segment(#navigation)
                    .segment(#segment)
                    #(#checks)*
                    .json_body(body, graph_core::Operation::Create)
                },
                quote!(CreatedOrExisting<#entity>),
                quote!(graph_core::http::parse_created_or_existing),
            )
        }
        OperationKind::Get => (
            quote!(#key_arg: &str,),
            quote!(.segment(#navigation).param(#key_param, #key_arg)),
            quote!(#entity),
            quote!(graph_core::http::parse_entity),
        ),
        OperationKind::GetByFilter { property_path } => {
            let last = property_path.rsplit('/').next().unwrap_or(property_path);
            let value = ident(&crate::ident::rust_name(
                crate::ident::NameKind::Field,
                last,
            ));
            (
                quote!(#value: &str,),
                quote! {
                    .segment(#navigation)
                    .query("$filter", &graph_core::http::eq_filter(#property_path, #value))
                },
                quote!(Option<#entity>),
                quote!(graph_core::http::parse_single_from_collection),
            )
        }
        OperationKind::Update => (
            quote!(#key_arg: &str, body: &#entity,),
            quote! {
                .segment(#navigation)
                .param(#key_param, #key_arg)
                .json_body(body, graph_core::Operation::Update)
            },
            quote!(#entity),
            quote!(graph_core::http::parse_entity),
        ),
        OperationKind::Delete => (
            quote!(#key_arg: &str,),
            quote!(.segment(#navigation).param(#key_param, #key_arg)),
            quote!(()),
            quote!(graph_core::http::parse_no_content),
        ),
    };
    let docs = function_docs(group, operation);
    let parse_doc = format!(
        " Reads the answer to [`{}`]: `{}` on success, else a [`ResponseError`].",
        operation.name,
        statuses(&operation.success)
    );
    quote! {
        #(#static_items)*

        #(#[doc = #docs])*
        pub fn #function(
            target: &#target,
            #params
            options: &RequestOptions,
        ) -> Result<GraphRequest<#output>, RequestError> {
            #select
            target
                .root(RequestBuilder::new(endpoint))
                #chain
                .build(options, #reader)
        }

        #[doc = #parse_doc]
        pub fn #parse_function(response: Response<Vec<u8>>) -> Result<#output, ResponseError> {
            #reader(&#first_static, response)
        }
    }
}

fn endpoint_static(
    group: &EndpointGroup,
    operation: &OperationPlan,
    variant: &TargetVariant,
    permissions: &PermissionsPlan,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let op_name = &operation.name;
    let method = operation.method;
    let path = path_template(group, operation, variant);
    let success = operation
        .success
        .iter()
        .map(|status| proc_macro2::Literal::u16_unsuffixed(*status));
    let retry = if operation.idempotent {
        quote!(RetrySafety::Idempotent)
    } else {
        quote!(RetrySafety::NotIdempotent)
    };
    let delegated = &permissions.delegated;
    let application = &permissions.application;
    let personal = permissions.personal_accounts;
    let doc = format!(" `{method} {path}`.");
    quote! {
        #[doc = #doc]
        pub static #name: Endpoint = Endpoint {
            name: #op_name,
            method: #method,
            path: #path,
            success: &[#(#success),*],
            retry: #retry,
            permissions: Permissions {
                delegated: &[#(#delegated),*],
                application: &[#(#application),*],
                personal_accounts: #personal,
            },
        };
    }
}

/// The documented path: `/users/{userId}/onlineMeetings/{onlineMeetingId}`.
fn path_template(
    group: &EndpointGroup,
    operation: &OperationPlan,
    variant: &TargetVariant,
) -> String {
    let mut path = format!("/{}", variant.segment);
    if let Some(key) = &variant.key_param {
        path.push_str(&format!("/{{{key}}}"));
    }
    path.push('/');
    path.push_str(&group.navigation);
    match &operation.kind {
        OperationKind::Create => {}
        OperationKind::Action { segment, .. } => {
            path.push('/');
            path.push_str(segment);
        }
        OperationKind::Get | OperationKind::Update | OperationKind::Delete => {
            path.push_str(&format!("/{{{}}}", group.key_param));
        }
        OperationKind::GetByFilter { property_path } => {
            let last = property_path.rsplit('/').next().unwrap_or(property_path);
            path.push_str(&format!("?$filter={property_path} eq '{{{last}}}'"));
        }
    }
    path
}

/// A name without the `r#` of a raw identifier, to build other names from.
fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A Rust identifier from a name the plan made with `ident::rust_name` (raw `r#` ones too).
fn ident(name: &str) -> syn::Ident {
    syn::parse_str(name).unwrap_or_else(|error| {
        panic!(
            "graph-codegen planned the name {name:?}, not an identifier ({error}); this is a bug"
        )
    })
}

fn statuses(success: &[u16]) -> String {
    success
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Rustdoc lines: the HTTP call per path, the permissions, the documented rules, retry safety.
fn function_docs(group: &EndpointGroup, operation: &OperationPlan) -> Vec<String> {
    let mut lines = Vec::new();
    let calls: Vec<String> = group
        .target
        .variants
        .iter()
        .map(|variant| {
            format!(
                "`{} {}` ([`{}::{}`])",
                operation.method,
                path_template(group, operation, variant),
                group.target.name,
                variant.name
            )
        })
        .collect();
    lines.push(format!(
        " {} -> `{}`.",
        calls.join(" or "),
        statuses(&operation.success)
    ));
    lines.push(String::new());
    lines.push(" Permissions (least privileged first):".into());
    for (variant, permissions) in group.target.variants.iter().zip(&operation.permissions) {
        let path = path_template(group, operation, variant);
        lines.push(format!(
            " - `{}`: delegated {}; application {}.",
            path.split('?').next().unwrap_or(&path),
            names_or_unsupported(&permissions.delegated),
            names_or_unsupported(&permissions.application)
        ));
    }
    let personal = operation
        .permissions
        .iter()
        .any(|permissions| permissions.personal_accounts);
    lines.push(format!(
        " - Personal Microsoft accounts: {}.",
        if personal {
            "supported"
        } else {
            "not supported"
        }
    ));
    for paragraph in &operation.docs {
        lines.push(String::new());
        for line in paragraph.lines() {
            lines.push(format!(" {}", line.trim()));
        }
    }
    lines.push(String::new());
    lines.push(if operation.idempotent {
        " Idempotent: `graph_core::client::Client` retries it on 429, 503, 504 and transport errors.".into()
    } else {
        " Not idempotent: `graph_core::client::Client` retries it only on 429 or when the connection never opened, never after it may have reached the service.".into()
    });
    lines
}

fn names_or_unsupported(names: &[String]) -> String {
    if names.is_empty() {
        "not supported".into()
    } else {
        names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entity_is_imported_by_name_unless_the_name_is_taken() {
        let path = || quote!(super::super::OnlineMeeting);
        let (import, name) = entity_reference("OnlineMeeting", "UserTarget", path());
        assert_eq!(import.to_string(), "use super :: super :: OnlineMeeting ;");
        assert_eq!(name.to_string(), "OnlineMeeting");

        // Graph has an `endpoint` entity type: `Endpoint` is graph_core's descriptor here.
        let endpoint = || quote!(super::super::Endpoint);
        let (import, name) = entity_reference("Endpoint", "UserTarget", endpoint());
        assert!(import.is_empty());
        assert_eq!(name.to_string(), "super :: super :: Endpoint");

        let (import, _) = entity_reference("Owner", "Owner", path());
        assert!(import.is_empty(), "the owner enum has the name");
    }
}
