//! `graph-codegen generate`: write the module tree for some roots (or everything) of a
//! metadata file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use graph_codegen::Builder;

/// Arguments of `graph-codegen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub selection: super::Selection,
    /// Path, from the generated code, of your module of validation functions named by
    /// `GraphRs.Validation.Rule` annotations (`crate::rules`).
    #[arg(long, value_name = "PATH")]
    pub rules_module: Option<String>,
    /// Microsoft's permissions file (`permissions.json`), for each operation's permissions.
    #[arg(long, value_name = "FILE")]
    pub permissions: Option<PathBuf>,
    /// Output directory; the module tree's root is `DIR/mod.rs`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write nothing; exit with status 1 and list the files that would change.
    #[arg(long)]
    pub check: bool,
}

/// Runs `generate`; messages go to stderr, the list of changed files to stdout.
pub fn run(args: GenerateArgs) -> ExitCode {
    let mut builder = Builder::new();
    builder
        .out_dir(&args.out)
        .navigation(args.selection.navigation);
    for path in &args.selection.metadata {
        builder.metadata(path);
    }
    for dir in &args.selection.catalog {
        builder.catalog(dir);
    }
    if args.selection.all {
        builder.all();
    }
    if let Some(path) = &args.permissions {
        builder.permissions(path);
    }
    if let Some(path) = &args.rules_module {
        builder.rules_module(path);
    }
    for root in &args.selection.root {
        builder.root(root);
    }
    let result = if args.check {
        builder.check()
    } else {
        builder.generate()
    };
    let generated = match result {
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
    let out = args.out.display();
    if args.check {
        if report.is_up_to_date() {
            eprintln!("{out}: up to date ({} files)", report.unchanged.len());
            return ExitCode::SUCCESS;
        }
        for path in report.stale() {
            println!("{out}/{}", path.display());
        }
        eprintln!("error: generated files are stale; rerun without --check");
        return ExitCode::FAILURE;
    }
    for path in report.changed.iter().chain(&report.removed) {
        println!("{out}/{}", path.display());
    }
    eprintln!(
        "{out}: {} written, {} removed, {} unchanged",
        report.changed.len(),
        report.removed.len(),
        report.unchanged.len()
    );
    ExitCode::SUCCESS
}
