//! `graph-codegen slice`: write the part of a metadata file that some root types need as a
//! standalone CSDL XML document.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use graph_codegen::slice::{slice_file, SliceOptions};
use graph_codegen::write::WriteMode;

/// Arguments of `graph-codegen slice`.
#[derive(Debug, Args)]
pub struct SliceArgs {
    /// CSDL file to slice (XML or JSON).
    #[arg(long, short = 'm', value_name = "FILE")]
    pub metadata: PathBuf,
    /// Qualified name of a root type (`microsoft.graph.onlineMeeting`); repeatable.
    #[arg(long, short = 'r', required = true, value_name = "QNAME")]
    pub root: Vec<String>,
    /// The CSDL XML file to write (only when its bytes change).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,
    /// Also follow navigation properties, as `generate --navigation` does.
    #[arg(long, short = 'n')]
    pub navigation: bool,
    /// Write nothing; exit with status 1 when the file is stale.
    #[arg(long)]
    pub check: bool,
}

impl SliceArgs {
    /// The command line that remakes this slice, for the header comment. Short options, since
    /// an XML comment may not contain `--`.
    fn command(&self) -> String {
        let mut command = format!("graph-codegen slice -m {}", self.metadata.display());
        for root in &self.root {
            command.push_str(" -r ");
            command.push_str(root);
        }
        if self.navigation {
            command.push_str(" -n");
        }
        command.push_str(&format!(" -o {}", self.out.display()));
        command
    }
}

/// Runs `slice`: exit status 0, or 1 with the error (`FILE:LINE:COLUMN: message` for bad
/// metadata) on stderr, or 1 in check mode when the file is stale.
pub fn run(args: SliceArgs) -> ExitCode {
    let options = SliceOptions {
        roots: args.root.clone(),
        navigation: args.navigation,
        command: args.command(),
    };
    let mode = if args.check {
        WriteMode::Check
    } else {
        WriteMode::Write
    };
    let (slice, changed) = match slice_file(&args.metadata, &args.out, &options, mode) {
        Ok(done) => done,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &slice.warnings {
        eprintln!("warning: {warning}");
    }
    let out = args.out.display();
    let summary = format!(
        "{} types in {} namespaces, {} trimmed, {} operations, {} container entries",
        slice.type_count(),
        slice.types.len(),
        slice.trimmed_types.len(),
        slice.operations.len(),
        slice.entries.len()
    );
    match (args.check, changed) {
        (true, true) => {
            eprintln!("error: {out} is stale; rerun without --check");
            ExitCode::FAILURE
        }
        (true, false) => {
            eprintln!("{out}: up to date ({summary})");
            ExitCode::SUCCESS
        }
        (false, true) => {
            eprintln!("{out}: written ({summary})");
            ExitCode::SUCCESS
        }
        (false, false) => {
            eprintln!("{out}: unchanged ({summary})");
            ExitCode::SUCCESS
        }
    }
}
