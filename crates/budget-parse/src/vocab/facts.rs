//! Vocabulary of the document facts: how a title names the entity and the year, how a table
//! header names the filing entity, and the words of a department's or a unit's budget or final
//! accounts.

use std::sync::LazyLock;

use regex::Regex;

/// A document title with its year: the entity before or after it (`…2024 年单位预算`).
pub static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>.*?)(?P<year>20\d{2})\s*年度?(?P<post>.*)$").expect("valid regex")
});
/// The filing entity named in a table header (`填报单位：[604002] 南昌市…`, `部门：江苏省…` at the
/// start of a line), with its code.
pub static FILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:填报单位|编制部门|编制单位|预算单位|部门（单位）名称|部门\(单位\)名称|单位名称|部门名称|^[ \t]*部门)[ \t]*[:：][ \t]*(?:\[(?P<code>\d+)\][ \t]*)?(?P<name>[^\s|\t]+)")
        .expect("valid regex")
});

/// The endings of the name of a region (上海市, 江苏省, 雁塔区): a government, not a department.
const REGION_ENDINGS: [char; 5] = ['省', '市', '县', '区', '州'];

/// The most characters of a region's name (内蒙古自治区).
const MAX_REGION_CHARS: usize = 6;

/// Whether a name is only a region's (`上海市`), as a title printing the level of government
/// before the year names it (`上海市2026年市级单位预算`), not the entity publishing.
pub fn is_region(name: &str) -> bool {
    name.chars().count() <= MAX_REGION_CHARS && name.ends_with(REGION_ENDINGS)
}

/// An entity's name as two documents of it may print it differently: without spaces, the
/// party's full name shortened (中国共产党 → 中共, 委员会 → 委) and the leading 中共 dropped, so
/// that 中国共产党江苏省委员会办公厅 and 江苏省委办公厅 are one entity.
pub fn entity_key(name: &str) -> String {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let short = compact
        .replace("中国共产党", "中共")
        .replace("委员会", "委");
    short.strip_prefix("中共").unwrap_or(&short).to_string()
}
/// A year anywhere (`2024 年`), not the end of a longer number.
pub static ANY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])(20\d{2})\s*年").expect("valid regex"));

/// The first year a text names (`本级 2025 年`, `2026年`).
pub fn year_named(text: &str) -> Option<u16> {
    ANY_YEAR.captures(text).and_then(|c| c[1].parse().ok())
}

/// Words that follow the entity in a document title (`…2024 年单位预算公开说明`).
pub const TITLE_SUFFIXES: [&str; 8] =
    ["说明", "公开", "预算", "决算", "单位", "部门", "年度", "年"];

/// A department's budget or final accounts (all its units), and one unit's.
pub const DEPARTMENT_DOCUMENTS: [&str; 2] = ["部门预算", "部门决算"];
pub const UNIT_DOCUMENTS: [&str; 2] = ["单位预算", "单位决算"];

/// The words of a title that name a budget (预算) and final accounts (决算).
pub const BUDGET_WORD: &str = "预算";
pub const FINAL_ACCOUNTS_WORD: &str = "决算";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_of_titles_and_filers() {
        let c = TITLE_YEAR.captures("麟游县医疗保障局 2023 年单位预算公开说明");
        assert_eq!(c.map(|c| c["year"].to_string()).as_deref(), Some("2023"));
        let f = FILER.captures("填报单位：[604002] 南昌市医疗保障服务中心");
        assert_eq!(
            f.as_ref().map(|c| c["code"].to_string()).as_deref(),
            Some("604002")
        );
        assert_eq!(
            f.map(|c| c["name"].to_string()).as_deref(),
            Some("南昌市医疗保障服务中心")
        );
        let f = FILER.captures("公开01表\n部门：江苏省政协办公厅    单位：万元");
        assert_eq!(
            f.map(|c| c["name"].to_string()).as_deref(),
            Some("江苏省政协办公厅")
        );
        assert!(FILER.captures("各部门：请于月底前报送").is_none());
        let f = FILER.captures("上海市2026年市级单位预算\n    预算单位：上海市审计局\n");
        assert_eq!(
            f.map(|c| c["name"].to_string()).as_deref(),
            Some("上海市审计局")
        );
        assert!(is_region("上海市"));
        assert!(!is_region("上海市审计局"));
        assert!(ANY_YEAR.is_match("2024年"));
        assert_eq!(year_named("本级 2025 年"), Some(2025));
        assert_eq!(year_named("2026年"), Some(2026));
        assert_eq!(year_named("增减变化金额"), None);
        assert_eq!(year_named("12026年"), None);
        assert_eq!(year_named("2026万元"), None);
        assert!(TITLE_SUFFIXES.contains(&"说明"));
    }

    #[test]
    fn one_entity_printed_two_ways_has_one_key() {
        assert_eq!(entity_key("中国共产党江苏省委员会办公厅"), "江苏省委办公厅");
        assert_eq!(entity_key("中共江苏省委办公厅"), "江苏省委办公厅");
        assert_eq!(entity_key("江苏省 委办公厅"), "江苏省委办公厅");
        assert_ne!(entity_key("江苏省政协办公厅"), entity_key("江苏省委办公厅"));
    }
}
