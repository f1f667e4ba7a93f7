//! One hand-made page per layout trait: words placed as a PDF prints them (points, y down,
//! CJK boxes 11 high, digit boxes 9 high and centred on the same line).

use super::*;
use crate::pdf::emit;

/// A CJK word on the line whose centre is at `cy`.
fn cjk(x0: f64, cy: f64, text: &str) -> Word {
    let width = 11.0 * text.chars().count() as f64;
    Word::new(x0, cy - 5.5, x0 + width, cy + 5.5, text)
}

/// A figure right-aligned at `x1` on the line whose centre is at `cy` (a shorter box).
fn fig(x1: f64, cy: f64, text: &str) -> Word {
    let width = 5.5 * text.chars().count() as f64;
    Word::new(x1 - width, cy - 4.5, x1, cy + 4.5, text)
}

fn rows(words: Vec<Word>) -> Vec<String> {
    emit::text(&read(&[words]))
        .lines()
        .filter(|l| l.contains('\t'))
        .map(str::to_string)
        .collect()
}

/// 科目名称 | 合计 | 基本支出 | 项目支出, amounts right-aligned at 200, 280, 360.
fn header(cy: f64) -> Vec<Word> {
    vec![
        cjk(40.0, cy, "科目名称"),
        cjk(160.0, cy, "合计"),
        cjk(236.0, cy, "基本支出"),
        cjk(316.0, cy, "项目支出"),
    ]
}

#[test]
fn a_header_detached_by_a_blank_line_stays_the_tables_header() {
    let mut words = header(100.0);
    // Two blank lines' height between the header and the first row.
    words.extend([
        fig(200.0, 140.0, "10.00"),
        cjk(40.0, 140.0, "合计"),
        fig(280.0, 140.0, "10.00"),
    ]);
    words.extend([
        cjk(40.0, 160.0, "行政运行"),
        fig(200.0, 160.0, "10.00"),
        fig(280.0, 160.0, "10.00"),
    ]);
    assert_eq!(
        rows(words),
        [
            "科目名称\t合计\t基本支出\t项目支出",
            "合计\t10.00\t10.00\t",
            "行政运行\t10.00\t10.00\t"
        ]
    );
}

#[test]
fn a_blank_cell_keeps_the_amount_under_its_header() {
    let mut words = header(100.0);
    words.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "339.50"),
        fig(280.0, 120.0, "4,312.17"),
        fig(360.0, 120.0, "339.50"),
    ]);
    // 基本支出 blank: the second 339.50 is under 项目支出, not next to 合计.
    words.extend([
        cjk(40.0, 140.0, "一般行政管理事务"),
        fig(200.0, 140.0, "339.50"),
        fig(360.0, 140.0, "339.50"),
    ]);
    let rows = rows(words);
    assert_eq!(rows[2], "一般行政管理事务\t339.50\t\t339.50");
}

/// A code printed from the left of its cell at `x0`, on the line whose centre is at `cy`.
fn code(x0: f64, cy: f64, text: &str) -> Word {
    let width = 5.5 * text.chars().count() as f64;
    Word::new(x0, cy - 4.5, x0 + width, cy + 4.5, text)
}

#[test]
fn a_code_printed_lower_than_its_rows_figures_joins_that_row() {
    // Xi'an's 功能科目 tables: the code centred on a cell two lines high, the name wrapped in
    // it, the figures on its first line; the code and the name's rest share a line below.
    let mut words = vec![cjk(10.0, 100.0, "科目编码"), cjk(70.0, 100.0, "科目名称")];
    words.extend(header(100.0).into_iter().skip(1));
    words.extend([
        code(10.0, 127.0, "2013301"),
        cjk(70.0, 120.0, "行政运行"),
        fig(200.0, 120.0, "17.00"),
        fig(280.0, 120.0, "17.00"),
    ]);
    words.extend([
        cjk(70.0, 138.0, "一般行政管理"),
        fig(200.0, 143.0, "30.00"),
        fig(360.0, 143.0, "30.00"),
        code(10.0, 148.5, "2013302"),
        cjk(70.0, 149.0, "事务"),
    ]);
    words.extend([
        code(10.0, 167.0, "205"),
        cjk(70.0, 167.0, "教育支出"),
        fig(200.0, 167.0, "10.00"),
        fig(280.0, 167.0, "10.00"),
    ]);
    assert_eq!(
        rows(words)[1..],
        [
            "2013301\t行政运行\t17.00\t17.00\t",
            "2013302\t一般行政管理事务\t30.00\t\t30.00",
            "205\t教育支出\t10.00\t10.00\t"
        ]
    );
}

