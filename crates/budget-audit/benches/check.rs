//! Parse + reconcile throughput on the four sample documents. Each iteration checks one
//! document (`Throughput::Elements(1)`), so criterion's `elem/s` is documents per second on one
//! core; the `all_samples` group checks all four per iteration (`Elements(4)`).
//! Target (issue 3): at least 2,000 documents per second per core.
//!
//! Run with `cargo bench -p budget-audit`.

use std::hint::black_box;

/// The same allocator as the `budget-audit` binary, so the numbers are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");

const SAMPLES: [&str; 4] = [
    "000_ae56c58d42acd4fc.txt",
    "002_a82d126008b6a810.txt",
    "003_da13a1aa64cf934e.txt",
    "004_564002215bad1a4c.txt",
];

fn load_samples() -> Vec<(&'static str, Vec<u8>)> {
    SAMPLES
        .iter()
        .map(|name| {
            let path = format!("{SAMPLES_DIR}{name}");
            let bytes =
                std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read sample {path}: {e}"));
            (*name, bytes)
        })
        .collect()
}

/// One document, as `budget-audit check` does it: parse, then reconcile. Returns the number of
/// findings so that nothing is optimized away.
fn check(bytes: &[u8], source: &str) -> usize {
    match budget_parse::parse(bytes, source) {
        Ok(document) => budget_reconcile::reconcile(&document).len(),
        Err(_) => 0,
    }
}

fn per_sample(c: &mut Criterion) {
    let samples = load_samples();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(1));
    for (name, bytes) in &samples {
        group.bench_function(*name, |b| {
            b.iter(|| check(black_box(bytes), black_box(name)))
        });
    }
    group.finish();
}

fn all_samples(c: &mut Criterion) {
    let samples = load_samples();
    let mut group = c.benchmark_group("all_samples");
    group.throughput(Throughput::Elements(samples.len() as u64));
    group.bench_function("four_documents", |b| {
        b.iter(|| {
            samples
                .iter()
                .map(|(name, bytes)| check(black_box(bytes), black_box(name)))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, per_sample, all_samples);
criterion_main!(benches);
