//! The JSON report: one object per document, the schema documented in README.md.
//!
//! Choices that keep the schema stable and lossless:
//! * every key is always present; absent values are `null` (lists are `[]`), so consumers never
//!   have to guess whether a key was forgotten or empty;
//! * amounts are objects `{"value": "809.97", "unit": "万元"}`; the value is a decimal string
//!   printed with exactly the decimals the document printed (never a float), the unit is `元` or
//!   `万元`;
//! * table cells are bare decimal strings in the table's unit (the unit is on the table).

use budget_model::{
    format_value, Amount, Change, Claim, DocumentKind, Facts, Finding, Location, NarrativeCoverage,
    PageBox, Percent, Reconciliation, Row, Table, Unit,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Renders one reconciled document as a JSON value (one line of the JSON Lines output).
pub fn to_json(r: &Reconciliation) -> Value {
    let doc = &r.document;
    json!({
        "document": document_json(doc),
        "tables": doc.tables.iter().map(table_json).collect::<Vec<_>>(),
        "claims": doc.claims.iter().map(claim_json).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "coverage": coverage_json(&r.coverage),
    })
}

/// The narrative's figures, as indexes into `claims`: all of them, those a table cell describes,
/// those some rule compared, and the unresolved rest.
fn coverage_json(c: &NarrativeCoverage) -> Value {
    json!({
        "figures": c.figures,
        "resolved": c.resolved,
        "checked": c.checked,
        "unresolved": c.unresolved().collect::<Vec<_>>(),
    })
}

/// The facts, and the files of a publication read as one document (empty for one file).
fn document_json(doc: &budget_model::Document) -> Value {
    let mut value = facts_json(&doc.facts);
    value["parts"] = doc
        .parts
        .iter()
        .map(|p| {
            json!({
                "source": p.source,
                "holds": p.holds.as_str(),
                "first_line": p.first_line,
                "first_page": p.first_page,
            })
        })
        .collect();
    value["previous"] = json!(doc.previous);
    value
}

fn facts_json(f: &Facts) -> Value {
    json!({
        "source": f.source,
        "entity": f.entity,
        "entity_code": f.entity_code,
        "year": f.year,
        "unit": f.unit.map(Unit::label),
        "scope": f.scope.map(to_value),
        "kind": f.kind.map(DocumentKind::as_str),
    })
}

fn table_json(t: &Table) -> Value {
    json!({
        "kind": t.kind.as_str(),
        "title": t.title,
        "unit": t.unit.label(),
        "status": to_value(t.status),
        "columns": t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        "rows": t.rows.iter().map(|r| row_json(r, t.unit)).collect::<Vec<_>>(),
    })
}

fn row_json(r: &Row, unit: Unit) -> Value {
    let values: Vec<Value> = r
        .values
        .iter()
        .map(|v| match v {
            Some(a) => Value::String(cell_text(a, unit)),
            None => Value::Null,
        })
        .collect();
    json!({
        "code": r.code.as_ref().map(|c| c.as_str()),
        "label": r.label,
        "values": values,
        "boxes": r.boxes.iter().map(|b| b.as_ref().map(box_json)).collect::<Vec<_>>(),
    })
}

/// A cell as a decimal string in the table's unit. Cells normally already carry the table's
/// unit; converting keeps the promise that `values` are in `unit` if a parser ever mixes them.
fn cell_text(a: &Amount, unit: Unit) -> String {
    let a = a.in_unit(unit);
    format_value(a.value, a.decimals)
}

fn claim_json(c: &Claim) -> Value {
    json!({
        "subject": to_value(&c.subject),
        "subject_text": c.subject_text,
        "amount": c.amount.as_ref().map(amount_json),
        "change": c.change.as_ref().map(change_json),
        "share": c.share.as_ref().map(percent_text),
        "share_of": c.share_of,
        "completion": c.completion.as_ref().map(percent_text),
        "sentence": c.sentence,
        "line": c.line,
        "start": c.start,
        "end": c.end,
        "measure": to_value(c.measure),
        "fund": c.fund.map(to_value),
        "part_of": c.part_of.as_ref().map(to_value),
        "headings": c.headings,
        "bbox": c.bbox.as_ref().map(box_json),
    })
}

/// Where a figure is printed: `{"page", "x0", "y0", "x1", "y1"}`, the page 1-based, the corners
/// in whole points from the page's top-left corner.
fn box_json(b: &PageBox) -> Value {
    json!({"page": b.page, "x0": b.x0, "y0": b.y0, "x1": b.x1, "y1": b.y1})
}

fn change_json(c: &Change) -> Value {
    json!({
        "direction": to_value(c.direction),
        "amount": c.amount.as_ref().map(amount_json),
        "percent": c.percent.as_ref().map(percent_text),
        "percent_direction": c.percent_direction.map(to_value),
        "base": c.base.as_ref().map(amount_json),
    })
}

fn finding_json(f: &Finding) -> Value {
    let unit = f.printed.or(f.expected).map(|a| a.unit);
    json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.message,
        "location": location_json(&f.location),
        "expected": f.expected.as_ref().map(amount_json),
        "printed": f.printed.as_ref().map(amount_json),
        "difference": f.difference.map(|d| decimal_json(d, unit)),
        "tolerance": f.tolerance.map(|d| decimal_json(d, unit)),
        "source_text": f.source_text,
        "consequences": f.consequences,
        "evidence": f.evidence,
        "related": f.related.iter().map(location_json).collect::<Vec<_>>(),
    })
}

