//! Every operation of Graph v1.0 (the pinned metadata) writes its path from its endpoint's
//! template (`RequestBuilder::at`): the template's parameters must be exactly the values the
//! generated function passes, in the same order, or a request would go to another path.

use std::path::Path;

use graph_codegen::plan::operations::{ApiFunction, ApiModule, Step};
use graph_codegen::Builder;

/// The `{parameter}` names of a path template's path (a lookup's query is added apart), in order.
fn placeholders(template: &str) -> Vec<&str> {
    let path = template
        .split_once('?')
        .map_or(template, |(path, _query)| path);
    path.split('{')
        .skip(1)
        .map(|rest| rest.split_once('}').expect("an unclosed `{`").0)
        .collect()
}

/// The names of the values a function's steps write into the path, in order.
fn step_values(function: &ApiFunction) -> Vec<&str> {
    let mut names = Vec::new();
    for step in &function.steps {
        match step {
            Step::Key { name, .. } => names.push(name.as_str()),
            Step::Function { arguments, .. } => names.extend(
                arguments
                    .iter()
                    .filter(|argument| !argument.alias)
                    .map(|argument| argument.name.as_str()),
            ),
            _ => {}
        }
    }
    names
}

fn all_functions<'p>(modules: &'p [ApiModule], out: &mut Vec<&'p ApiFunction>) {
    for module in modules {
        out.extend(&module.functions);
        all_functions(&module.modules, out);
    }
}

#[test]
fn every_path_template_takes_the_values_its_function_passes() {
    let metadata =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1/v1.0-clean.xml");
    let plan = Builder::new().metadata(metadata).all().plan().unwrap().0;
    let api = &plan.api;
    let mut functions: Vec<&ApiFunction> = api.functions.iter().collect();
    all_functions(&api.modules, &mut functions);
    assert!(functions.len() > 10_000, "{} operations", functions.len());

    let mut templates = 0;
    for function in functions {
        let values = step_values(function);
        for (index, path) in function.paths.iter().enumerate() {
            let mut expected = values.clone();
            if let Some(target) = function.target {
                let variant = &api.targets[target].variants[index];
                assert!(
                    path.starts_with(&format!("/{}", variant.segment)),
                    "{path} does not start at its target `{}`",
                    variant.segment
                );
                if let Some(key) = &variant.key {
                    expected.insert(0, key.as_str());
                }
            }
            let found = placeholders(path);
            // A name used twice in one path is numbered the second time (`column2`).
            let same = found.len() == expected.len()
                && found.iter().zip(&expected).all(|(found, expected)| {
                    found
                        .strip_prefix(expected)
                        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
                });
            assert!(
                same,
                "{} {path}: the template's parameters {found:?} are not the values `{}` \
                 passes, {expected:?}",
                function.method.as_str(),
                function.name
            );
            templates += 1;
        }
    }
    println!("{templates} path templates checked");
}
