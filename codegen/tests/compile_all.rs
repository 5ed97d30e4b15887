//! The whole Graph compiles: for every metadata file in `../shared/graph-metadata/` (`*.xml`,
//! `*.csdl`), the generator's `--all` mode writes every type into a scratch crate whose only
//! dependency is `graph-core` and which denies every warning, and `cargo check` accepts it.
//!
//! `v1.0-clean.xml` is left out: the workspace's `graph-v1` crate is generated from it.
//!
//! Slow (a `cargo check` of thousands of types per file), so `#[ignore]`d; run it with
//! `cargo test -p graph-codegen --test compile_all -- --ignored --nocapture` to see the time of
//! each file. One target directory serves every file, so `graph-core` builds once. Every file
//! is tried; the test fails at the end, naming each file that does not compile.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use graph_codegen::Builder;

#[path = "support/scratch_crate.rs"]
mod scratch_crate;

/// `../shared/graph-metadata` beside the workspace, or `None`.
fn metadata_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../../shared", "../shared"]
        .iter()
        .map(|shared| manifest.join(shared).join("graph-metadata"))
        .find(|dir| dir.is_dir())
}

fn metadata_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the metadata directory is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "xml" || ext == "csdl")
        })
        .collect();
    files.sort();
    files
}

/// A crate that mounts the generated tree at `src/graph/mod.rs` with `#[path]`, as a user
/// would, depends only on `graph-core`, and denies warnings.
fn scratch_crate(root: &Path) {
    scratch_crate::write(
        root,
        "graph-compile-all",
        "//! Every type of one metadata file, checked with every warning denied.\n\
         #![deny(warnings)]\n\n\
         #[path = \"graph/mod.rs\"]\n\
         pub mod graph;\n",
    );
}

/// How one file went.
struct Outcome {
    file: String,
    /// What was checked: models, or models and operations.
    checked: &'static str,
    generate: Duration,
    check: Duration,
    /// `None` when it compiled; else what went wrong.
    failure: Option<String>,
}

fn first_lines(text: &[u8], count: usize) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .take(count)
        .collect::<Vec<_>>()
        .join("\n")
}

fn compile_one(file: &Path, crate_dir: &Path, target_dir: &Path) -> Outcome {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let started = Instant::now();
    let mut generated = Builder::new();
    generated
        .metadata(file)
        .all()
        .out_dir(crate_dir.join("src/graph"));
    // Raw service metadata nests containment without end; its operations stop at the path
    // limits (a warning says so) and would be several times v1.0's: those files are checked
    // for their models, the others for models and operations.
    let truncated = generated.plan().is_ok_and(|(plan, _)| plan.api.truncated);
    let operations = if truncated {
        "models"
    } else {
        "models and operations"
    };
    let generated = generated.operations(!truncated).generate();
    let generate = started.elapsed();
    if let Err(error) = generated {
        return Outcome {
            file: name,
            checked: operations,
            generate,
            check: Duration::ZERO,
            failure: Some(format!("generation failed: {error}")),
        };
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .output();
    let check = started.elapsed();
    let failure = match output {
        Ok(output) if output.status.success() => None,
        Ok(output) => Some(format!(
            "cargo check failed:\n{}",
            first_lines(&output.stderr, 40)
        )),
        Err(error) => Some(format!("cannot run cargo: {error}")),
    };
    Outcome {
        file: name,
        checked: operations,
        generate,
        check,
        failure,
    }
}

#[test]
#[ignore = "slow: generates and cargo-checks the whole Graph once per metadata file"]
fn every_official_metadata_file_generates_code_that_compiles() {
    let Some(dir) = metadata_dir() else {
        eprintln!(
            "skipped: ../shared not found (no ../shared/graph-metadata beside the workspace)"
        );
        return;
    };
    let files = metadata_files(&dir);
    assert!(!files.is_empty(), "no *.xml or *.csdl in {}", dir.display());
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile-all");
    let crate_dir = scratch.join("crate");
    let target_dir = scratch.join("target");
    scratch_crate(&crate_dir);

    let mut outcomes = Vec::new();
    for file in &files {
        // The workspace's graph-v1 crate is this file, generated the same way, and CI checks
        // it with every warning denied (clippy -D warnings) and tests it.
        if file
            .file_name()
            .is_some_and(|name| name == "v1.0-clean.xml")
        {
            eprintln!(
                "{:<22} checked as the graph-v1 crate of the workspace",
                "v1.0-clean.xml"
            );
            continue;
        }
        let outcome = compile_one(file, &crate_dir, &target_dir);
        eprintln!(
            "{:<22} generate {:>6.2} s  cargo check {:>7.2} s  {:<21}  {}",
            outcome.file,
            outcome.generate.as_secs_f64(),
            outcome.check.as_secs_f64(),
            outcome.checked,
            if outcome.failure.is_none() {
                "ok"
            } else {
                "FAILED"
            }
        );
        outcomes.push(outcome);
    }
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref().map(|f| format!("{}: {f}", o.file)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} files do not compile:\n{}",
        failures.len(),
        outcomes.len(),
        failures.join("\n\n")
    );
}
