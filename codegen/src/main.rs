//! The `graph-codegen` command line: one subcommand per module of `cli/`.
#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Reads OData CSDL (Microsoft Graph metadata) and generates typed Rust.
#[derive(Debug, Parser)]
#[command(name = "graph-codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print counts of what a CSDL file holds, or one resolved type.
    Inspect(cli::inspect::InspectArgs),
    /// Convert a CSDL file between XML and JSON.
    Convert(cli::convert::ConvertArgs),
    /// Generate Rust for some roots (or everything) of a metadata file.
    Generate(cli::generate::GenerateArgs),
    /// Print every operation (method and path) the metadata allows, one a line.
    Endpoints(cli::endpoints::EndpointsArgs),
    /// Write the part of a metadata file that some root types need, as standalone CSDL XML.
    Slice(cli::slice::SliceArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Inspect(args) => cli::inspect::run(args),
        Command::Convert(args) => cli::convert::run(args),
        Command::Generate(args) => cli::generate::run(args),
        Command::Slice(args) => cli::slice::run(args),
        Command::Endpoints(args) => cli::endpoints::run(args),
    }
}
