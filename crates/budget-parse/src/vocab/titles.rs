//! Vocabulary of table titles: the words that tell a table's kind by meaning, and the repairs
//! of what text extraction does to titles.

use budget_model::{has_word, TableKind};

/// The word every table title ends with or holds (…表).
const TABLE: char = '表';

/// The longest a title line is, in characters.
const MAX_TITLE_CHARS: usize = 60;

/// Punctuation of sentences, which titles do not have.
const SENTENCE_MARKS: &[char] = &['。', '，', ','];

/// How a sentence about a table starts (`本表（公开 04 表）反映部门年度财政拨款总体收支预算情`, a
/// line of a wrapped explanation): it names a table and is not its title.
const DESCRIPTION_STARTS: &[&str] = &["本表", "此表", "该表"];

/// Marks of a list item of the contents (`- 一、《收支总表》`), which is not a title.
const LISTED_MARKS: (char, char) = ('-', '《');

/// Whether a line (without markdown `#`) reads as a table's title: short, naming a table
/// (…表), neither a sentence nor a listed item of the contents. A list number does not make a
/// line a contents item: many publishers number their titles as the contents number them
/// (`一、2017 年度…部门收支预算总表`); a numbered line only titles a table when a table follows
/// it, as every title does.
pub fn looks_like_title(t: &str) -> bool {
    let sentence =
        t.contains(SENTENCE_MARKS) || DESCRIPTION_STARTS.iter().any(|w| t.starts_with(w));
    let listed = t.starts_with(LISTED_MARKS.0) || t.contains(LISTED_MARKS.1);
    t.contains(TABLE) && t.chars().count() <= MAX_TITLE_CHARS && !sentence && !listed
}

use budget_model::TABLE_NUMBER_CHARS as NUMBER_CHARS;

/// The fewest characters, besides its number, of a title that names no known kind.
const MIN_OTHER_TITLE_CHARS: usize = 4;

/// Whether a title line that names no known kind (see [`classify_title`]) still titles a table
/// of its own: it ends with 表, or with 表 and a bracketed qualifier (财政拨款支出表（功能科目）),
/// and says more than a table's number (`公开 05 表`, `表一` are labels, not titles). Such a
/// table is of kind `other`, never the continuation of the table before it.
pub fn is_other_title(t: &str) -> bool {
    let part = crate::vocab::ordinals::ordinal(t.trim()).is_some_and(|(level, _)| level == 0);
    let t = strip_qualifier(budget_model::strip_ordinal(t.trim()));
    if part || names_a_set_of_tables(t) {
        return false;
    }
    let words = t
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .filter(|c| !NUMBER_CHARS.contains(c) && !budget_model::is_chinese_numeral(*c))
        .count();
    t.ends_with(TABLE) && words >= MIN_OTHER_TITLE_CHARS
}

/// How the heading of a part that holds the tables ends (`第二部分 2023 年部门预算表`,
/// `四、2026 年杭州市公安局预算公开表`, `五、单位预算表`): it names the set, not one table.
const SET_OF_TABLES: &[&str] = &[
    "部门预算表",
    "单位预算表",
    "预算公开表",
    "决算公开表",
    "预算报表",
];

fn names_a_set_of_tables(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    SET_OF_TABLES.iter().any(|w| t.ends_with(w))
}

/// A title without its trailing bracketed qualifier (`（功能科目）`, `(按经济分类)`).
fn strip_qualifier(t: &str) -> &str {
    let t = t.trim_end();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                return inner[..at].trim_end();
            }
        }
    }
    t
}

/// The heading of the table of contents.
pub const CONTENTS: &str = "目录";

/// Header words of a contents grid: the table's name (报表名称, 内容), whether it is empty, why.
pub const CONTENTS_NAME: [&str; 2] = ["名称", "内容"];
pub const CONTENTS_EMPTY: &str = "是否空表";
pub const CONTENTS_REASON: &str = "理由";

/// Headers that make a grid a list of the tables (报表名称, 是否空表).
pub const CONTENTS_GRID_HEADERS: &[&str] = &["报表名称", CONTENTS_EMPTY];

