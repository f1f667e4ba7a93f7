//! The report service's HTML pages, on a real nats-server with the four services: the page of a
//! sample is the HTML report of its result, a document that failed says why, the front page
//! links both, an unknown id is a 404, and every page forbids scripts. (The pipeline keeps its
//! hand-over streams in memory here.)

mod common;

use std::time::Duration;

use async_nats::jetstream::stream::StorageType;
use budget_proto::Outcome;
use common::{collect_results, submit, Pipeline};

/// Several narrative errors, one of them 936760 printed as 万元 for 元.
const SAMPLE_004: usize = 3;

/// The status line, headers and body of `GET http://127.0.0.1:<port><path>`.
async fn fetch(port: u16, path: &str) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("the report service listens");
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .expect("an answer within 10 s")
        .expect("read");
    let response = String::from_utf8(response).expect("UTF-8");
    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    (head.to_string(), body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_service_serves_the_html_report_of_each_result() {
    // This pipeline also runs with its hand-over streams in memory (the others on file).
    let mut pipeline = Pipeline::start(&["--handover-storage", "memory"]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let port = pipeline.metrics_ports["report"];
    let js = async_nats::jetstream::new(client.clone());
    for (stream, storage) in [
        ("BUDGET_PARSED", StorageType::Memory),
        ("BUDGET_RECONCILED", StorageType::Memory),
        ("BUDGET_INGEST", StorageType::File),
    ] {
        let mut stream = js.get_stream(stream).await.expect("the stream exists");
        let info = stream.info().await.expect("stream info");
        assert_eq!(info.config.storage, storage, "{}", info.config.name);
    }

    let (name, bytes) = common::samples().swap_remove(SAMPLE_004);
    let sample_id = submit(&client, &name, bytes).await.document_id;
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let junk_id = submit(&client, "junk.bin", junk).await.document_id;
    let ids = [sample_id.clone(), junk_id.clone()];
    let results = collect_results(&client, &ids, Duration::from_secs(60), Duration::ZERO).await;
    let stored = results
        .into_iter()
        .find(|r| r.document_id == sample_id)
        .expect("the sample's result");
    let Ok(Outcome::Ok(reconciliation)) = stored.outcome() else {
        panic!("the sample was reconciled");
    };

    let (head, page) = fetch(port, &format!("/documents/{sample_id}")).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert_eq!(page, budget_report::to_html(&reconciliation));
    assert!(page.contains("麟游县医疗保障局"));
    assert!(page.contains("<mark>936760</mark>"), "{page}");

    // The junk document's result may arrive after the sample's: poll its page.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let failed = loop {
        let (head, body) = fetch(port, &format!("/documents/{junk_id}")).await;
        if head.starts_with("HTTP/1.1 200") {
            break body;
        }
        assert!(tokio::time::Instant::now() < deadline, "{head}\n{body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(failed.contains("junk.bin"), "{failed}");
    assert!(failed.contains("could not be checked"), "{failed}");

    let (_, front) = fetch(port, "/").await;
    assert!(
        front.contains(&format!(
            "<a href=\"documents/{sample_id}\">麟游县医疗保障局"
        )),
        "{front}"
    );
    assert!(
        front.contains(&format!("<a href=\"documents/{junk_id}\">junk.bin</a>")),
        "{front}"
    );

    let (head, _) = fetch(port, "/documents/no-such-document").await;
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(pipeline.all_running());
}
