//! Subcommands of the `graph-codegen` binary, one module each.

pub mod convert;
pub mod endpoints;
pub mod generate;
pub mod inspect;
pub mod slice;

use std::path::PathBuf;

use graph_codegen::csdl::{self, Document, Error};
use graph_codegen::model::{Model, Warning};

/// Reads every file and resolves them together; the first file is the main document, the
/// others overlays.
pub fn load(files: &[PathBuf]) -> Result<(Model, Vec<Warning>), Error> {
    let docs = files
        .iter()
        .map(csdl::read_path)
        .collect::<Result<Vec<Document>, Error>>()?;
    Model::resolve_owned(docs)
}
