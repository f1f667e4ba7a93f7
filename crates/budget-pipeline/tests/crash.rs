//! SIGKILL a parse and a reconcile process while hundreds of documents are in flight, start
//! them again: every document still gets exactly one result (none lost, none doubled).

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use budget_proto::pb;
use common::{collect_results, submit, Pipeline};
use futures::StreamExt;

const DOCUMENTS: usize = 240;

/// Distinct documents: the samples, each copy with its own last line (so its own id).
fn documents() -> Vec<(String, Vec<u8>)> {
    let samples = common::samples();
    (0..DOCUMENTS)
        .map(|i| {
            let (_, sample) = &samples[i % samples.len()];
            let mut bytes = sample.clone();
            bytes.extend_from_slice(format!("\n副本 {i}\n").as_bytes());
            (format!("copy-{i:03}.txt"), bytes)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_workers_lose_and_double_nothing() {
    let started = Instant::now();
    // A short ack wait, so what the killed processes held is redelivered within the test.
    let mut pipeline = Pipeline::start(&["--ack-wait", "2s", "--concurrency", "8"]);
    // Two replicas of parse and reconcile share their durable consumers.
    pipeline.spawn("parse", "parse-2");
    pipeline.spawn("reconcile", "reconcile-2");
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;

    // Submit everything at once, kill one parse and one reconcile as the first results come.
    let documents = documents();
    let submitting = {
        let client = client.clone();
        tokio::spawn(async move {
            let submits = documents.into_iter().map(|(name, bytes)| {
                let client = client.clone();
                async move { submit(&client, &name, bytes).await.document_id }
            });
            futures::stream::iter(submits)
                .buffered(32)
                .collect::<Vec<_>>()
                .await
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while common::stream_messages(&client, "BUDGET_RESULTS").await < 20 {
        assert!(Instant::now() < deadline, "no results coming");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    pipeline.kill("parse");
    pipeline.kill("reconcile");
    let done_at_kill = common::stream_messages(&client, "BUDGET_RESULTS").await;
    let ids = submitting.await.expect("submitting");
    tokio::time::sleep(Duration::from_millis(500)).await;
    pipeline.spawn("parse", "parse");
    pipeline.spawn("reconcile", "reconcile");
    eprintln!("killed at {done_at_kill} of {DOCUMENTS} results");
    assert!(
        (done_at_kill as usize) < DOCUMENTS / 2,
        "documents were in flight"
    );

    let results = collect_results(
        &client,
        &ids,
        Duration::from_secs(45),
        Duration::from_secs(3),
    )
    .await;

    let mut per_document: HashMap<&str, usize> = HashMap::new();
    for result in &results {
        *per_document.entry(result.document_id.as_str()).or_default() += 1;
        assert_eq!(
            result.status,
            pb::ReconciliationStatus::Ok as i32,
            "{:?}",
            result.failure_reason
        );
    }
    let missing = ids
        .iter()
        .filter(|id| !per_document.contains_key(id.as_str()))
        .count();
    let doubled = per_document.values().filter(|&&n| n > 1).count();
    assert_eq!(missing, 0, "documents without a result");
    assert_eq!(doubled, 0, "documents with more than one result");
    assert_eq!(results.len(), DOCUMENTS);
    assert_eq!(
        common::stream_messages(&client, "BUDGET_RESULTS").await,
        DOCUMENTS as u64
    );
    assert!(pipeline.all_running());
    eprintln!("crash test took {:?}", started.elapsed());
}
