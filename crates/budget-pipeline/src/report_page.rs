//! The report service's pages for people, on its HTTP port next to `/metrics`:
//!
//! * `/`: the most recent results, newest first, each linking to its report;
//! * `/documents/<id>`: the HTML report of one document (the same page as
//!   `budget-audit check --format html`), or why it could not be checked.
//!
//! Pages are rendered from the results bucket on each request. They carry no script, and the
//! `Content-Security-Policy` header forbids any, so nothing printed in a document can run.

use async_nats::jetstream::kv;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use budget_proto::{pb, Outcome};
use budget_report::IndexEntry;
use prost::Message as _;

/// How many results the front page lists.
const RECENT: usize = 100;
/// Inline styles only: no script, no other origin.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The routes of the pages, reading results from `bucket`.
pub fn routes(bucket: kv::Store) -> Router {
    Router::new()
        .route("/", get(front_page))
        .route("/documents/:id", get(document_page))
        .with_state(bucket)
}

async fn front_page(State(bucket): State<kv::Store>) -> Response {
    match crate::report::recent(&bucket, RECENT).await {
        Ok(results) => {
            let entries: Vec<IndexEntry> = results.into_iter().map(index_entry).collect();
            page(
                StatusCode::OK,
                budget_report::index_html("最近的结果 / recent results", &entries),
            )
        }
        Err(e) => unavailable(&format!("{e:#}")),
    }
}

async fn document_page(State(bucket): State<kv::Store>, Path(id): Path<String>) -> Response {
    let value = match bucket.get(&id).await {
        Ok(Some(value)) => value,
        Ok(None) => return not_found(&id),
        Err(e) => return unavailable(&e.to_string()),
    };
    let html = match pb::ReconciliationResult::decode(value) {
        Ok(result) => result_page(result),
        Err(e) => budget_report::failed_html(&id, &format!("the stored result is unreadable: {e}")),
    };
    page(StatusCode::OK, html)
}

/// The report of a result, or the page saying why there is none.
fn result_page(result: pb::ReconciliationResult) -> String {
    let source = display_name(&result);
    match result.outcome() {
        Ok(Outcome::Ok(reconciliation)) => budget_report::to_html(&reconciliation),
        Ok(Outcome::Failed(reason)) => budget_report::failed_html(&source, &reason),
        Err(e) => {
            budget_report::failed_html(&source, &format!("the stored result is invalid: {e}"))
        }
    }
}

fn index_entry(result: pb::ReconciliationResult) -> IndexEntry {
    let href = format!("documents/{}", result.document_id);
    let source = display_name(&result);
    match result.outcome() {
        Ok(Outcome::Ok(reconciliation)) => IndexEntry::checked(href, &reconciliation),
        Ok(Outcome::Failed(reason)) => IndexEntry::failed(href, source, reason),
        Err(e) => IndexEntry::failed(href, source, format!("the stored result is invalid: {e}")),
    }
}

/// The submitted file name, or the document id when it was not given.
fn display_name(result: &pb::ReconciliationResult) -> String {
    if result.source_name.is_empty() {
        result.document_id.clone()
    } else {
        result.source_name.clone()
    }
}

fn not_found(id: &str) -> Response {
    let html = budget_report::failed_html(id, "no result for this document id (yet)");
    page(StatusCode::NOT_FOUND, html)
}

fn unavailable(reason: &str) -> Response {
    let html = budget_report::failed_html("results", &format!("cannot read the results: {reason}"));
    page(StatusCode::SERVICE_UNAVAILABLE, html)
}

fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    response
}
