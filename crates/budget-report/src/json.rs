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
    format_value, Amount, Change, Claim, DocumentKind, DocumentPart, Evidence, Facts, Finding,
    Fund, Location, Measure, NarrativeCoverage, PageBox, Percent, Reconciliation, Row, Scope,
    Subject, Table, TableStatus, Unit,
};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// Renders one reconciled document as a JSON value (one line of the JSON Lines output).
pub fn to_json(r: &Reconciliation) -> Value {
    serde_json::to_value(Report::of(r)).unwrap_or(Value::Null)
}

/// One reconciled document as one line of JSON (no line break), written straight from the
/// document without building a [`Value`] first: what `--format json` prints.
pub fn json_line(r: &Reconciliation) -> serde_json::Result<String> {
    serde_json::to_string(&Report::of(r))
}

/// The report's shape: the fields in reading order, each as the schema prints it.
#[derive(Serialize)]
struct Report<'a> {
    document: DocumentJson<'a>,
    tables: Vec<TableJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    coverage: CoverageJson<'a>,
}

impl<'a> Report<'a> {
    fn of(r: &'a Reconciliation) -> Self {
        let doc = &r.document;
        Report {
            document: DocumentJson::of(doc),
            tables: doc.tables.iter().map(TableJson::of).collect(),
            claims: doc.claims.iter().map(ClaimJson::of).collect(),
            findings: r.findings.iter().map(FindingJson::of).collect(),
            coverage: CoverageJson::of(&r.coverage),
        }
    }
}

/// The narrative's figures, as indexes into `claims`: all of them, those a table cell describes,
/// those some rule compared, and the unresolved rest.
#[derive(Serialize)]
struct CoverageJson<'a> {
    figures: &'a [usize],
    resolved: &'a [usize],
    checked: &'a [usize],
    unresolved: Vec<usize>,
}

impl<'a> CoverageJson<'a> {
    fn of(c: &'a NarrativeCoverage) -> Self {
        CoverageJson {
            figures: &c.figures,
            resolved: &c.resolved,
            checked: &c.checked,
            unresolved: c.unresolved().collect(),
        }
    }
}

/// The facts, and the files of a publication read as one document (empty for one file).
#[derive(Serialize)]
struct DocumentJson<'a> {
    source: &'a str,
    entity: Option<&'a str>,
    entity_code: Option<&'a str>,
    year: Option<u16>,
    unit: Option<&'static str>,
    scope: Option<Scope>,
    kind: Option<&'static str>,
    parts: Vec<PartJson<'a>>,
    previous: Option<&'a str>,
}

impl<'a> DocumentJson<'a> {
    fn of(doc: &'a budget_model::Document) -> Self {
        let f: &Facts = &doc.facts;
        DocumentJson {
            source: &f.source,
            entity: f.entity.as_deref(),
            entity_code: f.entity_code.as_deref(),
            year: f.year,
            unit: f.unit.map(Unit::label),
            scope: f.scope,
            kind: f.kind.map(DocumentKind::as_str),
            parts: doc.parts.iter().map(PartJson::of).collect(),
            previous: doc.previous.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct PartJson<'a> {
    source: &'a str,
    holds: &'static str,
    first_line: usize,
    first_page: usize,
}

impl<'a> PartJson<'a> {
    fn of(p: &'a DocumentPart) -> Self {
        PartJson {
            source: &p.source,
            holds: p.holds.as_str(),
            first_line: p.first_line,
            first_page: p.first_page,
        }
    }
}

#[derive(Serialize)]
struct TableJson<'a> {
    kind: &'static str,
    title: &'a str,
    unit: &'static str,
    status: TableStatus,
    columns: Vec<&'a str>,
    rows: Vec<RowJson<'a>>,
}

impl<'a> TableJson<'a> {
    fn of(t: &'a Table) -> Self {
        TableJson {
            kind: t.kind.as_str(),
            title: &t.title,
            unit: t.unit.label(),
            status: t.status,
            columns: t.columns.iter().map(|c| c.name.as_str()).collect(),
            rows: t.rows.iter().map(|r| RowJson::of(r, t.unit)).collect(),
        }
    }
}

#[derive(Serialize)]
struct RowJson<'a> {
    code: Option<&'a str>,
    label: &'a str,
    values: Vec<Option<String>>,
    boxes: Vec<Option<BoxJson>>,
}

impl<'a> RowJson<'a> {
    fn of(r: &'a Row, unit: Unit) -> Self {
        RowJson {
            code: r.code.as_ref().map(|c| c.as_str()),
            label: &r.label,
            values: r
                .values
                .iter()
                .map(|v| v.as_ref().map(|a| cell_text(a, unit)))
                .collect(),
            boxes: r
                .boxes
                .iter()
                .map(|b| b.as_ref().map(BoxJson::of))
                .collect(),
        }
    }
}

/// A cell as a decimal string in the table's unit. Cells normally already carry the table's
/// unit; converting keeps the promise that `values` are in `unit` if a parser ever mixes them.
fn cell_text(a: &Amount, unit: Unit) -> String {
    let a = a.in_unit(unit);
    format_value(a.value, a.decimals)
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    subject: &'a Subject,
    subject_text: &'a str,
    amount: Option<AmountJson>,
    change: Option<ChangeJson>,
    share: Option<String>,
    share_of: Option<usize>,
    completion: Option<String>,
    sentence: &'a str,
    line: usize,
    start: usize,
    end: usize,
    measure: Measure,
    fund: Option<Fund>,
    part_of: Option<&'a Subject>,
    headings: &'a [String],
    bbox: Option<BoxJson>,
}

