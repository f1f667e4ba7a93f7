//! The report renderers on the four real samples: parse → reconcile → render, checked against
//! the parsed model (the renderer must neither lose nor alter a figure) and the terminal width.

use budget_model::{Amount, Reconciliation};
use serde_json::Value;

const SAMPLES: [(&str, &str); 4] = [
    ("000_ae56c58d42acd4fc.txt", "南昌市医疗保障服务中心"),
    ("002_a82d126008b6a810.txt", "赣州市医疗保障局"),
    ("003_da13a1aa64cf934e.txt", "安阳市社会医疗保险中心"),
    ("004_564002215bad1a4c.txt", "麟游县医疗保障局"),
];

fn reconciled(name: &str) -> Reconciliation {
    let path = format!("{}/../shared/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let document =
        budget_parse::parse(&bytes, name).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    budget_reconcile::reconciliation(document)
}

#[test]
fn text_report_of_each_sample_fits_80_columns_and_names_the_entity() {
    for (name, entity) in SAMPLES {
        let text = budget_report::to_text(&reconciled(name));
        assert!(text.contains(entity), "{name}");
        for line in text.lines() {
            let width = budget_report::display_width(line);
            assert!(width <= 80, "{name}: {width} columns: {line}");
        }
    }
}

#[test]
fn json_cells_are_the_parsed_amounts_with_their_decimals() {
    for (name, _) in SAMPLES {
        let r = reconciled(name);
        let json = budget_report::to_json(&r);
        let tables = json["tables"].as_array().expect("tables");
        assert_eq!(tables.len(), r.document.tables.len(), "{name}");
        for (t, jt) in r.document.tables.iter().zip(tables) {
            for (row, jr) in t.rows.iter().zip(jt["rows"].as_array().expect("rows")) {
                let values = jr["values"].as_array().expect("values");
                assert_eq!(values.len(), row.values.len(), "{name}: {}", row.source);
                for (v, jv) in row.values.iter().zip(values) {
                    assert_cell(v.as_ref(), jv, t.unit, &row.source);
                }
            }
        }
    }
}

fn assert_cell(v: Option<&Amount>, jv: &Value, unit: budget_model::Unit, source: &str) {
    match (v, jv.as_str()) {
        (None, _) => assert!(jv.is_null(), "{source}"),
        (Some(a), Some(text)) => {
            let back = Amount::parse(text, unit).ok().flatten();
            let a = a.in_unit(unit);
            assert_eq!(
                back.map(|b| (b.value, b.decimals)),
                Some((a.value, a.decimals)),
                "{source}"
            );
        }
        (Some(_), None) => panic!("{source}: cell is not a string: {jv}"),
    }
}

#[test]
fn json_findings_count_matches_the_reconciliation() {
    for (name, _) in SAMPLES {
        let r = reconciled(name);
        let json = budget_report::to_json(&r);
        assert_eq!(json["document"]["source"], name);
        let findings = json["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), r.findings.len(), "{name}");
        let claims = json["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), r.document.claims.len(), "{name}");
    }
}

/// A finding's message and its detail lines print the same difference and tolerance (one
/// formatter, at the printed figure's precision): `差 X万元，容差 ±T万元` in the message,
/// `difference X万元, tolerance T万元` under it. Every finding of the samples and of small
/// documents with a difference beyond and within rounding.
#[test]
fn message_and_details_agree_on_every_sample_finding() {
    let made = [
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t100.00\n201\t一般公共服务支出\t60.00\n202\t外交支出\t43.00\n",
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t100\n201\t一般公共服务支出\t60.4\n202\t外交支出\t40.4\n",
    ];
    let mut reports: Vec<Reconciliation> =
        SAMPLES.iter().map(|(name, _)| reconciled(name)).collect();
    reports.extend(
        made.iter().map(|text| {
            budget_reconcile::reconciliation(budget_parse::parse_text(text, "made.txt"))
        }),
    );
    let mut compared = 0;
    for r in &reports {
        let text = budget_report::to_text(r);
        let flat = text.split_whitespace().collect::<String>();
        for f in r.findings.iter().filter(|f| f.difference.is_some()) {
            let Some((difference, tolerance)) = stated(&f.message) else {
                continue;
            };
            let detail = format!("difference{difference},tolerance{tolerance}");
            assert!(
                flat.contains(&detail),
                "{}: {detail} not in\n{text}",
                f.message
            );
            compared += 1;
        }
    }
    assert!(compared >= 5, "only {compared} findings compared");
}

/// The `差 X，容差 ±T` of a message, without spaces.
fn stated(message: &str) -> Option<(String, String)> {
    let (_, rest) = message.split_once("（差 ")?;
    let (difference, rest) = rest.split_once("，容差 ±")?;
    let (tolerance, _) = rest.split_once('）')?;
    Some((difference.replace(' ', ""), tolerance.replace(' ', "")))
}

/// The two sides of a 收支总表 both print 预算数 (or 金额): in the JSON report each column keeps
/// its side in its name, as a finding's location does.
#[test]
fn json_columns_of_side_by_side_summaries_name_their_side() {
    let mut seen = 0;
    for (name, _) in SAMPLES {
        let json = budget_report::to_json(&reconciled(name));
        let tables = json["tables"].as_array().expect("tables");
        for table in tables
            .iter()
            .filter(|t| t["kind"] == "income_expenditure_summary")
        {
            let columns: Vec<&str> = table["columns"]
                .as_array()
                .expect("columns")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(columns.len(), 2, "{name}: {columns:?}");
            assert!(columns[0].starts_with("收入/"), "{name}: {columns:?}");
            assert!(columns[1].starts_with("支出/"), "{name}: {columns:?}");
            seen += 1;
        }
    }
    assert!(seen >= 2, "the samples hold side-by-side summaries");
}
