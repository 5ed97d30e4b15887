//! The in-process rows of `cargo xtask bench`, each timed side by side with its floor in one run
//! (interleaved sample by sample, medians). Prints one `MEASURE` line per contender and `NOTE`
//! lines, which the xtask parses; run it through `cargo xtask bench [--quick]`.

// Generated with prettyplease (refreshed by `cargo xtask bench`), so rustfmt leaves it alone.
#[allow(dead_code, clippy::all)]
#[rustfmt::skip]
mod plain_online_meeting;

use std::path::{Path, PathBuf};
use std::time::Duration;

use graph_codegen::csdl;
use graph_codegen::model::Model;
use graph_codegen::plan::{Item, Plan};
use graph_codegen::Builder;
use graph_core::{Operation, Validate};
use graph_online_meetings::OnlineMeeting;
use rayon::prelude::*;
use xtask::bench::inputs::{self, Document};
use xtask::bench::measure::{interleaved, iterations_for, Contender, Median};
use xtask::bench::plain::{self, Emitter, Style};

/// Sample counts: the full run, and `--quick`.
struct Samples {
    read: usize,
    generate: usize,
    slice: usize,
    models: usize,
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let samples = if quick {
        Samples {
            read: 5,
            generate: 3,
            slice: 10,
            models: 30,
        }
    } else {
        Samples {
            read: 21,
            generate: 11,
            slice: 51,
            models: 201,
        }
    };
    let workspace = xtask::workspace_root();
    let Some(shared) = inputs::shared_dir(&workspace) else {
        eprintln!("error: ../shared not found; the benchmarks need ../shared/graph-metadata");
        std::process::exit(1);
    };
    let scratch = workspace.join("target/xtask-bench/rows");
    if let Err(error) = run(&workspace, &shared, &scratch, &samples) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

type Failure = Box<dyn std::error::Error>;

fn run(workspace: &Path, shared: &Path, scratch: &Path, samples: &Samples) -> Result<(), Failure> {
    let full = shared.join(inputs::FULL_METADATA);
    read_rows(&full, samples.read)?;
    generation_rows(&full, scratch, samples.generate)?;
    slice_row(workspace, scratch, samples.slice)?;
    model_rows(shared, samples.models)?;
    validation_row(shared, samples.models)?;
    Ok(())
}

fn report(medians: &[Median], prefix: &str) {
    for median in medians {
        println!(
            "MEASURE\t{prefix}.{}\t{}\t{}\t{}",
            median.name,
            median.per_iteration.as_nanos(),
            median.samples,
            median.iterations
        );
    }
}

fn note(key: &str, value: impl std::fmt::Display) {
    println!("NOTE\t{key}\t{value}");
}

fn progress(what: &str) {
    eprintln!("bench: {what}");
}

/// Read + resolve of `v1.0-clean.xml` against a bare roxmltree parse of the same bytes (UTF-8
/// check and BOM strip on both sides).
fn read_rows(full: &Path, samples: usize) -> Result<(), Failure> {
    progress("read + resolve vs roxmltree");
    let bytes = std::fs::read(full)?;
    let name = "v1.0-clean.xml";
    // Fail with the reader's message here rather than inside a timed loop.
    let doc = csdl::read_bytes(name, &bytes)?;
    Model::resolve(std::slice::from_ref(&doc))?;
    note("read.bytes", bytes.len());
    let mut contenders = [
        Contender::new("roxmltree", || {
            let text = std::str::from_utf8(&bytes).unwrap_or_default();
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            roxmltree::Document::parse(text).map_or(0, |doc| doc.descendants().len())
        }),
        Contender::new("ours", || {
            csdl::read_bytes(name, &bytes)
                .ok()
                // The tree is not kept: resolve it by value, as the CLI and builder do.
                .and_then(|doc| Model::resolve_owned(vec![doc]).ok())
                .map_or(0, |(model, _)| model.types().len())
        }),
    ];
    report(&interleaved(&mut contenders, samples, 1), "read");
    Ok(())
}

/// Full generation of `v1.0-clean.xml` to files: the models against the formatting floor
/// (`quote!` + `syn::parse2` + prettyplease of the same items as plain code, no derives,
/// attributes or docs, per item on all cores like the generator, written to files too), and
/// the models with every operation.
fn generation_rows(full: &Path, scratch: &Path, samples: usize) -> Result<(), Failure> {
    progress("full generation vs formatting floor");
    let builder = |out: &Path| {
        let mut builder = Builder::new();
        builder.metadata(full).all().out_dir(out);
        builder
    };
    let ours_dir = scratch.join("generate-models");
    let all_dir = scratch.join("generate-full");
    let floor_dir = scratch.join("generate-floor");
    let (plan, _) = builder(&all_dir).plan()?;
    let (structs, enums, polymorphic) = count_items(&plan);
    note("generate.structs", structs);
    note("generate.enums", enums);
    note("generate.polymorphic", polymorphic);
    note("generate.operations", plan.api.function_count());
    note(
        "generate.threads",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    // The output must be a fresh directory each sample: only changed files are ever written.
    let mut models_builder = builder(&ours_dir);
    models_builder.operations(false);
    let all_builder = builder(&all_dir);
    let clean = |dir: PathBuf| move || drop(std::fs::remove_dir_all(&dir));
    let mut contenders = [
        Contender::new("models", || {
            models_builder
                .generate()
                .map_or(0, |generated| generated.report.changed.len())
        })
        .before(clean(ours_dir.clone())),
        Contender::new("full", || {
            all_builder
                .generate()
                .map_or(0, |generated| generated.report.changed.len())
        })
        .before(clean(all_dir.clone())),
        Contender::new("floor", || write_floor(&plan, &floor_dir).unwrap_or(0))
            .before(clean(floor_dir.clone())),
    ];
    report(&interleaved(&mut contenders, samples, 1), "generate");
    // The floor formats far less text (no docs, attributes, wrappers or `Any` enums); the sizes
    // say how much.
    note("generate.bytes.models", directory_bytes(&ours_dir)?);
    note("generate.bytes.full", directory_bytes(&all_dir)?);
    note("generate.bytes.floor", directory_bytes(&floor_dir)?);
    Ok(())
}

/// The total size of the files under `dir`.
fn directory_bytes(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        total += if entry.file_type()?.is_dir() {
            directory_bytes(&entry.path())?
        } else {
            entry.metadata()?.len()
        };
    }
    Ok(total)
}

fn count_items(plan: &Plan) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for item in plan.modules.iter().flat_map(|module| &module.items) {
        match item {
            Item::Struct(_) => counts.0 += 1,
            Item::Enum(_) => counts.1 += 1,
            Item::Polymorphic(_) => counts.2 += 1,
        }
    }
    counts
}

