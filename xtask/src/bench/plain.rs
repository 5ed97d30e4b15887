//! The baselines' emitter: the generator's planned types as plain Rust, with plain serde derives
//! or with no derives at all, written with `quote!` + `syn::parse2` + prettyplease.
//!
//! The plain types are *lossy* on purpose (the naive design the issue measures against): fields
//! are `Option<T>`, enums are closed with a serde `other` catch-all, dates, GUIDs and other
//! text-like Edm types are `String`, flags are `String`, and an `Any<Type>` is its declared type
//! (no polymorphism). Names, fields, collections and the `Box`es that break recursion are the
//! plan's, so the baselines have the same types, members and shape as the generated crate.

use std::path::PathBuf;

use graph_codegen::model::EdmKind;
use graph_codegen::plan::{EnumPlan, Item, ItemRef, Plan, RustType, StructPlan};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Which baseline to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `#[derive(Serialize, Deserialize)]` with `rename`/`default`/`skip_serializing_if`.
    SerdeDerive,
    /// The same items without any derive or attribute: the compile-time floor.
    NoDerive,
}

/// One file of a plain crate, relative to its `src/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlainFile {
    /// `lib.rs` for the root module, `<module>.rs` for the others.
    pub path: PathBuf,
    /// The formatted source.
    pub contents: String,
}

/// Why formatting failed: the emitted tokens did not parse (a bug in this emitter).
#[derive(Debug)]
pub struct FormatError {
    /// The item or file being formatted.
    pub what: String,
    /// The parser's message.
    pub error: syn::Error,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "plain emitter: {} does not parse: {}",
            self.what, self.error
        )
    }
}

impl std::error::Error for FormatError {}

/// Parses `tokens` as a file and formats it with prettyplease.
pub fn format(what: &str, tokens: TokenStream) -> Result<String, FormatError> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| FormatError {
        what: what.to_owned(),
        error,
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Emits items of a plan; `root` is the Rust path of the plan's root module (`crate`, or
/// `crate::plain` when the tree is mounted as a module).
pub struct Emitter<'a> {
    plan: &'a Plan,
    style: Style,
    /// The segments of the root path; kept as text so the emitter can be shared by threads.
    root: Vec<String>,
}

impl<'a> Emitter<'a> {
    /// An emitter for `plan` whose root module is at `root` (a path such as `crate`).
    pub fn new(plan: &'a Plan, style: Style, root: &str) -> Self {
        Emitter {
            plan,
            style,
            root: root.split("::").map(str::to_owned).collect(),
        }
    }

    /// The tokens of one item; `None` for an `Any<Type>` enum (plain code has no polymorphism).
    pub fn item(&self, item: &Item) -> Option<TokenStream> {
        match item {
            Item::Struct(plan) => Some(self.struct_tokens(plan)),
            Item::Enum(plan) => Some(self.enum_tokens(plan)),
            Item::Polymorphic(_) => None,
        }
    }