/// The yes and no of a 是否空表 column.
pub const YES: &str = "是";
pub const NO: &str = "否";

/// Whether a listed title (ordinal and book-title marks removed) names a table: it ends with
/// 表, and is not a part (第…部分) or an attachment (附件).
pub fn is_listed_table(title: &str) -> bool {
    title.chars().count() > 2
        && title.ends_with(TABLE)
        && !title.starts_with('第')
        && !title.contains("附件")
        && !names_a_set_of_tables(title)
}

/// How a note starts (注：…, 备注：…).
const NOTE_STARTS: &[&str] = &["注", "备注"];

/// Whether a line is a note printed with a table.
pub fn is_note(text: &str) -> bool {
    let t = text.trim_start_matches('#').trim();
    NOTE_STARTS.iter().any(|w| t.starts_with(w))
}

/// A note without its 注： / 备注：, to classify what it names.
pub fn note_body(text: &str) -> &str {
    text.trim_start_matches(['注', '备', ':', '：', ' '])
}

/// What ends a sentence of the narrative, for finding the one that explains an empty table.
pub const SENTENCE_ENDS: [char; 2] = ['。', '；'];

/// The words of a sentence saying there is none of something (没有, 无, 未, 不涉及).
const NONE_WORDS: &[&str] = &["没有", "无", "未", "不涉及"];

/// Words of a line printed in place of an empty table's rows (此表为空, 本表无数据, 空表).
const EMPTY_TABLE_WORDS: &[&str] = &["为空", "无数据", "空表"];

/// Whether a line printed under a table's title says the table is empty: 此表为空, a note
/// saying there is none (注：本部门无相关收支项目), a bracketed none ((无政府性基金支出）).
pub fn says_table_is_empty(text: &str) -> bool {
    let t = text.trim();
    let bracketed = t.starts_with(['(', '（']);
    let says_none = NONE_WORDS.iter().any(|w| t.contains(w));
    EMPTY_TABLE_WORDS.iter().any(|w| t.contains(w)) || ((is_note(t) || bracketed) && says_none)
}

/// Words of a condition (`若为空表，则…`, `如无数据`): a note that says what an empty table
/// would mean, not that this one is empty.
const CONDITION_WORDS: &[&str] = &["若", "如果", "如无", "如为"];

/// Whether a table's note says that this table is empty ([`says_table_is_empty`]), not what
/// an empty one would mean.
pub fn says_this_table_is_empty(note: &str) -> bool {
    says_table_is_empty(note) && !CONDITION_WORDS.iter().any(|w| note.contains(w))
}

pub use budget_model::is_table_number;

/// The words a narrative uses for the money an empty table would show.
pub fn empty_topic(kind: TableKind) -> Option<&'static str> {
    match kind {
        TableKind::GovernmentFundExpenditure => Some("政府性基金"),
        TableKind::StateCapitalExpenditure => Some("国有资本经营"),
        TableKind::ThreePublicExpenses => Some(budget_model::THREE_PUBLIC),
        TableKind::GovernmentProcurement => Some("政府采购"),
        TableKind::Carryover => Some("结转"),
        TableKind::ProjectExpenditure => Some("项目"),
        _ => None,
    }
}

/// Whether a sentence says the document has none of `topic` (本部门没有政府性基金…), or that
/// its amount is zero (政府性基金拨款支出预算0万元, 政府性基金拨款支出预算为0).
pub fn says_none_of(sentence: &str, topic: &str) -> bool {
    sentence.contains(topic)
        && (NONE_WORDS.iter().any(|w| sentence.contains(w)) || states_zero(sentence))
}

/// What may follow a zero that states an amount: a unit, or the end of the sentence.
const ZERO_ENDS: &[&str] = &["万元", "元", ""];

