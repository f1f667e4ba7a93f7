//! Vocabulary of the narrative: subjects, totals' names, measures, the words
//! that join a figure to its subject, headings' last words and counts. Units, changes, percentages
//! and bounds are in [`figures`]; the words naming a fund (财政拨款, 一般公共预算 …) are the
//! tables' ([`super::tables::fund_of`]), as a claim's fund is the same as an income line's.
//!
//! The narrative reader (`claims`) and the count reader (`counts`) ask these entries what a
//! word means; each entry is named, says what it is for and is tested below. Where the reader
//! looks a word up only when the text holds one of its characters (most text holds none, and
//! the reader runs over every paragraph), the characters are listed beside the words and a test
//! keeps them in step.

pub mod figures;

use std::sync::LazyLock;

use budget_model::{find_word, Measure, ThreePublicItem, TotalKind};
use regex::Regex;

/// A word found where its last character is: the reader notes these while it reads a paragraph
/// once, character by character.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub text: &'static str,
    /// The last character of `text`.
    pub last: char,
}

impl Word {
    /// Whether the word ends `text`.
    pub fn ends(&self, text: &str) -> bool {
        text.ends_with(self.text)
    }
}

/// Income (`收入`): the sentence talks about income.
pub const INCOME: Word = Word {
    text: "收入",
    last: '入',
};

/// Expenditure (`支出`): the sentence talks about expenditure; also the ending of every class
/// name (`社会保障和就业支出`).
pub const EXPENDITURE: Word = Word {
    text: "支出",
    last: '出',
};

/// Of which (`其中`): what follows is a part of what was just stated.
pub const OF_WHICH: Word = Word {
    text: "其中",
    last: '中',
};

/// `按支出功能科目划分`: the paragraph lists classes by function from here on.
pub const FUNCTION_LIST: Word = Word {
    text: "功能",
    last: '能',
};

/// `按支出经济分类划分`: the paragraph lists classes by economic nature from here on.
pub const ECONOMIC_LIST: Word = Word {
    text: "经济",
    last: '济',
};

/// The last words of the phrases saying nothing changed ([`figures::UNCHANGED`]): a paragraph
/// without one is not searched for them.
pub const UNCHANGED_ENDINGS: [Word; 4] = [
    Word {
        text: "一致",
        last: '致',
    },
    Word {
        text: "变化",
        last: '化',
    },
    Word {
        text: "持平",
        last: '平',
    },
    Word {
        text: "不变",
        last: '变',
    },
];

/// `年`: every phrase saying nothing changed names a year (`与上年保持一致`).
pub const YEAR: char = '年';

/// The words a heading ends with (`（三）财政拨款支出情况`, `第一部分 部门概况`): a short line
/// ending so, without sentence punctuation or figures, is a heading.
pub const TITLE_ENDINGS: [&str; 13] = [
    "情况", "说明", "概况", "解释", "职责", "构成", "设置", "公开", "目录", "表", "附件", "部分",
    "预算",
];

/// Whether `text` ends with a word of [`TITLE_ENDINGS`].
pub fn ends_with_title_word(text: &str) -> bool {
    TITLE_ENDINGS.iter().any(|w| text.ends_with(w))
}

/// Words that name a subject's money and belong to its name: `一般公共预算基本支出`, `“三公”经费`.
pub const QUALIFIERS: [&str; 5] = [
    "一般公共预算",
    "一般共预算",
    "财政拨款",
    "政府性基金",
    "三公",
];

/// The first characters of [`QUALIFIERS`].
pub const QUALIFIER_CHARS: [char; 4] = ['一', '财', '政', '三'];

/// Words around the name of what a table of its own lists (`一般公共预算机关运行经费预算支出`,
/// `一般公共预算机关运行经费支出预算表`) that name its money, its measure or the table, not it.
const TABLE_NAME_FILLERS: [&str; 7] = ["拨款安排的", "拨款", "预算", "支出", "情况", "明细", "表"];

/// What a table's title or a narrative figure's words name once the words of money, measure
/// and table are left out (`机关运行经费` for both `一般公共预算机关运行经费支出预算表` and
/// `一般公共预算机关运行经费预算支出`).
pub fn table_item_name(text: &str) -> String {
    let mut name = budget_model::compact(text);
    for word in QUALIFIERS.iter().chain(&TABLE_NAME_FILLERS) {
        name = name.replace(word, "");
    }
    name
}

/// Opening quotes a subject's printed name may start with (`“三公”经费`).
pub const OPENING_QUOTES: [char; 5] = ['“', '"', '‘', '「', '『'];

