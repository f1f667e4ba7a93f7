//! Quick throughput probe: `cargo run --release -p budget-audit --example speed FILE...`
//! (the criterion benchmark `cargo bench -p budget-audit` is the reference).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let docs: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let rounds = 300;
    let start = std::time::Instant::now();
    let mut findings = 0;
    for _ in 0..rounds {
        for (name, bytes) in &docs {
            if let Ok(doc) = budget_parse::parse(bytes, name) {
                findings += budget_reconcile::reconcile(&doc).len();
            }
        }
    }
    let n = rounds * docs.len();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} documents in {secs:.2}s: {:.0} docs/s ({findings} findings)",
        n as f64 / secs
    );
}
