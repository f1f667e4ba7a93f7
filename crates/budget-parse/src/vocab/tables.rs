//! Vocabulary of tables: row labels and their roles, list numbers, 其中, the words of form
//! lines, project-list headings, the money an income line names. Each entry is named and
//! tested here; the readers ask these functions and hand the rules typed values.

/// The total words and the questions asked of them live in the model, with the other questions
/// every reader of tables asks of a cell.
pub use budget_model::{compact, ends_with_total, is_total_label, GRAND_TOTAL, TOTAL};

use budget_model::{
    has_word, strip_ordinal, trim, Classification, Fund, LabelPart, RowRole, Section, Side, Term,
};

use crate::vocab::ordinals::ordinal;

/// The header words of the two sides of a side-by-side summary.
pub const INCOME: &str = "收入";
pub const EXPENDITURE: &str = "支出";

/// The side a header word names, when it is exactly 收入 or 支出.
pub fn side_of(word: &str) -> Option<Side> {
    match word {
        INCOME => Some(Side::Income),
        EXPENDITURE => Some(Side::Expenditure),
        _ => None,
    }
}

/// The header word of a side: 收入 or 支出.
pub fn side_word(side: Side) -> &'static str {
    match side {
        Side::Income => INCOME,
        Side::Expenditure => EXPENDITURE,
    }
}

/// A section of a side-by-side table; `title` is the header of its label column without the
/// side word (`按功能分类`), kept in its printed name.
pub fn side_section(side: Side, scheme: Option<Classification>, title: &str) -> Section {
    Section {
        side,
        scheme,
        name: format!("{}{title}", side_word(side)),
    }
}

/// How an expenditure section is classified, from the header of its label column: by economic
/// nature when it says 经济 (the government scheme when it also says 政府), else by function.
pub fn section_scheme(title: &str) -> Classification {
    if has_word(title, "经济") {
        if has_word(title, "政府") {
            Classification::GovEconomic
        } else {
            Classification::DeptEconomic
        }
    } else {
        Classification::Function
    }
}

/// In a summary flattened onto one line, an item whose label says 收入 is on the income side;
/// every other item is on the expenditure side.
pub fn is_flat_income(label: &str) -> bool {
    label.contains(INCOME)
}

/// The name of the single amount column of a flattened summary's income side.
pub const AMOUNT_COLUMN: &str = "预算数";

/// The expenditure columns a flattened summary may print, in their usual order (the header
/// words name which are printed).
pub const FLAT_EXPENDITURE_COLUMNS: &[&str] = &[
    "合计",
    "一般公共预算支出",
    "政府性基金预算支出",
    "国有资本经营预算支出",
];

/// The header of a numbering row (`栏次 | 1 | 2`).
pub const NUMBERING: &str = "栏次";

/// Headers of agency-code columns (the code of a budget unit, not a classification).
const AGENCY_HEADERS: &[&str] = &[
    "单位代码",
    "单位编码",
    "部门编码",
    "部门(单位)代码",
    "部门（单位）代码",
];

/// Headers of columns that hold codes, ordinals or notes, never amounts (行次: the number of
/// each row of a 决算 summary, `1`, `2` … beside its amount).
const CODE_HEADERS: &[&str] = &["编码", "代码", "序号", "行次", "备注", "简介", "说明"];

/// Headers of columns of classification codes (科目编码, 科目代码), among [`CODE_HEADERS`].
const CLASSIFICATION_CODE_HEADERS: &[&str] = &["编码", "代码"];

/// The row labels of a final-accounts 三公 table, one row per measure: 预算数 and 决算数.
pub const BUDGET_FIGURE_ROW: &str = "预算数";
pub const FINAL_FIGURE_ROW: &str = "决算数";

/// The header of an ordinal column (序号).
const ORDINAL_HEADER: &str = "序号";

/// The header word that names the label column (科目名称, 项目名称).
const LABEL_HEADER: &str = "名称";

