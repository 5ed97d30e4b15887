//! `graph-codegen endpoints`: print every operation the metadata allows, one a line:
//! `METHOD<TAB>/path/{param}`, sorted by path, then method.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use graph_codegen::plan::paths::api_paths;
use graph_codegen::plan::{plan, Item, PlanOptions, Roots};

/// Arguments of `graph-codegen endpoints`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("selection").required(true).args(["root", "all"]))]
pub struct EndpointsArgs {
    /// CSDL file (XML or JSON); repeat to add overlay files whose annotations add facts.
    #[arg(long, required = true, value_name = "FILE")]
    pub metadata: Vec<PathBuf>,
    /// Only the operations about this type or what it reaches (as `generate --root` would
    /// generate them); repeatable.
    #[arg(long, value_name = "QNAME")]
    pub root: Vec<String>,
    /// Every operation.
    #[arg(long)]
    pub all: bool,
    /// With `--root`, follow navigation properties too.
    #[arg(long)]
    pub navigation: bool,
}

/// Runs `endpoints`: the list on stdout, errors on stderr with exit status 1.
pub fn run(args: EndpointsArgs) -> ExitCode {
    let (model, _) = match super::load(&args.metadata) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let selected: Option<HashSet<String>> = if args.all {
        None
    } else {
        let options = PlanOptions {
            roots: Roots::Types(args.root.clone()),
            navigation: args.navigation,
            source: String::new(),
            rules_module: None,
        };
        match plan(&model, &options) {
            Ok(plan) => Some(
                plan.modules
                    .iter()
                    .flat_map(|module| &module.items)
                    .filter_map(|item| match item {
                        Item::Struct(s) => Some(s.qualified_name.clone()),
                        _ => None,
                    })
                    .collect(),
            ),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    for path in api_paths(&model) {
        if let Some(selected) = &selected {
            let about = path
                .subject_type(&model)
                .map(|ty| &model[ty].qualified_name);
            if !about.is_some_and(|name| selected.contains(name)) {
                continue;
            }
        }
        let rendered = path.render(&model);
        for method in &path.methods {
            lines.push((rendered.clone(), method.as_str()));
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
        let mut paths: Vec<&String> = lines.iter().map(|(p, _)| p).collect();
        paths.dedup();
        paths.len()
    });
    ExitCode::SUCCESS
}
