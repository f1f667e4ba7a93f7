use super::*;

#[test]
fn text_without_aligned_tables_is_borrowed() {
    let text = "部门收入总表\n单位：万元\n项目\t合计\n合计\t1.00\n说明  两个空格但不是表\n";
    assert!(matches!(align_tables(text).text, Cow::Borrowed(_)));
}

#[test]
fn pdftotext_layout_table() {
    let text = "\
                    部门收入总表
                                                    单位：万元

科目编码      科目名称                 合计     一般公共预算       上年结转
          合计               8,763.47     8,000.00    763.47
208       社会保障和就业支出        1,234.56     1,000.00    234.56
20805     行政事业单位养老支出          34.56        34.56
2080505   机关事业单位基本养老保险缴费支出 12.00           12.00
注：本表为示例。
";
    let aligned = align_tables(text);
    let out = &aligned.text;
    let expected = "\
                    部门收入总表
                                                    单位：万元

科目编码\t科目名称\t合计\t一般公共预算\t上年结转
\t合计\t8,763.47\t8,000.00\t763.47
208\t社会保障和就业支出\t1,234.56\t1,000.00\t234.56
20805\t行政事业单位养老支出\t34.56\t34.56\t
2080505\t机关事业单位基本养老保险缴费支出\t12.00\t12.00\t
注：本表为示例。
";
    assert_eq!(out, expected);
}

