//! Typed Microsoft Graph `onlineMeeting` models and endpoints.
//!
//! The models are generated from `metadata/onlineMeeting.csdl.xml` into `src/models/` by
//! `cargo xtask codegen` (do not edit them by hand): types of `microsoft.graph` are at the crate
//! root (`OnlineMeeting`), other namespaces in modules (`call_records::UserIdentity`).
#![forbid(unsafe_code)]

/// The generated tree, mounted here and re-exported at the crate root.
mod models {
    include!("models/mod.rs");
}

pub use models::*;

pub mod join_information;
pub mod rules;
