//! A scratch crate for compiling generated code as a user would: outside the workspace, with
//! `graph-core` its only dependency.

use std::path::Path;

/// Writes `Cargo.toml` (package `name`, depending on this workspace's `graph-core`) and
/// `src/lib.rs` (`lib`) under `root`.
pub fn write(root: &Path, name: &str, lib: &str) {
    std::fs::create_dir_all(root.join("src")).expect("create the scratch crate");
    let core = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core")
        .canonicalize()
        .expect("graph-core directory");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\ngraph-core = {{ path = {:?} }}\n\n\
         # Not a member of the project's workspace.\n[workspace]\n",
        core.display().to_string()
    );
    std::fs::write(root.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    std::fs::write(root.join("src/lib.rs"), lib).expect("write lib.rs");
}
