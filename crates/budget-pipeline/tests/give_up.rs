//! A document a stage keeps failing on is not retried forever: after `--max-deliveries`
//! deliveries it gets a dead letter and a failed result saying so, and the service goes on.
//! The failure here is real: the stream parse publishes to is gone, so every attempt to hand
//! the parsed document on fails.

mod common;

use budget_proto::pb;
use common::{check_one, Pipeline};
use prost::Message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_keeps_failing_is_given_up_after_max_deliveries() {
    let mut pipeline = Pipeline::start(&["--max-deliveries", "2"]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let js = async_nats::jetstream::new(client.clone());
    js.delete_stream("BUDGET_PARSED")
        .await
        .expect("delete the parsed stream");

    let (name, bytes) = common::samples().swap_remove(2);
    let result = check_one(&client, &name, bytes).await;
    let id = result.document_id.clone();
    assert_eq!(result.status, pb::ReconciliationStatus::Failed as i32);
    let reason = result.failure_reason.clone().unwrap_or_default();
    assert!(reason.contains("gave up after 2 deliveries"), "{reason}");

    let dlq = js.get_stream("BUDGET_DLQ").await.expect("the DLQ stream");
    let letter = dlq
        .get_last_raw_message_by_subject("budget.dlq")
        .await
        .expect("a dead letter");
    let letter = pb::DeadLetter::decode(letter.payload).expect("a DeadLetter");
    assert_eq!(letter.document_id, id);
    assert_eq!(letter.stage, "parse");
    assert!(
        letter.reason.contains("gave up after 2 deliveries"),
        "{letter:?}"
    );
    assert!(pipeline.all_running());
}