#[test]
fn a_label_wrapped_inside_its_cell_joins_its_row() {
    let mut words = header(100.0);
    words.extend([
        cjk(40.0, 120.0, "机关事业单位基本养老保"),
        fig(200.0, 120.0, "298.72"),
        fig(280.0, 120.0, "298.72"),
    ]);
    // The rest of the label, closer under it than the rows are to each other.
    words.push(cjk(40.0, 133.0, "险缴费支出"));
    words.extend([
        cjk(40.0, 150.0, "住房公积金"),
        fig(200.0, 150.0, "345.48"),
        fig(280.0, 150.0, "345.48"),
    ]);
    assert_eq!(
        rows(words)[1..],
        [
            "机关事业单位基本养老保险缴费支出\t298.72\t298.72\t",
            "住房公积金\t345.48\t345.48\t"
        ]
    );
}

#[test]
fn a_label_wrapped_above_its_figures_line_joins_its_row() {
    // Shenzhen's 支出总表: the name's first line alone, its rest beside the code and figures.
    let mut words = vec![cjk(10.0, 100.0, "科目编码"), cjk(70.0, 100.0, "科目名称")];
    words.extend(header(100.0).into_iter().skip(1));
    words.extend([
        code(10.0, 120.0, "2200128"),
        cjk(70.0, 120.0, "海洋战略规划"),
        fig(200.0, 120.0, "51.96"),
        fig(360.0, 120.0, "51.96"),
    ]);
    words.push(cjk(70.0, 138.0, "基础测绘与地理"));
    words.extend([
        code(10.0, 151.0, "2200129"),
        cjk(70.0, 151.0, "信息"),
        fig(200.0, 151.0, "21.80"),
        fig(360.0, 151.0, "21.80"),
    ]);
    assert_eq!(
        rows(words)[1..],
        [
            "2200128\t海洋战略规划\t51.96\t\t51.96",
            "2200129\t基础测绘与地理信息\t21.80\t\t21.80"
        ]
    );
}

#[test]
fn decimals_cut_off_by_extraction_join_their_amount() {
    let mut words = header(100.0);
    // `154,023` and `.82` touch (their boxes even overlap): one amount.
    words.extend([
        cjk(40.0, 120.0, "合计"),
        Word::new(160.0, 115.5, 195.0, 124.5, "154,023"),
        Word::new(194.0, 115.5, 205.0, 124.5, ".82"),
    ]);
    words.extend([
        cjk(40.0, 140.0, "科学技术支出"),
        Word::new(160.0, 135.5, 195.0, 144.5, "147,502"),
        Word::new(194.0, 135.5, 205.0, 144.5, ".38"),
    ]);
    words.extend([
        cjk(40.0, 160.0, "教育支出"),
        Word::new(175.0, 155.5, 195.0, 164.5, "267"),
        Word::new(194.0, 155.5, 205.0, 164.5, ".14"),
    ]);
    let rows = rows(words);
    assert_eq!(rows[1], "合计\t154,023.82\t\t");
    assert_eq!(rows[2], "科学技术支出\t147,502.38\t\t");
}

#[test]
fn an_amount_next_to_a_label_is_a_cell_of_its_own() {
    // A side-by-side table: 收入 label | amount | 支出 label | amount, the first amount
    // printed 6 points from the next label.
    let mut words = vec![
        cjk(40.0, 100.0, "项目"),
        cjk(160.0, 100.0, "预算"),
        cjk(226.0, 100.0, "项目"),
        cjk(380.0, 100.0, "预算"),
    ];
    words.extend([
        cjk(40.0, 120.0, "一、预算拨款"),
        fig(220.0, 120.0, "3,944.08"),
        cjk(226.0, 120.0, "一、一般公共服务支出"),
        fig(400.0, 120.0, "2,570.71"),
    ]);
    words.extend([
        cjk(40.0, 140.0, "二、事业收入"),
        fig(220.0, 140.0, "0.00"),
        cjk(226.0, 140.0, "二、外交支出"),
        fig(400.0, 140.0, "0.00"),
    ]);
    let rows = rows(words);
    assert_eq!(
        rows[1],
        "一、预算拨款\t3,944.08\t一、一般公共服务支出\t2,570.71"
    );
    assert_eq!(rows[2], "二、事业收入\t0.00\t二、外交支出\t0.00");
}