impl<'a> ClaimJson<'a> {
    fn of(c: &'a Claim) -> Self {
        ClaimJson {
            subject: &c.subject,
            subject_text: &c.subject_text,
            amount: c.amount.as_ref().map(AmountJson::of),
            change: c.change.as_ref().map(ChangeJson::of),
            share: c.share.as_ref().map(percent_text),
            share_of: c.share_of,
            completion: c.completion.as_ref().map(percent_text),
            sentence: &c.sentence,
            line: c.line,
            start: c.start,
            end: c.end,
            measure: c.measure,
            fund: c.fund,
            part_of: c.part_of.as_ref(),
            headings: &c.headings,
            bbox: c.bbox.as_ref().map(BoxJson::of),
        }
    }
}

/// Where a figure is printed: `{"page", "x0", "y0", "x1", "y1"}`, the page 1-based, the corners
/// in whole points from the page's top-left corner.
#[derive(Serialize)]
struct BoxJson {
    page: u32,
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

impl BoxJson {
    fn of(b: &PageBox) -> Self {
        BoxJson {
            page: b.page,
            x0: b.x0,
            y0: b.y0,
            x1: b.x1,
            y1: b.y1,
        }
    }
}

#[derive(Serialize)]
struct ChangeJson {
    direction: budget_model::Direction,
    amount: Option<AmountJson>,
    percent: Option<String>,
    percent_direction: Option<budget_model::Direction>,
    base: Option<AmountJson>,
}

impl ChangeJson {
    fn of(c: &Change) -> Self {
        ChangeJson {
            direction: c.direction,
            amount: c.amount.as_ref().map(AmountJson::of),
            percent: c.percent.as_ref().map(percent_text),
            percent_direction: c.percent_direction,
            base: c.base.as_ref().map(AmountJson::of),
        }
    }
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    location: LocationJson<'a>,
    expected: Option<AmountJson>,
    printed: Option<AmountJson>,
    difference: Option<DecimalJson>,
    tolerance: Option<DecimalJson>,
    source_text: &'a str,
    consequences: &'a [String],
    evidence: &'a [Evidence],
    related: Vec<LocationJson<'a>>,
}

impl<'a> FindingJson<'a> {
    fn of(f: &'a Finding) -> Self {
        let unit = f.printed.or(f.expected).map(|a| a.unit);
        FindingJson {
            rule: &f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            location: LocationJson::of(&f.location),
            expected: f.expected.as_ref().map(AmountJson::of),
            printed: f.printed.as_ref().map(AmountJson::of),
            difference: f.difference.map(|d| DecimalJson::of(d, unit)),
            tolerance: f.tolerance.map(|d| DecimalJson::of(d, unit)),
            source_text: &f.source_text,
            consequences: &f.consequences,
            evidence: &f.evidence,
            related: f.related.iter().map(LocationJson::of).collect(),
        }
    }
}

#[derive(Serialize)]
struct LocationJson<'a> {
    table_kind: Option<&'static str>,
    table_title: Option<&'a str>,
    row_code: Option<&'a str>,
    row_label: Option<&'a str>,
    column: Option<&'a str>,
    line: Option<usize>,
    page: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    bbox: Option<BoxJson>,
    cell: Option<&'a str>,
    file: Option<&'a str>,
}

impl<'a> LocationJson<'a> {
    fn of(l: &'a Location) -> Self {
        LocationJson {
            table_kind: l.table_kind.map(|k| k.as_str()),
            table_title: l.table_title.as_deref(),
            row_code: l.row_code.as_deref(),
            row_label: l.row_label.as_deref(),
            column: l.column.as_deref(),
            line: l.line,
            page: l.page,
            start: l.start,
            end: l.end,
            bbox: l.bbox.as_ref().map(BoxJson::of),
            cell: l.cell.as_deref(),
            file: l.file.as_deref(),
        }
    }
}

/// `{"value": "809.97", "unit": "万元"}`, the value with the decimals as printed.
#[derive(Serialize)]
pub(crate) struct AmountJson {
    value: String,
    unit: &'static str,
}

impl AmountJson {
    pub(crate) fn of(a: &Amount) -> Self {
        AmountJson {
            value: format_value(a.value, a.decimals),
            unit: a.unit.label(),
        }
    }
}

/// A computed quantity (difference, tolerance) in the same shape as an amount. It was not
/// printed, so it keeps its own decimals (trailing zeros dropped).
#[derive(Serialize)]
struct DecimalJson {
    value: String,
    unit: Option<&'static str>,
}

impl DecimalJson {
    fn of(d: Decimal, unit: Option<Unit>) -> Self {
        DecimalJson {
            value: decimal_text(d),
            unit: unit.map(Unit::label),
        }
    }
}

pub(crate) fn decimal_text(d: Decimal) -> String {
    d.normalize().to_string()
}

pub(crate) fn percent_text(p: &Percent) -> String {
    format_value(p.value, p.decimals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;
    use serde_json::json;

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
