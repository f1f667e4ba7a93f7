//! Subjects: what the words before a figure name (a total, a classification code, a 三公 item),
//! and where the printed name starts.

use budget_model::{
    dept_economic_class_by_name, find_word, function_class_by_name, has_word, Code, Subject,
    TotalKind, DEPT_ECONOMIC_CLASSES, FUNCTION_CLASSES,
};

use super::figures::*;
use crate::vocab::narrative::{
    is_year_end, names_fund_total, names_item, names_lower_level, names_project_total,
    three_public_item, BOTH_FLOWS, ECONOMIC_CLASS_VARIANTS, EXPENDITURE, EXPENDITURE_TOTALS,
    GOVERNMENT_FUND, INCOME, INCOME_AND_EXPENDITURE, INCOME_TOTALS, MONEY_SOURCES,
    MONEY_SOURCE_CHARS, OPENING_QUOTES, OTHER, OTHER_EXPENDITURE, OTHER_INCOME, PART_TOTALS,
    PART_TOTAL_CHARS, QUALIFIERS, QUALIFIER_CHARS, STATE_CAPITAL,
};

/// Whether the sentence so far talks about income or expenditure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Income,
    Expenditure,
}

/// What the text around a lead says that the lead itself does not.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hints {
    /// `其中：一般公共预算 8825.49万元` after `收入合计 ...`: income.
    pub(super) flow: Option<Flow>,
    /// `其他支出` is both function 类 229 and economic 类 399: the paragraph says which list it
    /// is reading (`按支出功能科目划分` / `按支出经济分类划分`).
    pub(super) function_first: bool,
}

/// The subjects a lead names, each with the byte where its name starts. Empty when the lead
/// names nothing known.
pub(super) fn classify(text: &str, hints: Hints) -> Vec<(Subject, usize)> {
    if text.is_empty() {
        return Vec::new();
    }
    three_public(text)
        .or_else(|| printed_code(text))
        .or_else(|| part_total(text))
        .or_else(|| project_total(text))
        .or_else(|| class_by_name(text, hints.function_first))
        .or_else(|| money_source(text, hints.flow))
        .or_else(|| flow_total(text))
        .unwrap_or_default()
}

fn three_public(text: &str) -> Option<Vec<(Subject, usize)>> {
    three_public_item(text).map(|(item, at)| vec![(Subject::ThreePublic(item), at)])
}

fn printed_code(text: &str) -> Option<Vec<(Subject, usize)>> {
    if !text.ends_with([')', '）']) {
        return None;
    }
    let last = printed_codes(text).pop().filter(|r| r.end == text.len())?;
    let digits = text.get(last)?.trim_matches(['(', ')', '（', '）']);
    let code = Code::parse(digits)?;
    Some(vec![(Subject::Code(code), 0)])
}

/// The parts of a budget: 人员经费, 公用经费, 基本支出, 项目支出, 上年结转.
fn part_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    if !holds_any(text, &PART_TOTAL_CHARS) {
        return None;
    }
    let (kind, at) = PART_TOTALS
        .iter()
        .find_map(|(word, kind)| find_word(text, word).map(|at| (*kind, at)))?;
    let year_end = kind == TotalKind::CarryOver && is_year_end(text, at);
    (!year_end).then(|| vec![(Subject::Total(kind), at)])
}

/// The sum of all projects, named by the whole lead (`项目预算金额合计`).
fn project_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    names_project_total(text).then(|| vec![(Subject::Total(TotalKind::Project), 0)])
}

/// A 类 named by its name. A lead naming a 款 or 项 below it names no 类 (the 款 or 项 is
/// not known by name).
fn class_by_name(text: &str, function_first: bool) -> Option<Vec<(Subject, usize)>> {
    if names_lower_level(text) {
        return None;
    }
    let found = if function_first {
        function_class(text).or_else(|| economic_class(text))
    } else {
        economic_class(text).or_else(|| function_class(text))
    };
    found.map(|(code, at)| vec![(Subject::Code(code), at)])
}

/// The longest ending of the lead that names an economic 类 (`工资福利支出`, `对个人和家庭的补助`).
fn economic_class(text: &str) -> Option<(Code, usize)> {
    // A name is only ever found at the end of the lead (before an optional 支出): most leads end
    // otherwise and need not be tried at every character.
    let base = text.strip_suffix(EXPENDITURE.text).unwrap_or(text);
    let named = DEPT_ECONOMIC_CLASSES
        .iter()
        .map(|(_, name)| name.strip_suffix(EXPENDITURE.text).unwrap_or(name))
        .chain(ECONOMIC_CLASS_VARIANTS)
        .any(|name| base.ends_with(name));
    if !named {
        return None;
    }
    text.char_indices()
        .find_map(|(i, _)| dept_economic_class_by_name(text.get(i..)?).map(|code| (code, i)))
}

/// A function 类 the lead ends with (`社会保障和就业支出`).
fn function_class(text: &str) -> Option<(Code, usize)> {
    if !text.ends_with(EXPENDITURE.text) {
        return None;
    }
    // The whole lead first: that knows the older names (`资源勘探信息等`). Names starting with
    // 其他 are 项 (`其他医疗保障管理事务支出`), not 类 229.
    let whole = (!text.starts_with(OTHER) || text == OTHER_EXPENDITURE)
        .then(|| function_class_by_name(text))
        .flatten();
    whole.map(|code| (code, 0)).or_else(|| {
        FUNCTION_CLASSES
            .iter()
            .filter(|(_, name)| *name != OTHER)
            .find_map(|(code, name)| {
                let at = text
                    .len()
                    .checked_sub(name.len() + EXPENDITURE.text.len())?;
                let named = text.get(at..)?.strip_suffix(EXPENDITURE.text) == Some(*name);
                named.then(|| Code::parse(code)).flatten().map(|c| (c, at))
            })
    })
}

