//! Reads OData CSDL metadata (Microsoft Graph) and generates typed Rust.
//!
//! The pipeline runs one way: `csdl` (read) -> `model` (resolve) -> `plan` -> `emit` -> `write`.
#![forbid(unsafe_code)]

mod builder;
pub mod csdl;
pub mod emit;
pub mod ident;
pub mod model;
pub mod permissions;
pub mod plan;
pub mod slice;
pub mod write;

pub use builder::{Builder, Error, Generated};