/// Headers of columns naming the budget unit a row belongs to (单位名称 | 项目名称 | 金额): a
/// name column, but the row's label is the item's name beside it.
const AGENCY_NAME_HEADERS: &[&str] = &[
    "单位名称",
    "部门名称",
    "单位(部门)名称",
    "部门(单位)名称",
    "部门（单位）名称",
    "单位（部门）名称",
    "资金使用单位",
    "预算单位",
];

/// The headers of codes split over three columns: 类 | 款 | 项.
const SPLIT_CODE_HEADERS: &[&str] = &["类", "款", "项"];

/// The name given to a 三公 column whose header extraction lost and that can only be the
/// 公务接待费 (see `reader::repair_three_public`).
pub const RECEPTION_WITHOUT_HEADER: &str = "公务接待费（表头缺失）";

/// Whether a column header names agency codes.
pub fn is_agency_header(text: &str) -> bool {
    AGENCY_HEADERS.iter().any(|w| has_word(text, w))
}

/// Whether a column header names codes, ordinals or notes.
pub fn is_code_header(text: &str) -> bool {
    CODE_HEADERS.iter().any(|w| has_word(text, w))
}

/// Whether a column header names classification codes (科目编码), not ordinals or row numbers.
pub fn is_classification_code_header(text: &str) -> bool {
    CLASSIFICATION_CODE_HEADERS
        .iter()
        .any(|w| has_word(text, w))
}

/// Whether a column header names ordinals (序号).
pub fn is_ordinal_header(text: &str) -> bool {
    has_word(text, ORDINAL_HEADER)
}

/// Whether a column header names the labels (…名称).
pub fn is_label_header(text: &str) -> bool {
    has_word(text, LABEL_HEADER)
}

/// Headers of a column naming the year a row is of (单位 | 年度 | …: one row per year, then
/// their change).
const PERIOD_HEADERS: &[&str] = &["年度", "年份"];

/// Whether a column header names the year of each row (年度).
pub fn is_period_header(text: &str) -> bool {
    PERIOD_HEADERS.iter().any(|w| has_word(text, w))
}

/// The word of a header naming classification subjects (科目编码, 预算单位科目编码).
const SUBJECT_WORD: &str = "科目";

/// Whether a column header names the budget unit of a row, not its item (单位名称). A column of
/// subject codes that also prints the units' names on their rows (`预算单位科目编码`) names items.
pub fn is_agency_name_header(text: &str) -> bool {
    AGENCY_NAME_HEADERS.iter().any(|w| has_word(text, w))
        && !(has_word(text, SUBJECT_WORD) && is_classification_code_header(text))
}

/// Whether a header cell is 类, 款 or 项 (codes split over columns).
pub fn is_split_code_header(cell: &str) -> bool {
    SPLIT_CODE_HEADERS.contains(&cell)
}

/// The name of a column without a header: its number in a numbering row (`栏3`), else its
/// position (`列4`, from 1).
pub fn unnamed_column(numbered: Option<&str>, position: usize) -> String {
    match numbered {
        Some(n) => format!("栏{n}"),
        None => format!("列{position}"),
    }
}

/// Words of the header rows of a side-by-side summary (besides 收入 and 支出).
const SIDE_HEADER_WORDS: &[&str] = &["项目", SUBTOTAL];

/// Parts of words of such header rows: amounts' captions, and how a side is classified
/// (功能分类 over 功能科目名称, 支出用途 over 项目名称).
const SIDE_HEADER_PARTS: &[&str] = &["预算数", "金额", "单位", "分类", "用途"];

/// Whether a header cell of a side-by-side summary names a header (收入, 支出, 项目, 预算数,
/// 金额, 单位, 小计, 其中...), not an item.
pub fn is_side_header_word(word: &str) -> bool {
    side_of(word).is_some()
        || SIDE_HEADER_WORDS.contains(&word)
        || SIDE_HEADER_PARTS.iter().any(|w| word.contains(w))
        || word.starts_with(OF_WHICH)
}

