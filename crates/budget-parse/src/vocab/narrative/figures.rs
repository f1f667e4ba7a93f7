//! Vocabulary of the narrative's figures: the units printed after them, the words of a change
//! against last year and of its percentage, the phrases saying nothing changed, and the words
//! that make a figure a bound, a threshold or a rate rather than a claim.

use std::sync::LazyLock;

use budget_model::{Direction, Unit};
use regex::Regex;

/// Units printed after a money figure, the longer first.
pub const MONEY_UNITS: [(&str, Unit); 2] = [("万元", Unit::WanYuan), ("元", Unit::Yuan)];

/// `万` alone: 万元 when a clause ends right after it (`0.63 万` with `元` lost to the
/// extraction), a headcount otherwise (`479 万人`).
pub const WAN: char = '万';

/// Units of money no budget of a department is stated in (`亿元`): such figures are not read.
pub const IGNORED_UNITS: [&str; 1] = ["亿元"];

/// Percent signs, LaTeX's included (`95\%`).
pub const PERCENT_SIGNS: [&str; 3] = ["%", "％", "\\%"];

/// The characters that, right after a digit, make a figure of money or a percentage: a title
/// never holds one.
pub const MONEY_HINTS: [char; 4] = ['万', '元', '%', '％'];

/// What last year is called before a phrase saying nothing changed (`与上年保持一致`).
pub const LAST_YEAR: [&str; 3] = ["上年", "去年", "上一年"];

/// Phrases saying nothing changed against last year.
pub const UNCHANGED_PHRASES: [&str; 6] = [
    "保持一致",
    "无变化",
    "没有变化",
    "未变化",
    "持平",
    "保持不变",
];

/// No change against last year: last year (or a year, `2023年`), at most 16 characters of the
/// same clause, then a phrase of [`UNCHANGED_PHRASES`].
pub static UNCHANGED: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?:{}|[0-9]{{4}}年)[^，,。；;]{{0,16}}?(?:{})",
        LAST_YEAR.join("|"),
        UNCHANGED_PHRASES.join("|")
    );
    Regex::new(&pattern).expect("valid regex")
});

/// A change verb ending a lead: `较上年减少`, `比上年减`, `增加（减少）`, `各增加`.
pub static CHANGE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:增加|减少|增长|下降|上升|降低|增减|减|增)了?",
        r"(?:[（(](?:增加|减少|增|减)[)）])?[:：]?$",
    ))
    .expect("valid regex")
});

/// A change verb opening a lead, before what changed (`增加基本支出 844.15万元`): the figure is
/// that subject's change, not its amount.
pub static LEADING_CHANGE_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:增加|减少|增长|下降|上升|降低)了?").expect("valid regex"));

/// The whole lead of a change percentage: `下降`, `增长`, `同比增长`.
pub static PERCENT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:同比|较上年|比上年)?",
        r"(?:增长|下降|上升|降低|增加|减少|增幅|降幅|减幅|增|减)(?:了|为|率为|率)?[:：]?$",
    ))
    .expect("valid regex")
});

/// The whole lead of a completion rate in final accounts: `完成年初预算的`, `完成全年预算的`,
/// `完成预算的` (the figure before it against the budget stated before that).
pub static COMPLETION_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^完成了?(?:年初|全年|调整后?的?)?预算数?的?$").expect("valid regex")
});

/// Characters of a verb saying a figure went up.
pub const UP: [char; 2] = ['增', '升'];

/// Characters of a verb saying a figure went down.
pub const DOWN: [char; 2] = ['减', '降'];

/// The direction a change verb gives: the first of up or down it names; `增加（减少）0` (both,
/// and zero) is no change.
pub fn direction(verb: &str, zero: bool) -> Direction {
    let up = verb.find(UP);
    let down = verb.find(DOWN);
    match (up, down) {
        (Some(_), Some(_)) if zero => Direction::Unchanged,
        (Some(u), Some(d)) if d < u => Direction::Decrease,
        (Some(_), _) => Direction::Increase,
        (None, Some(_)) => Direction::Decrease,
        (None, None) => Direction::Unchanged,
    }
}

/// A minus sign right before a percentage (`增长-3.5%`): its verb then does not give its
/// direction.
pub const MINUS_SIGNS: [char; 3] = ['-', '－', '负'];

/// Words comparing one measure of a figure with another (`决算数大于年初预算数`), with the
/// direction the first is in against the second.
pub const COMPARISON_WORDS: [(&str, Direction); 8] = [
    ("大于", Direction::Increase),
    ("高于", Direction::Increase),
    ("超过", Direction::Increase),
    ("多于", Direction::Increase),
    ("小于", Direction::Decrease),
    ("低于", Direction::Decrease),
    ("少于", Direction::Decrease),
    ("等于", Direction::Unchanged),
];

/// `决算数大于年初预算数`: a measure (group `a`), a word of [`COMPARISON_WORDS`] (`verb`), a
/// measure (`b`), each measure one of the measure words (`决算`, `年初预算`, `上年执行`,
/// `上年预算` …) with an optional `数`, and no figure after it (a figure after `大于` is a
/// bound or a change: `本年数小于上年预算数 29.65 万元`).
pub static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    let measures = super::MEASURE_WORDS
        .iter()
        .map(|(w, _)| w.trim_end_matches('数'))
        .collect::<Vec<_>>()
        .join("|");
    let verbs = COMPARISON_WORDS
        .iter()
        .map(|(w, _)| *w)
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?P<a>{measures})数?(?P<verb>{verbs})(?P<b>{measures})(?:数?$|数[^0-9０-９.．]|[^数0-9０-９.．])"
    ))
    .expect("valid regex")
});