/// Whether a sentence states an amount of zero (`0万元`, `0.00 元`, `为0`, `为零`).
fn states_zero(sentence: &str) -> bool {
    let t: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    if t.contains("为零") {
        return true;
    }
    t.match_indices('0').any(|(at, _)| {
        let before = t[..at].chars().next_back();
        let lead = before.is_none_or(|c| !c.is_ascii_digit() && c != '.' && c != ',');
        let rest = t[at + 1..].trim_start_matches(['.', '0']);
        let end = rest.split(['，', ',', '；', '。']).next().unwrap_or("");
        lead && ZERO_ENDS
            .iter()
            .any(|u| end.starts_with(u) && (!u.is_empty() || end.is_empty()))
    })
}

/// The words of a performance self-evaluation's title (绩效自评表, 绩效评价表): the year's results
/// against the targets, with 分值/得分 scores and execution rates beside the money. Published with
/// final accounts; not a performance-target form, whose money lines add up.
const EVALUATION_WORDS: [&str; 2] = ["自评", "评价"];

/// Whether a title names a performance self-evaluation (see [`EVALUATION_WORDS`]).
fn is_performance_evaluation(title: &str) -> bool {
    EVALUATION_WORDS.iter().any(|w| has_word(title, w))
}

/// Classifies a table title by meaning. Titles vary by place and year and text extraction
/// garbles them (部门收人总表, repaired by [`normalize_title`]), so this looks for the words that
/// carry the meaning, most specific first.
pub fn classify_title(title: &str) -> Option<TableKind> {
    let t = normalize_title(title);
    let has = |w: &str| has_word(&t, w);
    let kind = if is_final_accounts(&t) {
        final_accounts_kind(&t)
    } else if has("绩效") {
        if is_performance_evaluation(&t) {
            TableKind::Other
        } else if has("专项资金") || has(SPECIAL_TRANSFERS) {
            // A special fund's form, even one covering the whole fund (专项资金整体支出…).
            TableKind::PerformanceTargetsSpecialFunds
        } else if has("整体") {
            TableKind::PerformanceTargetsDepartment
        } else if has("项目") || has("专项业务") {
            TableKind::PerformanceTargetsProject
        } else {
            return None;
        }
    } else if has(budget_model::THREE_PUBLIC) {
        TableKind::ThreePublicExpenses
    } else if has(OPERATING_COSTS) {
        // 机关运行经费 by economic code: none of the standard set, whose money it is.
        TableKind::Other
    } else if has("政府性基金") {
        TableKind::GovernmentFundExpenditure
    } else if has("国有资本经营") {
        TableKind::StateCapitalExpenditure
    } else if has("政府采购") {
        TableKind::GovernmentProcurement
    } else if has("结转") && (has("资金") || has("结余")) && !has("收支") {
        TableKind::Carryover
    } else if has("财政拨款收支") || (has("财政拨款") && has("收入") && has("支出")) {
        TableKind::FiscalAppropriationSummary
    } else if has("一般公共预算") && has("基本支出") {
        if has("功能") {
            TableKind::GeneralBudgetBasicExpenditureFunction
        } else {
            TableKind::GeneralBudgetBasicExpenditure
        }
    } else if has("基本支出") || (has("经济分类") && has("项目支出")) {
        // 部门预算基本支出预算表 (all money, basic only), 一般公共预算项目支出情况表（按经济分类科目）
        // (project money only): of no kind of the standard set, whose totals they are not.
        TableKind::Other
    } else if (has("一般公共预算") && has("经济分类")) || has("支出经济分类汇总")
    {
        TableKind::GeneralBudgetExpenditureEconomic
    } else if has("一般公共预算") && has("支出") {
        TableKind::GeneralBudgetExpenditure
    } else if has("项目支出") || has("专项业务经费支出") {
        TableKind::ProjectExpenditure
    } else if has("财政拨款") && has("支出") {
        // 财政拨款支出表, 财政拨款基本支出预算表 (Jiangsu): general-budget and fund money
        // together, of no kind of the standard set.
        TableKind::Other
    } else if has("收支") || (has("收入") && has("支出")) {
        TableKind::IncomeExpenditureSummary
    } else if has("收入") && names_a_table(&t) {
        TableKind::IncomeSummary
    } else if has("支出") && names_a_table(&t) {
        TableKind::ExpenditureSummary
    } else {
        return None;
    };
    Some(kind)
}

