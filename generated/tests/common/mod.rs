//! The documentation examples the tests read, from `../shared` beside the repository.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::path::{Path, PathBuf};

/// `../shared/graph-docs/examples`, or `None` (the tests that need it say they are skipped).
pub fn examples_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .map(|dir| dir.join("graph-docs/examples"))
        .find(|dir| dir.is_dir())
}

/// One documentation example, or `None` and a note that the test is skipped.
pub fn example(name: &str) -> Option<Vec<u8>> {
    match examples_dir() {
        Some(dir) => Some(std::fs::read(dir.join(name)).unwrap()),
        None => {
            eprintln!("skipped: ../shared not found (example {name})");
            None
        }
    }
}