#[test]
fn split_code_columns_are_columns_like_any_other() {
    let mut words = vec![
        cjk(40.0, 90.0, "科目编码"),
        cjk(40.0, 105.0, "类"),
        cjk(70.0, 105.0, "款"),
        cjk(100.0, 105.0, "项"),
        cjk(130.0, 100.0, "科目名称"),
        cjk(260.0, 100.0, "合计"),
    ];
    words.extend([
        fig(57.0, 125.0, "201"),
        fig(81.0, 125.0, "01"),
        fig(111.0, 125.0, "01"),
        cjk(130.0, 125.0, "行政运行"),
        fig(300.0, 125.0, "12.00"),
    ]);
    words.extend([
        fig(57.0, 145.0, "208"),
        fig(81.0, 145.0, "05"),
        fig(111.0, 145.0, "05"),
        cjk(130.0, 145.0, "基本养老保险缴费支出"),
        fig(300.0, 145.0, "3.50"),
    ]);
    let text = emit::text(&read(&[words]));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(
        rows,
        [
            "科目编码\t\t\t\t",
            "类\t款\t项\t科目名称\t合计",
            "201\t01\t01\t行政运行\t12.00",
            "208\t05\t05\t基本养老保险缴费支出\t3.50"
        ]
    );
}

#[test]
fn a_header_over_a_column_empty_on_every_row_keeps_its_column() {
    let mut words = header(100.0);
    words.push(cjk(390.0, 100.0, "上缴上级支出"));
    words.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "5.00"),
        fig(280.0, 120.0, "5.00"),
    ]);
    words.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(200.0, 140.0, "5.00"),
        fig(280.0, 140.0, "5.00"),
    ]);
    assert_eq!(
        rows(words)[0],
        "科目名称\t合计\t基本支出\t项目支出\t上缴上级支出"
    );
}

#[test]
fn narrative_stays_text_and_figures_in_sentences_make_no_table() {
    let words = vec![
        cjk(40.0, 100.0, "支出预算总额为"),
        fig(160.0, 100.0, "812.07"),
        cjk(170.0, 100.0, "万元，较上年减少"),
        fig(300.0, 100.0, "131.10"),
        cjk(310.0, 100.0, "万元。"),
        cjk(40.0, 120.0, "其中：基本支出"),
        fig(160.0, 120.0, "627.27"),
        cjk(170.0, 120.0, "万元，项目支出"),
        fig(300.0, 120.0, "184.80"),
        cjk(310.0, 120.0, "万元。"),
    ];
    let text = emit::text(&read(&[words]));
    assert!(!text.contains('\t'), "{text}");
    assert!(text.contains("812.07"));
}

#[test]
fn pages_end_with_form_feeds() {
    let pages = vec![
        vec![cjk(40.0, 100.0, "第一页")],
        vec![cjk(40.0, 100.0, "第二页")],
    ];
    assert_eq!(emit::text(&read(&pages)), "第一页\n\u{c}第二页\n\u{c}");
}

#[test]
fn an_amount_wrapped_in_its_cell_is_one_amount() {
    let mut words = header(100.0);
    // `106,512.0` above the row's middle, its last `0` below it; `0` alone is no page number.
    words.push(fig(360.0, 116.0, "106,512.0"));
    words.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "404,415.23"),
        fig(280.0, 120.0, "250,110.65"),
    ]);
    words.push(fig(360.0, 124.0, "0"));
    words.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(200.0, 140.0, "5.00"),
        fig(280.0, 140.0, "5.00"),
    ]);
    words.extend([
        cjk(40.0, 160.0, "机关服务"),
        fig(200.0, 160.0, "7.00"),
        fig(360.0, 160.0, "7.00"),
    ]);
    assert_eq!(rows(words)[1], "合计\t404,415.23\t250,110.65\t106,512.00");
}