/// The words of transfers to lower governments for a purpose (专项转移支付, 共同事权转移支付),
/// whose performance forms are those of special funds.
const SPECIAL_TRANSFERS: &str = "转移支付";

/// The words of a table of the administration's operating costs (机关运行经费), printed beside
/// the standard set.
pub const OPERATING_COSTS: &str = "机关运行经费";

/// The word of a final-accounts table's title (收入支出决算总表, 支出决算表 …).
const FINAL_ACCOUNTS: &str = "决算";

/// Whether a title names a table of final accounts: one of the nine of final_accounts.md, or
/// another printed with them (机关运行经费, 政府采购 …, of no standard kind). The budget set's
/// relations do not hold between them.
fn is_final_accounts(title: &str) -> bool {
    has_word(title, FINAL_ACCOUNTS)
}

/// The kind of a final-accounts table by the words of its title, most specific first
/// (收入支出决算总表, 财政拨款收入支出决算总表, 一般公共预算财政拨款基本支出决算表 …).
fn final_accounts_kind(t: &str) -> TableKind {
    let has = |w: &str| has_word(t, w);
    let income_and_expenditure = has("收支") || (has("收入") && has("支出"));
    if has("绩效") || has(OPERATING_COSTS) || has("政府采购") {
        TableKind::Other
    } else if has(budget_model::THREE_PUBLIC) {
        TableKind::FinalThreePublicExpenses
    } else if has("政府性基金") {
        TableKind::FinalGovernmentFund
    } else if has("国有资本经营") {
        TableKind::FinalStateCapital
    } else if has("财政拨款") && income_and_expenditure {
        TableKind::FinalFiscalAppropriationSummary
    } else if has("一般公共预算") && has("基本支出") {
        TableKind::FinalGeneralBudgetBasicExpenditure
    } else if has("一般公共预算") && has("支出") {
        TableKind::FinalGeneralBudgetExpenditure
    } else if income_and_expenditure {
        TableKind::FinalIncomeExpenditureSummary
    } else if has("收入") {
        TableKind::FinalIncome
    } else if has("支出") && !has("项目") && !has("基本") {
        TableKind::FinalExpenditure
    } else {
        TableKind::Other
    }
}

/// The endings of the titles of the income and expenditure tables: 收入总表, 部门收入预算表,
/// 收入总体情况表 (Guangdong, Chongqing).
const TABLE_ENDINGS: [&str; 3] = ["总表", "预算表", "情况表"];

/// Whether a title ends as an income or expenditure table's does (see [`TABLE_ENDINGS`]).
fn names_a_table(title: &str) -> bool {
    TABLE_ENDINGS.iter().any(|w| has_word(title, w))
}

/// An extraction error seen in titles: 收人 printed for 收入 (人 and 入 look alike).
const GARBLED_INCOME: (&str, &str) = ("收人", "收入");

