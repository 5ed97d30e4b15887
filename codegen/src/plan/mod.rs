//! The plan: what Rust to generate, decided completely and held as plain data.
//!
//! `build` turns a resolved model and a set of roots into a [`Plan`]; `emit` turns a plan into
//! tokens without deciding anything. Every Rust name here comes from [`crate::ident`]. Every list
//! is sorted (or in CSDL declaration order) before it is stored, so emission is deterministic.

mod build;
pub mod closure;
mod docs;
pub mod features;
pub mod operations;
pub mod paths;
pub mod validation;

pub use build::{plan, PlanError, PlanOptions, Roots};

use crate::model::EdmKind;

/// Everything to generate for one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The file name of the metadata, named in each file's `@generated` line.
    pub source: String,
    /// The root module (index 0) and one module per other namespace, sorted by Rust name.
    pub modules: Vec<ModulePlan>,
    /// A function per (method, path) of the generated types, as the path reads.
    pub api: operations::ApiPlan,
    /// The Cargo features that [`Gate`]s name; empty unless the crate's areas are features
    /// ([`features::gate`]).
    pub features: Vec<features::Feature>,
    /// Annotations that could not be used (validation rules without a target, ...).
    pub warnings: Vec<crate::model::Warning>,
}

/// The Rust module generated for one CSDL namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct ModulePlan {
    /// The CSDL namespace (`microsoft.graph.callRecords`).
    pub namespace: String,
    /// The module name (`call_records`); empty for the root module.
    pub name: String,
    /// The items, sorted by Rust name.
    pub items: Vec<Item>,
}

/// Index of a module in [`Plan::modules`]; 0 is the root module.
pub type ModuleIndex = usize;

/// The Cargo features that compile a piece of generated code: any one of them turns it on.
/// Empty: always compiled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Gate(pub Vec<features::FeatureId>);

impl Gate {
    /// True when the code is compiled whatever the features.
    pub fn is_always(&self) -> bool {
        self.0.is_empty()
    }

    /// True when every feature that turns on `other` turns this on too (so code under `other`
    /// may use what this gates without a gate of its own).
    pub fn covers(&self, other: &Gate) -> bool {
        self.is_always() || (!other.is_always() && other.0.iter().all(|f| self.0.contains(f)))
    }
}

/// A reference from one generated item to another, resolved to a path when emitted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    /// The module holding the item.
    pub module: ModuleIndex,
    /// The item's Rust name.
    pub name: String,
}

/// One generated item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A struct for an entity or complex type.
    Struct(StructPlan),
    /// An enum for an enum type.
    Enum(EnumPlan),
    /// An `Any<Type>` enum for a type that has derived types in the generated set.
    Polymorphic(PolymorphicPlan),
}

impl Item {
    /// The features that compile the item.
    pub fn gate(&self) -> &Gate {
        match self {
            Item::Struct(item) => &item.gate,
            Item::Enum(item) => &item.gate,
            Item::Polymorphic(item) => &item.gate,
        }
    }

    /// The item's Rust name.
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(item) => &item.name,
            Item::Enum(item) => &item.name,
            Item::Polymorphic(item) => &item.name,
        }
    }
}

/// A struct for an entity or complex type, with base-type properties flattened in.
#[derive(Clone, Debug, PartialEq)]
pub struct StructPlan {
    /// The Rust name (`OnlineMeeting`).
    pub name: String,
    /// The qualified CSDL name (`microsoft.graph.onlineMeeting`), the `@odata.type` it answers.
    pub qualified_name: String,
    /// An entity type: its properties get `$select` / `$expand` constants.
    pub entity: bool,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// Fields in base-first, declaration order.
    pub fields: Vec<FieldPlan>,
    /// The Rust name of the field that keeps unknown members and annotations.
    pub additional_data: String,
    /// The hand-written functions that check the whole struct (`GraphRs.Validation.Rule`), as
    /// paths from the generated code (`crate::rules::directory_user_role`).
    pub rule_functions: Vec<String>,
    /// The features that compile it.
    pub gate: Gate,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPlan {
    /// The Rust name (`start_date_time`).
    pub name: String,
    /// The JSON member name (`startDateTime`).
    pub wire_name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The type inside `Property<...>`.
    pub ty: RustType,
    /// A navigation property (named by `$expand`; structural ones by `$select`).
    pub navigation: bool,
    /// What the `Validate` derive checks of the field.
    pub rules: Vec<validation::FieldRule>,
    /// A navigation field whose target is compiled under fewer features than its struct is
    /// compiled only with its target; else always (with its struct).
    pub gate: Gate,
}

/// The Rust type of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    /// An `Edm` primitive.
    Edm(EdmKind),
    /// `Edm.Untyped` or anything with no better mapping: `graph_core::Untyped`.
    Untyped,
    /// A generated struct, enum or `Any<Type>` enum.
    Named(ItemRef),
    /// A set of flags of a generated `IsFlags` enum: `FlagSet<E>`.
    Flags(ItemRef),
    /// `Vec<T>`.
    Collection(Box<RustType>),
    /// `Box<T>`, to break recursion.
    Boxed(Box<RustType>),
}

impl RustType {
    /// The generated item the type names, if any (`Vec<Box<Event>>`: `Event`).
    pub fn item(&self) -> Option<&ItemRef> {
        match self {
            RustType::Named(item) | RustType::Flags(item) => Some(item),
            RustType::Collection(inner) | RustType::Boxed(inner) => inner.item(),
            RustType::Edm(_) | RustType::Untyped => None,
        }
    }
}

/// An enum for a CSDL enum type: one unit variant per member, plus `Unknown(String)`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumPlan {
    /// The Rust name.
    pub name: String,
    /// The qualified CSDL name.
    pub qualified_name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// True for `IsFlags` enums (used through `FlagSet<E>`).
    pub is_flags: bool,
    /// Members in declaration order.
    pub members: Vec<MemberPlan>,
    /// The features that compile it.
    pub gate: Gate,
}

/// One member of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberPlan {
    /// The Rust variant name.
    pub name: String,
    /// The JSON string.
    pub wire_name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// True for members after `unknownFutureValue`, which the service sends only with
    /// `Prefer: include-unknown-enum-members`.
    pub evolvable: bool,
}

/// An `Any<Type>` enum: a value of a type that has derived types, dispatched on `@odata.type`.
#[derive(Clone, Debug, PartialEq)]
pub struct PolymorphicPlan {
    /// The Rust name (`AnyIdentitySet`).
    pub name: String,
    /// The qualified CSDL name of the declared type.
    pub qualified_name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// One variant per transitive derived type, sorted.
    pub variants: Vec<VariantPlan>,
    /// The fallback variant: the declared type itself.
    pub fallback: VariantPlan,
    /// The features that compile it (and its variants' types).
    pub gate: Gate,
}

/// One variant of an `Any<Type>` enum.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantPlan {
    /// The Rust variant name.
    pub name: String,
    /// The qualified CSDL name, the `@odata.type` that selects it.
    pub qualified_name: String,
    /// The struct it holds.
    pub target: RustType,
}