/// The document's name printed at the top of every page (`某局 2026 年度单位预算公开`) is page
/// furniture: the rows of a table continued under it keep the first page's columns, and the
/// head is no row of the table.
#[test]
fn a_running_head_is_no_row_of_a_continued_table() {
    let head = |cy: f64| {
        vec![
            cjk(40.0, cy, "某局"),
            fig(120.0, cy, "2026"),
            cjk(150.0, cy, "年度单位预算公开"),
        ]
    };
    let mut first = head(20.0);
    first.extend(header(100.0));
    first.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "30.00"),
        fig(280.0, 120.0, "20.00"),
        fig(360.0, 120.0, "10.00"),
    ]);
    first.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(200.0, 140.0, "20.00"),
        fig(280.0, 140.0, "20.00"),
    ]);
    let mut second = head(20.0);
    second.extend([
        cjk(40.0, 40.0, "事业运行"),
        fig(200.0, 40.0, "6.00"),
        fig(360.0, 40.0, "6.00"),
    ]);
    second.extend([
        cjk(40.0, 60.0, "其他支出"),
        fig(200.0, 60.0, "4.00"),
        fig(360.0, 60.0, "4.00"),
    ]);
    let mut third = head(20.0);
    third.push(cjk(40.0, 60.0, "说明"));
    let text = emit::text(&read(&[first, second, third]));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(
        rows,
        [
            "科目名称\t合计\t基本支出\t项目支出",
            "合计\t30.00\t20.00\t10.00",
            "行政运行\t20.00\t20.00\t",
            "事业运行\t6.00\t\t6.00",
            "其他支出\t4.00\t\t4.00"
        ]
    );
}

/// A table's last row carried over alone to the next page keeps the table's columns.
#[test]
fn a_lone_row_on_the_next_page_keeps_the_tables_columns() {
    let mut first = header(100.0);
    first.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "30.00"),
        fig(280.0, 120.0, "20.00"),
        fig(360.0, 120.0, "10.00"),
    ]);
    first.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(200.0, 140.0, "20.00"),
        fig(280.0, 140.0, "20.00"),
    ]);
    first.push(fig(200.0, 700.0, "- 1 -"));
    let second = vec![
        cjk(40.0, 40.0, "事业运行"),
        fig(200.0, 40.0, "10.00"),
        fig(360.0, 40.0, "10.00"),
        cjk(40.0, 200.0, "说明"),
    ];
    let text = emit::text(&read(&[first, second]));
    assert!(text.contains("\u{c}事业运行\t10.00\t\t10.00\n"), "{text}");
}

/// A table whose every page repeats its number, title, unit line and header (`表 1`,
/// `收支总表`, `2026 年预算数`): the later page goes on with the first page's columns, a year
/// and its words are one cell, and the table's number is no row.
#[test]
fn a_table_repeating_its_title_and_header_on_each_page_goes_on() {
    let top = |header_cy: f64| {
        vec![
            cjk(30.0, 10.0, "表"),
            fig(47.0, 10.0, "1"),
            cjk(200.0, 30.0, "收支总表"),
            cjk(30.0, 50.0, "部门名称：某局"),
            cjk(330.0, 50.0, "单位：万元"),
            cjk(60.0, header_cy, "项目"),
            fig(200.0, header_cy, "2026"),
            cjk(203.0, header_cy, "年预算数"),
        ]
    };
    let mut first = top(80.0);
    first.extend([cjk(30.0, 100.0, "一、财政拨款"), fig(280.0, 100.0, "30.00")]);
    first.extend([cjk(30.0, 120.0, "二、单位资金"), fig(280.0, 120.0, "10.00")]);
    first.extend([cjk(30.0, 140.0, "三、其他收入"), fig(280.0, 140.0, "0.00")]);
    first.push(fig(200.0, 700.0, "- 1 -"));
    let mut second = top(80.0);
    second.extend([cjk(30.0, 100.0, "四、事业收入"), fig(280.0, 100.0, "5.00")]);
    second.extend([cjk(30.0, 120.0, "五、经营收入"), fig(280.0, 120.0, "5.00")]);
    second.extend([
        cjk(30.0, 140.0, "六、附属单位上缴收入"),
        fig(280.0, 140.0, "0.00"),
    ]);
    let text = emit::text(&read(&[first, second]));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(
        rows,
        [
            "项目\t2026 年预算数",
            "一、财政拨款\t30.00",
            "二、单位资金\t10.00",
            "三、其他收入\t0.00",
            "项目\t2026 年预算数",
            "四、事业收入\t5.00",
            "五、经营收入\t5.00",
            "六、附属单位上缴收入\t0.00"
        ],
        "{text}"
    );
}

/// A word at `x0..x1` on the line whose centre is at `cy`, its box as tall as `h`: glyph boxes
/// of a font the extractor measured wider (and taller) than printed.
fn wide(x0: f64, x1: f64, cy: f64, text: &str) -> Word {
    Word::new(x0, cy - 12.0, x1, cy + 12.0, text)
}

