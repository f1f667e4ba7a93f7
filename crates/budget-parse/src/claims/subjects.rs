//! Subjects: what the words before a figure name (a total, a classification code, a 三公 item),
//! and where the printed name starts.

use budget_model::{
    dept_economic_class_by_name, find_word, function_class_by_name, has_word, Code, Subject,
    ThreePublicItem, TotalKind, DEPT_ECONOMIC_CLASSES, FUNCTION_CLASSES,
};

use super::figures::*;
use super::paragraphs::*;

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

/// Words that name a subject's money and belong to its name: `一般公共预算基本支出`.
pub(super) const QUALIFIERS: [&str; 5] = [
    "一般公共预算",
    "一般共预算",
    "财政拨款",
    "政府性基金",
    "三公",
];

/// The subjects a lead names, each with the byte where its name starts. Empty when the lead
/// names nothing known.
pub(super) fn classify(text: &str, hints: Hints) -> Vec<(Subject, usize)> {
    if text.is_empty() {
        return Vec::new();
    }
    three_public(text)
        .or_else(|| printed_code(text))
        .or_else(|| part_total(text))
        .or_else(|| class_by_name(text, hints.function_first))
        .or_else(|| money_source(text, hints.flow))
        .or_else(|| flow_total(text))
        .unwrap_or_default()
}

pub(super) fn three_public(text: &str) -> Option<Vec<(Subject, usize)>> {
    use ThreePublicItem::*;
    const ITEMS: [(&str, ThreePublicItem); 7] = [
        ("因公出国", Abroad),
        ("公务接待", Reception),
        ("公务用车购置及运行", Vehicle),
        ("公务用车购置和运行", Vehicle),
        ("公务用车运行", VehicleOperation),
        ("公务用车购置", VehiclePurchase),
        ("三公", Total),
    ];
    // Every item names 公: a lead without it names none.
    if !text.contains('公') {
        return None;
    }
    ITEMS
        .iter()
        .find_map(|(word, item)| find_word(text, word).map(|at| (Subject::ThreePublic(*item), at)))
        .map(|found| vec![found])
}

pub(super) fn printed_code(text: &str) -> Option<Vec<(Subject, usize)>> {
    if !text.ends_with([')', '）']) {
        return None;
    }
    let last = printed_codes(text).pop().filter(|r| r.end == text.len())?;
    let digits = text.get(last)?.trim_matches(['(', ')', '（', '）']);
    let code = Code::parse(digits)?;
    Some(vec![(Subject::Code(code), 0)])
}

/// The parts of a budget: 人员经费, 公用经费, 基本支出, 项目支出, 上年结转.
pub(super) fn part_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    const PARTS: [(&str, TotalKind); 7] = [
        ("人员经费", Personnel),
        ("公用经费", Public),
        ("基本支出", Basic),
        ("项目支出", Project),
        ("上年结转", CarryOver),
        ("上年结余", CarryOver),
        ("结转", CarryOver),
    ];
    // Every part names 费, 出 or 结.
    if !holds_any(text, &['费', '出', '结']) {
        return None;
    }
    PARTS
        .iter()
        .find_map(|(word, kind)| find_word(text, word).map(|at| vec![(Subject::Total(*kind), at)]))
}

pub(super) fn class_by_name(text: &str, function_first: bool) -> Option<Vec<(Subject, usize)>> {
    let found = if function_first {
        function_class(text).or_else(|| economic_class(text))
    } else {
        economic_class(text).or_else(|| function_class(text))
    };
    found.map(|(code, at)| vec![(Subject::Code(code), at)])
}

/// The longest ending of the lead that names an economic 类 (`工资福利支出`, `对个人和家庭的补助`).
pub(super) fn economic_class(text: &str) -> Option<(Code, usize)> {
    // A name is only ever found at the end of the lead (before an optional 支出): most leads end
    // otherwise and need not be tried at every character.
    let base = text.strip_suffix("支出").unwrap_or(text);
    let named = DEPT_ECONOMIC_CLASSES
        .iter()
        .map(|(_, name)| name.strip_suffix("支出").unwrap_or(name))
        .chain(["对个人和家庭补助"])
        .any(|name| base.ends_with(name));
    if !named {
        return None;
    }
    text.char_indices()
        .find_map(|(i, _)| dept_economic_class_by_name(text.get(i..)?).map(|code| (code, i)))
}