/// The first characters of [`COMPARISON_WORDS`]: a paragraph without one is not searched.
pub const COMPARISON_CHARS: [char; 8] = ['大', '高', '超', '多', '小', '低', '少', '等'];

/// The direction a comparison word gives ([`COMPARISON_WORDS`]).
pub fn compared_direction(verb: &str) -> Option<Direction> {
    COMPARISON_WORDS
        .iter()
        .find(|(w, _)| *w == verb)
        .map(|&(_, d)| d)
}

/// What precedes a bound of a performance indicator (`≤ 2600万元`, `$\geq 95\%$`, `不超过`).
pub const BOUNDS: [&str; 27] = [
    "≤",
    "≥",
    "<",
    ">",
    "=",
    "＝",
    "＜",
    "＞",
    "≦",
    "≧",
    "\\leq",
    "\\geq",
    "\\le",
    "\\ge",
    "\\lt",
    "\\gt",
    "不超过",
    "不低于",
    "不少于",
    "不高于",
    "不多于",
    "超过",
    "低于",
    "高于",
    "大于",
    "小于",
    "控制在",
];

/// The last characters of [`BOUNDS`]: most figures follow another character and need not be
/// compared with every bound.
const BOUND_ENDINGS: [char; 16] = [
    '≤', '≥', '<', '>', '=', '＝', '＜', '＞', '≦', '≧', 'q', 'e', 't', '过', '于', '在',
];

/// Whether the text before a number ends with a bound (a trailing `$` of LaTeX aside).
pub fn is_bound(before: &str) -> bool {
    let before = before.trim_end_matches('$');
    let ends_like_a_bound = before
        .chars()
        .next_back()
        .is_some_and(|c| BOUND_ENDINGS.contains(&c));
    ends_like_a_bound && BOUNDS.iter().any(|b| before.ends_with(b))
}

/// What follows the unit of a threshold or a rate: `200万元以上`, `30元/人`, `每`.
pub const THRESHOLDS: [&str; 8] = ["以上", "以下", "以内", "及以上", "及以下", "/", "／", "每"];

/// `及` then a digit: `100万元及100万元以上`.
pub const AND: char = '及';

/// Whether the text after a figure's unit makes it a threshold or a rate.
pub fn is_threshold(rest: &str) -> bool {
    let and_another = rest
        .strip_prefix(AND)
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    and_another || THRESHOLDS.iter().any(|w| rest.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_last_characters_cover_every_bound() {
        for bound in BOUNDS {
            assert!(is_bound(bound), "{bound:?}");
            assert!(is_bound(&format!("{bound}$")), "{bound:?}");
        }
        for text in ["超过的", "收入", "支出", "在", ""] {
            assert!(!is_bound(text), "{text:?}");
        }
    }

    #[test]
    fn thresholds_and_rates() {
        assert!(is_threshold("以上大型设备"));
        assert!(is_threshold("/人"));
        assert!(is_threshold("及100万元以上"));
        assert!(!is_threshold("及其他"));
        assert!(!is_threshold("，较上年"));
    }

    #[test]
    fn unchanged_phrases_name_last_year() {
        for text in [
            "与上年保持一致",
            "较上年无变化",
            "与2023年持平",
            "比去年没有变化",
        ] {
            assert!(UNCHANGED.is_match(text), "{text}");
        }
        assert!(!UNCHANGED.is_match("保持一致"));
        assert!(!UNCHANGED.is_match("上年增加，与规划保持一致"));
    }

    #[test]
    fn comparisons_of_measures() {
        let c = COMPARISON
            .captures("年初预算0万元，支出决算56万元，决算数大于年初预算数的主要原因是")
            .expect("a comparison");
        assert_eq!(&c["a"], "决算");
        assert_eq!(&c["b"], "年初预算");
        assert_eq!(compared_direction(&c["verb"]), Some(Direction::Increase));
        assert!(!COMPARISON.is_match("本年数小于上年预算数29.65万元"));
        assert!(!COMPARISON.is_match("决算数小于年初预算数29.65万元"));
        assert!(!COMPARISON.is_match("决算小于年初预算29.65万元"));
        assert!(COMPARISON.is_match("决算数等于年初预算数"));
        assert!(COMPARISON_WORDS
            .iter()
            .all(|(w, _)| w.starts_with(COMPARISON_CHARS)));
        assert!(COMPARISON_CHARS
            .iter()
            .all(|c| COMPARISON_WORDS.iter().any(|(w, _)| w.starts_with(*c))));
    }

    #[test]
    fn directions_of_verbs() {
        assert_eq!(direction("较上年减少", false), Direction::Decrease);
        assert_eq!(direction("增长", false), Direction::Increase);
        assert_eq!(direction("增加（减少）", true), Direction::Unchanged);
        assert_eq!(direction("减少（增加）", false), Direction::Decrease);
        assert_eq!(direction("持平", false), Direction::Unchanged);
    }

    #[test]
    fn change_and_percent_verbs_end_a_lead() {
        assert!(CHANGE_VERB.is_match("较上年预算安排增加（减少）"));
        assert!(CHANGE_VERB.is_match("收、支总计各增加"));
        assert!(LEADING_CHANGE_VERB.is_match("增加基本支出"));
        assert!(!LEADING_CHANGE_VERB.is_match("基本支出增加"));
        assert!(!CHANGE_VERB.is_match("增加的主要原因是"));
        assert!(PERCENT_VERB.is_match("同比增长"));
        assert!(!PERCENT_VERB.is_match("占"));
        assert!(COMPLETION_LEAD.is_match("完成年初预算的"));
        assert!(COMPLETION_LEAD.is_match("完成预算的"));
        assert!(!COMPLETION_LEAD.is_match("占年初预算的"));
    }
}
