//! Documents nobody here wrote compile: the OASIS OData vocabularies (the six built in, from
//! `codegen/vocabularies/`, and the rest in `tests/inputs/oasis/`) and the OASIS examples, in
//! CSDL XML and JSON, with this project's own construct files (`tests/annotations/`) and
//! generator inputs (`tests/inputs/*.xml`: names, polymorphism, recursion, shared roots...). Each is generated with `--all`, its references found in
//! `tests/inputs/oasis/` or built in, into one module of a scratch crate whose only dependency
//! is `graph-core` and which denies every warning; one `cargo check` must accept it.
//!
//! Slow (it builds `graph-core` in a scratch target directory), so `#[ignore]`d; `.ci/run`
//! runs it: `cargo test -p graph-codegen --test compile_oasis -- --ignored --nocapture`.

use std::path::{Path, PathBuf};
use std::process::Command;

use graph_codegen::Builder;

#[path = "support/scratch_crate.rs"]
mod scratch_crate;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The CSDL files of `dir`, sorted.
fn csdl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "xml" || ext == "json")
        })
        .collect();
    files.sort();
    files
}

#[test]
#[ignore = "slow: builds graph-core in a scratch crate to check the generated code"]
fn oasis_documents_generate_code_that_compiles() {
    let catalog = manifest_dir().join("tests/inputs/oasis");
    let mut documents = csdl_files(&manifest_dir().join("vocabularies"));
    documents.extend(csdl_files(&catalog));
    documents.extend(csdl_files(&manifest_dir().join("tests/annotations")));
    documents.extend(csdl_files(&manifest_dir().join("tests/inputs")));
    // The six built-in vocabularies, 14 more OASIS files and the construct pairs at least.
    assert!(documents.len() >= 40, "only {} documents", documents.len());

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile-oasis");
    let crate_dir = root.join("crate");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    let mut lib = String::from(
        "//! Every document, one module each, checked with every warning denied.\n\
         #![deny(warnings)]\n",
    );
    let mut failures = Vec::new();
    for (index, document) in documents.iter().enumerate() {
        let name = document
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let module = format!("document_{index}");
        let generated = Builder::new()
            .metadata(document)
            .catalog(&catalog)
            .all()
            .out_dir(crate_dir.join("src").join(&module))
            .generate();
        match generated {
            Ok(_) => {
                eprintln!("{module:<13} {name}");
                lib.push_str(&format!(
                    "/// `{name}`\n#[path = \"{module}/mod.rs\"]\npub mod {module};\n"
                ));
            }
            Err(error) => failures.push(format!("{name}: generation failed: {error}")),
        }
    }
    scratch_crate::write(&crate_dir, "graph-compile-oasis", &lib);
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated code does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .take(60)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