#[test]
fn amounts_measured_wider_than_printed_stay_in_their_columns() {
    let mut words = header(100.0);
    // Integer parts right-aligned at 190, decimals drawn apart and overlapping them, the next
    // column's integer part touching the decimals: one word `.34147,502` as extracted.
    words.extend([
        cjk(40.0, 120.0, "合计"),
        wide(148.0, 190.0, 120.0, "161,603"),
        wide(186.0, 250.0, 120.0, ".34147,502"),
        wide(246.0, 268.0, 120.0, ".38"),
    ]);
    // Apart, but closer than a cell's gap: `52,333.24` and `38,805.28` are two cells.
    words.extend([
        cjk(40.0, 140.0, "行政运行"),
        wide(154.0, 190.0, 140.0, "52,333"),
        wide(186.0, 208.0, 140.0, ".24"),
        wide(212.0, 250.0, 140.0, "38,805"),
        wide(246.0, 268.0, 140.0, ".28"),
    ]);
    let rows = rows(words);
    assert_eq!(rows[1], "合计\t161,603.34\t147,502.38\t");
    assert_eq!(rows[2], "行政运行\t52,333.24\t38,805.28\t");
}

#[test]
fn a_letter_spaced_header_right_of_its_labels_heads_them() {
    // Labels printed from the left of a wide cell (40..84), their header `科 目 名 称` spaced
    // out over its middle (120..197) where no label reaches; the total's label spaced too.
    let mut words = vec![
        cjk(120.0, 100.0, "科"),
        cjk(142.0, 100.0, "目"),
        cjk(164.0, 100.0, "名"),
        cjk(186.0, 100.0, "称"),
        cjk(236.0, 100.0, "合计"),
        cjk(316.0, 100.0, "项目支出"),
    ];
    words.extend([
        cjk(40.0, 120.0, "合"),
        cjk(62.0, 120.0, "计"),
        fig(280.0, 120.0, "12.00"),
        fig(360.0, 120.0, "12.00"),
    ]);
    words.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(280.0, 140.0, "12.00"),
        fig(360.0, 140.0, "12.00"),
    ]);
    assert_eq!(
        rows(words),
        [
            "科目名称\t合计\t项目支出",
            "合计\t12.00\t12.00",
            "行政运行\t12.00\t12.00"
        ]
    );
}

#[test]
fn one_row_of_figures_under_its_header_is_a_table() {
    // A 三公 table: a header of two levels over a single line of figures, each right-aligned
    // in its cell, the headers centred (合 计 and 公务接待费 over no figure's extent).
    let words = vec![
        cjk(230.0, 100.0, "公务用车购置及运行费"),
        cjk(40.0, 112.0, "合"),
        cjk(62.0, 112.0, "计"),
        cjk(120.0, 112.0, "因公出国"),
        cjk(400.0, 112.0, "公务接待费"),
        cjk(205.0, 124.0, "小"),
        cjk(227.0, 124.0, "计"),
        cjk(270.0, 124.0, "购置费"),
        cjk(330.0, 124.0, "运行费"),
        fig(100.0, 145.0, "207.46"),
        fig(170.0, 145.0, "120.00"),
        fig(240.0, 145.0, "32.50"),
        fig(300.0, 145.0, "0.00"),
        fig(360.0, 145.0, "32.50"),
        fig(480.0, 145.0, "54.96"),
    ];
    let rows = rows(words);
    assert_eq!(
        rows.last().map(String::as_str),
        Some("207.46\t120.00\t32.50\t0.00\t32.50\t54.96")
    );
    assert_eq!(
        rows[rows.len() - 2],
        "合计\t因公出国\t小计\t购置费\t运行费\t公务接待费",
        "{rows:?}"
    );
}

#[test]
fn a_figure_wrapped_inside_its_cell_is_read_whole() {
    // `370,219.2` / `5`: wide figures printed on two lines centred on their row's line, the
    // lines so close that they touch; the line of ends (`5 6`) reads like a page number.
    let mut words = header(100.0);
    words.extend([
        fig(200.0, 115.0, "370,219.2"),
        fig(280.0, 115.0, "293,191.8"),
        cjk(40.0, 122.0, "合计"),
        fig(360.0, 122.0, "77,027.38"),
        fig(200.0, 129.0, "5"),
        fig(280.0, 129.0, "6"),
    ]);
    words.extend([
        cjk(40.0, 145.0, "行政运行"),
        fig(200.0, 145.0, "10.00"),
        fig(280.0, 145.0, "10.00"),
    ]);
    let rows = rows(words);
    assert_eq!(
        rows,
        [
            "科目名称\t合计\t基本支出\t项目支出",
            "合计\t370,219.25\t293,191.86\t77,027.38",
            "行政运行\t10.00\t10.00\t"
        ]
    );
}

