//! Reading and resolving the official Graph v1.0 metadata (`v1.0-clean.xml`, 3.5 MB), side by
//! side with a bare roxmltree parse of the same bytes (the reference: read + resolve should
//! take at most 1.5x of it). Run: `cargo bench -p graph-codegen --bench read`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use graph_codegen::csdl;
use graph_codegen::model::Model;

fn main() {
    if metadata().is_none() {
        eprintln!("skipped: ../shared not found (no ../shared/graph-metadata/v1.0-clean.xml)");
        return;
    }
    // One run of one side, for instruction counts that a loaded machine cannot disturb
    // (`READ_BENCH_ONCE=ours valgrind --tool=callgrind target/release/deps/read-*`), or both
    // sides alternated (`READ_BENCH_ONCE=interleaved`).
    match std::env::var("READ_BENCH_ONCE").as_deref() {
        Ok("roxmltree") => {
            black_box(parse_with_roxmltree());
        }
        Ok("ours") => {
            black_box(read_and_resolve_once());
        }
        Ok("interleaved") => interleaved(41),
        Ok(other) => {
            eprintln!("READ_BENCH_ONCE must be `roxmltree`, `ours` or `interleaved`, not `{other}`")
        }
        Err(_) => divan::main(),
    }
}

/// A named side of the comparison.
type Side = (&'static str, fn() -> usize);

/// Alternates the sides run by run, so that load from other processes falls on all alike,
/// and prints each side's minimum and median and their ratio to the reference.
fn interleaved(runs: usize) {
    let sides: [Side; 3] = [
        ("roxmltree_parse", parse_with_roxmltree),
        ("read_and_resolve", read_and_resolve_once),
        ("read_and_resolve_borrowed", read_and_resolve_borrowed_once),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(runs); sides.len()];
    for _ in 0..runs {
        for ((_, side), list) in sides.iter().zip(&mut times) {
            let start = std::time::Instant::now();
            black_box(side());
            list.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    for list in &mut times {
        list.sort_by(f64::total_cmp);
    }
    let (r_min, r_median) = (times[0][0], times[0][runs / 2]);
    for ((name, _), list) in sides.iter().zip(&times) {
        let (min, median) = (list[0], list[runs / 2]);
        println!(
            "{name:<26} min {min:5.1} ms  median {median:5.1} ms  ratio min {:.2}x  median {:.2}x",
            min / r_min,
            median / r_median
        );
    }
}

/// The reference: a bare roxmltree parse (UTF-8 check and BOM strip included, as ours does).
fn parse_with_roxmltree() -> usize {
    let text = std::str::from_utf8(black_box(bytes())).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = roxmltree::Document::parse(text).expect("parses");
    doc.descendants().len()
}

/// Ours: read into the syntax tree and resolve it into the model (moving its strings).
fn read_and_resolve_once() -> usize {
    let doc = csdl::read_bytes("v1.0-clean.xml", black_box(bytes())).expect("reads");
    let (model, warnings) = Model::resolve_owned(vec![doc]).expect("resolves");
    let types = model.types().len();
    types + warnings.len()
}

/// Ours through [`Model::resolve`], which leaves the syntax tree to the caller (it copies what
/// the model keeps instead of moving it; the builder of other tools may call it this way).
fn read_and_resolve_borrowed_once() -> usize {
    let doc = csdl::read_bytes("v1.0-clean.xml", black_box(bytes())).expect("reads");
    let (model, warnings) = Model::resolve(std::slice::from_ref(&doc)).expect("resolves");
    let types = model.types().len();
    types + warnings.len()
}

/// The bytes of `v1.0-clean.xml`, read once.
fn metadata() -> Option<&'static [u8]> {
    static BYTES: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    BYTES
        .get_or_init(|| {
            let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            ["../../shared/graph-metadata", "../shared/graph-metadata"]
                .iter()
                .map(|rel| manifest.join(rel).join("v1.0-clean.xml"))
                .find(|p| p.is_file())
                .and_then(|p| std::fs::read(p).ok())
        })
        .as_deref()
}

fn bytes() -> &'static [u8] {
    metadata().unwrap_or_default()
}

/// The reference.
#[divan::bench(sample_count = 30)]
fn roxmltree_parse(bencher: Bencher) {
    bencher.bench(parse_with_roxmltree);
}

/// Ours, in the same run.
#[divan::bench(sample_count = 30)]
fn read_and_resolve(bencher: Bencher) {
    bencher.bench(read_and_resolve_once);
}

/// Ours, reading only (no resolution).
#[divan::bench(sample_count = 30)]
fn read_only(bencher: Bencher) {
    bencher.bench(|| {
        let doc = csdl::read_bytes("v1.0-clean.xml", black_box(bytes())).expect("reads");
        black_box(doc.schemas.len())
    });
}