/// The word that marks a row or column as a part of the one before it (of which); its home is
/// the model, beside `strip_ordinal`.
pub use budget_model::OF_WHICH;

/// Labels of this year's money without carry-over, in a side-by-side summary: a year word, a
/// side, and a total word or none (本年收入合计, 当年支出小计, 本年收入).
const CURRENT_YEAR: ([&str; 2], [&str; 2], [&str; 3]) =
    (["本年", "当年"], ["收入", "支出"], ["合计", "小计", ""]);

fn is_current_year(key: &str) -> bool {
    let (years, sides, totals) = CURRENT_YEAR;
    years.iter().any(|y| {
        key.strip_prefix(y).is_some_and(|rest| {
            sides.iter().any(|s| {
                rest.strip_prefix(s)
                    .is_some_and(|total| totals.contains(&total))
            })
        })
    })
}

/// Labels of a side's grand total in a side-by-side summary.
const SIDE_GRAND_TOTALS: &[&str] = &["收入总计", "支出总计"];

/// Words of money carried over from last year (income side): 上年结转, and in final accounts
/// 年初结转和结余 and 用事业基金弥补收支差额 (reserves drawn to cover the year's deficit).
const CARRIED_OVER: &[&str] = &[
    "上年结转",
    "上年结余",
    "非财政拨款结余",
    "年初结转",
    "年初财政拨款结转",
    "事业基金弥补",
];

/// How a line of an opening balance begins and ends (`上年实户资金余额`, money left on the
/// department's own accounts last year): income carried over like 上年结转.
const OPENING_BALANCE: (&str, &str) = ("上年", "余额");

fn is_opening_balance(key: &str) -> bool {
    key.starts_with(OPENING_BALANCE.0) && key.ends_with(OPENING_BALANCE.1)
}

/// Words of money carried to next year (expenditure side): 结转下年, and in final accounts
/// 年末结转和结余 and 结余分配 (the year's surplus put into reserves), which with 本年支出合计 make
/// the side's 总计.
const CARRIED_FORWARD: &[&str] = &[
    "结转下年",
    "年终结转",
    "年末结转",
    "年末财政拨款结转",
    "结余分配",
];

/// Words of carry-over of any kind: a line naming them is not this year's money.
const CARRY_WORDS: &[&str] = &["结转", "结余"];

/// A label's key: without its list number, `其中：` and spaces (`九、上年结转(结余)` →
/// `上年结转(结余)`).
pub fn label_key(label: &str) -> String {
    compact(strip_ordinal(label))
}

/// Whether a label (or header word) starts with 其中, spaces ignored.
pub fn is_of_which(label: &str) -> bool {
    label
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(2)
        .eq(OF_WHICH.chars())
}

/// The header of a group's own total column (小计).
pub use budget_model::SUBTOTAL;

/// Whether a label names a total (合计 or 总计 in it).
pub fn names_total(key: &str) -> bool {
    has_word(key, TOTAL) || has_word(key, GRAND_TOTAL)
}

/// The role of a row from its label. `side_by_side`: the row is on a side of a side-by-side
/// summary, where a bare 总计 is the side's grand total (in other tables it is the table's
/// total).
pub fn row_role(label: &str, side_by_side: bool) -> RowRole {
    if is_of_which(label) {
        return RowRole::OfWhich;
    }
    let key = label_key(label);
    if is_current_year(&key) {
        RowRole::CurrentYearTotal
    } else if SIDE_GRAND_TOTALS.contains(&key.as_str()) || (side_by_side && key == GRAND_TOTAL) {
        RowRole::GrandTotal
    } else if names_total(&key) {
        RowRole::Total
    } else if CARRIED_FORWARD.iter().any(|w| has_word(&key, w)) {
        RowRole::CarriedForward
    } else if CARRIED_OVER.iter().any(|w| has_word(&key, w)) || is_opening_balance(&key) {
        RowRole::CarriedOver
    } else {
        RowRole::Item
    }
}

