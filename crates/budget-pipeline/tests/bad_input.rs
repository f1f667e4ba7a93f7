//! Binary junk and an oversize file: each gets a failed result with a reason and a dead letter;
//! the services keep running and the next good document is checked as usual.

mod common;

use std::time::{Duration, Instant};

use budget_proto::pb;
use common::{collect_results, submit, Pipeline};
use futures::StreamExt;
use prost::Message;

/// The size limit ingest runs with in this test.
const LIMIT: usize = 100_000;

async fn dead_letters(client: &async_nats::Client, count: u64) -> Vec<pb::DeadLetter> {
    let js = async_nats::jetstream::new(client.clone());
    let stream = js.get_stream("BUDGET_DLQ").await.expect("DLQ stream");
    let mut letters = Vec::new();
    for sequence in 1..=count {
        let message = stream
            .get_raw_message(sequence)
            .await
            .expect("a dead letter");
        letters.push(pb::DeadLetter::decode(message.payload).expect("a DeadLetter"));
    }
    letters
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_documents_fail_with_a_reason_and_a_dead_letter() {
    let started = Instant::now();
    let limit = LIMIT.to_string();
    let mut pipeline = Pipeline::start(&["--max-document-bytes", &limit]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;

    // Follow StreamResults on the report service from before the submissions.
    let channel = common::channel(pipeline.grpc_ports["report"])
        .await
        .expect("report gRPC");
    let mut streamed = pb::results_client::ResultsClient::new(channel)
        .stream_results(pb::StreamResultsRequest {})
        .await
        .expect("StreamResults")
        .into_inner();

    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let junk_id = submit(&client, "junk.bin", junk).await.document_id;

    let oversize = "收入预算总额为812.07万元。\n".repeat(LIMIT / 20);
    let oversize_size = oversize.len();
    assert!(oversize_size > LIMIT);
    let reply = submit(&client, "oversize.txt", oversize.into_bytes()).await;
    let reason = reply.rejected.expect("ingest refuses an oversize document");
    assert!(reason.contains("too large"), "{reason}");
    let oversize_id = reply.document_id;

    let (good_name, good_bytes) = common::samples().remove(1);
    let good_id = submit(&client, &good_name, good_bytes).await.document_id;

    let ids = vec![junk_id.clone(), oversize_id.clone(), good_id.clone()];
    let results = collect_results(
        &client,
        &ids,
        Duration::from_secs(30),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(results.len(), 3);
    let result_of = |id: &str| {
        results
            .iter()
            .find(|r| r.document_id == id)
            .cloned()
            .expect("a result")
    };

    let junk = result_of(&junk_id);
    assert_eq!(junk.status, pb::ReconciliationStatus::Failed as i32);
    assert_eq!(junk.source_name, "junk.bin");
    let junk_reason = junk.failure_reason.expect("a reason");
    assert!(junk_reason.contains("binary"), "{junk_reason}");

    let oversize = result_of(&oversize_id);
    assert_eq!(oversize.status, pb::ReconciliationStatus::Failed as i32);
    let oversize_reason = oversize.failure_reason.expect("a reason");
    assert!(oversize_reason.contains("too large"), "{oversize_reason}");

    let good = result_of(&good_id);
    assert_eq!(good.status, pb::ReconciliationStatus::Ok as i32);

    let letters = dead_letters(&client, 2).await;
    let letter_of = |id: &str| letters.iter().find(|l| l.document_id == id).cloned();
    let junk_letter = letter_of(&junk_id).expect("a dead letter for the junk");
    assert_eq!(junk_letter.stage, "parse");
    assert_eq!(junk_letter.reason, junk_reason);
    let oversize_letter = letter_of(&oversize_id).expect("a dead letter for the oversize file");
    assert_eq!(oversize_letter.stage, "ingest");
    assert_eq!(oversize_letter.size, Some(oversize_size as u64));
    assert_eq!(common::stream_messages(&client, "BUDGET_DLQ").await, 2);

    // StreamResults saw the three results as they arrived.
    let mut streamed_ids = Vec::new();
    while streamed_ids.len() < 3 {
        let next = tokio::time::timeout(Duration::from_secs(10), streamed.next())
            .await
            .expect("StreamResults delivers")
            .expect("the stream goes on")
            .expect("a result");
        streamed_ids.push(next.document_id);
    }
    streamed_ids.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(streamed_ids, expected);

    assert!(pipeline.all_running(), "a bad document stopped a service");
    eprintln!("bad input test took {:?}", started.elapsed());
}

/// Bytes in the documents bucket that are not what their reference says (a damaged or forged
/// upload): parse checks their SHA-256 and fails the document with a dead letter; a reference
/// whose size differs from the stored object is refused by ingest at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bytes_that_do_not_match_their_reference_fail() {
    let mut pipeline = Pipeline::start(&[]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let js = async_nats::jetstream::new(client.clone());
    let bucket = js
        .get_object_store("budget-documents")
        .await
        .expect("the documents bucket");

    let (name, genuine) = common::samples().remove(0);
    let id = budget_proto::sha256_hex(&genuine);
    let mut forged = genuine.clone();
    forged[0] ^= 1;
    bucket
        .put(id.as_str(), &mut forged.as_slice())
        .await
        .expect("store the forged bytes");
    let submit_reference = |size: u64| {
        let document = pb::SourceDocument {
            id: id.clone(),
            name: name.clone(),
            media_type: String::new(),
            bytes: Vec::new(),
            stored: Some(pb::StoredDocument {
                object: id.clone(),
                size,
                sha256: id.clone(),
            }),
            parts: Vec::new(),
        };
        let client = client.clone();
        async move {
            let reply = client
                .request("budget.submit", document.encode_to_vec().into())
                .await
                .expect("ingest answers");
            pb::SubmitReply::decode(reply.payload).expect("a SubmitReply")
        }
    };

    let wrong_size = submit_reference(genuine.len() as u64 + 1).await;
    let refused = wrong_size
        .rejected
        .expect("a reference of the wrong size is refused");
    assert!(refused.contains("bytes"), "{refused}");

    let reply = submit_reference(genuine.len() as u64).await;
    assert!(
        reply.rejected.is_none() && reply.error.is_none(),
        "{reply:?}"
    );
    let results = collect_results(
        &client,
        std::slice::from_ref(&id),
        Duration::from_secs(30),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(results.len(), 1, "one result");
    let result = &results[0];
    assert_eq!(result.status, pb::ReconciliationStatus::Failed as i32);
    let reason = result.failure_reason.clone().unwrap_or_default();
    assert!(reason.contains("does not match"), "{reason}");
    let letters = dead_letters(&client, 2).await;
    assert!(
        letters
            .iter()
            .any(|l| l.stage == "parse" && l.reason == reason),
        "{letters:?}"
    );
    assert!(pipeline.all_running());
}
