//! Property tests: the parser never panics, whatever the bytes; printed amounts round-trip.

use budget_model::{Amount, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Pieces of the syntax the parser looks for, so that random documents reach deep into table
/// detection, header and row reading, code normalization and claim extraction.
const FRAGMENTS: &[&str] = &[
    "|",
    "| --- |",
    "|---|---|",
    "\t",
    "\n",
    "\r\n",
    " ",
    "  ",
    "合计",
    "总计",
    "小计",
    "单位：万元",
    "单位：元",
    "单位:",
    "万元",
    "元",
    "208",
    "05",
    "2080505",
    "30101",
    "类",
    "款",
    "项",
    "科目编码",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "上年结转",
    "部门收入总表",
    "部门收人总表",
    "部门支出总表",
    "一般公共预算支出表",
    "财政拨款\"三公\"经费支出表",
    "目录",
    "是否空表",
    "是",
    "收入预算总额为",
    "较上年增加",
    "较上年减少",
    "增长",
    "下降",
    "占",
    "%",
    "。",
    "，",
    "、",
    "（",
    "）",
    "809. 97",
    "8,763.47",
    "-",
    ".",
    ",",
    "2024年",
    "部门预算",
    "医疗保障局",
    "\u{feff}",
    "\u{3000}",
];

fn table_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[0-9]{1,9}(\\.[0-9]{0,3})?",
        1 => "[0-9,. ]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..400).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = budget_parse::parse(&bytes, "random.bin");
    }

    #[test]
    fn parse_never_panics_on_table_like_text(text in table_like_text()) {
        let _ = budget_parse::parse(text.as_bytes(), "random.txt");
    }

    #[test]
    fn parse_never_panics_on_table_like_text_in_gb18030(text in table_like_text()) {
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        let _ = budget_parse::parse(&bytes, "random-gbk.txt");
    }

    #[test]
    fn parse_never_panics_on_truncated_utf8(text in table_like_text(), cut in any::<prop::sample::Index>()) {
        let bytes = text.as_bytes();
        let end = if bytes.is_empty() { 0 } else { cut.index(bytes.len() + 1) };
        let _ = budget_parse::parse(&bytes[..end], "cut.txt");
    }
}

/// A random printed figure: integer part, decimals, fraction digits, sign, and how it is printed.
#[derive(Debug, Clone)]
struct Printed {
    negative: bool,
    int_part: u64,
    decimals: u32,
    fraction: u64,
    thousands: bool,
    ocr_gap: bool,
}

fn printed() -> impl Strategy<Value = Printed> {
    (
        any::<bool>(),
        0u64..1_000_000_000_000,
        0u32..=4,
        any::<u64>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(negative, int_part, decimals, f, thousands, ocr_gap)| Printed {
                negative,
                int_part,
                decimals,
                fraction: f % 10u64.pow(decimals),
                thousands,
                ocr_gap,
            },
        )
}

impl Printed {
    /// The exact value this figure denotes.
    fn value(&self) -> Decimal {
        let scale = 10i128.pow(self.decimals);
        let mantissa = i128::from(self.int_part) * scale + i128::from(self.fraction);
        let v = Decimal::from_i128_with_scale(mantissa, self.decimals);
        if self.negative {
            -v
        } else {
            v
        }
    }

    /// The figure as a document would print it: `-1,234,567.08`, `809. 97`, `5521`.
    fn text(&self) -> String {
        let digits = self.int_part.to_string();
        let int_text = if self.thousands {
            group_thousands(&digits)
        } else {
            digits
        };
        let sign = if self.negative { "-" } else { "" };
        if self.decimals == 0 {
            return format!("{sign}{int_text}");
        }
        let gap = if self.ocr_gap { " " } else { "" };
        let width = self.decimals as usize;
        format!("{sign}{int_text}.{gap}{:0width$}", self.fraction)
    }
}

fn group_thousands(digits: &str) -> String {
    let head = match digits.len() % 3 {
        0 => 3.min(digits.len()),
        n => n,
    };
    let (first, rest) = digits.split_at(head);
    let mut out = first.to_string();
    for group in rest.as_bytes().chunks(3) {
        out.push(',');
        out.push_str(&String::from_utf8_lossy(group));
    }
    out
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![Just(Unit::Yuan), Just(Unit::WanYuan)]
}

/// Splits `809.97万元` into the number and the unit text.
fn split_display(shown: &str) -> (&str, &str) {
    let end = shown
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(shown.len());
    shown.split_at(end)
}

proptest! {
    #[test]
    fn amount_parse_keeps_value_and_decimals(p in printed(), unit in unit()) {
        let text = p.text();
        let parsed = Amount::parse(&text, unit);
        prop_assert!(matches!(parsed, Ok(Some(_))), "{text:?} gave {parsed:?}");
        if let Ok(Some(a)) = parsed {
            prop_assert_eq!(a.value, p.value(), "{}", text);
            prop_assert_eq!(a.decimals, p.decimals, "{}", text);
            prop_assert_eq!(a.unit, unit);
        }
    }

    #[test]
    fn amount_display_reparses_to_the_same_amount(p in printed(), unit in unit()) {
        let Ok(Some(a)) = Amount::parse(&p.text(), unit) else {
            return Err(TestCaseError::fail(format!("{:?} does not parse", p.text())));
        };
        let shown = a.to_string();
        let (number, unit_text) = split_display(&shown);
        prop_assert_eq!(Unit::parse_prefix(unit_text), Some(unit), "{}", shown);
        prop_assert_eq!(Amount::parse(number, unit), Ok(Some(a)), "{}", shown);
    }
}

#[test]
fn thousands_are_grouped_from_the_right() {
    assert_eq!(group_thousands("1234567"), "1,234,567");
    assert_eq!(group_thousands("123"), "123");
    assert_eq!(group_thousands("1000"), "1,000");
    assert_eq!(group_thousands("0"), "0");
}
