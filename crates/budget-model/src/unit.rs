//! Units of amounts: 元 and 万元.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
}

impl Unit {
    /// How many yuan one of this unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
        }
    }

    /// The power of ten of [`Unit::yuan_factor`].
    pub fn power_of_ten(self) -> u32 {
        match self {
            Unit::Yuan => 0,
            Unit::WanYuan => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }

    /// Reads the unit named at the start of `text` (`万元`, `元`, `万`), ignoring spaces.
    pub fn parse_prefix(text: &str) -> Option<Unit> {
        match text.chars().find(|c| !c.is_whitespace()) {
            Some('万') => Some(Unit::WanYuan),
            Some('元') => Some(Unit::Yuan),
            _ => None,
        }
    }

    /// Finds a unit declaration such as `单位：万元`, `单位: 元`, `(万元)` in a line.
    pub fn find_declaration(line: &str) -> Option<Unit> {
        if !line.contains('元') {
            return None;
        }
        let mut compact = String::with_capacity(line.len());
        compact.extend(line.split(char::is_whitespace));
        // Every `单位` of the line is tried: `编制单位：某局 单位：元` names the unit after the
        // second one, the first introduces the author.
        let declared = compact
            .match_indices("单位")
            .filter(|(pos, _)| !names_the_author(&compact[..*pos]))
            .find_map(|(pos, word)| {
                let rest = compact[pos + word.len()..].trim_start_matches([':', '：']);
                Unit::parse_prefix(rest)
            });
        if declared.is_some() {
            return declared;
        }
        let markers = [
            ("(万元)", Unit::WanYuan),
            ("(元)", Unit::Yuan),
            ("（万元）", Unit::WanYuan),
            ("（元）", Unit::Yuan),
        ];
        markers
            .into_iter()
            .find(|(marker, _)| compact.contains(marker))
            .map(|(_, unit)| unit)
    }
}

/// The words that make `…单位：` introduce the author of a table (`编制单位：元氏县财政局`), not
/// its unit.
const AUTHOR_WORDS: [&str; 5] = ["编制", "填报", "报送", "申报", "预算"];

/// Whether the text before a `单位` ends with a word naming the author.
fn names_the_author(before: &str) -> bool {
    AUTHOR_WORDS.iter().any(|w| before.ends_with(w))
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declarations() {
        assert_eq!(Unit::find_declaration("单位：万元"), Some(Unit::WanYuan));
        assert_eq!(
            Unit::find_declaration("<u>单位:万元</u> 支出"),
            Some(Unit::WanYuan)
        );
        assert_eq!(Unit::find_declaration("单位: 元"), Some(Unit::Yuan));
        assert_eq!(Unit::find_declaration("资金金额 (元)"), Some(Unit::Yuan));
        assert_eq!(
            Unit::find_declaration("项目资金 (万元)"),
            Some(Unit::WanYuan)
        );
        assert_eq!(Unit::find_declaration("填报单位:赣州市医疗保障局"), None);
    }

    #[test]
    fn the_unit_is_read_after_any_unit_word_of_the_line() {
        assert_eq!(
            Unit::find_declaration("编制单位：上海科技大学附属学校          单位：元"),
            Some(Unit::Yuan)
        );
        assert_eq!(
            Unit::find_declaration("预算单位：某局 单位：万元"),
            Some(Unit::WanYuan)
        );
        // An author whose name starts with 万 or 元 is not a unit.
        assert_eq!(
            Unit::find_declaration("编制单位：元氏县财政局 单位：万元"),
            Some(Unit::WanYuan)
        );
    }
}