#[test]
fn a_group_label_a_line_above_its_columns_heads_them() {
    // `基本支出` over `人员经费 公用经费`, less than a blank line above them.
    let mut words = vec![cjk(269.0, 84.0, "基本支出")];
    words.extend([
        cjk(40.0, 100.0, "科目名称"),
        cjk(160.0, 100.0, "合计"),
        cjk(200.0, 100.0, "人员经费"),
        cjk(290.0, 100.0, "公用经费"),
    ]);
    words.extend([
        cjk(40.0, 120.0, "合计"),
        fig(200.0, 120.0, "30.00"),
        fig(270.0, 120.0, "20.00"),
        fig(340.0, 120.0, "10.00"),
    ]);
    words.extend([
        cjk(40.0, 140.0, "行政运行"),
        fig(200.0, 140.0, "30.00"),
        fig(270.0, 140.0, "20.00"),
        fig(340.0, 140.0, "10.00"),
    ]);
    let rows = rows(words);
    assert_eq!(rows[0], "\t\t基本支出\t", "{rows:?}");
}

#[test]
fn a_word_spelled_across_its_cell_is_one_word() {
    // `收      入` over both columns of the income side, `项   目` over its labels.
    let words = vec![
        cjk(60.0, 100.0, "收"),
        cjk(170.0, 100.0, "入"),
        cjk(50.0, 116.0, "项"),
        cjk(95.0, 116.0, "目"),
        cjk(170.0, 116.0, "预算数"),
        cjk(20.0, 132.0, "一、财政拨款"),
        fig(220.0, 132.0, "373,795.79"),
        cjk(20.0, 148.0, "二、事业收入"),
        fig(220.0, 148.0, "18,536.88"),
        cjk(20.0, 164.0, "三、其他收入"),
        fig(220.0, 164.0, "8,059.10"),
    ];
    let rows = rows(words);
    assert_eq!(rows[0], "收入\t", "{rows:?}");
    assert_eq!(rows[1], "项目\t预算数", "{rows:?}");
}

#[test]
fn labels_printed_elsewhere_in_their_cell_on_the_next_page_stay_labels() {
    // Page 1: items printed from the left of a wide label cell. Page 2: the totals, one from
    // the left and one centred, two label columns of their own that are the same cell.
    let mut first = vec![cjk(20.0, 100.0, "项目"), cjk(160.0, 100.0, "预算数")];
    for (i, label) in ["一、财政拨款收入资金", "二、事业收入", "三、其他收入"]
        .iter()
        .enumerate()
    {
        let cy = 120.0 + 20.0 * i as f64;
        first.extend([cjk(20.0, cy, label), fig(200.0, cy, "10.00")]);
    }
    first.push(fig(200.0, 700.0, "- 1 -"));
    let second = vec![
        cjk(20.0, 20.0, "四、其他"),
        fig(200.0, 20.0, "0.00"),
        cjk(20.0, 40.0, "上年结转"),
        fig(200.0, 40.0, "5.00"),
        cjk(90.0, 60.0, "收入总计"),
        fig(200.0, 60.0, "35.00"),
    ];
    let text = emit::text(&read(&[first, second]));
    assert!(
        text.contains("\n上年结转\t5.00\n收入总计\t35.00\n"),
        "{text}"
    );
}

#[test]
fn rows_without_figures_at_a_pages_end_go_on_with_the_table() {
    // Page 1 ends with items printed without amounts; page 2 goes on with the rest of the list.
    let mut first = vec![cjk(20.0, 100.0, "项目"), cjk(160.0, 100.0, "预算数")];
    for (i, label) in ["一、一般公共服务支出", "二、外交支出", "三、国防支出"]
        .iter()
        .enumerate()
    {
        let cy = 120.0 + 20.0 * i as f64;
        first.extend([cjk(20.0, cy, label), fig(200.0, cy, "10.00")]);
    }
    first.extend([
        cjk(20.0, 180.0, "四、公共安全支出"),
        cjk(20.0, 200.0, "五、教育支出"),
    ]);
    first.push(fig(200.0, 700.0, "- 1 -"));
    let second = vec![
        cjk(20.0, 20.0, "六、科学技术支出"),
        fig(200.0, 20.0, "5.00"),
        cjk(20.0, 40.0, "七、其他支出"),
        fig(200.0, 40.0, "1.00"),
        cjk(20.0, 60.0, "支出总计"),
        fig(200.0, 60.0, "36.00"),
    ];
    let text = emit::text(&read(&[first, second]));
    assert!(text.contains("\n五、教育支出\t\n"), "{text}");
    assert!(text.contains("\u{c}六、科学技术支出\t5.00\n"), "{text}");
}

