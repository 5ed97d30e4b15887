//! Project chores, run as `cargo xtask <task>`; the logic lives here so tests can call it.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

pub mod bench;
pub mod slice;

use graph_codegen::write::WriteMode;
use graph_codegen::{Builder, Error, Generated};

/// The type the checked-in crate is generated for.
pub const ROOT_TYPE: &str = "microsoft.graph.onlineMeeting";

/// The metadata file the checked-in crate is generated from, relative to the workspace.
pub const MAIN_METADATA: &str = "metadata/onlineMeeting.csdl.xml";

/// Where the checked-in models go, relative to the workspace.
pub const MODELS_DIR: &str = "generated/src/models";

/// The hand-written module (`generated/src/rules.rs`) with the functions that
/// `GraphRs.Validation.Rule` annotations name.
pub const RULES_MODULE: &str = "crate::rules";

/// The command that regenerates the checked-in code, for messages.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// The metadata files, main document first, then overlays (`metadata/*.xml` and `*.json`
/// besides it, sorted by name, whose out-of-line annotations add facts).
pub fn metadata_files(workspace: &Path) -> std::io::Result<Vec<PathBuf>> {
    let main = workspace.join(MAIN_METADATA);
    let mut overlays = Vec::new();
    for entry in std::fs::read_dir(workspace.join("metadata"))? {
        let path = entry?.path();
        let is_csdl = path
            .extension()
            .is_some_and(|ext| ext == "xml" || ext == "json");
        if is_csdl && path != main {
            overlays.push(path);
        }
    }
    overlays.sort();
    Ok(std::iter::once(main).chain(overlays).collect())
}

/// Regenerates `generated/src/models` from `metadata/` (or, with [`WriteMode::Check`], reports
/// the files that are stale without writing).
pub fn codegen(workspace: &Path, mode: WriteMode) -> Result<Generated, Error> {
    let mut builder = Builder::new()
        .root(ROOT_TYPE)
        .rules_module(RULES_MODULE)
        .out_dir(workspace.join(MODELS_DIR));
    let files = metadata_files(workspace).map_err(|source| {
        Error::Write(graph_codegen::write::WriteError {
            path: workspace.join("metadata"),
            action: "list",
            source,
        })
    })?;
    for file in files {
        builder = builder.metadata(file);
    }
    match mode {
        WriteMode::Write => builder.generate(),
        WriteMode::Check => builder.check(),
    }
}
