//! Property test: whatever space-aligned tables the layout recovery rewrites, every line the
//! parser reads is numbered, placed and quoted by the input (issue 11, "locations stay true").

use budget_input::layout::align_tables;
use budget_parse::text::aligned_lines;
use proptest::prelude::*;

const LABELS: &[&str] = &[
    "合计",
    "一般公共服务",
    "支出",
    "社会保障和就业支出",
    "教育支出",
    "208",
    "20805",
    "科目名称",
    "基本支出",
    "收入预算总额为12.00万元。",
];

/// One line: a narrative line, a blank line, a page break, or a row of cells separated by runs
/// of spaces (a label and amounts), indented or not.
fn line() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        proptest::sample::select(LABELS).prop_map(str::to_string),
        "[0-9]{1,5}\\.[0-9]{2}",
    ];
    let row = (
        0..4usize,
        proptest::collection::vec((cell, 2..6usize), 1..6),
    )
        .prop_map(|(indent, cells)| {
            let mut line = " ".repeat(indent * 2);
            for (text, gap) in cells {
                line.push_str(&text);
                line.push_str(&" ".repeat(gap));
            }
            line.trim_end().to_string()
        });
    prop_oneof![
        6 => row,
        1 => Just(String::new()),
        1 => Just("\u{c}部门支出总表".to_string()),
        1 => Just("单位：万元".to_string()),
        1 => proptest::sample::select(LABELS).prop_map(str::to_string),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_line_read_is_where_the_input_has_it(lines in proptest::collection::vec(line(), 0..40)) {
        let input = lines.join("\n");
        let printed: Vec<&str> = input.split('\n').collect();
        let aligned = align_tables(&input);
        let mut previous = 0;
        for line in aligned_lines(&input, &aligned) {
            prop_assert!(line.number > previous, "lines in input order");
            previous = line.number;
            let first = printed[line.number - 1];
            prop_assert!(line.source.starts_with(first), "{:?} quotes {:?}", line, first);
            prop_assert!(input.contains(line.source));
            let offset: usize = printed[..line.number - 1].iter().map(|l| l.chars().count() + 1).sum();
            prop_assert_eq!(line.start, offset);
        }
    }
}