#[test]
fn group_labels_side_by_side_over_equal_columns_split_them() {
    // `公务用车` over six equal columns; under it `小计` and `购置费`, three columns each, then
    // a fund's name over every column. Every symmetric run of equal columns is centred on
    // each label: the neighbour on the line bounds it, and the nested groups are read first.
    let cell = |k: usize| 100.0 + 60.0 * k as f64;
    let mut words = vec![cjk(253.0, 80.0, "公务用车")];
    words.extend([
        cjk(20.0, 100.0, "单位"),
        cjk(174.0, 100.0, "小计"),
        cjk(348.5, 100.0, "购置费"),
    ]);
    for k in 0..6 {
        words.push(cjk(cell(k) + 14.0, 120.0, "一般"));
    }
    for (r, label) in ["本级", "下属"].iter().enumerate() {
        let cy = 140.0 + 20.0 * r as f64;
        words.push(cjk(20.0, cy, label));
        words.extend((0..6).map(|k| fig(cell(k) + 50.0, cy, "10.00")));
    }
    let rows = rows(words);
    assert_eq!(rows[0], "\t公务用车\t\t\t\t\t", "{rows:?}");
    assert_eq!(rows[1], "\t小计\t\t\t购置费\t\t", "{rows:?}");
    assert_eq!(rows[2], "单位\t\t\t\t\t\t", "{rows:?}");
    assert_eq!(rows[3], "\t一般\t一般\t一般\t一般\t一般\t一般", "{rows:?}");
}

#[test]
fn a_later_page_keeps_the_first_pages_columns_across_its_empty_column_and_long_labels() {
    // Page 1: 项目支出 has no figure yet (a column made by its header alone); page 2: its
    // figures appear. Page 3: a long 功能科目 name runs over the 政府经济科目 column, so that
    // page's own columns are fewer; every cell goes under the first page's columns.
    let mut first = vec![
        cjk(20.0, 100.0, "功能"),
        cjk(200.0, 100.0, "政府"),
        cjk(300.0, 100.0, "部门"),
        cjk(420.0, 100.0, "合计"),
        cjk(500.0, 100.0, "基本"),
        cjk(580.0, 100.0, "项目"),
    ];
    for (i, item) in ["30101-工资", "30102-津贴"].iter().enumerate() {
        let cy = 120.0 + 20.0 * i as f64;
        first.extend([
            cjk(20.0, cy, "201-行政"),
            cjk(200.0, cy, "50101-工资"),
            cjk(300.0, cy, item),
            fig(460.0, cy, "10.00"),
            fig(540.0, cy, "10.00"),
        ]);
    }
    first.push(fig(460.0, 700.0, "- 1 -"));
    let mut middle = Vec::new();
    for i in 0..3 {
        let cy = 20.0 + 20.0 * i as f64;
        middle.extend([
            cjk(20.0, cy, "201-行政"),
            cjk(200.0, cy, "50201-办公"),
            cjk(300.0, cy, "30201-办公"),
            fig(460.0, cy, "10.00"),
            fig(540.0, cy, "5.00"),
            fig(620.0, cy, "5.00"),
        ]);
    }
    middle.push(fig(460.0, 700.0, "- 2 -"));
    let mut second = Vec::new();
    for (i, item) in ["30108-养老", "30109-年金"].iter().enumerate() {
        let cy = 20.0 + 20.0 * i as f64;
        second.extend([
            cjk(20.0, cy, "2080505-机关事业养老 50102-缴费"),
            cjk(300.0, cy, item),
            fig(460.0, cy, "5.00"),
            fig(620.0, cy, "5.00"),
        ]);
    }
    second.extend([
        cjk(20.0, 60.0, "合计"),
        fig(460.0, 60.0, "60.00"),
        fig(540.0, 60.0, "35.00"),
        fig(620.0, 60.0, "25.00"),
    ]);
    let text = emit::text(&read(&[first, middle, second]));
    assert!(
        text.contains("\t30109-年金\t5.00\t\t5.00\n合计\t\t\t60.00\t35.00\t25.00"),
        "{text}"
    );
    assert!(
        text.contains("2080505-机关事业养老 50102-缴费\t\t30108-养老\t"),
        "{text}"
    );
}

