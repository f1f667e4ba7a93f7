//! Classification codes (政府收支分类科目): by function (类 3 digits > 款 5 > 项 7) and by economic
//! nature (部门预算 3xx and 政府预算 5xx: 类 3 digits > 款 5).
//!
//! Tables print codes in several ways (full, the 款 as its last two digits under its 类, split into
//! 类|款|项 columns). [`CodeReader`] turns every printed form into the full code.

use std::fmt;

use arrayvec::ArrayString;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeScheme {
    /// 支出功能分类 (2xx).
    Function,
    /// 部门预算支出经济分类 (3xx).
    DeptEconomic,
    /// 政府预算支出经济分类 (5xx).
    GovEconomic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeLevel {
    /// 类
    Class,
    /// 款
    Section,
    /// 项
    Item,
}

/// A full classification code such as `2080505` or `30101`. Its digits are kept inline: codes
/// are read, compared and copied for every row, and need no allocation of their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Code(ArrayString<7>);

impl Code {
    /// Accepts a full code: 3, 5 or 7 ASCII digits, the first digit 2 (function), 3 or 5
    /// (economic).
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim();
        let ok_len = matches!(t.len(), 3 | 5 | 7);
        let ok_digits = t.bytes().all(|b| b.is_ascii_digit());
        let ok_first = matches!(t.as_bytes().first(), Some(b'2' | b'3' | b'5'));
        let ok_scheme = t.len() != 7 || t.starts_with('2');
        if !(ok_len && ok_digits && ok_first && ok_scheme) {
            return None;
        }
        ArrayString::from(t).ok().map(Code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn scheme(&self) -> CodeScheme {
        match self.0.as_bytes()[0] {
            b'2' => CodeScheme::Function,
            b'3' => CodeScheme::DeptEconomic,
            _ => CodeScheme::GovEconomic,
        }
    }

    pub fn level(&self) -> CodeLevel {
        match self.0.len() {
            3 => CodeLevel::Class,
            5 => CodeLevel::Section,
            _ => CodeLevel::Item,
        }
    }

    /// The code one level up (`2080505` → `20805` → `208`), none for a 类.
    pub fn parent(&self) -> Option<Code> {
        match self.0.len() {
            7 => Some(self.prefix(5)),
            5 => Some(self.prefix(3)),
            _ => None,
        }
    }

    /// The 类 this code belongs to.
    pub fn class(&self) -> Code {
        self.prefix(3)
    }

    /// The code made of the first `len` digits of this one (a shorter valid code).
    fn prefix(&self, len: usize) -> Code {
        let mut digits = self.0;
        digits.truncate(len);
        Code(digits)
    }

    /// Whether `child` is one level below this code (`208` → `20805`), without allocating.
    pub fn is_parent_of(&self, child: &Code) -> bool {
        let expected = match self.0.len() {
            3 => 5,
            5 => 7,
            _ => return false,
        };
        child.0.len() == expected && child.0.starts_with(self.as_str())
    }

    pub fn is_ancestor_of(&self, other: &Code) -> bool {
        other.0.len() > self.0.len() && other.0.starts_with(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.0.to_string()
    }
}

impl TryFrom<String> for Code {
    type Error = String;
    fn try_from(s: String) -> Result<Code, String> {
        Code::parse(&s).ok_or_else(|| format!("not a classification code: {s:?}"))
    }
}

/// Reads the code cells of consecutive table rows and yields full codes, remembering the last 类
/// and 款 so that a printed `05` under `208` becomes `20805`, and `208 | 05 | 05` becomes
/// `2080505`.
#[derive(Debug, Default, Clone)]
pub struct CodeReader {
    class: Option<Code>,
}

impl CodeReader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one row's code, printed in one cell or split over several (类, 款, 项). Returns
    /// `None` when the cells hold no classification code (total rows, agency rows).
    pub fn read(&mut self, cells: &[&str]) -> Option<Code> {
        let parts = || cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
        let first = parts().next()?;
        if !parts().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let code = match parts().count() {
            1 => self.resolve(first)?,
            _ if first.len() == 3 => self.resolve(&parts().collect::<String>())?,
            _ => return None,
        };
        self.remember(&code);
        Some(code)
    }

    /// A two-digit cell is a 款 printed under its 类 (`05` under `208` is `20805`).
    fn resolve(&self, digits: &str) -> Option<Code> {
        if let Some(full) = Code::parse(digits) {
            return Some(full);
        }
        let class = self.class.as_ref().filter(|_| digits.len() == 2)?;
        Code::parse(&format!("{class}{digits}"))
    }

    fn remember(&mut self, code: &Code) {
        // Rows of one 类 follow each other: the class is built only when it changes.
        let same = self
            .class
            .as_ref()
            .is_some_and(|c| code.as_str().starts_with(c.as_str()));
        if !same {
            self.class = Some(code.class());
        }
    }
}

/// The function 类 (支出功能分类) and their names, for tables that list 类 by name only.
pub const FUNCTION_CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务"),
    ("202", "外交"),
    ("203", "国防"),
    ("204", "公共安全"),
    ("205", "教育"),
    ("206", "科学技术"),
    ("207", "文化旅游体育与传媒"),
    ("208", "社会保障和就业"),
    ("209", "社会保险基金"),
    ("210", "卫生健康"),
    ("211", "节能环保"),
    ("212", "城乡社区"),
    ("213", "农林水"),
    ("214", "交通运输"),
    ("215", "资源勘探工业信息等"),
    ("216", "商业服务业等"),
    ("217", "金融"),
    ("219", "援助其他地区"),
    ("220", "自然资源海洋气象等"),
    ("221", "住房保障"),
    ("222", "粮油物资储备"),
    ("223", "国有资本经营预算"),
    ("224", "灾害防治及应急管理"),
    ("227", "预备费"),
    ("229", "其他"),
    ("230", "转移性"),
    ("231", "债务还本"),
    ("232", "债务付息"),
    ("233", "债务发行费用"),
    ("234", "抗疫特别国债安排"),
];

/// The department economic 类 and their names.
pub const DEPT_ECONOMIC_CLASSES: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("311", "对企业补助（基本建设）"),
    ("312", "对企业补助"),
    ("313", "对社会保障基金补助"),
    ("399", "其他支出"),
];