/// Whose money an income line names: none for carry-over lines (上年结转, 财政拨款结转) and for
/// lines that name no fund.
pub fn fund_of(label: &str) -> Option<Fund> {
    let key = label_key(label);
    let has = |w: &str| has_word(&key, w);
    if CARRY_WORDS.iter().any(|w| has(w)) {
        return None;
    }
    // The kinds first: `政府性基金预算财政拨款` is government-fund money.
    if has("政府性基金") {
        Some(Fund::GovernmentFund)
    } else if has("国有资本") {
        Some(Fund::StateCapital)
    } else if has("一般公共预算") {
        Some(Fund::GeneralBudget)
    } else if has("财政拨款") {
        Some(Fund::Fiscal)
    } else {
        None
    }
}

/// How deep a printed list number is: `一、` 1, `（一）` 2, `1、` 3, `（1）` / `①` 4 (read by
/// [`ordinal`], as headings are); none when the
/// label has none. Sub-items of `一、财政拨款收入` are `（一）...`; summing only the shallowest
/// level avoids counting them twice.
pub fn list_level(label: &str) -> Option<u8> {
    ordinal(trim(label))
        .map(|(level, _)| level)
        .filter(|&level| level > 0)
}

/// Names of category headings in project lists (专用项目 ...).
const PROJECT_CATEGORIES: &[&str] = &[
    "专用项目",
    "一般项目",
    "专项项目",
    "项目支出",
    "专项业务经费",
];

/// How the names of units end (the unit rows of a project list: …局, …中心).
const UNIT_ENDINGS: &[&str] = &[
    "局",
    "中心",
    "委员会",
    "办公室",
    "院",
    "所",
    "站",
    "处",
    "馆",
    "队",
];

/// The ending of a category of projects (特定目标类, 其他运转类).
const CATEGORY_ENDING: char = '类';

/// Whether a project-list row is a heading by its name: a category (专用项目, 特定目标类) or a
/// unit (…局, …中心), not a project.
pub fn is_project_heading(label: &str) -> bool {
    let name = label_key(label);
    name.ends_with(CATEGORY_ENDING)
        || PROJECT_CATEGORIES.contains(&name.as_str())
        || UNIT_ENDINGS.iter().any(|s| name.ends_with(s))
}

/// The separator the form reader puts between the words of a form line.
pub const PART_SEPARATOR: &str = " / ";

/// The words of a form line's label (`其中：财政拨款 / 其他经费` → 财政拨款, 其他经费), each
/// without spaces, `其中` and colons, with its meanings.
pub fn label_parts(label: &str) -> Vec<LabelPart> {
    label
        .split(PART_SEPARATOR)
        .filter_map(|part| {
            let text = bare_word(&compact(part)).to_string();
            (!text.is_empty()).then(|| LabelPart {
                terms: terms_of(&text),
                text,
            })
        })
        .collect()
}

fn bare_word(word: &str) -> &str {
    let mut rest = word;
    while let Some(r) = rest.strip_prefix(OF_WHICH) {
        rest = r;
    }
    rest.trim_matches([':', '：'])
}

/// The parts of the funds of a form (资金总额 = 财政拨款 + 其他资金 + 上年结转).
const FUND_PARTS: &[&str] = &["财政拨款", "其他资金", "上年结转"];

