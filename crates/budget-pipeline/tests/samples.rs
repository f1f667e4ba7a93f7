//! The four samples through the real pipeline (nats-server + the four service processes) give
//! the same reports as the embedded check, and the report service serves them over gRPC.

mod common;

use std::time::{Duration, Instant};

use budget_model::Reconciliation;
use budget_proto::pb;
use budget_service::client::report_of;
use common::{collect_results, submit, Pipeline};

/// What `budget-audit check --format json FILE` prints for one file.
fn embedded_check(name: &str, bytes: &[u8]) -> serde_json::Value {
    let document = budget_parse::parse(bytes, name).expect("sample parses");
    let findings = budget_reconcile::reconcile(&document);
    let mut report = Reconciliation { document, findings };
    report.document.facts.source = name.to_string();
    budget_report::to_json(&report)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn samples_through_the_services_equal_the_embedded_check() {
    let started = Instant::now();
    let mut pipeline = Pipeline::start(&[]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let samples = common::samples();

    let mut ids = Vec::new();
    for (name, bytes) in &samples {
        let reply = submit(&client, name, bytes.clone()).await;
        assert_eq!(reply.document_id, budget_proto::sha256_hex(bytes));
        assert!(!reply.duplicate && reply.rejected.is_none(), "{reply:?}");
        ids.push(reply.document_id);
    }
    let results = collect_results(
        &client,
        &ids,
        Duration::from_secs(30),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(results.len(), 4, "one result per sample");

    for (name, bytes) in &samples {
        let id = budget_proto::sha256_hex(bytes);
        let result = results
            .iter()
            .find(|r| r.document_id == id)
            .unwrap_or_else(|| panic!("no result for {name}"));
        assert_eq!(&result.source_name, name);
        let report = report_of(result.clone()).unwrap_or_else(|e| panic!("{name} failed: {e}"));
        let served = budget_report::to_json(&report);
        assert_eq!(served, embedded_check(name, bytes), "{name}");
    }

    // The same bytes again: recognised, not processed twice.
    let (name, bytes) = &samples[0];
    let again = submit(&client, name, bytes.clone()).await;
    assert!(again.duplicate, "{again:?}");

    check_results_api(&pipeline, &ids).await;
    assert!(pipeline.all_running());
    assert_eq!(
        common::stream_messages(&client, "BUDGET_RESULTS").await,
        4,
        "no result doubled"
    );

    // SIGTERM: every service stops cleanly.
    for guard in &mut pipeline.services {
        let name = guard.name.clone();
        assert!(
            guard.terminate(Duration::from_secs(10)),
            "{name} did not stop cleanly on SIGTERM"
        );
    }
    eprintln!("samples test took {:?}", started.elapsed());
}

/// gRPC `Results` on the report service: get by id, list, stream.
async fn check_results_api(pipeline: &Pipeline, ids: &[String]) {
    use pb::results_client::ResultsClient;
    let port = pipeline.grpc_ports["report"];
    let channel = common::channel(port).await.expect("report gRPC");
    let mut results = ResultsClient::new(channel);

    let one = results
        .get_result(pb::GetResultRequest {
            document_id: ids[0].clone(),
        })
        .await
        .expect("GetResult")
        .into_inner();
    assert_eq!(one.document_id, ids[0]);
    assert_eq!(one.status, pb::ReconciliationStatus::Ok as i32);

    let missing = results
        .get_result(pb::GetResultRequest {
            document_id: "nope".into(),
        })
        .await
        .expect_err("unknown id");
    assert_eq!(missing.code(), tonic::Code::NotFound);

    let listed = results
        .list_results(pb::ListResultsRequest { limit: 10 })
        .await
        .expect("ListResults")
        .into_inner()
        .results;
    assert_eq!(listed.len(), 4);
    // Most recent first: the last recorded result leads.
    let mut listed_ids: Vec<_> = listed.iter().map(|r| r.document_id.clone()).collect();
    listed_ids.sort();
    let mut expected = ids.to_vec();
    expected.sort();
    assert_eq!(listed_ids, expected);

    let limited = results
        .list_results(pb::ListResultsRequest { limit: 2 })
        .await
        .expect("ListResults")
        .into_inner()
        .results;
    assert_eq!(limited.len(), 2);
    assert_eq!(limited[0].document_id, listed[0].document_id);
}