/// A header printed in three bands that just touch (each 10.7 under the one above, boxes 11
/// high): `基本支出` over the cells of its three columns, the cells spanning both levels
/// centred between. Figures right-aligned in cells 80 wide, headers centred in them.
fn stacked_header(top: f64) -> Vec<Word> {
    let (middle, bottom) = (top + 10.7, top + 21.4);
    let mut words = vec![cjk(318.0, top, "基本支出")];
    words.extend([
        cjk(40.0, middle, "科目名称"),
        cjk(169.0, middle, "合计"),
        cjk(478.0, middle, "项目支出"),
    ]);
    words.extend([
        cjk(249.0, bottom, "小计"),
        cjk(318.0, bottom, "人员经费"),
        cjk(398.0, bottom, "公用经费"),
    ]);
    for (label, cy) in [("合计", bottom + 20.0), ("行政运行", bottom + 40.0)] {
        words.push(cjk(40.0, cy, label));
        for x1 in [216.0, 296.0, 376.0, 456.0, 536.0] {
            words.push(fig(x1, cy, "1,000.00"));
        }
    }
    words
}

#[test]
fn a_group_label_in_a_band_touching_the_cells_spanning_both_levels_heads_its_columns() {
    // The top and bottom bands are two lines apart: two levels, not one header wrapped over
    // three lines; `基本支出` is centred on the cells of 小计 … 公用经费 (小计 is printed left of
    // its figures, centred in its cell).
    let rows = rows(stacked_header(100.0));
    assert_eq!(rows[0], "\t\t基本支出\t\t\t", "{rows:?}");
    assert_eq!(
        rows[1], "科目名称\t合计\t小计\t人员经费\t公用经费\t项目支出",
        "{rows:?}"
    );
}

/// Two rows of figures under a header, in columns right-aligned at 200, 280, 360.
fn figures_under(words: &mut Vec<Word>, cy: f64) {
    for (label, cy) in [("合计", cy), ("行政运行", cy + 20.0)] {
        words.push(cjk(40.0, cy, label));
        for x1 in [200.0, 280.0, 360.0] {
            words.push(fig(x1, cy, "1,000.00"));
        }
    }
}

#[test]
fn a_header_wrapped_in_its_cell_around_cells_centred_between_stays_one_level() {
    // `一般公共预` over `算` one line apart, `科目名称` and `合计` centred between them.
    let mut words = vec![cjk(223.0, 93.5, "一般公共预")];
    words.extend([cjk(40.0, 100.0, "科目名称"), cjk(169.0, 100.0, "合计")]);
    words.extend([cjk(245.0, 106.5, "算"), cjk(316.0, 100.0, "其他")]);
    figures_under(&mut words, 130.0);
    let rows = rows(words);
    assert_eq!(rows[0], "科目名称\t合计\t一般公共预算\t其他", "{rows:?}");
}

#[test]
fn a_header_wrapped_two_lines_apart_around_cells_centred_between_stays_one_level() {
    // The bands touch and the first and last are two lines apart, as a group label's over its
    // columns' cells, but `类` is printed inside the extent of `采购品目大`: the rest of the
    // cell's text, wrapped with a wide spacing.
    let mut words = vec![cjk(223.0, 100.0, "采购品目大")];
    words.extend([cjk(40.0, 111.0, "科目名称"), cjk(169.0, 111.0, "合计")]);
    words.extend([cjk(245.0, 122.0, "类"), cjk(316.0, 111.0, "其他")]);
    figures_under(&mut words, 140.0);
    let rows = rows(words);
    assert_eq!(rows[0], "科目名称\t合计\t采购品目大类\t其他", "{rows:?}");
}

/// Two headers printed closer than cells usually are (`公务用车购置` `公务用车运行`, a space
/// apart), the first over a column no row fills: each heads its own column, and the figures
/// stay under the second.
#[test]
fn two_names_a_space_apart_over_an_empty_column_and_a_full_one_head_two_columns() {
    let mut words = vec![
        cjk(40.0, 100.0, "科目名称"),
        cjk(160.0, 100.0, "合计"),
        cjk(236.0, 100.0, "公务用车购置"),
        cjk(306.0, 100.0, "公务用车运行"),
    ];
    for (k, label) in ["合计", "行政运行"].into_iter().enumerate() {
        let cy = 120.0 + 20.0 * k as f64;
        words.extend([
            cjk(40.0, cy, label),
            fig(200.0, cy, "5.00"),
            fig(372.0, cy, "5.00"),
        ]);
    }
    let rows = rows(words);
    assert_eq!(rows[0], "科目名称\t合计\t公务用车购置\t公务用车运行");
    assert_eq!(rows[1], "合计\t5.00\t\t5.00");
}
