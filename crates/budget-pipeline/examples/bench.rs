//! End-to-end benchmark of a running pipeline (`deploy/local/bench.sh` starts one and runs
//! this): submits distinct documents (copies of the samples, each with its own last line) to
//! ingest and times each until its result appears on the results stream.
//!
//! ```sh
//! cargo run --release -p budget-pipeline --example bench -- --nats nats://127.0.0.1:4222
//! ```
//!
//! Two runs: as fast as possible (throughput in documents per second, with latencies), then at a
//! fixed rate (latency p50/p99 under a steady load).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use budget_proto::pb;
use budget_proto::wire::ResultHead;
use budget_service::client::{self, Since};
use budget_service::{Names, NatsArgs};
use clap::Parser;
use futures::StreamExt;
use prost::Message;

#[derive(Debug, Parser)]
struct Args {
    #[command(flatten)]
    nats: NatsArgs,
    #[command(flatten)]
    names: Names,
    /// Documents in the throughput run.
    #[arg(long, default_value_t = 1000)]
    documents: usize,
    /// Submissions in flight at once in the throughput run.
    #[arg(long, default_value_t = 64)]
    in_flight: usize,
    /// Documents per second in the latency run (0 skips it).
    #[arg(long, default_value_t = 100)]
    rate: u32,
    /// Documents in the latency run.
    #[arg(long, default_value_t = 500)]
    rate_documents: usize,
    /// The sample documents to copy.
    #[arg(long, default_value = "../shared/samples")]
    samples: std::path::PathBuf,
}

type Submitted = Arc<Mutex<HashMap<String, Instant>>>;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let samples = read_samples(&args.samples)?;
    let client = budget_service::bus::connect_once(&args.nats, "bench").await?;
    let run_id = std::process::id();

    let documents = copies(&samples, args.documents, &format!("bench {run_id} a"));
    let (elapsed, latencies) =
        run(&client, &args, documents, Pace::InFlight(args.in_flight)).await?;
    println!(
        "throughput: {} documents in {:.2} s = {:.0} documents/s; latency p50 {:.1} ms, p99 {:.1} ms",
        args.documents,
        elapsed.as_secs_f64(),
        args.documents as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
    );

    if args.rate > 0 {
        let documents = copies(&samples, args.rate_documents, &format!("bench {run_id} b"));
        let (_, latencies) = run(&client, &args, documents, Pace::Rate(args.rate)).await?;
        println!(
            "at {} documents/s: {} documents, latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            args.rate,
            args.rate_documents,
            percentile(&latencies, 50.0),
            percentile(&latencies, 99.0),
            percentile(&latencies, 100.0),
        );
    }
    Ok(())
}

fn read_samples(dir: &std::path::Path) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut samples = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            samples.push(std::fs::read(&path)?);
        }
    }
    anyhow::ensure!(!samples.is_empty(), "no samples in {}", dir.display());
    Ok(samples)
}

/// `count` distinct documents: the samples in turn, each with a last line of its own.
fn copies(samples: &[Vec<u8>], count: usize, tag: &str) -> Vec<pb::SourceDocument> {
    (0..count)
        .map(|i| {
            let mut bytes = samples[i % samples.len()].clone();
            bytes.extend_from_slice(format!("\n{tag} {i}\n").as_bytes());
            pb::SourceDocument::new(format!("bench-{i:04}.txt"), "", bytes)
        })
        .collect()
}

enum Pace {
    /// As fast as possible with this many submissions in flight.
    InFlight(usize),
    /// This many submissions per second.
    Rate(u32),
}

/// Submits `documents`, waits for all their results; returns the time from the first
/// submission to the last result and each document's latency in milliseconds.
async fn run(
    client: &async_nats::Client,
    args: &Args,
    documents: Vec<pb::SourceDocument>,
    pace: Pace,
) -> anyhow::Result<(Duration, Vec<f64>)> {
    let submitted: Submitted = Arc::default();
    let count = documents.len();
    let results = client::result_payloads(client, &args.names, Since::Now).await?;
    let collector = tokio::spawn(collect(results, submitted.clone(), count));
    let start = Instant::now();
    submit_all(client, &args.names, documents, &submitted, pace).await?;
    let latencies = tokio::time::timeout(Duration::from_secs(300), collector)
        .await
        .context("results did not all arrive within 5 minutes")???;
    Ok((start.elapsed(), latencies))
}

async fn submit_all(
    client: &async_nats::Client,
    names: &Names,
    documents: Vec<pb::SourceDocument>,
    submitted: &Submitted,
    pace: Pace,
) -> anyhow::Result<()> {
    let submit = |document| submit_one(client.clone(), names.clone(), document, submitted.clone());
    match pace {
        Pace::InFlight(n) => {
            let submits = documents.into_iter().map(submit);
            let mut replies = futures::stream::iter(submits).buffer_unordered(n.max(1));
            while let Some(reply) = replies.next().await {
                reply?;
            }
        }
        Pace::Rate(rate) => {
            let mut tick = tokio::time::interval(Duration::from_secs(1) / rate.max(1));
            let mut pending = Vec::new();
            for document in documents {
                tick.tick().await;
                pending.push(tokio::spawn(submit(document)));
            }
            for task in pending {
                task.await??;
            }
        }
    }
    Ok(())
}

async fn submit_one(
    client: async_nats::Client,
    names: Names,
    document: pb::SourceDocument,
    submitted: Submitted,
) -> anyhow::Result<()> {
    if let Ok(mut map) = submitted.lock() {
        map.insert(document.id.clone(), Instant::now());
    }
    client::submit(&client, &names, &document, Duration::from_secs(30)).await?;
    Ok(())
}

/// Latencies (ms) of the first `count` results of submitted documents.
async fn collect(
    results: impl futures::Stream<Item = anyhow::Result<bytes::Bytes>>,
    submitted: Submitted,
    count: usize,
) -> anyhow::Result<Vec<f64>> {
    let mut results = Box::pin(results);
    let mut latencies = Vec::with_capacity(count);
    while latencies.len() < count {
        let payload = results.next().await.context("results stream ended")??;
        // Only the head: the benchmark shares the machine with the pipeline.
        let result = ResultHead::decode(payload)?;
        anyhow::ensure!(
            result.status == pb::ReconciliationStatus::Ok as i32,
            "{} failed (see the results bucket for the reason)",
            result.source_name
        );
        let sent = submitted
            .lock()
            .ok()
            .and_then(|map| map.get(&result.document_id).copied());
        if let Some(sent) = sent {
            latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(latencies)
}

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}
