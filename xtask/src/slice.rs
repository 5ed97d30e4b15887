//! `cargo xtask slice [--check]`: refresh `metadata/onlineMeeting.csdl.xml`, the project's own
//! CSDL, from the official metadata in `../shared` (see `graph_codegen::slice`).

use std::path::{Path, PathBuf};

use graph_codegen::slice::{slice_file, Slice, SliceError, SliceOptions};
use graph_codegen::write::WriteMode;

use crate::{MAIN_METADATA, ROOT_TYPE};

/// The official metadata the slice is cut from, relative to the workspace.
pub const OFFICIAL_METADATA: &str = "../shared/graph-metadata/v1.0-clean.xml";

/// The command `cargo xtask slice` runs, as written in the slice's header: run from the
/// workspace root, `graph-codegen slice` with these arguments gives the same bytes.
pub fn slice_command() -> String {
    format!("graph-codegen slice -m {OFFICIAL_METADATA} -r {ROOT_TYPE} -o {MAIN_METADATA}")
}

/// The options `cargo xtask slice` slices with.
pub fn slice_options() -> SliceOptions {
    SliceOptions {
        roots: vec![ROOT_TYPE.to_owned()],
        navigation: false,
        command: slice_command(),
    }
}

/// The official metadata file, or `None` when `../shared` is absent.
pub fn official_metadata(workspace: &Path) -> Option<PathBuf> {
    let path = workspace.join(OFFICIAL_METADATA);
    path.is_file().then_some(path)
}

/// Re-slices the official metadata into `metadata/onlineMeeting.csdl.xml` (written only when
/// its bytes change; with [`WriteMode::Check`], nothing is written). Returns the slice and
/// whether the file changed (would change); `Ok(None)` when `../shared` is absent.
pub fn slice(workspace: &Path, mode: WriteMode) -> Result<Option<(Slice, bool)>, SliceError> {
    let Some(official) = official_metadata(workspace) else {
        return Ok(None);
    };
    let out = workspace.join(MAIN_METADATA);
    slice_file(&official, &out, &slice_options(), mode).map(Some)
}
