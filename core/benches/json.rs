//! Reading and writing the seed's example-1 response, side by side in one run:
//! - `lossless`: graph-core's derives into the `OnlineMeeting` mirror (unknown members,
//!   annotations and nulls kept, polymorphism dispatched);
//! - `plain_serde`: lossy plain `#[derive(Serialize, Deserialize)]` structs of the same shape;
//! - `value`: `serde_json::Value`.
//!
//! Run: `cargo bench -p graph-core --bench json`. Targets (issue 7): lossless read <= 1.1x
//! plain serde and <= 0.7x `Value`; lossless write <= 1.1x plain serde.

#[path = "../tests/support/online_meeting.rs"]
mod online_meeting;
#[path = "../tests/support/plain_online_meeting.rs"]
mod plain_online_meeting;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

const EXAMPLE: &str = "graph-docs/examples/create-ex1-response.json";

fn example_1() -> Option<Vec<u8>> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), manifest.join("../shared")]
        .iter()
        .find_map(|shared| std::fs::read(shared.join(EXAMPLE)).ok())
}

fn bench(c: &mut Criterion) {
    let Some(input) = example_1() else {
        eprintln!("skipped: ../shared not found");
        return;
    };

    let mut read = c.benchmark_group("read example-1");
    read.bench_function("lossless", |b| {
        b.iter(|| {
            graph_core::json::from_slice::<online_meeting::OnlineMeeting>(black_box(&input))
                .unwrap()
        })
    });
    read.bench_function("plain_serde", |b| {
        b.iter(|| {
            serde_json::from_slice::<plain_online_meeting::OnlineMeeting>(black_box(&input))
                .unwrap()
        })
    });
    read.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&input)).unwrap())
    });
    read.finish();

    let lossless: online_meeting::OnlineMeeting = graph_core::json::from_slice(&input).unwrap();
    let plain: plain_online_meeting::OnlineMeeting = serde_json::from_slice(&input).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&input).unwrap();
    let mut write = c.benchmark_group("write example-1");
    write.bench_function("lossless", |b| {
        b.iter(|| graph_core::json::to_vec(black_box(&lossless)))
    });
    write.bench_function("plain_serde", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap())
    });
    write.bench_function("value", |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).unwrap())
    });
    write.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
