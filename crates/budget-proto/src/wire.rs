//! Wire-compatible views of pipeline messages that keep the (large) parsed document as encoded
//! bytes, so a service that only passes it along does not decode and re-encode it.
//!
//! Protobuf encodes an embedded message exactly like a `bytes` field holding its encoding, so
//! [`ParsedDocumentView`] reads a `ParsedDocument`, and [`ResultView`] writes a
//! `ReconciliationResult` byte for byte as the generated types do (tested below).

use bytes::Bytes;

use crate::pb;

/// A `ParsedDocument` whose `document` stays encoded.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ParsedDocumentView {
    #[prost(string, tag = "1")]
    pub document_id: String,
    #[prost(string, tag = "2")]
    pub source_name: String,
    /// The encoded `Document`.
    #[prost(bytes = "bytes", tag = "3")]
    pub document: Bytes,
}

/// A `Reconciliation` whose `document` stays encoded.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ReconciliationView {
    /// The encoded `Document`.
    #[prost(bytes = "bytes", tag = "1")]
    pub document: Bytes,
    #[prost(message, repeated, tag = "2")]
    pub findings: Vec<pb::Finding>,
    #[prost(message, optional, tag = "3")]
    pub coverage: Option<pb::NarrativeCoverage>,
}

/// A `ReconciliationResult` whose document stays encoded.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResultView {
    #[prost(string, tag = "1")]
    pub document_id: String,
    #[prost(string, tag = "2")]
    pub source_name: String,
    #[prost(enumeration = "pb::ReconciliationStatus", tag = "3")]
    pub status: i32,
    #[prost(string, optional, tag = "4")]
    pub failure_reason: Option<String>,
    #[prost(message, optional, tag = "5")]
    pub reconciliation: Option<ReconciliationView>,
}

impl ResultView {
    /// The OK result of a document given encoded, with its findings and the coverage of its
    /// narrative.
    pub fn ok(
        document_id: String,
        source_name: String,
        document: Bytes,
        findings: &[budget_model::Finding],
        coverage: &budget_model::NarrativeCoverage,
    ) -> ResultView {
        ResultView {
            document_id,
            source_name,
            status: pb::ReconciliationStatus::Ok.into(),
            failure_reason: None,
            reconciliation: Some(ReconciliationView {
                document,
                findings: findings.iter().map(pb::Finding::from).collect(),
                coverage: Some(pb::NarrativeCoverage::from(coverage)),
            }),
        }
    }
}

/// Only the identity of a `ReconciliationResult`; everything else is skipped unread.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResultHead {
    #[prost(string, tag = "1")]
    pub document_id: String,
    #[prost(string, tag = "2")]
    pub source_name: String,
    #[prost(enumeration = "pb::ReconciliationStatus", tag = "3")]
    pub status: i32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    fn sample() -> budget_model::Reconciliation {
        let text = "单位：万元\n| 项目 | 合计 | 基本支出 |\n|---|---|---|\n| 合计 | 3.00 | 1.00 |\n| 工资 | 1.00 | 1.00 |\n";
        let document = budget_parse::parse(text.as_bytes(), "a.txt").unwrap();
        budget_reconcile::reconciliation(document)
    }

    #[test]
    fn views_read_and_write_what_the_generated_types_do() {
        let reconciliation = sample();
        let parsed = pb::ParsedDocument {
            document_id: "abc".into(),
            source_name: "a.txt".into(),
            document: Some((&reconciliation.document).into()),
        };
        let view = ParsedDocumentView::decode(parsed.encode_to_vec().as_slice()).unwrap();
        assert_eq!(view.document_id, "abc");
        assert_eq!(
            pb::Document::decode(view.document.clone()).unwrap(),
            parsed.document.clone().unwrap()
        );

        let through_view = ResultView::ok(
            view.document_id,
            view.source_name,
            view.document,
            &reconciliation.findings,
            &reconciliation.coverage,
        )
        .encode_to_vec();
        let generated = pb::ReconciliationResult::ok_for("abc", "a.txt", &reconciliation);
        assert_eq!(through_view, generated.encode_to_vec());

        let head = ResultHead::decode(through_view.as_slice()).unwrap();
        assert_eq!(head.document_id, "abc");
        assert_eq!(head.status, pb::ReconciliationStatus::Ok as i32);
    }
}