/// Where the money comes from: 政府性基金, 一般公共预算, 财政拨款. When the words after the
/// fund name something else (`一般公共预算拨款安排的会议费预算支出`), the subject is that item,
/// which no total describes: the lead names no known subject (and no other total either).
fn money_source(text: &str, flow: Option<Flow>) -> Option<Vec<(Subject, usize)>> {
    if !holds_any(text, &MONEY_SOURCE_CHARS) {
        return None;
    }
    let item_of_fund = |at: usize, word: &str| {
        let after = text.get(at + word.len()..).unwrap_or("");
        !names_fund_total(after)
    };
    if has_word(text, STATE_CAPITAL) {
        return Some(Vec::new());
    }
    if let Some(at) = find_word(text, GOVERNMENT_FUND) {
        if item_of_fund(at, GOVERNMENT_FUND) {
            return Some(Vec::new());
        }
        return Some(vec![(Subject::Total(TotalKind::GovernmentFund), at)]);
    }
    MONEY_SOURCES
        .iter()
        .find_map(|(words, income, expenditure)| {
            let (at, word) = words
                .iter()
                .find_map(|w| find_word(text, w).map(|at| (at, *w)))?;
            if item_of_fund(at, word) {
                return Some(Vec::new());
            }
            let kinds = by_flow(text.get(at..)?, flow, *income, *expenditure)?;
            Some(kinds.into_iter().map(|k| (Subject::Total(k), at)).collect())
        })
}

fn by_flow(
    tail: &str,
    flow: Option<Flow>,
    income: TotalKind,
    expenditure: TotalKind,
) -> Option<Vec<TotalKind>> {
    if has_word(tail, INCOME_AND_EXPENDITURE) || BOTH_FLOWS.iter().any(|w| has_word(tail, w)) {
        return Some(vec![income, expenditure]);
    }
    let flow = match (
        find_word(tail, INCOME.text),
        find_word(tail, EXPENDITURE.text),
    ) {
        (Some(i), Some(e)) if e < i => Some(Flow::Expenditure),
        (Some(_), _) => Some(Flow::Income),
        (None, Some(_)) => Some(Flow::Expenditure),
        (None, None) => flow,
    };
    flow.map(|f| match f {
        Flow::Income => vec![income],
        Flow::Expenditure => vec![expenditure],
    })
}

/// The document totals: 收入, 支出, both, 其他收入.
fn flow_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    let find = |words: &[&str]| words.iter().find_map(|w| find_word(text, w));
    if let Some(at) = find_word(text, OTHER_INCOME) {
        return Some(vec![(Subject::Total(OtherIncome), at)]);
    }
    if let Some(at) = find(&BOTH_FLOWS) {
        return Some(vec![
            (Subject::Total(Income), at),
            (Subject::Total(Expenditure), at),
        ]);
    }
    // Every word of INCOME_TOTALS holds 收入, every word of EXPENDITURE_TOTALS 支出. A total's
    // name after a named item (`政府采购支出预算总额`) is the item's total: no subject known.
    let of_item = |at: usize| names_item(text.get(..at).unwrap_or(""));
    if let Some(at) = find_word(text, INCOME.text).and_then(|_| find(&INCOME_TOTALS)) {
        return Some(if of_item(at) {
            Vec::new()
        } else {
            vec![(Subject::Total(Income), at)]
        });
    }
    find_word(text, EXPENDITURE.text)
        .and_then(|_| find(&EXPENDITURE_TOTALS))
        .map(|at| {
            if of_item(at) {
                Vec::new()
            } else {
                vec![(Subject::Total(Expenditure), at)]
            }
        })
}

/// Whether `text` holds one of `chars`: one pass that rules out a list of words sharing them.
fn holds_any(text: &str, chars: &[char]) -> bool {
    text.chars().any(|c| chars.contains(&c))
}

/// Where the first qualifier (`一般公共预算`, `财政拨款` …) in `text` starts, if any: the name
/// of an item paid from a fund starts there (`本部门当年一般公共预算会议费预算支出`).
pub(super) fn qualifier_start(text: &str) -> Option<usize> {
    if !holds_any(text, &QUALIFIER_CHARS) {
        return None;
    }
    QUALIFIERS.iter().filter_map(|q| find_word(text, q)).min()
}

/// Where a subject's printed name starts: back to a qualifier (`一般公共预算基本支出`) and over an
/// opening quote (`“三公”经费`).
pub(super) fn subject_start(text: &str, at: usize) -> usize {
    let qualified = holds_any(text, &QUALIFIER_CHARS);
    let mut start = QUALIFIERS
        .iter()
        .filter(|_| qualified)
        .filter_map(|q| find_word(text, q))
        .filter(|&p| p < at)
        .min()
        .unwrap_or(at);
    let quote = text
        .get(..start)
        .and_then(|head| head.chars().next_back())
        .filter(|c| OPENING_QUOTES.contains(c));
    if let Some(q) = quote {
        start -= q.len_utf8();
    }
    start
}
