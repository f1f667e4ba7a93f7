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
        if let Some(pos) = compact.find("单位") {
            let rest = &compact[pos + "单位".len()..];
            let rest = rest.trim_start_matches([':', '：']);
            if let Some(u) = Unit::parse_prefix(rest) {
                return Some(u);
            }
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
}