/// The meanings of one word of a form line.
fn terms_of(word: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let exact = |w: &str| word == w;
    if exact("项目名称") {
        terms.push(Term::ProjectName);
    }
    if word.contains("资金总额") {
        terms.push(Term::Funds);
        if word.contains("年度") {
            terms.push(Term::AnnualFunds);
        }
        if word.contains("实施期") {
            terms.push(Term::PeriodFunds);
        }
    }
    if FUND_PARTS.iter().any(|w| word.contains(w)) {
        terms.push(Term::FundPart);
    }
    if exact("总额") {
        terms.push(Term::Amount);
    }
    if word.ends_with(TOTAL) {
        terms.push(Term::Total);
    }
    if exact("收入预算合计") {
        terms.push(Term::IncomeTotal);
    }
    if exact("支出预算合计") {
        terms.push(Term::ExpenditureTotal);
    }
    if exact("金额合计") {
        terms.push(Term::TaskTotal);
    }
    if exact("财政拨款") {
        terms.push(Term::Fiscal);
    }
    if exact("基本支出") {
        terms.push(Term::Basic);
    }
    if exact("项目支出") {
        terms.push(Term::Project);
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert!(is_agency_header("部门（单位）代码"));
        assert!(is_code_header("科目编码"));
        assert!(is_agency_name_header("预算单位"));
        assert!(!is_agency_name_header("预算单位科目编码"));
        assert!(is_ordinal_header("序号"));
        assert!(is_label_header("科目名称"));
        assert!(is_agency_name_header("单位名称") && !is_agency_name_header("项目名称"));
        assert!(is_split_code_header("款") && !is_split_code_header("款项"));
        assert_eq!(unnamed_column(Some("3"), 4), "栏3");
        assert_eq!(unnamed_column(None, 4), "列4");
        assert!(is_side_header_word("收入") && is_side_header_word("2024年预算数"));
        assert!(is_side_header_word("其中：财政拨款"));
        assert!(is_side_header_word("功能分类"));
        assert!(is_side_header_word("支出用途"));
        assert!(!is_side_header_word("一、财政拨款收入"));
    }

    #[test]
    fn sides_and_their_schemes() {
        assert_eq!(side_of("收入"), Some(Side::Income));
        assert_eq!(side_of("支出"), Some(Side::Expenditure));
        assert_eq!(side_of("收入总计"), None);
        assert_eq!(section_scheme("按功能分类"), Classification::Function);
        assert_eq!(
            section_scheme("部门预算经济分类"),
            Classification::DeptEconomic
        );
        assert_eq!(
            section_scheme("政府预算经济分类"),
            Classification::GovEconomic
        );
        let s = side_section(Side::Expenditure, Some(Classification::Function), "项目");
        assert_eq!(s.name, "支出项目");
        assert!(is_flat_income("一、财政拨款收入"));
        assert!(!is_flat_income("社会保障和就业支出"));
    }

    #[test]
    fn list_levels() {
        assert_eq!(list_level("一、财政拨款收入"), Some(1));
        assert_eq!(list_level("（一）一般公共预算收入"), Some(2));
        assert_eq!(list_level("(二)政府性基金预算收入"), Some(2));
        assert_eq!(list_level("1、一般公共预算拨款"), Some(3));
        assert_eq!(list_level("(1)工资福利支出"), Some(4));
        assert_eq!(list_level("本年收入合计"), None);
        assert_eq!(list_level("其中：财政拨款"), None);
    }

    #[test]
    fn row_roles_by_meaning_with_or_without_list_numbers() {
        assert_eq!(row_role("合计", false), RowRole::Total);
        assert_eq!(row_role("合 计", false), RowRole::Total);
        assert_eq!(row_role("总计", false), RowRole::Total);
        assert_eq!(row_role("总计", true), RowRole::GrandTotal);
        assert_eq!(row_role("收入总计", true), RowRole::GrandTotal);
        assert_eq!(row_role("收入合计", true), RowRole::Total);
        assert_eq!(row_role("本年收入合计", true), RowRole::CurrentYearTotal);
        assert_eq!(row_role("一、本年支出", true), RowRole::CurrentYearTotal);
        assert_eq!(row_role("当年收入小计", true), RowRole::CurrentYearTotal);
        assert_eq!(row_role("当年支出小计", true), RowRole::CurrentYearTotal);
        assert_eq!(row_role("本年收入小计其他", true), RowRole::Item);
        assert_eq!(row_role("九、上年结转(结余)", true), RowRole::CarriedOver);
        assert_eq!(row_role("二、上年结转", true), RowRole::CarriedOver);
        assert_eq!(row_role("上年结余、结转", true), RowRole::CarriedOver);
        assert_eq!(row_role("使用非财政拨款结余", true), RowRole::CarriedOver);
        assert_eq!(row_role("上年实户资金余额", true), RowRole::CarriedOver);
        assert_eq!(row_role("二、年终结转结余", true), RowRole::CarriedForward);
        assert_eq!(row_role("结转下年", true), RowRole::CarriedForward);
        assert_eq!(row_role("年初结转和结余", true), RowRole::CarriedOver);
        assert_eq!(
            row_role("年初财政拨款结转和结余", true),
            RowRole::CarriedOver
        );
        assert_eq!(
            row_role("用事业基金弥补收支差额", true),
            RowRole::CarriedOver
        );
        assert_eq!(row_role("结余分配", true), RowRole::CarriedForward);
        assert_eq!(row_role("年末结转和结余", true), RowRole::CarriedForward);
        assert_eq!(row_role("其中：财政拨款", true), RowRole::OfWhich);
        assert_eq!(row_role("八、其他收入", true), RowRole::Item);
        assert_eq!(row_role("社会保障和就业支出", true), RowRole::Item);
    }

    #[test]
    fn funds_named_by_income_lines() {
        assert_eq!(fund_of("一、财政拨款收入"), Some(Fund::Fiscal));
        assert_eq!(fund_of("（一）一般公共预算收入"), Some(Fund::GeneralBudget));
        assert_eq!(fund_of("政府性基金预算"), Some(Fund::GovernmentFund));
        assert_eq!(fund_of("国有资本经营预算"), Some(Fund::StateCapital));
        assert_eq!(fund_of("财政拨款结转"), None);
        assert_eq!(
            fund_of("（二）政府性基金预算财政拨款"),
            Some(Fund::GovernmentFund)
        );
        assert_eq!(fund_of("七、其他收入"), None);
    }

    #[test]
    fn of_which_and_total_labels() {
        assert!(is_of_which(" 其 中：财政拨款"));
        assert!(!is_of_which("财政拨款其中"));
    }

    #[test]
    fn project_headings() {
        assert!(is_project_heading("专用项目"));
        assert!(is_project_heading("特定目标类"));
        assert!(is_project_heading("安阳市医疗保障局"));
        assert!(is_project_heading("安阳市社会医疗保险中心"));
        assert!(!is_project_heading("医保专网建设经费"));
    }

    #[test]
    fn form_label_parts_and_their_terms() {
        let parts = label_parts("其中：财政拨款 / 其他资金");
        let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["财政拨款", "其他资金"]);
        assert!(parts[0].is(Term::Fiscal) && parts[0].is(Term::FundPart));
        assert!(parts[1].is(Term::FundPart) && !parts[1].is(Term::Fiscal));
        let funds = label_parts("实施期资金总额 / 年度资金总额");
        assert!(funds[0].is(Term::PeriodFunds) && !funds[0].is(Term::AnnualFunds));
        assert!(funds[1].is(Term::AnnualFunds) && funds[1].is(Term::Funds));
        let name = label_parts("项目名称 / 医保专网建设经费");
        assert!(name[0].is(Term::ProjectName));
        assert!(name[1].terms.is_empty());
        assert!(label_parts("金额合计")[0].is(Term::TaskTotal));
        assert!(label_parts("支出预算合计")[0].is(Term::ExpenditureTotal));
        assert!(label_parts(" 其中 ").is_empty());
    }
}
