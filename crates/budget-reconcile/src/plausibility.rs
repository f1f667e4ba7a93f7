//! Which of several readings of one document to trust: the one whose tables its own sums
//! corroborate best. A PDF can be read from poppler's spaced text or from its words' boxes;
//! each misleads on some layouts (a blank cell shifts an amount, a header glyph makes a column),
//! and a misreading shows as sums that fail where the document's own totals would hold.

use budget_model::{Document, Severity, TableStatus};

use crate::rules::cross::BasicPersonnelPublic;
use crate::rules::sums::{SumColumns, SumRows};
use crate::Rule;

/// How much a reading's own sums doubt it: the sums of its tables (rows and columns) and the
/// equalities between its tables that fail beyond rounding, against the rows of its parsed
/// tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doubt {
    pub failures: usize,
    pub rows: usize,
}

/// How many failing sums fewer a reading must have to be preferred to another: one failing sum
/// is as likely the document's own error as a misreading, and a reading that fails to see a
/// table's figures also fails to see its error.
const MARGIN: usize = 2;

impl Doubt {
    pub fn of(doc: &Document) -> Doubt {
        let mut findings = Vec::new();
        SumRows.check(doc, &mut findings);
        SumColumns.check(doc, &mut findings);
        // The tables against each other too: a misread column breaks an equality between two
        // tables as often as a sum within one (表6's 合计 against 表5's 基本支出).
        for rule in crate::rules::cross::rules() {
            rule.check(doc, &mut findings);
        }
        // One printed cell that fails a sum and the sums over it is one doubt, as the report
        // folds them into one finding: a document's own error fails several sums as often as
        // one.
        // A 类 split between 人员经费 and 公用经费 as the table prints it is the document's
        // choice, which the reading sees right.
        let failures = crate::fold_consequences(findings)
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .filter(|f| !BasicPersonnelPublic::is_printed_split(f))
            .count();
        let rows = doc
            .tables
            .iter()
            .filter(|t| t.status == TableStatus::Parsed)
            .map(|t| t.rows.len())
            .sum();
        Doubt { failures, rows }
    }

    /// Whether this reading is more plausible than `other`: at least [`MARGIN`] failing sums
    /// fewer, and fewer per row read. A reading of no table never is; one of tables whose sums
    /// all hold is, against one that read no table.
    pub fn beats(&self, other: &Doubt) -> bool {
        if other.rows == 0 {
            return self.rows > 0 && self.failures == 0;
        }
        let clearly_fewer = self.failures + MARGIN <= other.failures;
        clearly_fewer && self.failures * other.rows < other.failures * self.rows
    }

    /// Whether no reading can beat this one (see [`Doubt::beats`]): tables read and fewer than
    /// [`MARGIN`] sums of them failing. Then the other readings need not be made at all.
    pub fn is_unbeatable(&self) -> bool {
        self.rows > 0 && self.failures < MARGIN
    }
}

/// The most plausible of the readings of one document (see [`Doubt`]); on a tie, the earlier
/// one. None only when there is no reading. The readings are taken one at a time and no more
/// once the kept one is unbeatable: a lazy iterator (`budget_input::readings`) then never makes
/// the later ones (for a PDF, a second run of pdftotext and a second parse).
pub fn most_plausible(readings: impl IntoIterator<Item = Document>) -> Option<Document> {
    most_plausible_by(readings, |doc| doc)
}

/// [`most_plausible`] of items that each hold a reading (`doc` gives it), such as a reading
/// with the text it was parsed from.
pub fn most_plausible_by<T>(
    items: impl IntoIterator<Item = T>,
    doc: impl Fn(&T) -> &Document,
) -> Option<T> {
    let mut best: Option<(T, Doubt)> = None;
    for item in items {
        let doubt = Doubt::of(doc(&item));
        match &best {
            Some((_, kept)) if !doubt.beats(kept) => {}
            _ => best = Some((item, doubt)),
        }
        if best.as_ref().is_some_and(|(_, kept)| kept.is_unbeatable()) {
            break;
        }
    }
    best.map(|(item, _)| item)
}

