//! Vocabulary of column headers: the words that give a column its role (合计, 基本支出,
//! 人员经费, 上年结转, 一般公共预算, 公务接待费 ...). `columns.rs` reads them in the context of
//! their header group.

use budget_model::{has_word, ColumnRole};

use super::tables::{ends_with_total, OF_WHICH, SUBTOTAL};

/// What a header word says of its column: a role, or a 小计 whose group names its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderWord {
    Role(ColumnRole),
    Subtotal,
}

/// Income sources other than fiscal appropriation.
const OTHER_INCOME: &[&str] = &[
    "事业收入",
    "经营收入",
    "其他收入",
    "上缴收入",
    "补助收入",
    "教育收费",
    "财政专户",
    "单位资金",
    "其他资金",
];

/// Expenditures that a row's 合计 counts beside 基本支出 and 项目支出.
const OTHER_SPENDING: &[&str] = &[
    "经营支出",
    "上缴上级支出",
    "对附属单位补助支出",
    "预留机动经费",
    "结转下年",
];

/// A caption over columns saying how much of a row's spending is bought through government
/// procurement (`2026年政府采购项目 | 小计 | 货物 | 服务`): of-which figures, never parts of the
/// row's total.
const PROCUREMENT: &str = "政府采购";

/// Whether a header word is a government-procurement caption (see [`PROCUREMENT`]).
pub fn is_procurement_caption(word: &str) -> bool {
    has_word(word, PROCUREMENT)
}

/// The budgets a column of money may be headed by, as printed in full; a narrow column wraps
/// them (`政府性基金` over `预算`, `国有资本经` over `营预算`).
const FUND_HEADERS: &[&str] = &["一般公共预算", "政府性基金预算", "国有资本经营预算"];

/// Whether `below`, printed under `above` in one column of a header, is the rest of a fund's
/// name that `above` starts (`政府性基金` + `预算`): one word wrapped, not two levels.
pub fn completes_fund_header(above: &str, below: &str) -> bool {
    !below.is_empty()
        && FUND_HEADERS
            .iter()
            .any(|f| f.strip_prefix(above) == Some(below))
}

/// The two items printed beside the 三公 in their table (…“三公”经费、会议费、培训费支出表).
const MEETING: &str = "会议费";
const TRAINING: &str = "培训费";

/// What a single header word (normalized: no spaces, no markup) says of its column.
pub fn header_word(word: &str) -> HeaderWord {
    use ColumnRole::*;
    let has = |w: &str| has_word(word, w);
    let role = if word.is_empty() {
        Other
    } else if has(OF_WHICH) {
        OfWhich
    } else if word == SUBTOTAL {
        return HeaderWord::Subtotal;
    } else if ends_with_total(word) {
        Total
    } else if has(budget_model::THREE_PUBLIC) {
        ThreePublic
    } else if has("人员经费") || has("人员支出") {
        Personnel
    } else if has("公用经费") || has("公用支出") {
        Public
    } else if has("基本支出") {
        Basic
    } else if has("项目支出") || has("专项业务经费") {
        Project
    } else if OTHER_SPENDING.iter().any(|w| has(w)) {
        OtherSpending
    } else if has("使用非财政拨款结余") {
        OtherIncome
    } else if has("上年结转") || has("上年结余") || has("结转结余") {
        CarryOver
    } else if has("本年收入") {
        CurrentYearTotal
    } else if has("一般公共预算") || has("公共预算拨款") {
        GeneralBudget
    } else if has("政府性基金") {
        GovernmentFund
    } else if has("国有资本") {
        StateCapital
    } else if has("财政拨款") {
        FiscalSubtotal
    } else if OTHER_INCOME.iter().any(|w| has(w)) {
        OtherIncome
    } else if has("因公出国") {
        Abroad
    } else if has("公务接待") {
        Reception
    } else if has("购置及运行") {
        Vehicle
    } else if has("运行维护") || has("运行费") {
        VehicleOperation
    } else if has("公务用车购置") || (has("购置") && has("车")) {
        VehiclePurchase
    } else if has(MEETING) {
        Meeting
    } else if has(TRAINING) {
        Training
    } else if has("预算数") || has("金额") {
        Amount
    } else {
        Other
    };
    HeaderWord::Role(role)
}

/// The period a header caption names, in a table printing several periods side by side
/// (`上年 | 当年 | 增减变化情况`, `2019年 | 2020年 | 增减`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `2020年`, `2026年预算数`.
    Year(u16),
    /// 上年, 上一年.
    Previous,
    /// 当年, 本年.
    Current,
    /// 增减, 增减变化情况, 变化, 比上年.
    Change,
}