/// The 三公 items, the most specific first (`公务用车运行` before `公务用车`).
pub const THREE_PUBLIC_ITEMS: [(&str, ThreePublicItem); 7] = [
    ("因公出国", ThreePublicItem::Abroad),
    ("公务接待", ThreePublicItem::Reception),
    ("公务用车购置及运行", ThreePublicItem::Vehicle),
    ("公务用车购置和运行", ThreePublicItem::Vehicle),
    ("公务用车运行", ThreePublicItem::VehicleOperation),
    ("公务用车购置", ThreePublicItem::VehiclePurchase),
    ("三公", ThreePublicItem::Total),
];

/// A character every word of [`THREE_PUBLIC_ITEMS`] holds.
pub const THREE_PUBLIC_CHAR: char = '公';

/// The 三公 item `text` names first in the order of [`THREE_PUBLIC_ITEMS`], with the byte
/// where its name starts.
pub fn three_public_item(text: &str) -> Option<(ThreePublicItem, usize)> {
    // Every item names 公: a text without it names none.
    if !text.contains(THREE_PUBLIC_CHAR) {
        return None;
    }
    THREE_PUBLIC_ITEMS
        .iter()
        .find_map(|(word, item)| find_word(text, word).map(|at| (*item, at)))
}

/// The parts of a budget: 人员经费, 公用经费, 基本支出, 项目支出, 上年结转.
pub const PART_TOTALS: [(&str, TotalKind); 9] = [
    ("人员经费", TotalKind::Personnel),
    ("公用经费", TotalKind::Public),
    // Zhejiang's names of them (人员支出 | 日常公用支出).
    ("人员支出", TotalKind::Personnel),
    ("公用支出", TotalKind::Public),
    ("基本支出", TotalKind::Basic),
    ("项目支出", TotalKind::Project),
    ("上年结转", TotalKind::CarryOver),
    ("上年结余", TotalKind::CarryOver),
    ("结转", TotalKind::CarryOver),
];

/// Words before 结转 that make it the balance left at the end of the year (`年终结转结余 0.00
/// 万元`), which is not the 上年结转 a budget's tables print.
pub const YEAR_END_WORDS: [&str; 3] = ["年终", "年末", "期末"];

/// Whether the words of a carry-over at `at` in `text` name the year-end balance.
pub fn is_year_end(text: &str, at: usize) -> bool {
    text.get(..at)
        .is_some_and(|before| YEAR_END_WORDS.iter().any(|w| before.ends_with(w)))
}

/// Names of the sum of all projects (`部门预算安排项目 4 个，项目预算金额合计 5083.74 万元`): 项目支出.
/// Only the whole lead names it: words before it name some projects only (`重点项目预算金额合计`,
/// `涉及项目预算资金`).
pub const PROJECT_TOTAL_NAMES: [&str; 5] = [
    "项目预算金额合计",
    "项目预算总额",
    "项目金额合计",
    "项目资金合计",
    "项目资金总额",
];

/// Whether a whole lead names the sum of all projects ([`PROJECT_TOTAL_NAMES`]).
pub fn names_project_total(lead: &str) -> bool {
    PROJECT_TOTAL_NAMES.contains(&lead)
}

/// Words before a fund that name the money a scheme covers (`绩效目标管理，涉及一般公共预算财政拨款
/// A 万元`): some of the fund, never its total.
pub const COVERAGE_WORDS: [&str; 1] = ["涉及"];

/// Whether a lead names the money a scheme covers ([`COVERAGE_WORDS`]).
pub fn names_coverage(lead: &str) -> bool {
    COVERAGE_WORDS.iter().any(|w| lead.starts_with(w))
}

/// Characters one of which every word of [`PART_TOTALS`] holds.
pub const PART_TOTAL_CHARS: [char; 3] = ['费', '出', '结'];

/// Labels of a list of classes that are one part of the budget (`①人员经费：工资福利支出（301）
/// …；②公用经费：商品和服务支出（302）…`) are the [`PART_TOTALS`] a class can be a breakdown
/// of ([`BROKEN_DOWN_PARTS`]) and these other names of them, each followed by a colon. The
/// classes after the label, to the full stop or the next label, are that part's, not the class's
/// whole.
pub const OTHER_PART_LABELS: [(&str, TotalKind); 1] = [("专项业务经费", TotalKind::Project)];

