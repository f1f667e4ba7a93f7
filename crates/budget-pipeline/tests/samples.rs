//! The four samples through the real pipeline (nats-server + the four service processes) give
//! the same reports as the embedded check, in every input form (text, PDF, HTML, XLSX, DOCX, and
//! a 20 MB PDF, far over a NATS message), and the report service serves them over gRPC.

mod common;
#[path = "../../../tests/forms/mod.rs"]
mod forms;

use std::time::{Duration, Instant};

use budget_proto::pb;
use budget_service::client::report_of;
use budget_service::documents::Documents;
use budget_service::Names;
use common::{collect_results, submit, Pipeline};

/// What `budget-audit check --format json FILE` prints for one file: the same reading
/// (`budget_reconcile::read_document`: every reading of the bytes, the most plausible kept, its
/// figures placed on their pages) and rules.
fn embedded_check(name: &str, bytes: &[u8]) -> serde_json::Value {
    let document = budget_reconcile::read_document(bytes, name)
        .unwrap_or_else(|e| panic!("{name} reads: {e}"));
    let mut report = budget_reconcile::reconciliation(document);
    report.document.facts.source = name.to_string();
    budget_report::to_json(&report)
}

/// Submits every document, waits for their results and asserts each equals the embedded check
/// of the same bytes. Returns the document ids.
async fn assert_same_as_embedded(
    client: &async_nats::Client,
    documents: &[(String, Vec<u8>)],
) -> Vec<String> {
    let mut ids = Vec::new();
    for (name, bytes) in documents {
        let reply = submit(client, name, bytes.clone()).await;
        assert_eq!(reply.document_id, budget_proto::sha256_hex(bytes));
        assert!(!reply.duplicate && reply.rejected.is_none(), "{reply:?}");
        ids.push(reply.document_id);
    }
    let results = collect_results(
        client,
        &ids,
        Duration::from_secs(120),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(results.len(), documents.len(), "one result per document");
    for (name, bytes) in documents {
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
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn samples_through_the_services_equal_the_embedded_check() {
    let started = Instant::now();
    let mut pipeline = Pipeline::start(&[]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let samples = common::samples();

    let ids = assert_same_as_embedded(&client, &samples).await;

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

/// Lines on a page of the PDFs built here.
const LINES_PER_PAGE: usize = 50;

/// The size of the large PDF: real disclosures run to 10–20 MB, a NATS message holds 1 MiB.
const LARGE_PDF_BYTES: usize = 20 * 1024 * 1024;

/// Every sample as PDF, HTML, XLSX and DOCX, as a publisher would print it.
fn every_form() -> Vec<(String, Vec<u8>)> {
    let mut documents = Vec::new();
    for sample in forms::SAMPLES {
        let parts = forms::parts(&forms::sample(sample));
        let stem = sample.trim_end_matches(".txt");
        documents.push((format!("{stem}.pdf"), forms::to_pdf(&parts, LINES_PER_PAGE)));
        documents.push((format!("{stem}.html"), forms::to_html(&parts).into_bytes()));
        documents.push((format!("{stem}.xlsx"), forms::to_xlsx(&parts)));
        documents.push((format!("{stem}.docx"), forms::to_docx(&parts)));
    }
    documents
}

/// `pdf` grown to `size` bytes by an incremental update that adds a stream of incompressible
/// bytes (as a scanned image would be), referenced by nothing: the text stays the same.
fn padded_pdf(pdf: &[u8], size: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf);
    let after = |key: &str| -> String {
        let at = text
            .rfind(key)
            .unwrap_or_else(|| panic!("no {key} in the PDF"))
            + key.len();
        text[at..]
            .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .find(|word| !word.is_empty())
            .unwrap_or_else(|| panic!("nothing after {key}"))
            .to_string()
    };
    let (objects, root, previous) = (after("/Size"), after("/Root"), after("startxref"));
    let object: u64 = objects.parse().expect("/Size is a number");
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let offset = out.len();
    let length = size.saturating_sub(offset + 300);
    out.extend(format!("{object} 0 obj\n<< /Length {length} >>\nstream\n").as_bytes());
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    out.extend((0..length).map(|_| {
        // xorshift64: bytes no compressor shrinks.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 24) as u8
    }));
    out.extend(b"\nendstream\nendobj\n");
    let xref = out.len();
    let trailer = format!(
        "xref\n0 1\n0000000000 65535 f \n{object} 1\n{offset:010} 00000 n \n\
         trailer\n<< /Size {} /Root {root} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n",
        object + 1
    );
    out.extend(trailer.as_bytes());
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_and_size_through_the_services_equals_the_embedded_check() {
    let started = Instant::now();
    let mut pipeline = Pipeline::start(&[]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;

    let mut documents = every_form();
    let (_, small) = &documents[0];
    let large = padded_pdf(small, LARGE_PDF_BYTES);
    assert!(large.len() >= LARGE_PDF_BYTES - 1024, "{}", large.len());
    assert_eq!(
        budget_input::convert(&large).expect("the large PDF converts"),
        budget_input::convert(small).expect("the small PDF converts"),
        "the padding adds no text"
    );
    documents.push(("large.pdf".to_string(), large));
    // Both ways a document travels: inside the messages, and through the documents bucket.
    let inline = |bytes: &Vec<u8>| budget_service::documents::travels_inline(bytes.len());
    assert!(documents.iter().any(|(_, bytes)| inline(bytes)));
    assert!(documents.iter().any(|(_, bytes)| !inline(bytes)));
    let ids = assert_same_as_embedded(&client, &documents).await;

    // A document's bytes are kept only until its result is recorded.
    let js = async_nats::jetstream::new(client.clone());
    let bucket = Documents::open(&js, &Names::default())
        .await
        .expect("the documents bucket");
    for id in &ids {
        let info = bucket.info(id).await.expect("the bucket answers");
        assert!(info.is_none(), "the bytes of {id} are still stored");
    }
    // The large PDF again: a duplicate of a document already checked, whose bytes, uploaded
    // once more, are not kept.
    let (name, bytes) = documents.last().expect("the large PDF");
    let again = submit(&client, name, bytes.clone()).await;
    assert!(again.duplicate, "{again:?}");
    let info = bucket
        .info(&again.document_id)
        .await
        .expect("the bucket answers");
    assert!(info.is_none(), "a duplicate's bytes are still stored");

    // Over gRPC the bytes travel in the request, and ingest stores a larger document itself.
    let (name, small) = &documents[4];
    assert!(name.ends_with(".pdf"), "{name}");
    let bytes = padded_pdf(small, 2 * 1024 * 1024);
    let channel = common::channel(pipeline.grpc_ports["ingest"])
        .await
        .expect("ingest gRPC");
    let reply = pb::ingest_client::IngestClient::new(channel)
        .submit(pb::SourceDocument::new("grpc.pdf", "", bytes.clone()))
        .await
        .expect("Ingest.Submit")
        .into_inner();
    assert!(reply.rejected.is_none() && !reply.duplicate, "{reply:?}");
    let results = collect_results(
        &client,
        std::slice::from_ref(&reply.document_id),
        Duration::from_secs(60),
        Duration::ZERO,
    )
    .await;
    let result = results
        .into_iter()
        .find(|r| r.document_id == reply.document_id)
        .expect("a result for the gRPC submission");
    let report = report_of(result).unwrap_or_else(|e| panic!("grpc.pdf failed: {e}"));
    let served = budget_report::to_json(&report);
    assert_eq!(served, embedded_check("grpc.pdf", &bytes));
    assert!(pipeline.all_running());
    eprintln!("forms test took {:?}", started.elapsed());
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