/// Captions naming the previous period.
const PREVIOUS_PERIOD: &[&str] = &["上年", "上一年"];
/// Captions naming the current period.
const CURRENT_PERIOD: &[&str] = &["当年", "本年"];
/// Captions naming the change between the periods.
const CHANGE_PERIOD: &[&str] = &["增减", "变化", "比上年"];

/// The period a header word names, when it names one and nothing the rules read (a role word
/// such as `上年结转` or `本年收入` is no period).
pub fn period_word(word: &str) -> Option<Period> {
    if !matches!(
        header_word(word),
        HeaderWord::Role(ColumnRole::Other | ColumnRole::Amount)
    ) {
        return None;
    }
    let starts = |words: &[&str]| words.iter().any(|w| word.starts_with(w));
    if let Some(year) = leading_year(word) {
        Some(Period::Year(year))
    } else if CHANGE_PERIOD.iter().any(|w| word.contains(w)) {
        Some(Period::Change)
    } else if starts(PREVIOUS_PERIOD) {
        Some(Period::Previous)
    } else if starts(CURRENT_PERIOD) {
        Some(Period::Current)
    } else {
        None
    }
}

/// The year a caption starts with (`2020年…`).
fn leading_year(word: &str) -> Option<u16> {
    let digits = word.get(..4)?;
    let rest = word.get(4..)?;
    if !rest.starts_with('年') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_fund_name_is_one_word() {
        assert!(completes_fund_header("政府性基金", "预算"));
        assert!(completes_fund_header("国有资本经", "营预算"));
        assert!(completes_fund_header("一般公共预", "算"));
        assert!(!completes_fund_header("一般公共预算", "预算"));
        assert!(!completes_fund_header("因公出国(境)费", "一般公共预算"));
        assert!(!completes_fund_header("政府性基金", "政府性基金"));
    }
    use ColumnRole::*;

    #[test]
    fn period_captions() {
        assert_eq!(period_word("2019年"), Some(Period::Year(2019)));
        assert_eq!(period_word("2026年预算数"), Some(Period::Year(2026)));
        assert_eq!(period_word("上年"), Some(Period::Previous));
        assert_eq!(period_word("当年"), Some(Period::Current));
        assert_eq!(period_word("增减变化情况"), Some(Period::Change));
        // Role words that start like a period are no period.
        assert_eq!(period_word("上年结转"), None);
        assert_eq!(period_word("本年收入合计"), None);
        assert_eq!(period_word("合计"), None);
        assert_eq!(period_word("公务接待费"), None);
    }

    #[test]
    fn header_words_and_their_roles() {
        let role = |w: &str| header_word(w);
        assert_eq!(role("小计"), HeaderWord::Subtotal);
        assert_eq!(role("合计"), HeaderWord::Role(Total));
        assert_eq!(role("其中：财政拨款"), HeaderWord::Role(OfWhich));
        assert_eq!(role("人员经费"), HeaderWord::Role(Personnel));
        assert_eq!(role("使用非财政拨款结余"), HeaderWord::Role(OtherIncome));
        assert_eq!(role("上年结转结余"), HeaderWord::Role(CarryOver));
        assert_eq!(role("上年结余、结转"), HeaderWord::Role(CarryOver));
        assert_eq!(role("事业收入"), HeaderWord::Role(OtherIncome));
        assert_eq!(role("公务用车购置费"), HeaderWord::Role(VehiclePurchase));
        assert_eq!(role("日常公用支出"), HeaderWord::Role(Public));
        assert_eq!(role("人员支出"), HeaderWord::Role(Personnel));
        assert_eq!(role("公共预算拨款"), HeaderWord::Role(GeneralBudget));
        assert_eq!(role("事业单位经营支出"), HeaderWord::Role(OtherSpending));
        assert_eq!(role("经营收入"), HeaderWord::Role(OtherIncome));
        assert_eq!(role("对附属单位补助支出"), HeaderWord::Role(OtherSpending));
        assert_eq!(role("上级补助收入"), HeaderWord::Role(OtherIncome));
        assert_eq!(
            role("公务用车运行维护费"),
            HeaderWord::Role(VehicleOperation)
        );
        assert_eq!(role("其他资金"), HeaderWord::Role(OtherIncome));
        assert_eq!(role("会议费"), HeaderWord::Role(Meeting));
        assert_eq!(role("培训费"), HeaderWord::Role(Training));
        assert_eq!(role("2024年预算数"), HeaderWord::Role(Amount));
        assert_eq!(role("说明"), HeaderWord::Role(Other));
    }
}