/// Repairs the extraction errors seen in titles ([`GARBLED_INCOME`]) and drops spaces and
/// quotes.
fn normalize_title(title: &str) -> String {
    let mut t = String::with_capacity(title.len());
    t.extend(title.chars().filter(|c| {
        !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '《' | '》')
    }));
    let (garbled, meant) = GARBLED_INCOME;
    if has_word(&t, garbled) {
        t = t.replace(garbled, meant);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use TableKind::*;

    #[test]
    fn other_titles_name_a_table_not_a_number() {
        assert!(is_other_title("财政拨款支出表（功能科目）"));
        assert!(is_other_title("五、部门预算绩效目标表"));
        assert!(!is_other_title("公开 05 表"));
        assert!(!is_other_title("表一"));
        assert!(!is_other_title("预算01表"));
        assert!(!is_other_title("五、单位预算表"));
        assert!(!is_other_title("财政拨款支出表说明"));
        assert!(!is_other_title("第二部分 2023 年部门预算表"));
        assert!(!is_other_title("四、2026 年杭州市公安局预算公开表"));
    }

    #[test]
    fn lines_that_say_a_table_is_empty() {
        assert!(says_table_is_empty("  此表为空"));
        assert!(says_table_is_empty("注：本部门无相关收支项目"));
        assert!(says_table_is_empty(" (无政府性基金支出）"));
        assert!(says_table_is_empty(
            "注：本部门无政府性基金预算，也没有使用政府性基金安排的支出，故本表无数据。"
        ));
        assert!(!says_table_is_empty("注：“科目编码”和“科目名称”为必填项"));
        assert!(!says_table_is_empty("本部门无政府性基金预算支出。"));
        assert!(says_this_table_is_empty(
            "注：本部门无政府性基金收支，故本表无数据。"
        ));
        assert!(!says_this_table_is_empty(
            "注：若为空表，则为该部门无政府性基金收支"
        ));
    }

    #[test]
    fn listed_tables() {
        assert!(is_listed_table("收支预算总表"));
        assert!(!is_listed_table("第三部分"));
        assert!(!is_listed_table("附件：预算公开表"));
        assert!(!is_listed_table("表"));
        // The heading of the part that holds the tables names the set, not one table.
        assert!(!is_listed_table("单位预算表"));
        assert!(!is_listed_table("2026 年杭州市公安局预算公开表"));
    }

    #[test]
    fn titles_notes_and_empty_reasons() {
        assert!(looks_like_title("部门收支总表"));
        assert!(!looks_like_title("本表反映部门收支，单位万元。"));
        assert!(!looks_like_title("- 一、《收支预算总表》"));
        assert!(!looks_like_title(
            "本表（公开 04 表）反映部门年度财政拨款总体收支预算情"
        ));
        assert!(!looks_like_title("单位主要职责"));
        assert!(looks_like_title(
            "一、2017 年度江苏省高级人民法院部门收支预算总表"
        ));
        assert!(is_note("注：若为空表，则为该部门无政府性基金收支"));
        assert!(is_note("## 备注：本表无数据"));
        assert_eq!(
            note_body("注：政府性基金预算支出表"),
            "政府性基金预算支出表"
        );
        let topic = empty_topic(TableKind::GovernmentFundExpenditure).unwrap_or_default();
        assert!(says_none_of(
            "本部门没有使用政府性基金预算拨款安排的支出",
            topic
        ));
        assert!(!says_none_of("政府性基金预算支出 10 万元", topic));
        assert!(says_none_of(
            "政府性基金拨款支出预算0万元，与2025年预算持平",
            topic
        ));
        assert!(says_none_of("政府性基金拨款支出预算为0", topic));
        assert!(says_none_of("政府性基金支出预算支出 0 万元", topic));
        assert!(!says_none_of("政府性基金支出预算 1,000 万元", topic));
        assert!(!says_none_of("政府性基金支出预算 20.05 万元", topic));
        assert_eq!(empty_topic(TableKind::ExpenditureSummary), None);
    }

    #[test]
    fn classifies_titles_of_the_samples() {
        let cases = [
            ("收支预算总表", IncomeExpenditureSummary),
            ("2024年部门收支预算表", IncomeExpenditureSummary),
            ("2023年部门综合预算收支总表", IncomeExpenditureSummary),
            ("部门收人总表", IncomeSummary),
            ("2024年部门收入预算表", IncomeSummary),
            ("部门支出总表", ExpenditureSummary),
            ("2024年部门支出预算表", ExpenditureSummary),
            ("财政拨款收支总表", FiscalAppropriationSummary),
            ("2024年财政拨款收支预算表", FiscalAppropriationSummary),
            ("一般公共预算支出表", GeneralBudgetExpenditure),
            ("2024年一般公共预算支出预算表", GeneralBudgetExpenditure),
            (
                "2023年部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
                GeneralBudgetExpenditure,
            ),
            (
                "2023年部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
                GeneralBudgetExpenditureEconomic,
            ),
            ("2024年支出经济分类汇总表", GeneralBudgetExpenditureEconomic),
            ("一般公共预算基本支出表", GeneralBudgetBasicExpenditure),
            (
                "2023年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
                GeneralBudgetBasicExpenditureFunction,
            ),
            ("财政拨款\"三公\"经费支出表", ThreePublicExpenses),
            ("政府性基金预算支出表", GovernmentFundExpenditure),
            (
                "2023年部门综合预算政府性基金收支表",
                GovernmentFundExpenditure,
            ),
            ("国有资本经营预算支出表", StateCapitalExpenditure),
            ("2024年项目支出预算表", ProjectExpenditure),
            ("2023年部门综合预算专项业务经费支出表", ProjectExpenditure),
            ("上年结转资金表", Carryover),
            ("部门上年结转资金表", Carryover),
            ("项目支出绩效目标表", PerformanceTargetsProject),
            (
                "2023年部门专项业务经费绩效目标表",
                PerformanceTargetsProject,
            ),
            ("部门整体支出绩效目标表", PerformanceTargetsDepartment),
            ("本级部门(单位)整体绩效目标表", PerformanceTargetsDepartment),
            ("收入支出决算总表", FinalIncomeExpenditureSummary),
            ("财政拨款收入支出决算总表", FinalFiscalAppropriationSummary),
            ("收入决算表", FinalIncome),
            ("支出决算表", FinalExpenditure),
            (
                "一般公共预算财政拨款支出决算表",
                FinalGeneralBudgetExpenditure,
            ),
            (
                "一般公共预算财政拨款基本支出决算表",
                FinalGeneralBudgetBasicExpenditure,
            ),
            (
                "一般公共预算财政拨款“三公”经费支出决算表",
                FinalThreePublicExpenses,
            ),
            (
                "财政拨款“三公”经费及会议费、培训费支出决算表",
                FinalThreePublicExpenses,
            ),
            ("政府性基金预算财政拨款收入支出决算表", FinalGovernmentFund),
            ("国有资本经营预算财政拨款支出决算表", FinalStateCapital),
            ("一般公共预算财政拨款机关运行经费支出决算表", Other),
            ("项目支出决算表", Other),
            ("收入支出总表", IncomeExpenditureSummary),
            ("2026 年部门收入总体情况表", IncomeSummary),
            ("本年支出总体情况表", ExpenditureSummary),
            // A self-evaluation is a table of its own, of no standard kind, not a target form.
            ("西安市级2022年病媒生物防制项目绩效自评表", Other),
            ("部门整体支出绩效自评表", Other),
            ("2022年项目支出绩效评价表", Other),
            (
                "2023年专项资金总体绩效目标表",
                PerformanceTargetsSpecialFunds,
            ),
            (
                "2019年专项资金整体支出绩效目标表",
                PerformanceTargetsSpecialFunds,
            ),
            (
                "2023年部门综合预算政府采购（资产配置、购买服务）预算表",
                GovernmentProcurement,
            ),
            ("一般公共预算机关运行经费支出预算表", Other),
            (
                "2026年单位“三公”经费和机关运行经费预算表",
                ThreePublicExpenses,
            ),
            ("财政拨款支出预算表", Other),
            ("财政拨款基本支出表（经济科目）", Other),
            ("财政拨款收支预算总表", FiscalAppropriationSummary),
            ("一般公共预算财政拨款支出预算表", GeneralBudgetExpenditure),
            (
                "预算14表 专项转移支付绩效目标表",
                PerformanceTargetsSpecialFunds,
            ),
            (
                "预算14表-1 促进教育事业均衡发展共同事权转移支付绩效目标表",
                PerformanceTargetsSpecialFunds,
            ),
            ("部门预算基本支出预算表", Other),
            ("基本支出总表", Other),
            ("一般公共预算项目支出情况表（按经济分类科目）", Other),
            (
                "一般公共预算支出表（按经济分类）",
                GeneralBudgetExpenditureEconomic,
            ),
        ];
        for (title, kind) in cases {
            assert_eq!(classify_title(title), Some(kind), "{title}");
        }
        assert_eq!(classify_title("单位主要职责"), None);
    }
}