/// The part a label ending `before` (the text before its colon) names (`①人员经费`).
pub fn part_labelled(before: &str) -> Option<TotalKind> {
    PART_TOTALS
        .iter()
        .filter(|(_, kind)| BROKEN_DOWN_PARTS.contains(kind))
        .chain(&OTHER_PART_LABELS)
        .find(|(word, _)| before.ends_with(word))
        .map(|&(_, kind)| kind)
}

/// The colons that end a part's label ([`part_labelled`]).
pub const LABEL_COLONS: [char; 2] = ['：', ':'];

/// The parts of a budget a class can be a breakdown of (`基本支出 …，其中：工资福利支出 …`).
pub const BROKEN_DOWN_PARTS: [TotalKind; 4] = [
    TotalKind::Basic,
    TotalKind::Project,
    TotalKind::Personnel,
    TotalKind::Public,
];

/// Markers of a level below the 类 (`城乡社区支出（类）…（款）城市建设支出（项）支出`): a lead
/// holding one names that 款 or 项, not the 类 it starts with.
pub const LOWER_LEVEL_MARKERS: [&str; 4] = ["（款）", "（项）", "(款)", "(项)"];

/// Whether a lead names a level below the 类 ([`LOWER_LEVEL_MARKERS`]).
pub fn names_lower_level(text: &str) -> bool {
    LOWER_LEVEL_MARKERS.iter().any(|m| text.contains(m))
}

/// The levels of a classification as a path prints them after (or before) each
/// name (`住房保障支出（类）住房改革支出（款）住房公积金（项）`), with the digits of a code of
/// that level.
pub const PATH_LEVELS: [(char, usize); 3] = [('类', 3), ('款', 5), ('项', 7)];

static PATH_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]([类款项])[）)]").expect("path marks"));

/// A classification path as printed: its names, each with the digits of its level, outermost
/// first, and the byte where the path ends (after its last mark, or its last name when the
/// marks come first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPath<'a> {
    pub names: Vec<(&'a str, usize)>,
    pub end: usize,
}

/// The classification path `text` prints: `住房保障支出（类）住房改革支出（款）住房公积金（项）`
/// (each level after its name) or `（类）卫生健康支出（款）行政运行` (before it). `None` unless
/// the levels go down strictly; a name is cut at the last punctuation before it (`其中，住房改革
/// 支出（款）`).
pub fn named_path(text: &str) -> Option<NamedPath<'_>> {
    let marks: Vec<(usize, usize, usize)> = PATH_MARK
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let level = c.get(1)?.as_str().chars().next()?;
            let digits = PATH_LEVELS.iter().find(|(l, _)| *l == level)?.1;
            Some((whole.start(), whole.end(), digits))
        })
        .collect();
    let first = marks.first()?;
    let before_first = budget_model::strip_ordinal(text.get(..first.0).unwrap_or(""));
    let prefixed = before_first.trim().is_empty();
    let mut names = Vec::with_capacity(marks.len());
    let mut end = 0;
    for (i, &(start, mark_end, digits)) in marks.iter().enumerate() {
        let (from, to) = if prefixed {
            (mark_end, marks.get(i + 1).map_or(text.len(), |m| m.0))
        } else {
            (if i == 0 { 0 } else { marks[i - 1].1 }, start)
        };
        let name = path_name(text, from, to);
        end = if prefixed { name.end } else { mark_end };
        names.push((text.get(name)?, digits));
    }
    let descending = names.windows(2).all(|w| w[0].1 < w[1].1);
    (descending && names.iter().all(|(name, _)| !name.is_empty()))
        .then_some(NamedPath { names, end })
}

/// Where a name of a path printed in `text[from..to]` is: the words after the last
/// punctuation, without a list ordinal or spaces.
fn path_name(text: &str, from: usize, to: usize) -> std::ops::Range<usize> {
    let words = text.get(from..to).unwrap_or("");
    let after = words
        .rfind(['，', ',', '。', '；', ';', '：', ':', '、'])
        .map_or(0, |i| {
            i + words[i..].chars().next().map_or(0, char::len_utf8)
        });
    let tail = words.get(after..).unwrap_or("");
    let name = budget_model::strip_ordinal(tail).trim();
    let start = to - tail.len() + tail.find(name).unwrap_or(0);
    start..start + name.len()
}

/// Names of economic classes as printed besides those of the class list
/// (`对个人和家庭补助` for 对个人和家庭的补助), without their `支出`.
pub const ECONOMIC_CLASS_VARIANTS: [&str; 1] = ["对个人和家庭补助"];

/// `其他`: names starting so are 项 (`其他医疗保障管理事务支出`), not 类 229 `其他支出`, and the
/// function list's `其他` is only ever read as the whole lead.
pub const OTHER: &str = "其他";