/// [`FUNCTION_CLASSES`] with their names without `事务`, as labels are compared with them: worked
/// out once rather than for every label.
static FUNCTION_CLASS_STEMS: std::sync::LazyLock<Vec<(&str, &str)>> =
    std::sync::LazyLock::new(|| {
        FUNCTION_CLASSES
            .iter()
            .map(|&(code, n)| (code, n.strip_suffix("事务").unwrap_or(n)))
            .collect()
    });

/// Finds the function 类 a label names: `社会保障和就业支出`, `（八）社会保障和就业支出`,
/// `八、社会保障和就业`, `资源勘探信息等` (an older name). Returns `None` for other labels.
pub fn function_class_by_name(label: &str) -> Option<Code> {
    let name = strip_ordinal(label);
    let name = name.strip_suffix("支出").unwrap_or(name);
    let name = name.strip_suffix("事务").unwrap_or(name);
    if name.is_empty() || !name.is_char_boundary(name.len().min(3)) {
        return None;
    }
    // Names are compared whole, or by a prefix of three characters or more (older names).
    const MIN_PREFIX: usize = 9;
    FUNCTION_CLASS_STEMS
        .iter()
        .find(|(_, n)| {
            // Either name starting with the other needs their first MIN_PREFIX bytes equal:
            // compared first, as a fixed-size compare.
            name == *n
                || (name.len() >= MIN_PREFIX && n.len() >= MIN_PREFIX)
                    && name.as_bytes()[..MIN_PREFIX] == n.as_bytes()[..MIN_PREFIX]
                    && (n.starts_with(name) || name.starts_with(n))
        })
        .and_then(|(code, _)| Code::parse(code))
        .or_else(|| match name {
            "资源勘探信息等" => Code::parse("215"),
            "医疗卫生与计划生育" => Code::parse("210"),
            "文化体育旅游与传媒" | "文化体育与传媒" => Code::parse("207"),
            _ => None,
        })
}

/// Finds the department economic 类 a label names (`工资福利支出`, `(2)商品和服务支出`).
pub fn dept_economic_class_by_name(label: &str) -> Option<Code> {
    let name = strip_ordinal(label);
    let wanted = name.strip_suffix("支出").unwrap_or(name);
    let wanted = if wanted == "对个人和家庭补助" {
        "对个人和家庭的补助"
    } else {
        wanted
    };
    DEPT_ECONOMIC_CLASSES
        .iter()
        .find(|(_, n)| n.strip_suffix("支出").unwrap_or(n) == wanted)
        .and_then(|(code, _)| Code::parse(code))
}

/// The word that marks a row, a column or a sentence as a part of the one before it (of
/// which): the one home of 其中, for the parser's vocabulary and for [`strip_ordinal`].
pub const OF_WHICH: &str = "其中";

/// Strips list ordinals that precede a label: `一、`, `（八）`, `(2)`, `1、`, `其中：`.
pub fn strip_ordinal(label: &str) -> &str {
    let mut s = crate::text::trim(label);
    loop {
        let before = s;
        if let Some(rest) = s
            .strip_prefix(OF_WHICH)
            .and_then(|r| r.strip_prefix(['：', ':']))
        {
            s = rest.trim_start();
        }
        if let Some(rest) = strip_bracketed_ordinal(s) {
            s = rest.trim_start();
        }
        if let Some(rest) = strip_listed_ordinal(s) {
            s = rest.trim_start();
        }
        if s == before {
            return s;
        }
    }
}

