//! Generation side by side with its floor. Run: `cargo bench -p graph-codegen --bench generate`.
//!
//! - `full_generation`: read + resolve + plan + emit (formatted, in memory) of every type of
//!   `v1.0-clean.xml`, on all cores.
//! - `formatting_floor`: `quote!` + `syn::parse2` + `prettyplease` of as many plain structs and
//!   enums, with as many fields and members, and nothing else (no attributes, docs or derives).
//! - `slice_generation`: what a build.rs pays for `metadata/onlineMeeting.csdl.xml`.
//! - `stage_*`: the stages of `full_generation` one by one (read + resolve as the builder does
//!   it, plan, emit, write), each from the previous stage's result made once, to show where
//!   the time goes.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use graph_codegen::csdl;
use graph_codegen::emit::emit;
use graph_codegen::model::Model;
use graph_codegen::plan::{plan, Item, Plan, PlanOptions, Roots};
use graph_codegen::write::{write_files, WriteMode};
use graph_codegen::Builder;
use quote::{format_ident, quote};

fn main() {
    if full_metadata().is_none() {
        eprintln!("skipped: ../shared not found (no ../shared/graph-metadata/v1.0-clean.xml)");
        return;
    }
    divan::main();
}

fn full_metadata() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../../shared/graph-metadata", "../shared/graph-metadata"]
        .iter()
        .map(|dir| manifest.join(dir).join("v1.0-clean.xml"))
        .find(|path| path.is_file())
}

fn full_builder() -> Builder {
    let mut builder = Builder::new();
    builder.metadata(full_metadata().unwrap_or_default()).all();
    builder
}

/// The plan of the full metadata, made once, to size the floor.
fn full_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| full_builder().plan().expect("v1.0-clean.xml plans").0)
}

#[divan::bench(sample_count = 10)]
fn full_generation(bencher: Bencher) {
    bencher.bench(|| {
        let (files, _) = full_builder().files().expect("generates");
        black_box(files.iter().map(|file| file.contents.len()).sum::<usize>())
    });
}

#[divan::bench(sample_count = 10)]
fn formatting_floor(bencher: Bencher) {
    let shapes: Vec<(bool, usize)> = full_plan()
        .modules
        .iter()
        .flat_map(|module| &module.items)
        .map(|item| match item {
            Item::Struct(plan) => (true, plan.fields.len() + 1),
            Item::Enum(plan) => (false, plan.members.len() + 1),
            Item::Polymorphic(plan) => (false, plan.variants.len() + 1),
        })
        .collect();
    bencher.bench(|| {
        let items = shapes
            .iter()
            .enumerate()
            .map(|(index, (is_struct, count))| {
                let name = format_ident!("Item{index}");
                if *is_struct {
                    let fields = (0..*count).map(|field| format_ident!("field_{field}"));
                    quote!(pub struct #name { #(pub #fields: String,)* })
                } else {
                    let variants = (0..*count).map(|variant| format_ident!("Variant{variant}"));
                    quote!(pub enum #name { #(#variants,)* })
                }
            });
        let tokens = quote!(#(#items)*);
        let file: syn::File = syn::parse2(tokens).expect("parses");
        black_box(prettyplease::unparse(&file).len())
    });
}

/// The resolved model of the full metadata, made once, for the later stages.
fn full_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let document = csdl::read_path(full_metadata().unwrap_or_default()).expect("reads");
        Model::resolve_owned(vec![document]).expect("resolves").0
    })
}

fn full_options() -> PlanOptions {
    PlanOptions {
        roots: Roots::All,
        navigation: false,
        source: "v1.0-clean.xml".to_owned(),
        rules_module: None,
    }
}

#[divan::bench(sample_count = 10)]
fn stage_read_resolve(bencher: Bencher) {
    let path = full_metadata().unwrap_or_default();
    bencher.bench(|| {
        let document = csdl::read_path(&path).expect("reads");
        black_box(Model::resolve_owned(vec![document]).expect("resolves"))
    });
}

#[divan::bench(sample_count = 10)]
fn stage_plan(bencher: Bencher) {
    let model = full_model();
    bencher.bench(|| black_box(plan(model, &full_options()).expect("plans")));
}

#[divan::bench(sample_count = 10)]
fn stage_emit(bencher: Bencher) {
    let plan = full_plan();
    bencher.bench(|| black_box(emit(plan)));
}

#[divan::bench(sample_count = 10)]
fn stage_write(bencher: Bencher) {
    let files = emit(full_plan());
    let dir = tempfile::tempdir().expect("temporary directory");
    bencher.bench(|| {
        // A fresh directory each time: only changed files are ever written.
        let out = dir.path().join("out");
        drop(std::fs::remove_dir_all(&out));
        black_box(write_files(&out, &files, WriteMode::Write).expect("writes"))
    });
}

#[divan::bench(sample_count = 50)]
fn slice_generation(bencher: Bencher) {
    let slice =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../metadata/onlineMeeting.csdl.xml");
    bencher.bench(|| {
        let (files, _) = Builder::new()
            .metadata(&slice)
            .root("microsoft.graph.onlineMeeting")
            .files()
            .expect("generates");
        black_box(files.len())
    });
}