/// A function 类 the lead ends with (`社会保障和就业支出`).
pub(super) fn function_class(text: &str) -> Option<(Code, usize)> {
    if !text.ends_with("支出") {
        return None;
    }
    // The whole lead first: that knows the older names (`资源勘探信息等`). Names starting with
    // 其他 are 项 (`其他医疗保障管理事务支出`), not 类 229.
    let whole = (!text.starts_with("其他") || text == "其他支出")
        .then(|| function_class_by_name(text))
        .flatten();
    whole.map(|code| (code, 0)).or_else(|| {
        FUNCTION_CLASSES
            .iter()
            .filter(|(_, name)| *name != "其他")
            .find_map(|(code, name)| {
                let at = text.len().checked_sub(name.len() + "支出".len())?;
                let named = text.get(at..)?.strip_suffix("支出") == Some(*name);
                named.then(|| Code::parse(code)).flatten().map(|c| (c, at))
            })
    })
}

/// Where the money comes from: 政府性基金, 一般公共预算, 财政拨款.
pub(super) fn money_source(text: &str, flow: Option<Flow>) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    // Every source starts with 政, 一 or 财.
    if !holds_any(text, &['政', '一', '财']) {
        return None;
    }
    if let Some(at) = find_word(text, "政府性基金") {
        return Some(vec![(Subject::Total(GovernmentFund), at)]);
    }
    let sources: [(&[&str], TotalKind, TotalKind); 2] = [
        (
            &["一般公共预算", "一般共预算"],
            GeneralBudgetIncome,
            GeneralBudgetExpenditure,
        ),
        (&["财政拨款"], FiscalIncome, FiscalExpenditure),
    ];
    sources.iter().find_map(|(words, income, expenditure)| {
        let at = words.iter().find_map(|w| find_word(text, w))?;
        let kinds = by_flow(text.get(at..)?, flow, *income, *expenditure)?;
        Some(kinds.into_iter().map(|k| (Subject::Total(k), at)).collect())
    })
}

pub(super) fn by_flow(
    tail: &str,
    flow: Option<Flow>,
    income: TotalKind,
    expenditure: TotalKind,
) -> Option<Vec<TotalKind>> {
    if has_word(tail, "收支") {
        return Some(vec![income, expenditure]);
    }
    let flow = match (find_word(tail, INCOME), find_word(tail, EXPENDITURE)) {
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
pub(super) fn flow_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    const INCOME: [&str; 8] = [
        "收入预算总额",
        "收入总额",
        "收入总计",
        "收入合计",
        "预算收入",
        "本年收入",
        "当年收入",
        "总收入",
    ];
    const EXPENDITURE: [&str; 8] = [
        "支出预算总额",
        "支出总额",
        "支出总计",
        "支出合计",
        "预算支出",
        "本年支出",
        "当年支出",
        "总支出",
    ];
    let find = |words: &[&str]| words.iter().find_map(|w| find_word(text, w));
    if let Some(at) = find_word(text, "其他收入") {
        return Some(vec![(Subject::Total(OtherIncome), at)]);
    }
    if let Some(at) = find(&["收、支", "收支"]) {
        return Some(vec![
            (Subject::Total(Income), at),
            (Subject::Total(Expenditure), at),
        ]);
    }
    // Every word of INCOME holds 收入, every word of EXPENDITURE 支出.
    if let Some(at) = find_word(text, "收入").and_then(|_| find(&INCOME)) {
        return Some(vec![(Subject::Total(Income), at)]);
    }
    find_word(text, "支出")
        .and_then(|_| find(&EXPENDITURE))
        .map(|at| vec![(Subject::Total(Expenditure), at)])
}

/// Whether `text` holds one of `chars`: one pass that rules out a list of words sharing them.
pub(super) fn holds_any(text: &str, chars: &[char]) -> bool {
    text.chars().any(|c| chars.contains(&c))
}

/// Where a subject's printed name starts: back to a qualifier (`一般公共预算基本支出`) and over an
/// opening quote (`“三公”经费`).
pub(super) fn subject_start(text: &str, at: usize) -> usize {
    // Every qualifier starts with 一, 财, 政 or 三.
    let qualified = holds_any(text, &['一', '财', '政', '三']);
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
        .filter(|c| matches!(c, '“' | '"' | '‘' | '「' | '『'));
    if let Some(q) = quote {
        start -= q.len_utf8();
    }
    start
}
