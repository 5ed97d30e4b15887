//! `cargo xtask codegen [--check]`: regenerate (or check) the checked-in generated code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

mod fuzz;

use graph_codegen::write::WriteMode;
use xtask::{codegen, workspace_root, MAIN_METADATA, REGENERATE_COMMAND};

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          regenerate generated/src/models from metadata/ and generated/v1 from
                   metadata/graph-v1/v1.0-clean.xml
  codegen --check  write nothing; fail and name the stale files if any
  slice            refresh metadata/onlineMeeting.csdl.xml from ../shared/graph-metadata
  slice --check    write nothing; fail if that file is stale
  fuzz [SECONDS] [TARGET...]
                   run each cargo-fuzz target SECONDS (default 60); fail on a crash
  bench [--quick]  measure every issue-7 row side by side; print the table and write
                   BENCHMARKS.md (--quick: fewer samples, one `cargo check` row)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => run_codegen(WriteMode::Write),
        ["codegen", "--check"] => run_codegen(WriteMode::Check),
        ["fuzz", rest @ ..] => fuzz::run(rest),
        ["bench", rest @ ..] => xtask::bench::run(rest),
        ["slice"] => run_slice(WriteMode::Write),
        ["slice", "--check"] => run_slice(WriteMode::Check),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_codegen(mode: WriteMode) -> ExitCode {
    let workspace = workspace_root();
    let trees = match codegen(&workspace, mode) {
        Ok(trees) => trees,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut stale = Vec::new();
    for tree in &trees {
        let generated = &tree.generated;
        for warning in &generated.warnings {
            eprintln!("warning: {warning}");
        }
        let report = &generated.report;
        let dir = tree.dir;
        match mode {
            WriteMode::Write => {
                for path in &report.changed {
                    println!("wrote {dir}/{}", path.display());
                }
                for path in &report.removed {
                    println!("removed {dir}/{}", path.display());
                }
                if let Some(manifest) = tree.stale_manifest {
                    println!("wrote {manifest}");
                }
                println!(
                    "{dir}: {} written, {} removed, {} unchanged",
                    report.changed.len(),
                    report.removed.len(),
                    report.unchanged.len()
                );
            }
            WriteMode::Check => {
                let files = tree.stale();
                if files.is_empty() {
                    println!("{dir}: up to date ({} files)", report.unchanged.len());
                }
                stale.extend(files);
            }
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!("error: generated code is stale; run `{REGENERATE_COMMAND}` and commit:");
    for path in stale {
        eprintln!("  {path}");
    }
    ExitCode::FAILURE
}

fn run_slice(mode: WriteMode) -> ExitCode {
    let workspace = workspace_root();
    let (slice, changed) = match xtask::slice::slice(&workspace, mode) {
        Ok(Some(done)) => done,
        Ok(None) => {
            eprintln!(
                "error: {} not found; `cargo xtask slice` needs the official metadata",
                xtask::slice::OFFICIAL_METADATA
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let summary = format!(
        "{} types kept whole, {} trimmed, {} operations, {} container entries",
        slice.type_count(),
        slice.trimmed_types.len(),
        slice.operations.len(),
        slice.entries.len()
    );
    match (mode, changed) {
        (WriteMode::Check, true) => {
            eprintln!("error: {MAIN_METADATA} is stale; run `cargo xtask slice` and commit");
            ExitCode::FAILURE
        }
        (WriteMode::Check, false) => {
            println!("{MAIN_METADATA}: up to date ({summary})");
            ExitCode::SUCCESS
        }
        (WriteMode::Write, true) => {
            println!("wrote {MAIN_METADATA} ({summary})");
            ExitCode::SUCCESS
        }
        (WriteMode::Write, false) => {
            println!("{MAIN_METADATA}: unchanged ({summary})");
            ExitCode::SUCCESS
        }
    }
}
