//! Model → message → bytes → message → model gives back the model, for documents, findings and
//! results built with every optional field set and with none set.

use std::str::FromStr;

use budget_model::{
    Amount, Change, Claim, Classification, Code, Column, ColumnRole, ContentsEntry, Direction,
    Document, DocumentKind, DocumentPart, Evidence, Facts, Finding, Fund, LabelPart, Location,
    Measure, NarrativeCoverage, PageBox, PartHolds, Percent, Reconciliation, Residue, ResidueKind,
    Row, RowRole, Scope, Section, Severity, SheetLine, Side, Subject, Table, TableKind,
    TableStatus, Term, ThreePublicItem, TotalKind, Unit,
};
use budget_proto::{
    decode_document, decode_finding, decode_reconciliation, decode_reconciliation_result,
    encode_document, encode_finding, encode_reconciliation, encode_reconciliation_result, pb,
    Outcome,
};
use prost::Message;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn wan(s: &str) -> Amount {
    let decimals = s.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Amount::new(d(s), Unit::WanYuan, decimals)
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn expenditure() -> Section {
    Section {
        side: Side::Expenditure,
        scheme: Some(Classification::DeptEconomic),
        name: "支出经济分类".into(),
    }
}

/// Every optional field set, every enum of the model used at least once.
fn full_document() -> Document {
    let columns = vec![
        Column {
            name: "合计".into(),
            role: ColumnRole::Total,
            section: Some(expenditure()),
        },
        Column {
            name: "基本支出".into(),
            role: ColumnRole::Basic,
            section: Some(Section {
                side: Side::Income,
                scheme: None,
                name: "收入".into(),
            }),
        },
        Column {
            name: "项目支出".into(),
            role: ColumnRole::Project,
            section: None,
        },
    ];
    let rows = vec![
        Row {
            boxes: vec![Some(page_box(7)), None, None, None],
            code: Some(code("208")),
            label: "社会保障和就业支出".into(),
            values: vec![
                Some(wan("809.97")),
                None,
                Some(wan("-3.2")),
                Some(wan("350").with_precision(2)),
            ],
            section: Some(expenditure()),
            role: RowRole::Heading,
            list_level: Some(2),
            outline: Some(1),
            fund: Some(Fund::GovernmentFund),
            parts: vec![LabelPart {
                text: "年度资金总额".into(),
                terms: vec![Term::Funds, Term::AnnualFunds],
            }],
            line: 42,
            source: "208 社会保障和就业支出 809.97  -3.2".into(),
        },
        Row {
            boxes: Vec::new(),
            code: Some(code("2080505")),
            label: "机关事业单位基本养老保险缴费支出".into(),
            values: vec![Some(Amount::new(d("936760.00"), Unit::Yuan, 2))],
            section: None,
            role: RowRole::Item,
            list_level: None,
            outline: None,
            fund: None,
            parts: Vec::new(),
            line: 43,
            source: "2080505 ... 936,760.00".into(),
        },
    ];
    let table = Table {
        kind: TableKind::ExpenditureSummary,
        title: "部门支出总表".into(),
        unit: Unit::WanYuan,
        status: TableStatus::Parsed,
        columns,
        rows,
        lines: (40, 60),
        note: Some("本表无数据".into()),
    };
    let empty_table = Table {
        kind: TableKind::GovernmentFundExpenditure,
        title: "政府性基金预算支出表".into(),
        unit: Unit::Yuan,
        status: TableStatus::Empty,
        columns: vec![],
        rows: vec![],
        lines: (61, 62),
        note: Some("本部门无政府性基金收支".into()),
    };
    let claim = Claim {
        bbox: None,
        subject: Subject::Total(TotalKind::Income),
        subject_text: "收入预算总额".into(),
        amount: Some(wan("812.07")),
        change: Some(Change {
            direction: Direction::Decrease,
            amount: Some(wan("131.10")),
            percent: Some(Percent {
                value: d("13.9"),
                decimals: 1,
            }),
            percent_direction: Some(Direction::Decrease),
            base: Some(wan("943.17")),
        }),
        share: Some(Percent {
            value: d("7.98"),
            decimals: 2,
        }),
        sentence: "收入预算总额为812.07万元，较上年减少131.10万元，下降13.9%".into(),
        start: 1234,
        end: 1270,
        line: 12,
        headings: vec!["收支预算总体情况".into()],
        measure: Measure::InitialBudget,
        fund: Some(Fund::GeneralBudget),
        part_of: Some(Subject::Total(TotalKind::Basic)),
        share_of: Some(3),
        completion: Some(Percent {
            value: "118.28".parse().expect("a decimal"),
            decimals: 2,
        }),
    };
    let mut claims = vec![claim.clone()];
    for subject in [
        Subject::Code(code("2101599")),
        Subject::ThreePublic(ThreePublicItem::VehicleOperation),
        Subject::Other("培训费".into()),
        Subject::Count(budget_model::Count {
            noun: "项目".into(),
            count: 4,
        }),
    ] {
        claims.push(Claim {
            subject,
            ..claim.clone()
        });
    }
    Document {
        facts: Facts {
            source: "000_ae56c58d42acd4fc.txt".into(),
            entity: Some("赣州市医疗保障局".into()),
            entity_code: Some("313002".into()),
            year: Some(2024),
            unit: Some(Unit::WanYuan),
            scope: Some(Scope::Department),
            kind: Some(DocumentKind::FinalAccounts),
        },
        contents: vec![
            ContentsEntry {
                title: "政府性基金预算支出表".into(),
                kind: Some(TableKind::GovernmentFundExpenditure),
                declared_empty: true,
                empty_reason: Some("无政府性基金收支".into()),
            },
            ContentsEntry {
                title: "部门支出总表".into(),
                kind: Some(TableKind::ExpenditureSummary),
                declared_empty: false,
                empty_reason: None,
            },
        ],
        tables: vec![table, empty_table],
        claims,
        page_breaks: vec![30, 95],
        residue: vec![Residue {
            kind: ResidueKind::ForeignYear,
            text: "2023年".into(),
            source: "一、2023年部门预算情况说明".into(),
            line: 12,
            start: 340,
            end: 345,
            year: Some(2023),
        }],
        sheet_lines: vec![SheetLine {
            line: 7,
            sheet: "收入总表".into(),
            row: 6,
            first_column: 1,
        }],
        parts: vec![
            DocumentPart {
                source: "x-text.pdf".into(),
                holds: PartHolds::Narrative,
                first_line: 1,
                first_page: 1,
                first_char: 0,
            },
            DocumentPart {
                source: "x-tables.pdf".into(),
                holds: PartHolds::Tables,
                first_line: 120,
                first_page: 9,
                first_char: 4321,
            },
        ],
        previous: Some("x-2023.pdf".into()),
    }
}

/// No optional field set, no repeated field filled.
fn bare_document() -> Document {
    Document {
        facts: Facts::default(),
        contents: vec![ContentsEntry {
            title: String::new(),
            kind: None,
            declared_empty: false,
            empty_reason: None,
        }],
        tables: vec![Table {
            kind: TableKind::Other,
            title: String::new(),
            unit: Unit::Yuan,
            status: TableStatus::Unparsed,
            columns: vec![Column {
                name: String::new(),
                role: ColumnRole::Other,
                section: None,
            }],
            rows: vec![Row {
                boxes: Vec::new(),
                code: None,
                label: String::new(),
                values: vec![None, None],
                section: None,
                role: RowRole::Item,
                list_level: None,
                outline: None,
                fund: None,
                parts: Vec::new(),
                line: 0,
                source: String::new(),
            }],
            lines: (0, 0),
            note: None,
        }],
        claims: vec![Claim {
            bbox: None,
            subject: Subject::Other(String::new()),
            subject_text: String::new(),
            amount: None,
            change: Some(Change {
                direction: Direction::Unchanged,
                amount: None,
                percent: None,
                percent_direction: None,
                base: None,
            }),
            share: None,
            sentence: String::new(),
            start: 0,
            end: 0,
            line: 0,
            headings: Vec::new(),
            measure: Measure::Budget,
            fund: None,
            part_of: None,
            share_of: None,
            completion: None,
        }],
        page_breaks: Vec::new(),
        residue: vec![Residue {
            kind: ResidueKind::Placeholder,
            text: String::new(),
            source: String::new(),
            line: 0,
            start: 0,
            end: 0,
            year: None,
        }],
        sheet_lines: vec![SheetLine {
            line: 0,
            sheet: String::new(),
            row: 0,
            first_column: 0,
        }],
        parts: vec![DocumentPart {
            source: String::new(),
            holds: PartHolds::Neither,
            first_line: 0,
            first_page: 0,
            first_char: 0,
        }],
        previous: Some(String::new()),
    }
}

/// A box on page `page`, as a PDF's cell is placed.
fn page_box(page: u32) -> PageBox {
    PageBox {
        page,
        x0: 310,
        y0: 212,
        x1: 352,
        y1: 224,
    }
}

fn full_finding() -> Finding {
    Finding {
        rule: "SUM-ROWS".into(),
        severity: Severity::Error,
        message: "合计 does not equal the sum of its 类 rows".into(),
        location: Location {
            bbox: Some(page_box(7)),
            table_kind: Some(TableKind::ExpenditureSummary),
            table_title: Some("部门支出总表".into()),
            row_code: Some("208".into()),
            row_label: Some("社会保障和就业支出".into()),
            column: Some("合计".into()),
            line: Some(42),
            start: Some(1234),
            end: Some(1270),
            page: Some(2),
            cell: Some("收入总表!B7".into()),
            file: Some("x-tables.pdf".into()),
        },
        expected: Some(wan("809.95")),
        printed: Some(wan("809.97")),
        difference: Some(d("0.02")),
        tolerance: Some(d("0.005")),
        source_text: "208 社会保障和就业支出 809.97".into(),
        consequences: vec!["XT-T5-T6 on 208".into(), "NARR-YOY".into()],
        evidence: vec![
            Evidence::Cell {
                table: 1,
                row: 4,
                column: 0,
            },
            Evidence::Row { table: 2, row: 7 },
            Evidence::Table { table: 3 },
            Evidence::Claim { claim: 5 },
        ],
        related: vec![Location {
            file: Some("x-2023.pdf".into()),
            table_title: Some("部门支出总表".into()),
            line: Some(40),
            ..Location::default()
        }],
    }
}

fn bare_finding() -> Finding {
    Finding {
        rule: String::new(),
        severity: Severity::Info,
        message: String::new(),
        location: Location::default(),
        expected: None,
        printed: None,
        difference: None,
        tolerance: None,
        source_text: String::new(),
        consequences: vec![],
        evidence: vec![],
        related: vec![Location::default()],
    }
}

#[test]
fn document_with_every_optional_field_round_trips() {
    let doc = full_document();
    let bytes = encode_document(&doc);
    assert_eq!(decode_document(&bytes).unwrap(), doc);
    // Through the message type explicitly, as a service does.
    let msg = pb::Document::decode(pb::Document::from(&doc).encode_to_vec().as_slice()).unwrap();
    assert_eq!(Document::try_from(msg).unwrap(), doc);
}

#[test]
fn document_with_no_optional_field_round_trips() {
    let doc = bare_document();
    assert_eq!(decode_document(&encode_document(&doc)).unwrap(), doc);
    let msg = pb::Document::from(&doc);
    let facts = msg.facts.as_ref().unwrap();
    assert_eq!((facts.year, facts.unit, facts.scope), (None, None, None));
    assert!(msg.tables[0].rows[0]
        .values
        .iter()
        .all(|c| c.amount.is_none()));
}

#[test]
fn finding_with_every_optional_field_round_trips() {
    let finding = full_finding();
    assert_eq!(decode_finding(&encode_finding(&finding)).unwrap(), finding);
    let msg = pb::Finding::from(&finding);
    assert_eq!(msg.difference.as_deref(), Some("0.02"));
    assert_eq!(msg.tolerance.as_deref(), Some("0.005"));
    assert_eq!(msg.printed.unwrap().value, "809.97");
}

#[test]
fn finding_with_no_optional_field_round_trips() {
    let finding = bare_finding();
    assert_eq!(decode_finding(&encode_finding(&finding)).unwrap(), finding);
}

#[test]
fn reconciliation_round_trips() {
    let r = Reconciliation {
        document: full_document(),
        findings: vec![full_finding(), bare_finding()],
        coverage: NarrativeCoverage {
            figures: vec![0, 1, 2],
            resolved: vec![0, 2],
            checked: vec![2],
        },
    };
    assert_eq!(
        decode_reconciliation(&encode_reconciliation(&r)).unwrap(),
        r
    );
}

#[test]
fn reconciliation_result_carries_ok_and_failed() {
    let source = pb::SourceDocument::new("a.txt", "text/plain", b"abc".to_vec());
    let r = Reconciliation {
        document: bare_document(),
        findings: vec![full_finding()],
        coverage: NarrativeCoverage::default(),
    };
    let ok = pb::ReconciliationResult::ok(&source, &r);
    let back = decode_reconciliation_result(&encode_reconciliation_result(&ok)).unwrap();
    assert_eq!(back.document_id, source.id);
    assert_eq!(back.source_name, "a.txt");
    assert_eq!(back.outcome().unwrap(), Outcome::Ok(Box::new(r)));

    let failed = pb::ReconciliationResult::failed(&source, "the document is empty");
    let back = decode_reconciliation_result(&encode_reconciliation_result(&failed)).unwrap();
    assert_eq!(
        back.outcome().unwrap(),
        Outcome::Failed("the document is empty".into())
    );

    let no_status = pb::ReconciliationResult::default();
    assert!(no_status.outcome().is_err());
}

#[test]
fn every_table_kind_round_trips() {
    for kind in TableKind::ALL {
        let msg = pb::TableKind::from(kind);
        assert_eq!(TableKind::try_from(msg).unwrap(), kind);
        // The wire names follow the model's snake_case names.
        assert_eq!(
            msg.as_str_name(),
            format!("TABLE_KIND_{}", kind.as_str().to_uppercase())
        );
    }
}

#[test]
fn decimals_of_every_shape_round_trip_exactly() {
    let values = [
        "0",
        "0.00",
        "-0.5",
        "8763.47",
        "936760.00",
        "12345678901234567890",
        "0.0000000000000000000000000001",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
    ];
    for v in values {
        let a = Amount::new(d(v), Unit::Yuan, 2);
        let back = decode_document(&encode_document(&Document {
            claims: vec![Claim {
                amount: Some(a),
                ..bare_document().claims[0].clone()
            }],
            ..bare_document()
        }))
        .unwrap();
        let got = back.claims[0].amount.unwrap();
        assert_eq!(got, a, "{v}");
        assert_eq!(got.value.to_string(), v, "scale of {v}");
    }
}

/// Every sample document, parsed, survives the wire unchanged.
#[test]
fn parsed_samples_round_trip() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = budget_parse::parse(&bytes, &name).unwrap();
        assert_eq!(
            decode_document(&encode_document(&doc)).unwrap(),
            doc,
            "{name}"
        );
        let r = budget_reconcile::reconciliation(doc);
        assert_eq!(
            decode_reconciliation(&encode_reconciliation(&r)).unwrap(),
            r,
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(seen, 4, "expected the four samples in {dir}");
}
