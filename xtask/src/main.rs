//! `cargo xtask codegen [--check]`: regenerate (or check) the checked-in generated code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

mod fuzz;

use graph_codegen::write::WriteMode;
use xtask::{codegen, workspace_root, MODELS_DIR, REGENERATE_COMMAND};

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          regenerate generated/src/models from metadata/
  codegen --check  write nothing; fail and name the stale files if any
  fuzz [SECONDS] [TARGET...]
                   run each cargo-fuzz target SECONDS (default 60); fail on a crash";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => run_codegen(WriteMode::Write),
        ["codegen", "--check"] => run_codegen(WriteMode::Check),
        ["fuzz", rest @ ..] => fuzz::run(rest),
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
    let generated = match codegen(&workspace, mode) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let report = &generated.report;
    match mode {
        WriteMode::Write => {
            for path in &report.changed {
                println!("wrote {MODELS_DIR}/{}", path.display());
            }
            for path in &report.removed {
                println!("removed {MODELS_DIR}/{}", path.display());
            }
            println!(
                "{MODELS_DIR}: {} written, {} removed, {} unchanged",
                report.changed.len(),
                report.removed.len(),
                report.unchanged.len()
            );
            ExitCode::SUCCESS
        }
        WriteMode::Check if report.is_up_to_date() => {
            println!(
                "{MODELS_DIR}: up to date ({} files)",
                report.unchanged.len()
            );
            ExitCode::SUCCESS
        }
        WriteMode::Check => {
            eprintln!("error: generated code is stale; run `{REGENERATE_COMMAND}` and commit:");
            for path in report.stale() {
                eprintln!("  {MODELS_DIR}/{}", path.display());
            }
            ExitCode::FAILURE
        }
    }
}