#[test]
fn wrapped_labels_and_spanning_headers() {
    let text = "\
科目          合计        基本支出
                      人员经费    公用经费
合计          30.00       10.00       20.00
一般公共服务  10.00       10.00
支出
教育支出      20.00                   20.00
";
    let expected = "\
科目\t合计\t基本支出\t
\t\t人员经费\t公用经费
合计\t30.00\t10.00\t20.00
一般公共服务支出\t10.00\t10.00\t
教育支出\t20.00\t\t20.00
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn tables_without_figures_and_rows_under_a_blank_first_cell() {
    let text = "\
目录

报表  报表名称            是否空表  公开空表理由
表1   部门收支总表        否
表9   政府性基金收支表    是        不涉及

收入                  支出
项目          金额    项目                金额
一、本年收入  10.00   一、一般公共服务
                      二、教育             10.00
合计          10.00   合计                 10.00
                      结转下年
";
    let expected = "\
目录

报表\t报表名称\t是否空表\t公开空表理由
表1\t部门收支总表\t否\t
表9\t政府性基金收支表\t是\t不涉及

收入\t\t支出\t
项目\t金额\t项目\t金额
一、本年收入\t10.00\t一、一般公共服务\t
\t\t二、教育\t10.00
合计\t10.00\t合计\t10.00
\t\t结转下年\t
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn label_rows_between_the_rows_of_a_form() {
    // 年度绩效目标 and its text are rows of the form, each alone on its line; the text reaches
    // over the columns of the rows below without making a column of its own.
    let text = "\
项目名称      医疗保险事业发展经费
项目资金      年度资金总额          535.93
              其中：财政拨款        270
年度绩效目标
目标1：推进各项试点工作的开展，目标2：保障系统平稳运行
一级指标      二级指标      三级指标      指标值
产出指标      数量指标      培训次数      ≥2次
              质量指标      验收合格率    ≥95%
";
    let expected = "\
项目名称\t医疗保险事业发展经费\t
项目资金\t年度资金总额\t535.93
\t其中：财政拨款\t270
年度绩效目标\t\t\t
目标1：推进各项试点工作的开展，目标2：保障系统平稳运行\t\t\t
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训次数\t≥2次
\t质量指标\t验收合格率\t≥95%
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn label_rows_inside_a_form_and_from_the_page_before() {
    // A label alone on its row between two rows of a form; on the next page the form goes on
    // with rows whose first cells are blank, their text where the third column starts.
    let text = "\
部门名称      某某局
年度履职目标
年度主要任务  任务名称  主要内容

部门整体绩效目标表

            管理制度健全性
            预决算信息公开性
      绩效管理  绩效目标编制完成率
            绩效监控完成率
      产出指标  重点工作任务完成
效益指标  履职效益
";
    let expected = "\
部门名称\t某某局\t
年度履职目标\t\t
年度主要任务\t任务名称\t主要内容

部门整体绩效目标表

\t\t管理制度健全性
\t\t预决算信息公开性
\t绩效管理\t绩效目标编制完成率
\t\t绩效监控完成率
\t产出指标\t重点工作任务完成
效益指标\t履职效益\t
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn text_around_a_form_is_no_label_row() {
    // A centred subtitle above a form (not where a column starts) and a note below it (no
    // row follows) stay text.
    let text = "\
        （2024年度）
部门名称  某某局
年度目标  完成各项工作
说明：以上为示例。
";
    let expected = "\
        （2024年度）
部门名称\t某某局
年度目标\t完成各项工作
说明：以上为示例。
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn display_width_padding() {
    // Padded for a terminal: CJK characters count two columns.
    let text = "\
项目                  金额
一般公共服务支出    100.00
教育            2,000.00
";
    assert_eq!(
        align_tables(text).text,
        "项目\t金额\n一般公共服务支出\t100.00\n教育\t2,000.00\n"
    );
}

#[test]
fn every_line_knows_the_lines_it_stands_for() {
    // The blank line inside the table is dropped and the wrapped label joins its row, so the
    // rewritten text has two lines fewer than the input.
    let text = "\
说明文字
项目          合计        基本支出
合计          30.00       10.00
一般公共服务  10.00       10.00
支出

教育支出      20.00       20.00
其后的文字";
    let aligned = align_tables(text);
    assert_eq!(
        aligned.text,
        "说明文字\n项目\t合计\t基本支出\n合计\t30.00\t10.00\n一般公共服务支出\t10.00\t10.00\n\
         教育支出\t20.00\t20.00\n其后的文字"
    );
    let origins: Vec<Range<usize>> = (0..6).map(|i| aligned.origin(i)).collect();
    assert_eq!(origins, [0..1, 1..2, 2..3, 3..5, 6..7, 7..8]);
}

#[test]
fn unchanged_text_stands_for_itself() {
    let aligned = align_tables("正文\n合计\t1.00\n");
    assert!(matches!(aligned.text, Cow::Borrowed(_)));
    assert_eq!(aligned.origin(1), 1..2);
}

/// A title wrapped over two lines right under a table ends the table: it is no row of it.
#[test]
fn a_wrapped_title_ends_the_table_above() {
    let text = "302      商品和服务支出      5,560.31\n\
                31002    办公设备购置           59.00\n\
                \x20   “三公”经费、会议费、培训费支出预算\n\
                \x20            表\n";
    let aligned = align_tables(text);
    let lines: Vec<&str> = aligned.text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[1].contains('\t'));
    assert!(!lines[2].contains('\t'));
    assert_eq!(lines[2].trim(), "“三公”经费、会议费、培训费支出预算");
}

/// A title with a year in it (`2017 年政府采购预算表`, indented) right under a table's last row
/// of figures is no row of that table: its year is no figure.
#[test]
fn a_title_with_a_year_ends_the_table_above() {
    let text = "合计       因公出国        公务接待      会议费\n\
                \x20 2,542.60    833.60        222.50        183.60\n\
                \x20                          0\n\
                \x20           2017 年政府采购预算表\n";
    let aligned = align_tables(text);
    let lines: Vec<&str> = aligned.text.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[1].contains('\t'), "{lines:?}");
    assert_eq!(lines[3].trim(), "2017 年政府采购预算表");
}

/// One line of figures under a tall header, parted from it by a blank line (a 三公 table): the
/// header is read with it, one table.
#[test]
fn one_line_of_figures_under_a_header_parted_by_a_blank_line() {
    let text = "合计       因公出国        公务接待      会议费\n\
                \x20          （境）费        费\n\
                \n\
                \x20 1276.7    418.26        101.26        158.44\n";
    let aligned = align_tables(text);
    let lines: Vec<&str> = aligned.text.lines().collect();
    assert!(lines[0].contains('\t'), "{lines:?}");
    assert!(lines.last().is_some_and(|l| l.contains('\t')), "{lines:?}");
}

/// In a table of one line of figures, a header printed left of its figure (合计 over 237.92)
/// is that figure's column; a header over no figure beside a headed one keeps its own.
#[test]
fn one_line_of_figures_with_headers_left_of_them() {
    let text = "   合计            因公出国(境)费      公务接待费         购置费     运行费\n\
                \x20                  小计\n\
                \n\
                \x20       237.92        201.80       8.12              28.00\n";
    let aligned = align_tables(text);
    let lines: Vec<&str> = aligned.text.lines().collect();
    let header: Vec<&str> = lines[0].split('\t').map(str::trim).collect();
    let figures: Vec<&str> = lines[lines.len() - 1].split('\t').map(str::trim).collect();
    let column = |word: &str| header.iter().position(|h| h.contains(word));
    let figure = |x: &str| figures.iter().position(|f| *f == x);
    assert_eq!(column("合计"), figure("237.92"), "{lines:?}");
    assert_eq!(column("运行费"), figure("28.00"), "{lines:?}");
    assert!(column("购置费").is_some_and(|j| figures.get(j).is_some_and(|f| f.is_empty())));
}

#[test]
fn an_amount_glued_to_the_label_on_its_right_is_a_cell_of_its_own() {
    // A side-by-side summary whose income amount pdftotext leaves one space from the
    // expenditure label beside it.
    let text = "\
项目          预算数          项目          预算数
本年收入合计  1,000.00 本年支出合计          1,000.00
上年结转          0.00        结转下年          0.00
收入总计      1,000.00 支出总计              1,000.00
";
    let expected = "\
项目\t预算数\t项目\t预算数
本年收入合计\t1,000.00\t本年支出合计\t1,000.00
上年结转\t0.00\t结转下年\t0.00
收入总计\t1,000.00\t支出总计\t1,000.00
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn a_year_or_an_amount_with_its_unit_stays_in_its_label() {
    let text = "\
项目                  金额
2021 年预算           10.00
预计 1.5 万元         20.00
";
    let out = align_tables(text).text;
    assert!(out.contains("2021 年预算\t10.00"), "{out}");
    assert!(out.contains("预计 1.5 万元\t20.00"), "{out}");
}

#[test]
fn a_header_printed_left_of_its_amounts_heads_their_column() {
    let text = "\
项目        预算
一、收入        10.00
二、其他        20.00
";
    // The column the header stood over is left empty on every line.
    let expected = "\
项目\t\t预算
一、收入\t\t10.00
二、其他\t\t20.00
";
    assert_eq!(align_tables(text).text, expected);
}

#[test]
fn an_amount_in_the_column_of_the_label_after_it_goes_to_its_own_side() {
    // The income amounts stand so close to the expenditure labels that their columns overlap.
    let text = "\
项目          预算数     项目                  预算数
一、收入                10.00  一、教育支出        4.00
                            二、卫生健康支出        6.00
收入总计                10.00  支出总计           10.00
";
    let out = align_tables(text).text;
    assert!(out.contains("一、收入\t10.00\t一、教育支出\t4.00"), "{out}");
    assert!(out.contains("收入总计\t10.00\t支出总计\t10.00"), "{out}");
}

/// A cover's lines (an indented title, a year and its words, a spaced-out 目   录) are no table:
/// a year before 年 is no code beside a label.
#[test]
fn a_year_before_its_words_is_no_code_column() {
    let text = "       北京市某委员会部门\n     2026 年度部门预算信息公开\n             目   录\n";
    assert_eq!(align_tables(text).text, text);
}

/// A summary printed a blank line apart, its header lines too (`收   入`, a blank line,
/// `项   目   2026 年预算数 …`, a blank line, the rows): the header lines are the table's.
#[test]
fn a_double_spaced_table_keeps_its_header() {
    let text = "\
                                                收支总表
部门名称：某局                                                                                  单位：万元

                      收   入                                                  支   出

              项   目           2026 年预算数                              项   目           2026 年预算数

一、财政拨款                                     36,989.05   一、一般公共服务支出                                20,563.76

 1.一般公共预算拨款                                36,989.05    财政事务                                     20,563.76

二、财政专户管理资金                                      0.00      财政国库业务                                  1,585.88

 1.事业收入                                         0.00   二、教育支出                                       300.67
";
    let aligned = align_tables(text);
    let rows: Vec<Vec<&str>> = aligned
        .text
        .lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').collect())
        .collect();
    let filled = |row: &[&str]| -> Vec<String> {
        row.iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string())
            .collect()
    };
    assert_eq!(filled(&rows[0]).concat(), "收入支出");
    let years = filled(&rows[1]);
    assert_eq!(years.iter().filter(|c| *c == "2026 年预算数").count(), 2);
    assert_eq!(
        filled(&rows[2]),
        [
            "一、财政拨款",
            "36,989.05",
            "一、一般公共服务支出",
            "20,563.76"
        ]
    );
}

/// A label header centred over its cell (`项目` right of where the labels start, over no data)
/// heads the labels: it moves onto their column, the one it stood in left empty.
#[test]
fn a_label_header_right_of_its_labels_heads_them() {
    let text = "\
部门名称：某局                                          单位：万元
                      项目                 2026 年预算数
一、拨款                                         36,989.05
1.拨款                                           36,989.05
二、资金                                              0.00
";
    let aligned = align_tables(text);
    let rows: Vec<&str> = aligned.text.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(
        rows,
        [
            "项目\t\t2026 年预算数",
            "一、拨款\t\t36,989.05",
            "1.拨款\t\t36,989.05",
            "二、资金\t\t0.00"
        ]
    );
}

#[test]
fn a_page_number_over_a_table_number_is_no_table() {
    // A page's number at its foot, the next page's table number printed at its right: two lines
    // of one piece each that line up, neither a header nor a row.
    let text = "\
收入支出决算总表\n单位：万元\n项目\t行次\t金额\n一、财政拨款\t1\t10.00\n
                                                                  5
\u{c}                                                                  表 1
                收入支出决算总表\n";
    assert!(matches!(align_tables(text).text, Cow::Borrowed(_)));
}