/// The whole lead `其他支出`: class 229 (or 399, by the list being read).
pub const OTHER_EXPENDITURE: &str = "其他支出";

/// Government funds (`政府性基金`): a total of its own, whatever the flow.
pub const GOVERNMENT_FUND: &str = "政府性基金";

/// Sources of money that are a total of income or of expenditure by the flow the sentence
/// talks about: the words, the income total and the expenditure total.
pub const MONEY_SOURCES: [(&[&str], TotalKind, TotalKind); 2] = [
    (
        &["一般公共预算", "一般共预算"],
        TotalKind::GeneralBudgetIncome,
        TotalKind::GeneralBudgetExpenditure,
    ),
    (
        &["财政拨款"],
        TotalKind::FiscalIncome,
        TotalKind::FiscalExpenditure,
    ),
];

/// Words that may follow a fund's name in the name of the fund's own total (`一般公共预算拨款
/// 收入`, `一般公共预算财政拨款支出预算`, `财政拨款收、支总预算`). Any other word after the fund
/// names an item paid from it (`一般公共预算拨款安排的会议费预算支出`, `一般公共预算机关运行经费
/// 预算支出`): the item is the subject, the fund only its scope. The longer first.
pub const FUND_TOTAL_WORDS: [&str; 19] = [
    "财政拨款",
    "收、支",
    "收支",
    "收入",
    "支出",
    "预算",
    "拨款",
    "总额",
    "总计",
    "合计",
    "资金",
    "当年",
    "本年",
    "年度",
    "总",
    "数",
    "的",
    "为",
    "共",
];

/// Whether the words after a fund's name (`拨款收入`, `支出年初预算`) name nothing but the
/// fund's total: they are made of [`FUND_TOTAL_WORDS`] and [`MEASURE_WORDS`] only.
pub fn names_fund_total(after_fund: &str) -> bool {
    let words = FUND_TOTAL_WORDS
        .iter()
        .chain(MEASURE_WORDS.iter().map(|(word, _)| word));
    let mut rest = after_fund.trim();
    while !rest.is_empty() {
        let Some(word) = words.clone().find(|w| rest.starts_with(**w)) else {
            return false;
        };
        rest = rest.get(word.len()..).unwrap_or("").trim_start();
    }
    true
}

/// State-capital operations (`国有资本经营`): a fund whose totals no table of the model holds
/// (`本年国有资本经营预算收入 0 万元`); a figure about it is not any other total.
pub const STATE_CAPITAL: &str = "国有资本经营";

/// Characters one of which every money source (and [`GOVERNMENT_FUND`], [`STATE_CAPITAL`])
/// holds.
pub const MONEY_SOURCE_CHARS: [char; 4] = ['政', '一', '财', '国'];

/// Endings of a named item whose own total a total's name may follow (`政府采购支出预算总额`,
/// `高龄老人保健补贴资金支出总额`, `会议费预算支出`): the figure is the item's, not the
/// document's total.
pub const ITEM_ENDINGS: [&str; 4] = ["采购", "资金", "经费", "费"];

/// Whether the words before a total's name end with a named item ([`ITEM_ENDINGS`]).
pub fn names_item(before_total: &str) -> bool {
    let before = before_total.trim_end();
    ITEM_ENDINGS.iter().any(|e| before.ends_with(e))
}

/// Income and expenditure both (`收支`, `收、支总计各增加`).
pub const BOTH_FLOWS: [&str; 2] = ["收、支", "收支"];

/// `收支` in the words after a money source: the figure is both its income and its expenditure.
pub const INCOME_AND_EXPENDITURE: &str = "收支";

/// Names of the document's total income.
/// Names of a whole flow by themselves, as a run-in heading prints them (`（一）收入预算：`): the
/// income or the expenditure of the document.
pub const WHOLE_FLOWS: [(&str, TotalKind); 6] = [
    ("收入", TotalKind::Income),
    ("收入预算", TotalKind::Income),
    ("预算收入", TotalKind::Income),
    ("支出", TotalKind::Expenditure),
    ("支出预算", TotalKind::Expenditure),
    ("预算支出", TotalKind::Expenditure),
];

pub const INCOME_TOTALS: [&str; 10] = [
    "收入预算总额",
    "收入预算总计",
    "收入预算合计",
    "收入总额",
    "收入总计",
    "收入合计",
    "预算收入",
    "本年收入",
    "当年收入",
    "总收入",
];

