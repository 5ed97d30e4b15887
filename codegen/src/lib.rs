//! Reads OData CSDL metadata (Microsoft Graph) and generates typed Rust.
//!
//! The API is [`Builder`] (for build scripts and tools) and the types it returns, all at the
//! crate root; the `graph-codegen` binary offers the same from the command line.
//!
//! The pipeline runs one way: `csdl` (read) -> `model` (resolve) -> `plan` -> `emit` -> `write`.
//! Those stage modules are public only so that this workspace's tests, benchmarks, fuzz
//! targets and `xtask` can drive one stage at a time: they are hidden from the docs and not
//! covered by semver.
#![forbid(unsafe_code)]

mod builder;
#[doc(hidden)]
pub mod csdl;
#[doc(hidden)]
pub mod emit;
#[doc(hidden)]
pub mod ident;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod permissions;
#[doc(hidden)]
pub mod plan;
#[doc(hidden)]
pub mod slice;
#[doc(hidden)]
pub mod write;

pub use builder::{Builder, Error, Generated};
pub use csdl::Diagnostic;
pub use permissions::PermissionsError;
pub use plan::features::Feature;
pub use plan::PlanError;
pub use write::{GeneratedFile, WriteError, WriteReport};