/// The floor: each item formatted on its own (in parallel), then one file per module.
fn write_floor(plan: &Plan, dir: &Path) -> Result<usize, Failure> {
    let emitter = Emitter::new(plan, Style::NoDerive, "crate");
    let work: Vec<(usize, &Item)> = plan
        .modules
        .iter()
        .enumerate()
        .flat_map(|(index, module)| module.items.iter().map(move |item| (index, item)))
        .collect();
    let formatted: Vec<(usize, String)> = work
        .par_iter()
        .filter_map(|(module, item)| {
            let tokens = emitter.item(item)?;
            Some(plain::format(item.name(), tokens).map(|text| (*module, text)))
        })
        .collect::<Result<_, _>>()?;
    let mut files = vec![String::new(); plan.modules.len()];
    for (module, text) in formatted {
        files[module].push_str(&text);
    }
    std::fs::create_dir_all(dir)?;
    for (index, text) in files.iter().enumerate() {
        std::fs::write(dir.join(format!("module_{index}.rs")), text)?;
    }
    Ok(files.len())
}

/// What a build.rs pays for the onlineMeeting slice, written to a fresh directory.
fn slice_row(workspace: &Path, scratch: &Path, samples: usize) -> Result<(), Failure> {
    progress("onlineMeeting slice generation");
    let out = scratch.join("generate-slice");
    let mut builder = xtask::bench::slice_builder(workspace)?;
    builder.out_dir(&out);
    builder.files()?;
    let mut contenders = [Contender::new("slice", || {
        builder
            .generate()
            .map_or(0, |generated| generated.report.changed.len())
    })
    .before(|| drop(std::fs::remove_dir_all(&out)))];
    report(&interleaved(&mut contenders, samples, 1), "generate");
    Ok(())
}