/// Names of the document's total expenditure.
pub const EXPENDITURE_TOTALS: [&str; 10] = [
    "支出预算总额",
    "支出预算总计",
    "支出预算合计",
    "支出总额",
    "支出总计",
    "支出合计",
    "预算支出",
    "本年支出",
    "当年支出",
    "总支出",
];

/// Words before an income source that name this year only (`本年事业收入`).
pub const THIS_YEAR_WORDS: [&str; 2] = ["本年", "当年"];

/// Other income (`其他收入`).
pub const OTHER_INCOME: &str = "其他收入";

/// Words at the end of a lead that are not the subject's name (`收入预算总额为`, `约`).
pub const LEAD_FILLERS: [char; 6] = ['为', '是', '：', ':', '约', '达'];

/// A year starting a lead (`2024年`, `2024年度`): not part of the subject's name.
pub static YEAR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{4}年度?").expect("valid regex"));

/// What the narrative counts (`项目`).
pub const COUNTED: &str = "项目";

/// A count of [`COUNTED`] things: `项目 4 个`, `项目共2个`, `共 3 个项目` (the noun in group 1 or
/// 4, the count in group 2 or 3).
pub static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(项目)\s*(?:共|合计)?\s*(\d{1,4})\s*个|共\s*(\d{1,4})\s*个(项目)")
        .expect("valid regex")
});

/// What may follow `其中` before the part's name.
pub const AFTER_OF_WHICH: [char; 4] = ['：', ':', '，', ','];

/// The words a change is compared against before its verb (`较上年`, `比2023年`): the subject a
/// change names is before them.
pub const COMPARED_WITH: [char; 2] = ['较', '比'];

/// `各`: each of the subjects named (`收、支总计各增加`).
pub const EACH: char = '各';

/// `占`: a share of the whole stated before (`占7.98%`).
pub const SHARE_OF: char = '占';

/// Words after a share's named base, before its percentage (`占本年支出合计的比例为 P%`): not
/// part of the base's name.
pub const SHARE_BASE_ENDINGS: [&str; 5] = ["比例", "比重", "的", "为", "达"];

/// The name of the base a share names after [`SHARE_OF`] (`占本年支出合计的` → `本年支出合计`),
/// empty when it names none (`占7.98%`).
pub fn share_base_name(after_share_of: &str) -> &str {
    let mut rest = after_share_of.trim();
    while let Some(shorter) = SHARE_BASE_ENDINGS
        .iter()
        .find_map(|e| rest.strip_suffix(e))
        .map(str::trim_end)
    {
        rest = shorter;
    }
    rest
}

/// `收、支`: the `、` between these does not end a clause.
pub const INCOME_EXPENDITURE_JOIN: (char, char) = ('收', '支');

/// Words that say what a figure measures, when it is not this year's budget; the longer first
/// (`上年执行数` before `上年执行`).
pub const MEASURE_WORDS: [(&str, Measure); 8] = [
    ("上年执行数", Measure::LastYearActual),
    ("上年执行", Measure::LastYearActual),
    ("上年实际", Measure::LastYearActual),
    ("上年预算", Measure::LastYearBudget),
    ("年初预算", Measure::InitialBudget),
    ("全年预算", Measure::FullYearBudget),
    ("调整预算", Measure::FullYearBudget),
    ("决算", Measure::FinalAccounts),
];

/// The measure a subject's words name, if any (`一般公共预算支出年初预算`: the initial budget).
pub fn measure_named(text: &str) -> Option<Measure> {
    MEASURE_WORDS
        .iter()
        .find(|(word, _)| text.contains(word))
        .map(|&(_, measure)| measure)
}

/// The word of a budget figure (`公务接待费预算 1.86万元`), and the fund whose name holds it.
const BUDGET_WORD: &str = "预算";
const GENERAL_BUDGET_FUND: &str = "一般公共预算";

/// Words naming an item's own total after its name (`其他资金收入预算总计`).
const ITEM_TOTAL_WORDS: [&str; 3] = ["总计", "合计", "总额"];

/// An item's name without the budget word after it (`单位预留机动经费预算数` → `单位预留机动经费`,
/// `其他资金收入预算总计` → `其他资金收入`); the general budget's own name (`一般公共预算`) keeps
/// it.
pub fn without_budget_word(text: &str) -> &str {
    let text = ITEM_TOTAL_WORDS
        .iter()
        .find_map(|w| text.strip_suffix(w))
        .unwrap_or(text);
    let trimmed = text.strip_suffix('数').unwrap_or(text);
    match trimmed.strip_suffix(BUDGET_WORD) {
        Some(name) if !trimmed.ends_with(GENERAL_BUDGET_FUND) && !name.is_empty() => name,
        _ => text,
    }
}