fn location_json(l: &Location) -> Value {
    json!({
        "table_kind": l.table_kind.map(|k| k.as_str()),
        "table_title": l.table_title,
        "row_code": l.row_code,
        "row_label": l.row_label,
        "column": l.column,
        "line": l.line,
        "page": l.page,
        "start": l.start,
        "end": l.end,
        "bbox": l.bbox.as_ref().map(box_json),
        "cell": l.cell,
        "file": l.file,
    })
}

/// `{"value": "809.97", "unit": "万元"}`, the value with the decimals as printed.
pub(crate) fn amount_json(a: &Amount) -> Value {
    json!({
        "value": format_value(a.value, a.decimals),
        "unit": a.unit.label(),
    })
}

/// A computed quantity (difference, tolerance) in the same shape as an amount. It was not
/// printed, so it keeps its own decimals (trailing zeros dropped).
fn decimal_json(d: Decimal, unit: Option<Unit>) -> Value {
    json!({
        "value": decimal_text(d),
        "unit": unit.map(Unit::label),
    })
}

pub(crate) fn decimal_text(d: Decimal) -> String {
    d.normalize().to_string()
}

pub(crate) fn percent_text(p: &Percent) -> String {
    format_value(p.value, p.decimals)
}

/// The serde name of a model enum (`"department"`, `"parsed"`); the model's own serde
/// attributes are the single source of these names.
fn to_value<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn has_exactly_the_top_level_keys_in_reading_order() {
        let v = to_json(&sample());
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(
            keys,
            ["document", "tables", "claims", "findings", "coverage"]
        );
        assert_eq!(
            v["coverage"],
            json!({"figures": [0], "resolved": [], "checked": [0], "unresolved": [0]})
        );
        let doc: Vec<&str> = v["document"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let expected = [
            "source",
            "entity",
            "entity_code",
            "year",
            "unit",
            "scope",
            "kind",
            "parts",
            "previous",
        ];
        assert_eq!(doc, expected);
    }

    #[test]
    fn document_facts_are_plain_values() {
        let v = to_json(&sample());
        assert_eq!(
            v["document"],
            json!({
                "source": "samples/x.txt",
                "entity": "南昌市医疗保障服务中心",
                "entity_code": "123001",
                "year": 2024,
                "unit": "万元",
                "scope": "unit",
                "kind": "budget",
                "parts": [],
                "previous": null,
            })
        );
    }

    #[test]
    fn table_cells_keep_printed_decimals_and_blanks_are_null() {
        let v = to_json(&sample());
        let t = &v["tables"][0];
        assert_eq!(t["kind"], "expenditure_summary");
        assert_eq!(t["title"], "部门支出总表");
        assert_eq!(t["unit"], "万元");
        assert_eq!(t["status"], "parsed");
        assert_eq!(t["columns"], json!(["合计", "基本支出", "项目支出"]));
        assert_eq!(
            t["rows"][0],
            json!({"code": null, "label": "合计", "values": ["812.17", "700.10", "112.00"], "boxes": []})
        );
        assert_eq!(
            t["rows"][1],
            json!({"code": "208", "label": "社会保障和就业支出", "values": ["12.00", "12.00", null], "boxes": []})
        );
    }

    #[test]
    fn finding_amounts_are_objects_with_unit() {
        let v = to_json(&sample());
        let f = &v["findings"][0];
        assert_eq!(f["rule"], "SUM-ROWS");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["expected"], json!({"value": "812.07", "unit": "万元"}));
        assert_eq!(f["printed"], json!({"value": "812.17", "unit": "万元"}));
        assert_eq!(f["difference"], json!({"value": "0.1", "unit": "万元"}));
        assert_eq!(f["tolerance"], json!({"value": "0.015", "unit": "万元"}));
        assert_eq!(f["consequences"], json!(["XT-T5-T6 合计 differs too"]));
        assert_eq!(
            f["evidence"],
            json!([{"type": "cell", "table": 0, "row": 0, "column": 0}, {"type": "row", "table": 0, "row": 1}])
        );
    }

    #[test]
    fn location_lists_every_key_even_when_absent() {
        let v = to_json(&sample());
        let loc = v["findings"][0]["location"].as_object().unwrap();
        let keys = [
            "table_kind",
            "table_title",
            "row_code",
            "row_label",
            "column",
            "line",
            "page",
            "start",
            "end",
            "bbox",
            "cell",
            "file",
        ];
        assert_eq!(loc.len(), keys.len());
        for k in keys {
            assert!(loc.contains_key(k), "{k}");
        }
        assert_eq!(loc["table_kind"], "expenditure_summary");
        assert_eq!(loc["start"], Value::Null);
        let narrative = &v["findings"][1];
        assert_eq!(narrative["expected"], Value::Null);
        assert_eq!(narrative["consequences"], json!([]));
    }

    #[test]
    fn claims_keep_subject_amount_change_and_share() {
        let v = to_json(&sample());
        let c = &v["claims"][0];
        assert_eq!(c["subject"], json!({"type": "total", "value": "income"}));
        assert_eq!(c["amount"], json!({"value": "812.07", "unit": "万元"}));
        assert_eq!(
            c["change"],
            json!({"direction": "decrease", "amount": {"value": "131.10", "unit": "万元"}, "percent": "13.9", "percent_direction": null, "base": null})
        );
        assert_eq!(c["share"], Value::Null);
        assert_eq!(c["line"], 12);
    }

    #[test]
    fn is_one_line_when_serialized() {
        let line = serde_json::to_string(&to_json(&sample())).unwrap();
        assert!(!line.contains('\n'));
    }
}
