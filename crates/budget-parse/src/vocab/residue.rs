//! Vocabulary of template residue: the placeholders a template leaves for names, years and
//! figures, the instructions it gives its author, and the words that make a heading's year the
//! year of a budget.

use std::sync::LazyLock;

use regex::Regex;

/// A placeholder: two or more `X` (`XX局`, `XXXX年`), two or more `×` (`××单位`), or one `X`
/// where a figure or a year goes (`X万元`, `X%`, `X个`, `X年`). Whether letters stand around it
/// is asked by [`is_placeholder`] (`XXL` is a size, not a placeholder).
pub static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[XxＸｘ]{2,}|×{2,}|[XxＸｘ](?:万元|元|%|％|个|年|月|日|人|项)")
        .expect("valid regex")
});

/// Whether a match of [`PLACEHOLDER`] is one: no Latin letter or digit touches it, and a
/// run of `X` without a unit touches a Chinese character (`XX局`, not `XX` in a code).
pub fn is_placeholder(before: Option<char>, found: &str, after: Option<char>) -> bool {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(before) || latin(after) {
        return false;
    }
    let chinese = |c: Option<char>| c.is_some_and(budget_model::is_ideograph);
    let ends_in_unit = found.chars().last().is_some_and(budget_model::is_ideograph);
    ends_in_unit || chinese(before) || chinese(after)
}

/// An instruction to the author left in the text: `请核实…`, `请删除`, `请据实填写`, `若无此项
/// 请删除`, `此处填写…`.
pub static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"请(?:核实|核对|删除|填写|据实填写|补充|修改|根据实际)",
        r"|(?:若|如)无[^。；;，,]{0,30}?删除",
        r"|此处(?:填写|填列)",
    ))
    .expect("valid regex")
});

/// A year (`2023年`, `2023 年度`).
pub static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d{2})\s*年度?").expect("valid regex"));

/// Words that make a heading about a budget or final accounts (`2023年部门预算情况说明`): its
/// year is the document's. A heading without one may name a project after its year
/// (`2027年信息化运维项目`).
pub const BUDGET_WORDS: [&str; 2] = ["预算", "决算"];

/// Words that let a heading name last year (`2023年预算执行情况`, `2023年度决算`, `本部门无
/// 2019 年结转的政府性基金预算拨款支出`).
pub const LAST_YEAR_WORDS: [&str; 7] = ["执行", "决算", "完成", "上年", "结转", "结余", "年底"];

/// Ends a sentence: a line ending so is a sentence that looks like a heading (`2、本部门无…
/// 支出。`), not a title.
pub const SENTENCE_END: char = '。';

/// A year's budget in the text (`2025年预算`, `2025年度部门预算`): the year is the document's
/// or last year's.
pub static YEARS_BUDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(20\d{2})\s*年度?\s*(?:部门|单位)?\s*预算").expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        PLACEHOLDER
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                is_placeholder(before, m.as_str(), after)
            })
            .map(|m| m.as_str())
            .collect()
    }

    #[test]
    fn placeholders_of_names_years_and_figures() {
        assert_eq!(placeholders("XX局XXXX年部门预算"), ["XX", "XXXX"]);
        assert_eq!(placeholders("支出X万元，增长X%"), ["X万元", "X%"]);
        assert_eq!(placeholders("××单位"), ["××"]);
        for text in ["XXL码", "CXX", "X射线", "3×4", "Excel表", "XX", "编号AXX12"] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn instructions_to_the_author() {
        for text in [
            "请核实数据",
            "若无此项内容请删除",
            "如无，请删除本段",
            "此处填写单位名称",
        ] {
            assert!(INSTRUCTION.is_match(text), "{text}");
        }
        for text in [
            "若无此类支出，此表为空",
            "请登录网站查询",
            "申请市财政预算拨款",
        ] {
            assert!(!INSTRUCTION.is_match(text), "{text}");
        }
    }

    #[test]
    fn years_of_budgets() {
        let years: Vec<&str> = YEARS_BUDGET
            .captures_iter("2025年预算数，2024 年度部门预算，2023年财政规划")
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        assert_eq!(years, ["2025", "2024"]);
    }
}