/// Splits a code printed in brackets before a row's name, in its cell (`[2014001]行政运行`,
/// `【301】工资福利支出`): the code's digits and the name. `None` for other labels.
pub fn split_bracketed_code(label: &str) -> Option<(&str, &str)> {
    let s = label.trim_start();
    let open = s.chars().next().filter(|c| matches!(c, '[' | '【'))?;
    let rest = &s[open.len_utf8()..];
    let end = rest.find([']', '】'])?;
    let digits = rest[..end].trim();
    let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
    Code::parse(digits)?;
    Some((digits, rest[end + close_len..].trim_start()))
}

fn is_ordinal_char(c: char) -> bool {
    c.is_ascii_digit() || is_chinese_numeral(c)
}

/// A numeral of the Chinese list ordinals (`一`, `十二`, `一百零一`).
pub fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零'
    )
}

fn strip_bracketed_ordinal(s: &str) -> Option<&str> {
    let open = s.chars().next().filter(|c| *c == '(' || *c == '（')?;
    let rest = &s[open.len_utf8()..];
    let end = rest.find([')', '）'])?;
    let inner = &rest[..end];
    if inner.is_empty() || !inner.chars().all(|c| is_ordinal_char(c) || c == ' ') {
        return None;
    }
    let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
    Some(&rest[end + close_len..])
}

fn strip_listed_ordinal(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !is_ordinal_char(c))?;
    if end == 0 {
        return None;
    }
    let rest = &s[end..];
    let sep = rest.chars().next()?;
    matches!(sep, '、' | '.' | '．').then(|| &rest[sep.len_utf8()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_json_strings() {
        let code = Code::parse("2080505").expect("a code");
        assert_eq!(
            serde_json::to_string(&code).ok().as_deref(),
            Some("\"2080505\"")
        );
        let back: Code = serde_json::from_str("\"20805\"").expect("a code");
        assert_eq!(back.as_str(), "20805");
        assert_eq!(back.parent().map(String::from).as_deref(), Some("208"));
        assert!(serde_json::from_str::<Code>("\"20805050\"").is_err());
    }

    fn read_all(rows: &[&[&str]]) -> Vec<Option<String>> {
        let mut r = CodeReader::new();
        rows.iter()
            .map(|cells| r.read(cells).map(|c| c.to_string()))
            .collect()
    }

    #[test]
    fn normalizes_every_printed_form() {
        let got = read_all(&[
            &["208"],
            &["05"],
            &["2080505"],
            &["210"],
            &["15"],
            &["2101505"],
        ]);
        let want = ["208", "20805", "2080505", "210", "21015", "2101505"];
        assert_eq!(got, want.map(|s| Some(s.to_string())));
        let split = read_all(&[&["208", "05", "05"], &["210", "12", "02"]]);
        assert_eq!(split, vec![Some("2080505".into()), Some("2101202".into())]);
        assert_eq!(read_all(&[&[""], &["313002"]]), vec![None, None]);
        assert_eq!(read_all(&[&["301", "08"]]), vec![Some("30108".into())]);
    }

    #[test]
    fn a_code_in_brackets_before_a_name_is_split_from_it() {
        assert_eq!(
            split_bracketed_code("[2014001]行政运行"),
            Some(("2014001", "行政运行"))
        );
        assert_eq!(
            split_bracketed_code("【301】 工资福利支出"),
            Some(("301", "工资福利支出"))
        );
        assert_eq!(split_bracketed_code("[2026]年预算"), None);
        assert_eq!(split_bracketed_code("行政运行"), None);
    }

    #[test]
    fn code_hierarchy() {
        let c = Code::parse("2080505").unwrap();
        assert_eq!(c.parent().unwrap().as_str(), "20805");
        assert_eq!(c.class().as_str(), "208");
        assert_eq!(c.level(), CodeLevel::Item);
        assert!(Code::parse("208").unwrap().is_ancestor_of(&c));
        assert_eq!(
            Code::parse("30101").unwrap().scheme(),
            CodeScheme::DeptEconomic
        );
        assert!(Code::parse("313002").is_none());
        assert!(Code::parse("604").is_none());
    }

    #[test]
    fn class_names() {
        let f = |s| function_class_by_name(s).map(|c| c.to_string());
        assert_eq!(f("社会保障和就业支出").as_deref(), Some("208"));
        assert_eq!(f("（十）卫生健康支出").as_deref(), Some("210"));
        assert_eq!(f("八、社会保障和就业").as_deref(), Some("208"));
        assert_eq!(f("20、住房保障支出").as_deref(), Some("221"));
        assert_eq!(f("十五、资源勘探信息等").as_deref(), Some("215"));
        assert_eq!(f("本年支出合计"), None);
        assert_eq!(f("一、本年支出"), None);
        let e = |s| dept_economic_class_by_name(s).map(|c| c.to_string());
        assert_eq!(e("(2)商品和服务支出").as_deref(), Some("302"));
        assert_eq!(e("(3)对个人和家庭补助").as_deref(), Some("303"));
    }
}
