//! Subcommands of the `graph-codegen` binary, one module each.

pub mod convert;
pub mod endpoints;
pub mod generate;
pub mod inspect;
pub mod slice;

use std::path::PathBuf;

use clap::Args;
use graph_codegen::csdl::{self, Document, Error};
use graph_codegen::model::{Model, Warning};

/// The metadata to read and the types to start from, as `generate` and `endpoints` take them.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("selection").required(true).args(["root", "all"]))]
pub struct Selection {
    /// CSDL file (XML or JSON); repeat to add overlay files whose annotations add facts.
    #[arg(long, required = true, value_name = "FILE")]
    pub metadata: Vec<PathBuf>,
    /// Qualified name of a type to start from, with everything it reaches; repeatable.
    #[arg(long, value_name = "QNAME")]
    pub root: Vec<String>,
    /// Every entity, complex and enum type, and every operation.
    #[arg(long)]
    pub all: bool,
    /// With `--root`, follow navigation properties too.
    #[arg(long)]
    pub navigation: bool,
    /// Folder of CSDL documents for `<edmx:Reference>` (found by file name or
    /// `NAMESPACE.xml`), searched before the built-in OASIS vocabularies; repeatable.
    #[arg(long, value_name = "DIR")]
    pub catalog: Vec<PathBuf>,
}

/// Reads every file and resolves them together with the documents they reference (found in
/// the `catalog` folders or built in); the first file is the main document, the others
/// overlays.
pub fn load(files: &[PathBuf], catalog: &[PathBuf]) -> Result<(Model, Vec<Warning>), Error> {
    let docs = files
        .iter()
        .map(csdl::read_path)
        .collect::<Result<Vec<Document>, Error>>()?;
    Model::resolve_in(&csdl::Catalog::with_folders(catalog), docs)
}
