//! Generation side by side with its floor. Run: `cargo bench -p graph-codegen --bench generate`.
//!
//! - `full_generation`: read + resolve + plan + emit (formatted, in memory) of every type of
//!   `v1.0-clean.xml`, on all cores.
//! - `formatting_floor`: `quote!` + `syn::parse2` + `prettyplease` of as many plain structs and
//!   enums, with as many fields and members, and nothing else (no attributes, docs or derives).
//! - `slice_generation`: what a build.rs pays for `metadata/onlineMeeting.csdl.xml`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use graph_codegen::plan::{Item, Plan};
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
    Builder::new()
        .metadata(full_metadata().unwrap_or_default())
        .all()
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