/// Reading and writing the example responses: generated `OnlineMeeting` (lossless) against
/// plain lossy serde structs of the same shape and `serde_json::Value`.
fn model_rows(shared: &Path, samples: usize) -> Result<(), Failure> {
    progress("models: read and write the example responses");
    let documents = inputs::example_responses(shared)?;
    let mut generated = Vec::new();
    let mut plain = Vec::new();
    let mut values = Vec::new();
    for Document { name, bytes } in &documents {
        generated.push(
            graph_core::json::from_slice::<OnlineMeeting>(bytes)
                .map_err(|error| format!("{name}: OnlineMeeting: {error}"))?,
        );
        plain.push(
            serde_json::from_slice::<plain_online_meeting::OnlineMeeting>(bytes)
                .map_err(|error| format!("{name}: plain: {error}"))?,
        );
        values.push(serde_json::from_slice::<serde_json::Value>(bytes)?);
    }
    note("models.documents", documents.len());
    note(
        "models.bytes",
        documents.iter().map(|doc| doc.bytes.len()).sum::<usize>(),
    );
    let read_generated = || {
        documents
            .iter()
            .filter_map(|doc| graph_core::json::from_slice::<OnlineMeeting>(&doc.bytes).ok())
            .count()
    };
    let read_plain = || {
        documents
            .iter()
            .filter_map(|doc| {
                serde_json::from_slice::<plain_online_meeting::OnlineMeeting>(&doc.bytes).ok()
            })
            .count()
    };
    let read_value = || {
        documents
            .iter()
            .filter_map(|doc| serde_json::from_slice::<serde_json::Value>(&doc.bytes).ok())
            .count()
    };
    let iterations = iterations_for(Duration::from_millis(2), read_value);
    let mut contenders = [
        Contender::new("generated", read_generated),
        Contender::new("plain", read_plain),
        Contender::new("value", read_value),
    ];
    report(
        &interleaved(&mut contenders, samples, iterations),
        "models.read",
    );

    let write_generated = || {
        generated
            .iter()
            .map(|meeting| graph_core::json::to_vec(meeting).len())
            .sum::<usize>()
    };
    let write_plain = || {
        plain
            .iter()
            .map(|meeting| serde_json::to_vec(meeting).map_or(0, |bytes| bytes.len()))
            .sum::<usize>()
    };
    let write_value = || {
        values
            .iter()
            .map(|value| serde_json::to_vec(value).map_or(0, |bytes| bytes.len()))
            .sum::<usize>()
    };
    let iterations = iterations_for(Duration::from_millis(2), write_value);
    let mut contenders = [
        Contender::new("generated", write_generated),
        Contender::new("plain", write_plain),
        Contender::new("value", write_value),
    ];
    report(
        &interleaved(&mut contenders, samples, iterations),
        "models.write",
    );
    Ok(())
}

/// Validating the seed's example-2 request for a create, against serialising it.
fn validation_row(shared: &Path, samples: usize) -> Result<(), Failure> {
    progress("validation of the seed's example-2 request");
    let body = inputs::seed_example_2_request(shared)?
        .ok_or("the seed page has no second request body")?;
    let meeting: OnlineMeeting = graph_core::json::from_str(&body)?;
    if let Err(errors) = meeting.validate(Operation::Create) {
        return Err(format!("the seed's example-2 request does not validate: {errors}").into());
    }
    let serialise = || graph_core::json::to_vec(&meeting).len();
    let iterations = iterations_for(Duration::from_millis(2), serialise);
    let mut contenders = [
        Contender::new("ex2", || {
            usize::from(meeting.validate(Operation::Create).is_ok())
        }),
        Contender::new("serialise", serialise),
    ];
    report(
        &interleaved(&mut contenders, samples, iterations),
        "validate",
    );
    Ok(())
}