/// Whether a subject's words call its figure a budget (预算), the name of the 一般公共预算 fund
/// aside (`一般公共预算财政拨款支出` names the fund, not a budget).
pub fn names_a_budget(text: &str) -> bool {
    text.replace(GENERAL_BUDGET_FUND, "").contains(BUDGET_WORD)
}

/// Words that make a lead name this year's figure of the subject just stated, and nothing
/// else (`上年执行数 A，预算安排 B`: `预算安排`; `2024年预算数`, the year gone with the lead's
/// prefix).
pub const THIS_YEARS_FIGURE_WORDS: [&str; 8] =
    ["本年", "当年", "今年", "年度", "预算", "安排", "数", "为"];

/// Whether a lead names this year's figure and nothing else ([`THIS_YEARS_FIGURE_WORDS`]).
pub fn names_this_years_figure(lead: &str) -> bool {
    let mut rest = lead.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(word) = THIS_YEARS_FIGURE_WORDS
            .iter()
            .find(|w| rest.starts_with(**w))
        else {
            return false;
        };
        rest = rest.get(word.len()..).unwrap_or("").trim_start();
    }
    true
}

/// Words naming the figure a change is compared with after `比`/`较` (`比2025年年初预算数
/// 4001046.82万元增加`, `较上年执行数 A 万元减少`), a year aside.
pub const BASE_WORDS: [&str; 12] = [
    "上一年",
    "上年",
    "去年",
    "年初",
    "全年",
    "调整",
    "预算",
    "执行",
    "决算",
    "实际",
    "数",
    "的",
];

/// What ends the words right before a bracket that prints the base of the comparison just
/// named (`与2016年度相比（2016年度部门支出预算安排为 A 万元）`): A is last year's figure.
pub const BASE_IN_BRACKETS_AFTER: [&str; 2] = ["相比（", "相比("];

/// Whether a figure printed after `lead` is the base printed in brackets after a comparison
/// ([`BASE_IN_BRACKETS_AFTER`]), the bracket still open.
pub fn follows_comparison_bracket(lead: &str) -> bool {
    BASE_IN_BRACKETS_AFTER.iter().any(|w| {
        lead.rfind(w)
            .and_then(|i| lead.get(i + w.len()..))
            .is_some_and(|inside| !inside.contains(['）', ')']))
    })
}

/// The words of [`BASE_WORDS`] that name a measure, one of which a base names.
pub const BASE_MEASURE_WORDS: [&str; 4] = ["预算", "执行", "决算", "实际"];

/// Whether the words after `比`/`较` and before a figure name the base of a change and nothing
/// else ([`BASE_WORDS`], after an optional year): `上年执行数`, `2025年年初预算数`; not
/// `上年决算数相比变化` (the figure is then the change).
pub fn names_base(after_compared: &str) -> bool {
    let mut rest = after_compared.trim();
    if let Some(m) = YEAR_PREFIX.find(rest) {
        rest = rest.get(m.end()..).unwrap_or("");
    }
    // A measure must be named: `比上年 5 万元` may be the change with its verb left out.
    if !BASE_MEASURE_WORDS.iter().any(|w| rest.contains(w)) {
        return false;
    }
    while !rest.is_empty() {
        let Some(word) = BASE_WORDS.iter().find(|w| rest.starts_with(**w)) else {
            return false;
        };
        rest = rest.get(word.len()..).unwrap_or("").trim_start();
    }
    true
}

/// Whether a measure is one of last year (`上年执行数`, `上年预算数`): the base a figure of
/// this year stated after it is compared with.
pub fn is_last_years(measure: Measure) -> bool {
    matches!(measure, Measure::LastYearActual | Measure::LastYearBudget)
}

/// The subject's name without the measure it ends with (`公务接待费上年执行数` →
/// `公务接待费`).
pub fn without_measure(text: &str) -> &str {
    let trimmed = text.trim_end_matches('数');
    MEASURE_WORDS
        .iter()
        .find_map(|(word, _)| trimmed.strip_suffix(word.trim_end_matches('数')))
        .unwrap_or(text)
}

/// Words of a sentence whose comparison is with last year's actual figures (`较上年执行数`,
/// `比上年决算`, `上年实际`), which last year's budget does not print.
pub const ACTUAL_BASE_WORDS: [&str; 3] = ["执行", "决算", "实际"];

