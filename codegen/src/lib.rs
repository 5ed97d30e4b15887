//! Reads OData CSDL metadata (Microsoft Graph) and generates typed Rust.
//!
//! The pipeline runs one way: `csdl` (read) -> `model` (resolve) -> `plan` -> `emit` -> `write`.
#![forbid(unsafe_code)]

pub mod csdl;
pub mod ident;
pub mod model;
pub mod write;
