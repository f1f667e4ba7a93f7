//! Acceptance tests of issue 3 on the four real samples: the document facts, the set of table
//! kinds, the status of every table the contents list, and cells read by hand from the sample
//! text (the line numbers in the comments are those of the `.txt` file).
//!
//! Cells are compared as the amount's `Display` string (`809.97万元`), so the value, the printed
//! decimals and the unit are all checked; `None` means a blank cell.

use std::collections::BTreeSet;

use budget_model::{
    strip_ordinal, ColumnRole, Document, Row, Scope, Table, TableKind, TableStatus, Unit,
};
use ColumnRole::*;
use TableKind::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn sample(name: &str) -> Document {
    let path = format!(
        "{}/../shared/samples/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    budget_parse::parse(&bytes, name).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

/// Which column of a table a cell is in.
#[derive(Debug, Clone, Copy)]
enum Col {
    /// The first column with this role.
    Role(ColumnRole),
    /// Side-by-side tables: the first column with this role whose section contains the text;
    /// the row must be on the same side.
    Side(&'static str, ColumnRole),
    /// The first column whose header (or its last level) is this text.
    Named(&'static str),
    /// Form-like tables without columns: the n-th value of the row.
    Nth(usize),
}

impl From<ColumnRole> for Col {
    fn from(role: ColumnRole) -> Col {
        Col::Role(role)
    }
}

fn side(section: &'static str, role: ColumnRole) -> Col {
    Col::Side(section, role)
}

fn named(name: &'static str) -> Col {
    Col::Named(name)
}

fn nth(index: usize) -> Col {
    Col::Nth(index)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_code_key(key: &str) -> bool {
    matches!(key.len(), 3 | 5 | 7) && key.bytes().all(|b| b.is_ascii_digit())
}

/// A row matches a key by its full code (`20805`) or by its label: the whole label, the label
/// without its ordinal (`九、上年结转(结余)` is `上年结转(结余)`), or one of the ` / `-separated
/// parts of a form row's label; whitespace is ignored.
fn row_matches(row: &Row, key: &str) -> bool {
    if is_code_key(key) {
        return row.code.as_ref().map(|c| c.as_str()) == Some(key);
    }
    let key = squeeze(key);
    let mut candidates = vec![row.label.as_str(), strip_ordinal(&row.label)];
    for part in row.label.split(" / ") {
        candidates.push(part);
        candidates.push(strip_ordinal(part));
    }
    candidates.into_iter().any(|c| squeeze(c) == key)
}

fn section_matches(section: Option<&str>, wanted: &str) -> bool {
    section.is_some_and(|s| s.contains(wanted))
}

fn table(doc: &Document, kind: TableKind) -> &Table {
    doc.table(kind)
        .unwrap_or_else(|| panic!("{}: no {kind} table", doc.facts.source))
}

/// The table of this kind that has a row matching `key` (for kinds printed several times).
fn table_with_row<'a>(doc: &'a Document, kind: TableKind, key: &str) -> &'a Table {
    doc.tables_of(kind)
        .find(|t| t.rows.iter().any(|r| row_matches(r, key)))
        .unwrap_or_else(|| panic!("{}: no {kind} table with row {key}", doc.facts.source))
}

/// The cell of the first row matching `row` in column `col`, as the amount's display string
/// (`None` for a blank cell). Panics when the table has no such row or column.
fn cell_in(t: &Table, row: &str, col: impl Into<Col>) -> Option<String> {
    let col = col.into();
    let (index, wanted_section) = match col {
        Col::Role(role) => (t.column_with_role(role), None),
        Col::Side(section, role) => (
            t.columns.iter().position(|c| {
                c.role == role
                    && section_matches(c.section.as_ref().map(|s| s.name.as_str()), section)
            }),
            Some(section),
        ),
        Col::Named(name) => (
            t.columns
                .iter()
                .position(|c| c.name == name || c.name.rsplit('/').next() == Some(name)),
            None,
        ),
        Col::Nth(i) => (Some(i), None),
    };
    let index = index.unwrap_or_else(|| panic!("{}: no column {col:?}", t.title));
    let r = t
        .rows
        .iter()
        .filter(|r| {
            wanted_section
                .is_none_or(|s| section_matches(r.section.as_ref().map(|x| x.name.as_str()), s))
        })
        .find(|r| row_matches(r, row))
        .unwrap_or_else(|| panic!("{}: no row {row:?} for {col:?}", t.title));
    r.value(index).map(|a| a.to_string())
}

fn cell(doc: &Document, kind: TableKind, row: &str, col: impl Into<Col>) -> Option<String> {
    cell_in(table(doc, kind), row, col)
}

/// The 三公 table has one data row: the publishing unit's.
fn three_public(doc: &Document, role: ColumnRole) -> Option<String> {
    let t = table(doc, ThreePublicExpenses);
    let rows: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| r.values.iter().any(Option::is_some))
        .collect();
    assert_eq!(rows.len(), 1, "{}: one data row expected", t.title);
    let index = t
        .column_with_role(role)
        .unwrap_or_else(|| panic!("{}: no {role:?} column", t.title));
    rows[0].value(index).map(|a| a.to_string())
}

fn count_rows(t: &Table, key: &str) -> usize {
    t.rows.iter().filter(|r| row_matches(r, key)).count()
}

fn kinds(doc: &Document) -> BTreeSet<TableKind> {
    doc.tables.iter().map(|t| t.kind).collect()
}

fn contents_kinds(doc: &Document) -> Vec<Option<TableKind>> {
    doc.contents.iter().map(|c| c.kind).collect()
}

/// Every table whose kind the contents list is read: `Empty` for the kinds given, `Parsed` for
/// all others (never `Unparsed`).
fn assert_contents_tables_read(doc: &Document, empty: &[TableKind]) {
    let mut checked = 0;
    for kind in doc.contents.iter().filter_map(|c| c.kind) {
        for t in doc.tables_of(kind) {
            assert_ne!(t.status, TableStatus::Unparsed, "{}", t.title);
            let want = if empty.contains(&kind) {
                TableStatus::Empty
            } else {
                TableStatus::Parsed
            };
            assert_eq!(t.status, want, "{} ({kind})", t.title);
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "{}: no table of the contents found",
        doc.facts.source
    );
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

// ---------------------------------------------------------------------------------------------
// 000: 南昌市医疗保障服务中心 2024 单位预算 (markdown pipe tables, OCR gaps, a flattened table)
// ---------------------------------------------------------------------------------------------

const S000: &str = "000_ae56c58d42acd4fc";

#[test]
fn s000_facts() {
    let f = sample(S000).facts;
    assert_eq!(f.entity.as_deref(), Some("南昌市医疗保障服务中心"));
    assert_eq!(f.entity_code.as_deref(), Some("604002"));
    assert_eq!(f.year, Some(2024));
    assert_eq!(f.unit, Some(Unit::WanYuan));
    assert_eq!(f.scope, Some(Scope::Unit));
}

#[test]
fn s000_table_kinds() {
    let doc = sample(S000);
    let want = BTreeSet::from([
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        ThreePublicExpenses,
        GovernmentFundExpenditure,
        StateCapitalExpenditure,
        PerformanceTargetsProject,
    ]);
    assert_eq!(kinds(&doc), want);
}

#[test]
fn s000_contents_tables_are_read() {
    let doc = sample(S000);
    let listed = [
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        ThreePublicExpenses,
        GovernmentFundExpenditure,
        StateCapitalExpenditure,
        PerformanceTargetsProject,
    ];
    assert_eq!(contents_kinds(&doc), listed.map(Some).to_vec());
    assert_contents_tables_read(&doc, &[GovernmentFundExpenditure, StateCapitalExpenditure]);
}

#[test]
fn s000_income_expenditure_summary() {
    // 收支预算总表, lines 154-184: income and expenditure side by side, `809. 97` with a gap.
    let d = sample(S000);
    let k = IncomeExpenditureSummary;
    let income = side("收入", Amount);
    let spending = side("支出", Amount);
    assert_eq!(cell(&d, k, "一、财政拨款收入", income), s("809.97万元"));
    assert_eq!(cell(&d, k, "一般公共预算收入", income), s("809.97万元"));
    assert_eq!(cell(&d, k, "七、其他收入", income), None);
    assert_eq!(cell(&d, k, "本年收入合计", income), s("809.97万元"));
    assert_eq!(cell(&d, k, "九、上年结转(结余)", income), s("2.10万元"));
    assert_eq!(cell(&d, k, "收入总计", income), s("812.07万元"));
    assert_eq!(cell(&d, k, "社会保障和就业支出", spending), s("756.56万元"));
    assert_eq!(cell(&d, k, "卫生健康支出", spending), s("2.10万元"));
    assert_eq!(cell(&d, k, "住房保障支出", spending), s("53.41万元"));
    assert_eq!(cell(&d, k, "支出总计", spending), s("812.07万元"));
}

#[test]
fn s000_income_summary() {
    // 部门收人总表 (garbled title), lines 192-209: 款 printed as two digits under the 类.
    let d = sample(S000);
    let k = IncomeSummary;
    assert_eq!(cell(&d, k, "合计", Total), s("812.07万元"));
    assert_eq!(cell(&d, k, "合计", CarryOver), s("2.10万元"));
    assert_eq!(cell(&d, k, "合计", FiscalSubtotal), s("809.97万元"));
    assert_eq!(cell(&d, k, "合计", GeneralBudget), s("809.97万元"));
    assert_eq!(cell(&d, k, "20801", GeneralBudget), s("705.04万元"));
    assert_eq!(cell(&d, k, "20805", Total), s("51.52万元"));
    assert_eq!(cell(&d, k, "2080505", Total), s("50.89万元"));
    assert_eq!(cell(&d, k, "2101505", CarryOver), s("2.10万元"));
    assert_eq!(cell(&d, k, "2101505", GeneralBudget), None);
    assert_eq!(cell(&d, k, "22102", Total), s("53.41万元"));
    assert_eq!(cell(&d, k, "2210203", Total), s("6.23万元"));
}

#[test]
fn s000_expenditure_summary() {
    // 部门支出总表, lines 215-233.
    let d = sample(S000);
    let k = ExpenditureSummary;
    assert_eq!(cell(&d, k, "合计", Total), s("812.07万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("627.27万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("184.80万元"));
    assert_eq!(cell(&d, k, "2080109", Basic), s("522.34万元"));
    assert_eq!(cell(&d, k, "2080109", Project), s("182.70万元"));
    assert_eq!(cell(&d, k, "21015", Project), s("2.10万元"));
    assert_eq!(cell(&d, k, "21015", Basic), None);
    assert_eq!(cell(&d, k, "2210201", Basic), s("47.17万元"));
}

#[test]
fn s000_fiscal_appropriation_summary_flattened_on_one_line() {
    // 财政拨款收支总表, line 239: the whole table flattened onto a single line.
    let d = sample(S000);
    let k = FiscalAppropriationSummary;
    assert_eq!(
        cell(&d, k, "一、财政拨款收入", side("收入", Amount)),
        s("809.97万元")
    );
    assert_eq!(
        cell(&d, k, "一般公共预算拨款收入", side("收入", Amount)),
        s("809.97万元")
    );
    assert_eq!(
        cell(&d, k, "社会保障和就业支出", side("支出", Total)),
        s("756.56万元")
    );
    assert_eq!(
        cell(&d, k, "社会保障和就业支出", side("支出", GeneralBudget)),
        s("756.56万元")
    );
    assert_eq!(
        cell(&d, k, "住房保障支出", side("支出", Total)),
        s("53.41万元")
    );
    assert_eq!(
        cell(&d, k, "住房保障支出", side("支出", GeneralBudget)),
        s("53.41万元")
    );
    assert_eq!(
        cell(&d, k, "支出总计", side("支出", Total)),
        s("809.97万元")
    );
}

#[test]
fn s000_general_budget_expenditure() {
    // 一般公共预算支出表, lines 247-261.
    let d = sample(S000);
    let k = GeneralBudgetExpenditure;
    assert_eq!(cell(&d, k, "合计", Total), s("809.97万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("627.27万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("182.70万元"));
    assert_eq!(cell(&d, k, "20805", Total), s("51.52万元"));
    assert_eq!(cell(&d, k, "2080505", Basic), s("50.89万元"));
    assert_eq!(cell(&d, k, "2210203", Total), s("6.23万元"));
}

#[test]
fn s000_basic_expenditure() {
    // 一般公共预算基本支出表, lines 267-289: 合计 = 人员经费 + 公用经费.
    let d = sample(S000);
    let k = GeneralBudgetBasicExpenditure;
    assert_eq!(cell(&d, k, "合计", named("合计")), s("627.27万元"));
    assert_eq!(cell(&d, k, "合计", Personnel), s("580.76万元"));
    assert_eq!(cell(&d, k, "合计", Public), s("46.51万元"));
    assert_eq!(cell(&d, k, "301", named("合计")), s("580.13万元"));
    assert_eq!(cell(&d, k, "301", Personnel), None);
    assert_eq!(cell(&d, k, "30107", Personnel), s("304.53万元"));
    assert_eq!(cell(&d, k, "30229", Public), s("26.30万元"));
    assert_eq!(cell(&d, k, "30302", Personnel), s("0.63万元"));
}

#[test]
fn s000_three_public() {
    // 财政拨款"三公"经费支出表, lines 295-299.
    let d = sample(S000);
    assert_eq!(three_public(&d, Total), s("8.00万元"));
    assert_eq!(three_public(&d, Abroad), None);
    assert_eq!(three_public(&d, Vehicle), None);
    assert_eq!(three_public(&d, VehicleOperation), None);
}

#[test]
fn s000_three_public_reception() {
    // Line 297: the header cell of column 5 is blank; columns 2-4 are 因公出国(境)费 小计 and its
    // parts, 6-8 公务用车购置及运行维护费 小计 and its parts, so 5 is 公务接待费 (8.00 万元, line 299;
    // the narrative, line 120, says 公务接待费 8.00 万元).
    let d = sample(S000);
    assert_eq!(three_public(&d, Reception), s("8.00万元"));
}

#[test]
fn s000_performance_targets() {
    // 项目支出绩效目标表, lines 330-336: amounts in 万元 with one decimal.
    let d = sample(S000);
    let k = PerformanceTargetsProject;
    assert_eq!(cell(&d, k, "年度资金总额", nth(0)), s("182.7万元"));
    assert_eq!(cell(&d, k, "其中: 财政拨款", nth(0)), s("182.7万元"));
    assert_eq!(cell(&d, k, "其他资金", nth(0)), s("0万元"));
}

// ---------------------------------------------------------------------------------------------
// 002: 赣州市医疗保障局 2023 部门预算 (tab-separated, thousands separators)
// ---------------------------------------------------------------------------------------------

const S002: &str = "002_a82d126008b6a810";

#[test]
fn s002_facts() {
    let f = sample(S002).facts;
    assert_eq!(f.entity.as_deref(), Some("赣州市医疗保障局"));
    assert_eq!(f.entity_code.as_deref(), Some("308"));
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit, Some(Unit::WanYuan));
    assert_eq!(f.scope, Some(Scope::Department));
}

#[test]
fn s002_table_kinds() {
    // The contents list a 部门收入总表, but the document does not print it.
    let doc = sample(S002);
    let want = BTreeSet::from([
        IncomeExpenditureSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        ThreePublicExpenses,
        GovernmentFundExpenditure,
        StateCapitalExpenditure,
        PerformanceTargetsDepartment,
        PerformanceTargetsProject,
    ]);
    assert_eq!(kinds(&doc), want);
}

#[test]
fn s002_contents_tables_are_read() {
    let doc = sample(S002);
    let listed = [
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        ThreePublicExpenses,
        GovernmentFundExpenditure,
        StateCapitalExpenditure,
        PerformanceTargetsDepartment,
        PerformanceTargetsProject,
    ];
    assert_eq!(contents_kinds(&doc), listed.map(Some).to_vec());
    assert_contents_tables_read(&doc, &[GovernmentFundExpenditure, StateCapitalExpenditure]);
}

#[test]
fn s002_income_expenditure_summary() {
    // 收支预算总表, lines 223-238.
    let d = sample(S002);
    let k = IncomeExpenditureSummary;
    let income = side("收入", Amount);
    let spending = side("支出", Amount);
    assert_eq!(cell(&d, k, "一、财政拨款收入", income), s("8763.47万元"));
    assert_eq!(cell(&d, k, "七、其他收入", income), s("3141.30万元"));
    assert_eq!(cell(&d, k, "本年收入合计", income), s("11904.77万元"));
    assert_eq!(cell(&d, k, "九、上年结转(结余)", income), s("1353.76万元"));
    assert_eq!(cell(&d, k, "收入总计", income), s("13258.53万元"));
    assert_eq!(cell(&d, k, "卫生健康支出", spending), s("12192.64万元"));
    assert_eq!(cell(&d, k, "本年支出合计", spending), s("13258.53万元"));
    assert_eq!(cell(&d, k, "结转下年", spending), None);
    assert_eq!(cell(&d, k, "支出总计", spending), s("13258.53万元"));
}

#[test]
fn s002_expenditure_summary() {
    // 部门支出总表, lines 246-270: `05` under 208 is 20805, `11` and `15` under 210.
    let d = sample(S002);
    let k = ExpenditureSummary;
    assert_eq!(cell(&d, k, "合计", Total), s("13258.53万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("7802.78万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("5455.75万元"));
    assert_eq!(cell(&d, k, "20805", Total), s("592.54万元"));
    assert_eq!(cell(&d, k, "21011", Project), s("4.80万元"));
    assert_eq!(cell(&d, k, "21015", Total), s("11641.12万元"));
    assert_eq!(cell(&d, k, "2101504", Basic), None);
    assert_eq!(cell(&d, k, "2101599", Basic), s("493.95万元"));
    assert_eq!(cell(&d, k, "2101599", Project), s("3149.50万元"));
    assert_eq!(cell(&d, k, "22102", Total), s("473.35万元"));
}

#[test]
fn s002_fiscal_appropriation_summary() {
    // 财政拨款收支总表, lines 280-289.
    let d = sample(S002);
    let k = FiscalAppropriationSummary;
    assert_eq!(
        cell(&d, k, "一般公共预算拨款收入", side("收入", Amount)),
        s("8763.47万元")
    );
    assert_eq!(
        cell(&d, k, "收入总计", side("收入", Amount)),
        s("8763.47万元")
    );
    assert_eq!(
        cell(&d, k, "一、本年支出", side("支出", Total)),
        s("8763.47万元")
    );
    assert_eq!(
        cell(&d, k, "卫生健康支出", side("支出", Total)),
        s("7697.58万元")
    );
    assert_eq!(
        cell(&d, k, "卫生健康支出", side("支出", GeneralBudget)),
        s("7697.58万元")
    );
    assert_eq!(
        cell(&d, k, "卫生健康支出", side("支出", GovernmentFund)),
        None
    );
    assert_eq!(
        cell(&d, k, "支出总计", side("支出", Total)),
        s("8763.47万元")
    );
}

#[test]
fn s002_general_budget_expenditure() {
    // 一般公共预算支出表, lines 297-321.
    let d = sample(S002);
    let k = GeneralBudgetExpenditure;
    assert_eq!(cell(&d, k, "合计", Total), s("8763.47万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("6824.03万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("1939.44万元"));
    assert_eq!(cell(&d, k, "21015", Total), s("7146.05万元"));
    assert_eq!(cell(&d, k, "2101502", Basic), None);
    assert_eq!(cell(&d, k, "2101502", Project), s("411.50万元"));
    assert_eq!(cell(&d, k, "2101550", Basic), s("3103.00万元"));
}

#[test]
fn s002_basic_expenditure() {
    // 一般公共预算基本支出表, lines 329-374.
    let d = sample(S002);
    let k = GeneralBudgetBasicExpenditure;
    assert_eq!(cell(&d, k, "合计", named("合计")), s("6824.03万元"));
    assert_eq!(cell(&d, k, "合计", Personnel), s("5879.96万元"));
    assert_eq!(cell(&d, k, "合计", Public), s("944.07万元"));
    assert_eq!(cell(&d, k, "30101", Personnel), s("2037.42万元"));
    assert_eq!(cell(&d, k, "30217", Public), s("196.73万元"));
    assert_eq!(cell(&d, k, "30231", Public), s("3.30万元"));
    assert_eq!(cell(&d, k, "303", named("合计")), s("15.42万元"));
    assert_eq!(cell(&d, k, "31002", Public), s("10.28万元"));
}

#[test]
fn s002_three_public() {
    // 财政拨款"三公"经费支出表, lines 386-388.
    let d = sample(S002);
    assert_eq!(three_public(&d, Total), s("213.24万元"));
    assert_eq!(three_public(&d, Abroad), None);
    assert_eq!(three_public(&d, Reception), s("209.94万元"));
    assert_eq!(three_public(&d, VehicleOperation), s("3.30万元"));
    assert_eq!(three_public(&d, VehiclePurchase), None);
}

#[test]
fn s002_performance_targets() {
    // 部门整体支出绩效目标表, lines 422-427, and 项目支出绩效目标表, lines 446-451.
    let d = sample(S002);
    let k = PerformanceTargetsDepartment;
    assert_eq!(cell(&d, k, "收入预算合计", nth(0)), s("13258.53万元"));
    assert_eq!(cell(&d, k, "其他经费", nth(1)), s("4495.06万元"));
    assert_eq!(cell(&d, k, "项目支出", nth(1)), s("5455.75万元"));
    let k = PerformanceTargetsProject;
    assert_eq!(cell(&d, k, "年度资金总额", nth(0)), s("535.93万元"));
    assert_eq!(cell(&d, k, "其中：财政拨款", nth(0)), s("270万元"));
    assert_eq!(cell(&d, k, "上年结转", nth(0)), s("265.93万元"));
}

// ---------------------------------------------------------------------------------------------
// 003: 安阳市社会医疗保险中心 2024 部门预算 (split 类|款|项 codes, multi-row headers)
// ---------------------------------------------------------------------------------------------

const S003: &str = "003_da13a1aa64cf934e";

#[test]
fn s003_facts() {
    let f = sample(S003).facts;
    assert_eq!(f.entity.as_deref(), Some("安阳市社会医疗保险中心"));
    assert_eq!(f.entity_code.as_deref(), Some("313002"));
    assert_eq!(f.year, Some(2024));
    assert_eq!(f.unit, Some(Unit::WanYuan));
    assert_eq!(f.scope, Some(Scope::Department));
}

#[test]
fn s003_table_kinds() {
    let doc = sample(S003);
    let want = BTreeSet::from([
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        GeneralBudgetExpenditureEconomic,
        ThreePublicExpenses,
        GovernmentFundExpenditure,
        ProjectExpenditure,
        Carryover,
        PerformanceTargetsDepartment,
        PerformanceTargetsProject,
    ]);
    assert_eq!(kinds(&doc), want);
}

#[test]
fn s003_contents_tables_are_read() {
    let doc = sample(S003);
    let listed = [
        Some(IncomeExpenditureSummary),
        Some(IncomeSummary),
        Some(ExpenditureSummary),
        Some(FiscalAppropriationSummary),
        Some(GeneralBudgetExpenditure),
        Some(GeneralBudgetBasicExpenditure),
        Some(GeneralBudgetExpenditureEconomic),
        Some(ThreePublicExpenses),
        Some(GovernmentFundExpenditure),
        Some(ProjectExpenditure),
        // 十一、部门预算表 names the set of tables (their heading, 安阳市…2024年部门预算表, L207),
        // not one table: no entry.
        Some(Carryover),
        Some(PerformanceTargetsDepartment),
        Some(PerformanceTargetsProject),
    ];
    assert_eq!(contents_kinds(&doc), listed.to_vec());
    // The 部门整体绩效目标表 (lines 471-513) prints no amount at all.
    assert_contents_tables_read(
        &doc,
        &[GovernmentFundExpenditure, PerformanceTargetsDepartment],
    );
}

#[test]
fn s003_income_expenditure_summary() {
    // 2024年部门收支预算表, lines 215-249: 类 named with ordinals (八、社会保障和就业).
    let d = sample(S003);
    let k = IncomeExpenditureSummary;
    let income = side("收入", Amount);
    let spending = side("支出", Amount);
    assert_eq!(cell(&d, k, "一、一般公共预算", income), s("8825.49万元"));
    assert_eq!(cell(&d, k, "收入总计", income), s("8825.49万元"));
    assert_eq!(cell(&d, k, "八、社会保障和就业", spending), s("66.51万元"));
    assert_eq!(cell(&d, k, "十、卫生健康", spending), s("8758.98万元"));
    assert_eq!(cell(&d, k, "二十一、住房保障支出", spending), None);
    assert_eq!(cell(&d, k, "年终结转结余", spending), s("0万元"));
    assert_eq!(cell(&d, k, "支出总计", spending), s("8825.49万元"));
}

#[test]
fn s003_income_summary_multi_row_header() {
    // 2024年部门收入预算表, lines 259-263: three header rows (总计 | 本年收入/合计 ... |
    // 上年结转结余/合计 ...).
    let d = sample(S003);
    let k = IncomeSummary;
    assert_eq!(cell(&d, k, "合计", Total), s("8825.49万元"));
    assert_eq!(cell(&d, k, "合计", CurrentYearTotal), s("8825.49万元"));
    assert_eq!(cell(&d, k, "合计", GeneralBudget), s("8825.49万元"));
    assert_eq!(cell(&d, k, "合计", CarryOver), None);
    assert_eq!(
        cell(&d, k, "安阳市社会医疗保险中心", Total),
        s("8825.49万元")
    );
    assert_eq!(
        cell(&d, k, "安阳市社会医疗保险中心", CurrentYearTotal),
        s("8825.49万元")
    );
}

#[test]
fn s003_expenditure_summary_split_codes() {
    // 2024年部门支出预算表, lines 273-282: codes split into 类 | 款 | 项.
    let d = sample(S003);
    let k = ExpenditureSummary;
    assert_eq!(cell(&d, k, "合计", Total), s("8825.49万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("704.49万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("8121万元"));
    assert_eq!(cell(&d, k, "2080505", Total), s("66.51万元"));
    assert_eq!(cell(&d, k, "2080505", Personnel), s("66.51万元"));
    assert_eq!(cell(&d, k, "2101202", Total), s("5521万元"));
    assert_eq!(cell(&d, k, "2101202", Project), s("5521万元"));
    assert_eq!(cell(&d, k, "2101202", Basic), None);
    assert_eq!(cell(&d, k, "2101299", Project), s("2600万元"));
    assert_eq!(cell(&d, k, "2101501", Basic), s("607.64万元"));
    assert_eq!(cell(&d, k, "2101501", Public), s("79.92万元"));
}

#[test]
fn s003_fiscal_appropriation_summary_across_pages() {
    // 2024年财政拨款收支预算表, lines 292-334: continued on a second page (lines 325-334).
    let d = sample(S003);
    let k = FiscalAppropriationSummary;
    assert_eq!(
        cell(&d, k, "一、本年收入", side("收入", Amount)),
        s("8825.49万元")
    );
    assert_eq!(
        cell(&d, k, "（一）一般公共预算拨款", side("收入", Amount)),
        s("8825.49万元")
    );
    assert_eq!(
        cell(&d, k, "（八）社会保障和就业支出", side("支出", Total)),
        s("66.51万元")
    );
    assert_eq!(
        cell(
            &d,
            k,
            "（八）社会保障和就业支出",
            side("支出", GeneralBudget)
        ),
        s("66.51万元")
    );
    assert_eq!(
        cell(&d, k, "（十）卫生健康支出", side("支出", Total)),
        s("8758.98万元")
    );
    assert_eq!(
        cell(&d, k, "收入合计", side("收入", Amount)),
        s("8825.49万元")
    );
    assert_eq!(
        cell(&d, k, "支出合计", side("支出", Total)),
        s("8825.49万元")
    );
    assert_eq!(cell(&d, k, "支出合计", side("支出", GovernmentFund)), None);
}

#[test]
fn s003_general_budget_expenditure_split_codes() {
    // 2024年一般公共预算支出预算表, lines 344-353.
    let d = sample(S003);
    let k = GeneralBudgetExpenditure;
    assert_eq!(cell(&d, k, "合计", Total), s("8825.49万元"));
    assert_eq!(cell(&d, k, "合计", Basic), s("704.49万元"));
    assert_eq!(cell(&d, k, "合计", Project), s("8121万元"));
    assert_eq!(cell(&d, k, "2101101", Total), s("30.34万元"));
    assert_eq!(cell(&d, k, "2101202", Project), s("5521万元"));
    assert_eq!(cell(&d, k, "2101501", Personnel), s("496.16万元"));
}

#[test]
fn s003_basic_expenditure() {
    // 2024一般公共预算基本支出表, lines 363-383: 部门 and 政府 economic codes side by side.
    let d = sample(S003);
    let k = GeneralBudgetBasicExpenditure;
    assert_eq!(cell(&d, k, "合计", named("合计")), s("704.49万元"));
    assert_eq!(cell(&d, k, "合计", Personnel), s("624.57万元"));
    assert_eq!(cell(&d, k, "合计", Public), s("79.92万元"));
    assert_eq!(cell(&d, k, "30103", Personnel), s("184.5万元"));
    assert_eq!(cell(&d, k, "30231", Public), s("4万元"));
    assert_eq!(cell(&d, k, "30226", Public), s("4.91万元"));
    assert_eq!(cell(&d, k, "30226", Personnel), None);
}

#[test]
fn s003_economic_summary_split_codes() {
    // 2024年支出经济分类汇总表, lines 393-415: economic codes split into 类 | 款.
    let d = sample(S003);
    let k = GeneralBudgetExpenditureEconomic;
    assert_eq!(cell(&d, k, "合计", Total), s("8825.49万元"));
    assert_eq!(cell(&d, k, "31302", Total), s("8121万元"));
    assert_eq!(cell(&d, k, "31302", GeneralBudget), s("8121万元"));
    assert_eq!(cell(&d, k, "30108", Total), s("66.51万元"));
    assert_eq!(cell(&d, k, "30302", Total), s("31.56万元"));
    assert_eq!(cell(&d, k, "30302", GovernmentFund), None);
}

#[test]
fn s003_three_public_mangled_by_extraction_raises_no_false_finding() {
    // 2024年一般公共预算“三公”经费预算表, lines 425-428: extraction lost the header of the
    // 运行费 column and wrapped the last cell (公务接待费 1) onto a line of its own. The narrative
    // (lines 123-131) says: 合计 5, 公务用车运行维护费 4, 公务用车购置费 0, 公务接待费 1. The
    // columns cannot be told apart reliably, so the 合计 is read and no sum is asserted on it.
    let d = sample(S003);
    let t = table(&d, ThreePublicExpenses);
    let total = t.column_with_role(Total).expect("a 合计 column");
    assert_eq!(
        t.rows
            .first()
            .and_then(|r| r.value(total))
            .map(|a| a.to_string()),
        s("5万元")
    );
    let findings = budget_reconcile::reconcile(&d);
    let on_table: Vec<_> = findings
        .iter()
        .filter(|f| f.location.table_kind == Some(ThreePublicExpenses))
        .filter(|f| f.severity >= budget_model::Severity::Warning)
        .collect();
    assert!(on_table.is_empty(), "{on_table:#?}");
}

#[test]
fn s003_project_expenditure() {
    // 2024年项目支出预算表, lines 451-456.
    let d = sample(S003);
    let k = ProjectExpenditure;
    assert_eq!(cell(&d, k, "安阳市社会医疗保险中心", Total), s("8121万元"));
    assert_eq!(
        cell(&d, k, "城乡居民医疗保险市级财政补助", Total),
        s("5521万元")
    );
    assert_eq!(
        cell(&d, k, "城乡居民医疗保险市级财政补助", GeneralBudget),
        s("5521万元")
    );
    assert_eq!(cell(&d, k, "离休干部医疗费", Total), s("2600万元"));
    assert_eq!(cell(&d, k, "离休干部医疗费", GovernmentFund), None);
}

#[test]
fn s003_carryover() {
    // 上年结转资金表, lines 466-469: 2101599 printed on two rows.
    let d = sample(S003);
    let t = table(&d, Carryover);
    assert_eq!(cell_in(t, "2100410", Amount), s("87万元"));
    assert_eq!(cell_in(t, "2101599", Amount), s("0.81万元"));
    let both: Vec<String> = t
        .rows
        .iter()
        .filter(|r| row_matches(r, "2101599"))
        .filter_map(|r| r.value(0).map(|a| a.to_string()))
        .collect();
    assert_eq!(both, ["0.81万元", "1.57万元"]);
}

#[test]
fn s003_performance_targets_project() {
    // 2024年部门预算项目绩效目标表, lines 517-528: 资金总额 | 政府预算资金.
    let d = sample(S003);
    let k = PerformanceTargetsProject;
    assert_eq!(cell(&d, k, "离休干部医疗费", nth(0)), s("2600万元"));
    assert_eq!(cell(&d, k, "离休干部医疗费", nth(1)), s("2600万元"));
    assert_eq!(
        cell(&d, k, "城乡居民医疗保险市级财政补助", nth(0)),
        s("5521万元")
    );
}

#[test]
fn s003_performance_targets_unit_row() {
    // Line 520: `313002 | 安阳市社会医疗保险中心 | 8121 | 8121`: 313002 is the unit's code.
    let d = sample(S003);
    let k = PerformanceTargetsProject;
    assert_eq!(cell(&d, k, "安阳市社会医疗保险中心", nth(0)), s("8121万元"));
    assert_eq!(cell(&d, k, "安阳市社会医疗保险中心", nth(1)), s("8121万元"));
}

// ---------------------------------------------------------------------------------------------
// 004: 麟游县医疗保障局 2023 单位预算 (元, page-broken tables, a table of tables)
// ---------------------------------------------------------------------------------------------

const S004: &str = "004_564002215bad1a4c";

#[test]
fn s004_facts() {
    let f = sample(S004).facts;
    assert_eq!(f.entity.as_deref(), Some("麟游县医疗保障局"));
    assert_eq!(f.entity_code.as_deref(), Some("410"));
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit, Some(Unit::Yuan));
    assert_eq!(f.scope, Some(Scope::Unit));
}

#[test]
fn s004_table_kinds() {
    // 表1-3 and 表12 (三公) are listed but not printed; 表11 is declared empty and not printed.
    let doc = sample(S004);
    let want = BTreeSet::from([
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetExpenditureEconomic,
        GeneralBudgetBasicExpenditureFunction,
        GeneralBudgetBasicExpenditure,
        GovernmentFundExpenditure,
        ProjectExpenditure,
        PerformanceTargetsProject,
        PerformanceTargetsDepartment,
        PerformanceTargetsSpecialFunds,
    ]);
    assert_eq!(kinds(&doc), want);
    assert_eq!(doc.tables_of(PerformanceTargetsProject).count(), 3);
}

#[test]
fn s004_contents_declare_empty_tables() {
    // The table of tables, lines 158-173: 是否空表 and 公开空表理由.
    let doc = sample(S004);
    let listed = [
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalAppropriationSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetExpenditureEconomic,
        GeneralBudgetBasicExpenditureFunction,
        GeneralBudgetBasicExpenditure,
        GovernmentFundExpenditure,
        ProjectExpenditure,
        GovernmentProcurement,
        ThreePublicExpenses,
        PerformanceTargetsProject,
        PerformanceTargetsDepartment,
        PerformanceTargetsSpecialFunds,
    ];
    assert_eq!(contents_kinds(&doc), listed.map(Some).to_vec());
    let empty: Vec<(&str, Option<TableKind>, Option<&str>)> = doc
        .contents
        .iter()
        .filter(|c| c.declared_empty)
        .map(|c| (c.title.as_str(), c.kind, c.empty_reason.as_deref()))
        .collect();
    assert_eq!(
        empty,
        [
            (
                "2023年部门综合预算政府性基金收支表",
                Some(GovernmentFundExpenditure),
                Some("不涉及")
            ),
            (
                "2023年部门综合预算政府采购（资产配置、购买服务）预算表",
                Some(GovernmentProcurement),
                Some("不涉及")
            ),
        ]
    );
}

#[test]
fn s004_contents_tables_are_read() {
    let doc = sample(S004);
    assert_contents_tables_read(&doc, &[GovernmentFundExpenditure]);
}

#[test]
fn s004_fiscal_appropriation_summary() {
    // 表4, lines 187-216: one income side and three expenditure sides (function, 部门经济,
    // 政府经济), amounts with thousands separators.
    let d = sample(S004);
    let k = FiscalAppropriationSummary;
    let income = side("收入", Amount);
    let function = side("支出功能分类", Amount);
    let dept = side("部门预算支出经济分类", Amount);
    let gov = side("政府预算支出经济分类", Amount);
    assert_eq!(cell(&d, k, "一、财政拨款", income), s("936760.00元"));
    assert_eq!(cell(&d, k, "1、一般公共预算拨款", income), s("936760.00元"));
    assert_eq!(cell(&d, k, "上年结转", income), s("0.00元"));
    assert_eq!(cell(&d, k, "1、一般公共服务支出", function), s("0.00元"));
    assert_eq!(
        cell(&d, k, "8、社会保障和就业支出", function),
        s("73620.00元")
    );
    assert_eq!(cell(&d, k, "10、卫生健康支出", function), s("818450.00元"));
    assert_eq!(cell(&d, k, "20、住房保障支出", function), s("44690.00元"));
    assert_eq!(cell(&d, k, "支出总计", function), s("936760.00元"));
    assert_eq!(
        cell(&d, k, "1、人员经费和公用经费支出", dept),
        s("591660.00元")
    );
    assert_eq!(cell(&d, k, "(1)工资福利支出", dept), s("529980.00元"));
    assert_eq!(cell(&d, k, "2、专项业务经费支出", dept), s("345100.00元"));
    assert_eq!(cell(&d, k, "2、机关商品和服务支出", gov), s("395500.00元"));
    assert_eq!(cell(&d, k, "9、对个人和家庭的补助", gov), s("11280.00元"));
}

#[test]
fn s004_general_budget_expenditure_across_page_break() {
    // 表5, lines 224-252: the header and the 合计 row are printed again after the page break
    // (lines 247-248); rows 16-19 follow.
    let d = sample(S004);
    let k = GeneralBudgetExpenditure;
    assert_eq!(d.tables_of(k).count(), 1);
    let t = table(&d, k);
    assert_eq!(t.rows.len(), 19);
    assert_eq!(t.rows.iter().filter(|r| r.is_total()).count(), 1);
    assert_eq!(count_rows(t, "2101599"), 1);
    assert_eq!(count_rows(t, "221"), 1);
    assert_eq!(count_rows(t, "22102"), 1);
    assert_eq!(count_rows(t, "2210201"), 1);
    assert_eq!(cell_in(t, "合计", Total), s("936760.00元"));
    assert_eq!(cell_in(t, "合计", Personnel), s("541260.00元"));
    assert_eq!(cell_in(t, "合计", Public), s("50400.00元"));
    assert_eq!(cell_in(t, "合计", Project), s("345100.00元"));
    assert_eq!(cell_in(t, "20805", Total), s("72830.00元"));
    assert_eq!(cell_in(t, "2100399", Project), s("70000.00元"));
    assert_eq!(cell_in(t, "21015", Project), s("275100.00元"));
    assert_eq!(cell_in(t, "2101501", Personnel), s("388230.00元"));
    assert_eq!(cell_in(t, "2101599", Total), s("275100.00元"));
    assert_eq!(cell_in(t, "2101599", Personnel), None);
    assert_eq!(cell_in(t, "221", Total), s("44690.00元"));
    assert_eq!(cell_in(t, "2210201", Personnel), s("44690.00元"));
}

#[test]
fn s004_general_budget_expenditure_economic() {
    // 表6, lines 260-275.
    let d = sample(S004);
    let k = GeneralBudgetExpenditureEconomic;
    assert_eq!(cell(&d, k, "合计", Total), s("936760.00元"));
    assert_eq!(cell(&d, k, "302", Total), s("395500.00元"));
    assert_eq!(cell(&d, k, "302", Public), s("50400.00元"));
    assert_eq!(cell(&d, k, "30201", Public), s("13000.00元"));
    assert_eq!(cell(&d, k, "30201", Project), s("345100.00元"));
    assert_eq!(cell(&d, k, "30399", Personnel), s("11280.00元"));
}

#[test]
fn s004_basic_expenditure_by_function() {
    // 表7, lines 283-302.
    let d = sample(S004);
    let k = GeneralBudgetBasicExpenditureFunction;
    assert_eq!(cell(&d, k, "合计", Total), s("591660.00元"));
    assert_eq!(cell(&d, k, "210", Total), s("473350.00元"));
    assert_eq!(cell(&d, k, "21003", Total), None);
    assert_eq!(cell(&d, k, "2101501", Public), s("50400.00元"));
}

#[test]
fn s004_basic_expenditure() {
    // 表8, lines 310-325.
    let d = sample(S004);
    let k = GeneralBudgetBasicExpenditure;
    assert_eq!(cell(&d, k, "合计", named("合计")), s("591660.00元"));
    assert_eq!(cell(&d, k, "合计", Personnel), s("541260.00元"));
    assert_eq!(cell(&d, k, "合计", Public), s("50400.00元"));
    assert_eq!(cell(&d, k, "30113", Personnel), s("44690.00元"));
    assert_eq!(cell(&d, k, "30217", Public), s("5000.00元"));
}

#[test]
fn s004_project_expenditure() {
    // 表10 专项业务经费支出表, lines 360-367.
    let d = sample(S004);
    let k = ProjectExpenditure;
    assert_eq!(cell(&d, k, "合计", Amount), s("345100.00元"));
    assert_eq!(cell(&d, k, "医保专网建设经费", Amount), s("275100.00元"));
    assert_eq!(
        cell(
            &d,
            k,
            "巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略工作经费",
            Amount
        ),
        s("20000.00元")
    );
    assert_eq!(
        cell(
            &d,
            k,
            "麟游县城乡居民医疗保险征收及打击欺诈骗保项目经费",
            Amount
        ),
        s("50000.00元")
    );
}

#[test]
fn s004_performance_targets() {
    // 表13 (three project tables, lines 373-376, 400-403, 427-430), 表14 (lines 452-459) and
    // 表15 (lines 481-484).
    let d = sample(S004);
    let net = table_with_row(&d, PerformanceTargetsProject, "医保专网建设经费");
    assert_eq!(cell_in(net, "实施期资金总额:", nth(0)), s("275100元"));
    let fraud = table_with_row(
        &d,
        PerformanceTargetsProject,
        "麟游县城乡居民医疗保险征收及打击欺诈骗保项目经费",
    );
    assert_eq!(cell_in(fraud, "实施期资金总额:", nth(0)), s("50000元"));
    let k = PerformanceTargetsDepartment;
    assert_eq!(cell(&d, k, "人员工资、公用经费等", nth(0)), s("591660元"));
    assert_eq!(cell(&d, k, "金额合计", nth(0)), s("936760元"));
    assert_eq!(cell(&d, k, "金额合计", nth(2)), s("0元"));
    let k = PerformanceTargetsSpecialFunds;
    assert_eq!(cell(&d, k, "年度资金总额:", nth(1)), s("345100元"));
}