/// Words of a sentence whose comparison is with last year's budget by name (`比上年预算减少`,
/// `较上年年初预算`).
pub const LAST_YEAR_BUDGET_WORDS: [&str; 3] = ["上年预算", "上年年初预算", "上年度预算"];

/// Whether a sentence compares with last year's actual figures ([`ACTUAL_BASE_WORDS`]).
pub fn compares_with_actuals(sentence: &str) -> bool {
    ACTUAL_BASE_WORDS.iter().any(|w| sentence.contains(w))
}

/// Whether a sentence names last year's budget as what it compares with
/// ([`LAST_YEAR_BUDGET_WORDS`]).
pub fn compares_with_last_years_budget(sentence: &str) -> bool {
    LAST_YEAR_BUDGET_WORDS.iter().any(|w| sentence.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_know_their_last_character() {
        let words = [INCOME, EXPENDITURE, OF_WHICH, FUNCTION_LIST, ECONOMIC_LIST];
        for w in words.iter().chain(&UNCHANGED_ENDINGS) {
            assert_eq!(w.text.chars().last(), Some(w.last), "{}", w.text);
            assert!(w.ends(&format!("按{}", w.text)));
        }
        assert!(figures::UNCHANGED_PHRASES
            .iter()
            .all(|p| UNCHANGED_ENDINGS.iter().any(|w| w.ends(p))));
    }

    #[test]
    fn prefilter_characters_cover_their_words() {
        let holds = |w: &str, chars: &[char]| w.chars().any(|c| chars.contains(&c));
        for q in QUALIFIERS {
            assert!(q.starts_with(QUALIFIER_CHARS), "{q}");
        }
        for (item, _) in THREE_PUBLIC_ITEMS {
            assert!(item.contains(THREE_PUBLIC_CHAR), "{item}");
        }
        for (part, _) in PART_TOTALS {
            assert!(holds(part, &PART_TOTAL_CHARS), "{part}");
        }
        for (words, _, _) in MONEY_SOURCES {
            for w in words {
                assert!(holds(w, &MONEY_SOURCE_CHARS), "{w}");
            }
        }
        assert!(holds(GOVERNMENT_FUND, &MONEY_SOURCE_CHARS));
        assert!(holds(STATE_CAPITAL, &MONEY_SOURCE_CHARS));
        for total in INCOME_TOTALS {
            assert!(total.contains(INCOME.text), "{total}");
        }
        for total in EXPENDITURE_TOTALS {
            assert!(total.contains(EXPENDITURE.text), "{total}");
        }
    }

    #[test]
    fn classification_paths() {
        let names = |text| named_path(text).map(|p| p.names);
        let text = "42.住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算";
        let path = named_path(text).expect("a path");
        assert_eq!(
            path.names,
            [("住房保障支出", 3), ("住房改革支出", 5), ("住房公积金", 7)]
        );
        assert!(text[..path.end].ends_with("住房公积金（项）"));
        let prefixed = "（类）卫生健康支出（款）医疗保障管理事务（项）行政运行 ";
        let path = named_path(prefixed).expect("a path");
        assert_eq!(
            path.names,
            [
                ("卫生健康支出", 3),
                ("医疗保障管理事务", 5),
                ("行政运行", 7)
            ]
        );
        assert!(prefixed[..path.end].ends_with("（项）行政运行"));
        assert_eq!(
            names("其中，住房改革支出(款)提租补贴(项)支出"),
            Some(vec![("住房改革支出", 5), ("提租补贴", 7)])
        );
        assert_eq!(names("行政运行（项）住房保障（类）"), None);
        assert_eq!(names("一般公共服务支出"), None);
    }

    #[test]
    fn counts_of_projects() {
        let counts: Vec<&str> = COUNT
            .captures_iter("项目 4 个，其中项目共2个；共 3 个项目")
            .filter_map(|c| c.get(2).or(c.get(3)).map(|m| m.as_str()))
            .collect();
        assert_eq!(counts, ["4", "2", "3"]);
        assert!(COUNT.as_str().contains(COUNTED));
    }

    #[test]
    fn fund_totals_and_items_paid_from_a_fund() {
        let totals = [
            "拨款收入",
            "收入",
            "财政拨款支出预算",
            "收、支总预算",
            "",
            "当年拨款",
            "支出年初预算",
        ];
        for total in totals {
            assert!(names_fund_total(total), "{total}");
        }
        for item in [
            "拨款安排的会议费预算支出",
            "机关运行经费预算支出",
            "会议费预算支出",
        ] {
            assert!(!names_fund_total(item), "{item}");
        }
    }

    #[test]
    fn items_before_a_totals_name() {
        assert!(names_item("2026年度政府采购"));
        assert!(names_item("西安市高龄老人保健补贴资金"));
        assert!(!names_item("江苏省高级人民法院本年"));
        assert!(!names_item("2024年南昌市医疗保障服务中心"));
    }

    #[test]
    fn named_bases_of_shares() {
        assert_eq!(share_base_name("本年支出合计的"), "本年支出合计");
        assert_eq!(
            share_base_name("政府采购支出合同总额的比例为"),
            "政府采购支出合同总额"
        );
        assert_eq!(share_base_name(""), "");
        assert_eq!(share_base_name(" "), "");
    }

    #[test]
    fn levels_below_the_class() {
        assert!(names_lower_level(
            "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）支出"
        ));
        assert!(names_lower_level("一般行政管理事务(项)支出"));
        assert!(!names_lower_level("住房保障（类）支出"));
    }

    #[test]
    fn the_sum_of_all_projects() {
        assert!(names_project_total("项目预算金额合计"));
        assert!(!names_project_total("重点项目预算金额合计"));
        assert!(!names_project_total("项目预算金额"));
        assert!(!names_project_total("涉及项目预算资金"));
        assert!(names_coverage("涉及一般公共预算财政拨款"));
        assert!(!names_coverage("一般公共预算财政拨款"));
    }

    #[test]
    fn labels_of_parts() {
        assert_eq!(part_labelled("其中①人员经费"), Some(TotalKind::Personnel));
        assert_eq!(part_labelled("③专项业务经费"), Some(TotalKind::Project));
        assert_eq!(part_labelled("上年结转"), None);
        assert_eq!(part_labelled("说明"), None);
    }

    #[test]
    fn title_words_end_headings() {
        assert!(ends_with_title_word("财政拨款支出情况"));
        assert!(ends_with_title_word("部门预算"));
        assert!(!ends_with_title_word("支出812.07万元"));
    }

    #[test]
    fn bases_of_changes() {
        assert!(names_base("2025年年初预算数"));
        assert!(names_base("上年执行数"));
        assert!(names_base("上年预算数"));
        assert!(!names_base("上年决算数相比变化"));
        assert!(follows_comparison_bracket("与2016年度相比（2016年度支出为"));
        assert!(!follows_comparison_bracket("与上年相比（含结转），支出为"));
        assert!(!follows_comparison_bracket("部门支出预算安排（"));
        assert!(!names_base("上年"));
        assert!(!names_base("2025年"));
    }

    #[test]
    fn this_years_figure_after_last_years() {
        assert!(names_this_years_figure("预算安排"));
        assert!(names_this_years_figure("本年预算数为"));
        assert!(!names_this_years_figure("基本支出预算"));
        assert!(!names_this_years_figure(""));
        assert!(is_last_years(Measure::LastYearActual));
        assert!(!is_last_years(Measure::InitialBudget));
        assert_eq!(without_measure("公务接待费上年执行数"), "公务接待费");
        assert_eq!(without_measure("上年预算数"), "");
        assert_eq!(without_measure("公务接待费"), "公务接待费");
    }

    #[test]
    fn measures_of_subjects() {
        assert_eq!(
            measure_named("一般公共预算支出年初预算"),
            Some(Measure::InitialBudget)
        );
        assert_eq!(measure_named("上年执行数"), Some(Measure::LastYearActual));
        assert_eq!(measure_named("上年预算数"), Some(Measure::LastYearBudget));
        assert_eq!(measure_named("2023年决算数"), Some(Measure::FinalAccounts));
        assert_eq!(measure_named("收入预算总额"), None);
        assert_eq!(measure_named("上年结转"), None);
    }

    #[test]
    fn the_budget_word_after_an_items_name_is_no_part_of_it() {
        assert_eq!(
            without_budget_word("单位预留机动经费预算数"),
            "单位预留机动经费"
        );
        assert_eq!(
            without_budget_word("单位预留机动经费预算"),
            "单位预留机动经费"
        );
        assert_eq!(without_budget_word("一般公共预算"), "一般公共预算");
        assert_eq!(without_budget_word("事业收入"), "事业收入");
        assert_eq!(without_budget_word("其他资金收入预算总计"), "其他资金收入");
    }

    #[test]
    fn a_tables_title_and_a_figures_words_name_one_item() {
        let title = table_item_name("一般公共预算机关运行经费支出预算表");
        assert_eq!(title, "机关运行经费");
        assert_eq!(table_item_name("一般公共预算机关运行经费预算支出"), title);
    }
}
