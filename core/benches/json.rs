//! JSON read/write benchmarks (filled in with the OnlineMeeting mirror).
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let input = br#"{"a":[1,2,3],"b":"x"}"#;
    c.bench_function("value", |b| {
        b.iter(|| graph_core::json::from_slice::<graph_core::Untyped>(input))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