/// A document's bytes, in any input form, as the checker reads them: each reading of them
/// (`budget_input::readings`, made only when asked for) parsed, and the one its own sums
/// corroborate best kept ([`most_plausible`]). `source` names the document in its facts. The
/// one pipeline of `budget-audit check`, the parse service and the corpus tests.
///
/// A PDF's figures are then placed on its pages ([`crate::placing`]): every cell and narrative
/// amount gets the box where it is printed. A spreadsheet's lines keep their sheet rows, so
/// that findings name their cells.
pub fn read_document(bytes: &[u8], source: &str) -> Result<Document, String> {
    let mut texts = budget_input::readings(bytes).map_err(|e| e.to_string())?;
    let readings = texts.by_ref().map(|t| budget_parse::parse_text(&t, source));
    let mut document =
        most_plausible(readings).ok_or_else(|| "the document gave no text to read".to_string())?;
    if let Some(pages) = texts.pages() {
        crate::placing::place(&mut document, pages);
    }
    document.sheet_lines = texts.sheet_lines().to_vec();
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Document {
        budget_parse::parse_text(text, "t")
    }

    /// The same 支出总表 read twice: right, and with the 基本支出 of 2101101 shifted into 项目支出
    /// (a blank cell misplaced), which breaks the sums of both columns.
    const RIGHT: &str = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        \t合计\t180.00\t130.00\t50.00\n2101101\t行政单位医疗\t100.00\t100.00\t\n\
        2101102\t事业单位医疗\t50.00\t\t50.00\n2101103\t公务员医疗补助\t30.00\t30.00\t\n";
    const SHIFTED: &str =
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        \t合计\t180.00\t130.00\t50.00\n2101101\t行政单位医疗\t100.00\t\t100.00\n\
        2101102\t事业单位医疗\t50.00\t\t50.00\n2101103\t公务员医疗补助\t30.00\t30.00\t\n";

    /// A 支出总表 without a total row, and with one figure changed: an error of the document,
    /// which one sum finds.
    const NO_TOTAL: &str =
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        2101101\t行政单位医疗\t100.00\t100.00\t\n2101103\t公务员医疗补助\t30.00\t30.00\t\n";

    #[test]
    fn the_reading_its_sums_corroborate_is_kept() {
        let right = read(RIGHT);
        let chosen = most_plausible([read(SHIFTED), right.clone()]);
        assert_eq!(chosen, Some(right.clone()));
        // On a tie the earlier reading is kept.
        let chosen = most_plausible([right.clone(), read(RIGHT)]);
        assert_eq!(chosen, Some(right));
    }

    /// A reading that finds one failing sum is kept against one that finds none: one failure is
    /// as likely the document's error, and a reading that lost the figures would not see it.
    #[test]
    fn one_failing_sum_does_not_give_up_the_first_reading() {
        let first = read(&NO_TOTAL.replace("30.00\t30.00", "30.00\t31.00"));
        assert_eq!(Doubt::of(&first).failures, 1);
        let chosen = most_plausible([first.clone(), read(NO_TOTAL)]);
        assert_eq!(chosen, Some(first));
    }

    /// A 款 printed wrong fails its own sum (its 项) and its 类's: one doubt, not two. The
    /// reading that sees it is kept against one that lost the codes and so sees no sum at all.
    #[test]
    fn one_wrong_cell_failing_nested_sums_is_one_doubt() {
        let coded = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t100.00\n\
            210\t卫生健康支出\t100.00\n21011\t行政事业单位医疗\t101.00\n\
            2101101\t行政单位医疗\t60.00\n2101102\t事业单位医疗\t40.00\n";
        let first = read(coded);
        assert_eq!(Doubt::of(&first).failures, 1, "{:?}", Doubt::of(&first));
        let uncoded = read(&coded.replace("21011\t", "\t").replace("2101101\t", "\t"));
        let chosen = most_plausible([first.clone(), uncoded]);
        assert_eq!(chosen, Some(first));
    }

    /// Two readings whose tables each add up, one of them with the general-budget table misread
    /// so that it no longer matches the 支出总表 nor the basic table: the other is kept.
    #[test]
    fn the_reading_whose_tables_agree_with_each_other_is_kept() {
        let text = |total: &str, basic: &str| {
            format!(
                "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
                \t合计\t150.00\t100.00\t50.00\n201\t一般公共服务支出\t150.00\t100.00\t50.00\n\n\
                一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
                \t合计\t{total}\t{basic}\t50.00\n201\t一般公共服务支出\t{total}\t{basic}\t50.00\n\n\
                一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\
                \t合计\t100.00\t80.00\t20.00\n301\t工资福利支出\t80.00\t80.00\t\n\
                302\t商品和服务支出\t20.00\t\t20.00\n"
            )
        };
        let (right, misread) = (
            read(&text("150.00", "100.00")),
            read(&text("160.00", "110.00")),
        );
        assert_eq!(Doubt::of(&right).failures, 0);
        assert!(
            Doubt::of(&misread).failures >= MARGIN,
            "{:?}",
            Doubt::of(&misread)
        );
        let chosen = most_plausible([misread, right.clone()]);
        assert_eq!(chosen, Some(right));
    }

    /// A basic table that prints part of 302 as 人员经费 (a local practice) is warned about,
    /// but the warning is the table's own choice read right: no doubt of the reading.
    #[test]
    fn a_split_the_table_prints_is_no_doubt() {
        let doc = read(
            "一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\
            \t合计\t150.00\t110.00\t40.00\n301\t工资福利支出\t100.00\t100.00\t0.00\n\
            302\t商品和服务支出\t50.00\t10.00\t40.00\n",
        );
        let findings = crate::reconcile(&doc);
        assert!(
            findings.iter().any(BasicPersonnelPublic::is_printed_split),
            "{findings:#?}"
        );
        assert_eq!(Doubt::of(&doc).failures, 0, "{:?}", Doubt::of(&doc));
    }

    #[test]
    fn an_unbeatable_reading_is_beaten_by_none() {
        for kept in 0..MARGIN {
            let unbeatable = Doubt {
                failures: kept,
                rows: 3,
            };
            assert!(unbeatable.is_unbeatable());
            for failures in 0..4 {
                for rows in 0..4 {
                    assert!(!Doubt { failures, rows }.beats(&unbeatable));
                }
            }
        }
        assert!(!Doubt {
            failures: 0,
            rows: 0
        }
        .is_unbeatable());
        assert!(Doubt {
            failures: MARGIN - 1,
            rows: 9
        }
        .is_unbeatable());
        assert!(!Doubt {
            failures: MARGIN,
            rows: 9
        }
        .is_unbeatable());
    }

    /// Once the kept reading is unbeatable, the later ones are never made.
    #[test]
    fn later_readings_are_not_made_once_one_is_unbeatable() {
        let made = std::cell::Cell::new(0);
        let readings = [RIGHT, SHIFTED].into_iter().map(|text| {
            made.set(made.get() + 1);
            read(text)
        });
        assert_eq!(most_plausible(readings), Some(read(RIGHT)));
        assert_eq!(made.get(), 1);
        // A reading in doubt leaves the next one to be made.
        made.set(0);
        let readings = [SHIFTED, RIGHT].into_iter().map(|text| {
            made.set(made.get() + 1);
            read(text)
        });
        assert_eq!(most_plausible(readings), Some(read(RIGHT)));
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn a_reading_of_no_table_never_wins() {
        let none = read("本部门2024年收入预算150.00万元。\n");
        assert_eq!(Doubt::of(&none).rows, 0);
        let right = read(RIGHT);
        assert_eq!(
            most_plausible([none.clone(), right.clone()]),
            Some(right.clone())
        );
        assert_eq!(most_plausible([right.clone(), none]), Some(right));
        assert_eq!(most_plausible(Vec::new()), None);
    }
}