    /// The items of module `index`, in plan order.
    pub fn module_items(&self, index: usize) -> TokenStream {
        let items = self.plan.modules[index]
            .items
            .iter()
            .filter_map(|item| self.item(item));
        quote!(#(#items)*)
    }

    /// One crate: `lib.rs` (root module, declaring the others) and one file per other module.
    pub fn crate_files(&self) -> Result<Vec<PlainFile>, FormatError> {
        let children = self.plan.modules[1..]
            .iter()
            .map(|module| ident(&module.name));
        let allow = quote!(#![allow(dead_code, non_camel_case_types, clippy::all)]);
        let root_items = self.module_items(0);
        let mut files = vec![PlainFile {
            path: PathBuf::from("lib.rs"),
            contents: format("lib.rs", quote!(#allow #(pub mod #children;)* #root_items))?,
        }];
        for (index, module) in self.plan.modules.iter().enumerate().skip(1) {
            let name = module.name.strip_prefix("r#").unwrap_or(&module.name);
            let path = format!("{name}.rs");
            files.push(PlainFile {
                contents: format(&path, self.module_items(index))?,
                path: PathBuf::from(path),
            });
        }
        Ok(files)
    }

    /// The whole tree as one module body (child modules inline), for mounting as `root`.
    pub fn single_file(&self) -> Result<String, FormatError> {
        let children = self.plan.modules[1..]
            .iter()
            .enumerate()
            .map(|(offset, module)| {
                let name = ident(&module.name);
                let items = self.module_items(offset + 1);
                quote!(pub mod #name { #items })
            });
        let root_items = self.module_items(0);
        format("the single file", quote!(#(#children)* #root_items))
    }

    fn struct_tokens(&self, plan: &StructPlan) -> TokenStream {
        let name = ident(&plan.name);
        let fields = plan.fields.iter().map(|field| {
            let field_name = ident(&field.name);
            let ty = self.rust_type(&field.ty);
            let wire = &field.wire_name;
            match self.style {
                Style::SerdeDerive => quote! {
                    #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")]
                    pub #field_name: Option<#ty>,
                },
                Style::NoDerive => quote!(pub #field_name: Option<#ty>,),
            }
        });
        let derive = self.derive();
        quote! {
            #derive
            pub struct #name { #(#fields)* }
        }
    }

    fn enum_tokens(&self, plan: &EnumPlan) -> TokenStream {
        let name = ident(&plan.name);
        let members = plan.members.iter().map(|member| {
            let variant = ident(&member.name);
            let wire = &member.wire_name;
            match self.style {
                Style::SerdeDerive => quote!(#[serde(rename = #wire)] #variant,),
                Style::NoDerive => quote!(#variant,),
            }
        });
        let catch_all = match self.style {
            Style::SerdeDerive => quote!(
                #[serde(other)]
                Unknown,
            ),
            Style::NoDerive => quote!(Unknown,),
        };
        let derive = self.derive();
        quote! {
            #derive
            pub enum #name { #(#members)* #catch_all }
        }
    }

    fn derive(&self) -> TokenStream {
        match self.style {
            Style::SerdeDerive => quote!(#[derive(::serde::Serialize, ::serde::Deserialize)]),
            Style::NoDerive => TokenStream::new(),
        }
    }

    fn rust_type(&self, ty: &RustType) -> TokenStream {
        match ty {
            RustType::Edm(kind) => edm_type(*kind),
            RustType::Untyped => quote!(::serde_json::Value),
            RustType::Named(item) => self.named(item),
            RustType::Flags(_) => quote!(String),
            RustType::Collection(inner) => {
                let inner = self.rust_type(inner);
                quote!(Vec<#inner>)
            }
            RustType::Boxed(inner) => {
                let inner = self.rust_type(inner);
                quote!(Box<#inner>)
            }
        }
    }

    /// A path to a planned item; an `Any<Type>` enum stands for its declared (fallback) type.
    fn named(&self, item: &ItemRef) -> TokenStream {
        let found = self.plan.modules.get(item.module).and_then(|module| {
            module
                .items
                .iter()
                .find(|candidate| candidate.name() == item.name)
        });
        if let Some(Item::Polymorphic(polymorphic)) = found {
            return self.rust_type(&polymorphic.fallback.target);
        }
        let root = self.root.iter().map(|segment| ident(segment));
        let root = quote!(#(#root)::*);
        let name = ident(&item.name);
        match item.module {
            0 => quote!(#root::#name),
            index => {
                let module = ident(&self.plan.modules[index].name);
                quote!(#root::#module::#name)
            }
        }
    }
}

/// Lossy plain mapping of Edm primitives: numbers and booleans as Rust primitives, everything
/// text-like as `String`, spatial and unknown kinds as `serde_json::Value`.
fn edm_type(kind: EdmKind) -> TokenStream {
    match kind {
        EdmKind::Boolean => quote!(bool),
        EdmKind::Byte => quote!(u8),
        EdmKind::SByte => quote!(i8),
        EdmKind::Int16 => quote!(i16),
        EdmKind::Int32 => quote!(i32),
        EdmKind::Int64 => quote!(i64),
        EdmKind::Single => quote!(f32),
        EdmKind::Double | EdmKind::Decimal => quote!(f64),
        EdmKind::String
        | EdmKind::Guid
        | EdmKind::Binary
        | EdmKind::Date
        | EdmKind::DateTimeOffset
        | EdmKind::Duration
        | EdmKind::TimeOfDay
        | EdmKind::Stream => quote!(String),
        _ => quote!(::serde_json::Value),
    }
}

/// An identifier from a planned name (raw `r#` ones too).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_codegen::plan::{
        FieldPlan, Gate, MemberPlan, ModulePlan, PolymorphicPlan, VariantPlan,
    };

    fn field(name: &str, wire: &str, ty: RustType) -> FieldPlan {
        FieldPlan {
            name: name.into(),
            wire_name: wire.into(),
            docs: vec![],
            ty,
            navigation: false,
            rules: vec![],
            gate: Gate::default(),
        }
    }

    fn item_ref(module: usize, name: &str) -> ItemRef {
        ItemRef {
            module,
            name: name.into(),
        }
    }

    /// A root module with a recursive struct, an enum and an `Any<Type>`, and one child module.
    fn sample_plan() -> Plan {
        let node = Item::Struct(StructPlan {
            name: "Node".into(),
            qualified_name: "ns.node".into(),
            entity: false,
            docs: vec![],
            fields: vec![
                field("r#type", "type", RustType::Edm(EdmKind::String)),
                field(
                    "next",
                    "next",
                    RustType::Boxed(Box::new(RustType::Named(item_ref(0, "Node")))),
                ),
                field("role", "role", RustType::Named(item_ref(1, "Role"))),
                field(
                    "identity",
                    "identity",
                    RustType::Named(item_ref(0, "AnyNode")),
                ),
                field("when", "when", RustType::Edm(EdmKind::DateTimeOffset)),
                field(
                    "counts",
                    "counts",
                    RustType::Collection(Box::new(RustType::Edm(EdmKind::Int32))),
                ),
                field("flags", "flags", RustType::Flags(item_ref(1, "Role"))),
            ],
            additional_data: "additional_data".into(),
            rule_functions: vec![],
            gate: Gate::default(),
        });
        let any = Item::Polymorphic(PolymorphicPlan {
            name: "AnyNode".into(),
            qualified_name: "ns.node".into(),
            docs: vec![],
            variants: vec![],
            fallback: VariantPlan {
                name: "Node".into(),
                qualified_name: "ns.node".into(),
                target: RustType::Named(item_ref(0, "Node")),
            },
            gate: Gate::default(),
        });
        let role = Item::Enum(EnumPlan {
            name: "Role".into(),
            qualified_name: "other.role".into(),
            docs: vec![],
            is_flags: false,
            members: vec![MemberPlan {
                name: "Attendee".into(),
                wire_name: "attendee".into(),
                docs: vec![],
                evolvable: false,
            }],
            gate: Gate::default(),
        });
        Plan {
            source: "sample.xml".into(),
            modules: vec![
                ModulePlan {
                    namespace: "ns".into(),
                    name: String::new(),
                    items: vec![any, node],
                },
                ModulePlan {
                    namespace: "other".into(),
                    name: "other".into(),
                    items: vec![role],
                },
            ],
            api: Default::default(),
            features: Vec::new(),
            warnings: vec![],
        }
    }

    #[test]
    fn serde_style_maps_types_and_drops_polymorphism() {
        let plan = sample_plan();
        let files = Emitter::new(&plan, Style::SerdeDerive, "crate")
            .crate_files()
            .unwrap();
        assert_eq!(files.len(), 2);
        let lib = &files[0].contents;
        assert!(lib.contains("pub mod other;"), "{lib}");
        assert!(!lib.contains("AnyNode"), "{lib}");
        assert!(lib.contains("pub r#type: Option<String>"), "{lib}");
        assert!(lib.contains("pub next: Option<Box<crate::Node>>"), "{lib}");
        assert!(lib.contains("pub identity: Option<crate::Node>"), "{lib}");
        assert!(
            lib.contains("pub role: Option<crate::other::Role>"),
            "{lib}"
        );
        assert!(lib.contains("pub counts: Option<Vec<i32>>"), "{lib}");
        assert!(lib.contains("pub flags: Option<String>"), "{lib}");
        assert!(lib.contains("rename = \"type\""), "{lib}");
        assert!(lib.contains("::serde::Deserialize"), "{lib}");
        let other = &files[1];
        assert_eq!(other.path, PathBuf::from("other.rs"));
        assert!(
            other.contents.contains("#[serde(other)]"),
            "{}",
            other.contents
        );
    }

    #[test]
    fn no_derive_style_has_the_same_items_without_attributes() {
        let plan = sample_plan();
        let files = Emitter::new(&plan, Style::NoDerive, "crate")
            .crate_files()
            .unwrap();
        let all: String = files.iter().map(|file| file.contents.as_str()).collect();
        assert!(!all.contains("serde("), "{all}");
        assert!(!all.contains("derive"), "{all}");
        assert!(all.contains("pub struct Node"), "{all}");
        assert!(all.contains("Unknown,"), "{all}");
    }

    #[test]
    fn single_file_mounts_children_inline_under_the_root_path() {
        let plan = sample_plan();
        let text = Emitter::new(&plan, Style::SerdeDerive, "crate::plain")
            .single_file()
            .unwrap();
        assert!(text.contains("pub mod other {"), "{text}");
        assert!(text.contains("crate::plain::other::Role"), "{text}");
    }
}
