//! `graph-codegen convert`: CSDL XML to JSON and back.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use graph_codegen::csdl;

/// The format to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Target {
    Json,
    Xml,
}

/// Arguments of `graph-codegen convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// CSDL file to read (XML or JSON, detected from content).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Format to write.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Runs `convert`: exit status 0, or 1 with `FILE:LINE:COLUMN: message` on stderr.
pub fn run(args: ConvertArgs) -> ExitCode {
    let doc = match csdl::read_path(&args.file) {
        Ok(doc) => doc,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let text = match args.to {
        Target::Json => csdl::to_json(&doc),
        Target::Xml => csdl::to_xml(&doc),
    };
    match &args.output {
        Some(path) => {
            if let Err(error) = std::fs::write(path, text) {
                eprintln!("{}: cannot write: {error}", path.display());
                return ExitCode::FAILURE;
            }
        }
        None => print!("{text}"),
    }
    ExitCode::SUCCESS
}
