//! The whole generator: read -> resolve -> plan (every type) -> emit. Any input is refused
//! with a located error or turned into Rust that `syn` parses.
#![no_main]

use graph_codegen::csdl;
use graph_codegen::emit::emit;
use graph_codegen::model::Model;
use graph_codegen::plan::{plan, PlanOptions, Roots};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = csdl::read_bytes("fuzz.csdl", data) else {
        return;
    };
    let model = match Model::resolve(&[document]) {
        Ok((model, _warnings)) => model,
        Err(error) => {
            assert!(
                error.to_string().starts_with("fuzz.csdl:"),
                "refusal not located: {error}"
            );
            return;
        }
    };
    let options = PlanOptions {
        roots: Roots::All,
        navigation: false,
        source: "fuzz.csdl".to_owned(),
        rules_module: None,
    };
    let Ok(plan) = plan(&model, &options) else {
        return;
    };
    for file in emit(&plan) {
        if let Err(error) = syn::parse_file(&file.contents) {
            panic!(
                "generated {} does not parse: {error}\n{}",
                file.path.display(),
                file.contents
            );
        }
    }
});
