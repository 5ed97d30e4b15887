//! `graph-codegen endpoints`: print every operation that `generate` would emit, one a line:
//! `METHOD<TAB>/path/{param}`, sorted by path, then method.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use graph_codegen::plan::operations::{ApiFunction, ApiModule};
use graph_codegen::plan::{plan, PlanOptions, Roots};

/// Arguments of `graph-codegen endpoints`.
#[derive(Debug, Args)]
pub struct EndpointsArgs {
    #[command(flatten)]
    pub selection: super::Selection,
}

/// Runs `endpoints`: the list on stdout, errors on stderr with exit status 1.
pub fn run(args: EndpointsArgs) -> ExitCode {
    let (model, _) = match super::load(&args.selection.metadata, &args.selection.catalog) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = PlanOptions {
        roots: if args.selection.all {
            Roots::All
        } else {
            Roots::Types(args.selection.root.clone())
        },
        navigation: args.selection.navigation,
        source: String::new(),
        rules_module: None,
    };
    let plan = match plan(&model, &options) {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &plan.warnings {
        eprintln!("warning: {warning}");
    }
    let mut lines: Vec<(&str, &'static str)> = Vec::new();
    let mut pending: Vec<&ApiModule> = plan.api.modules.iter().collect();
    let mut functions: Vec<&ApiFunction> = plan.api.functions.iter().collect();
    while let Some(module) = pending.pop() {
        functions.extend(&module.functions);
        pending.extend(&module.modules);
    }
    for function in functions {
        for path in &function.paths {
            lines.push((path, function.method.as_str()));
        }
    }
    lines.sort();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (path, method) in &lines {
        if writeln!(out, "{method}\t{path}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    eprintln!("{} operations on {} paths", lines.len(), {
        let mut paths: Vec<&str> = lines.iter().map(|(p, _)| *p).collect();
        paths.dedup();
        paths.len()
    });
    ExitCode::SUCCESS
}
