//! NARR-AMOUNT: a figure of the narrative against the table cell it describes.

use budget_model::wording::narrative as wording;
use budget_model::{
    Amount, Claim, Code, CodeScheme, Document, DocumentKind, Finding, Measure, Severity, Subject,
    TableKind, TableStatus, TotalKind, Unit,
};

use super::{claim_location, evidence};
use crate::findings::{describe, from_comparison, row_name, severity_of};
use crate::query::claims::{
    also_consistent, blank_total_figures, economic_whole, figures_for, final_total_figures,
    row_figure, total_figures,
};
use crate::tolerance::{
    compare_equal, equal_outcome, one_unit_from_finer, truncated_from, Outcome,
};
use crate::totals::{self, Figure};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** Every amount the narrative states about a total (收入, 支出, 财政拨款,
    /// 基本支出, 项目支出, 人员经费, 公用经费, 上年结转 ...), a classification code (named by code
    /// or by its 类 name) or a 三公 item equals the table cell it describes, after converting
    /// units. The narrative's section tells whose money it is (all money or 财政拨款 only); a
    /// figure that matches the cell of any table printing that item is accepted. When the figure
    /// matches once its unit is corrected (a 元 figure printed as 万元), the finding says so. A
    /// figure converted to a coarser unit may have been cut to its decimals rather than
    /// rounded (56,206,054.00元 stated as 5,620.60万元). A figure one unit of its last digit off a
    /// cell printed more precisely is rounding-sized (info): rounded again from finer figures,
    /// it may land there without any figure being wrong.
    ///
    /// **Why it matters.** Readers quote the narrative, not the tables; a narrative figure that
    /// contradicts the tables is the error most likely to be repeated in the press.
    ///
    /// **Example.** "其他医疗保障管理事务支出（2101599）713730 元" while the table prints
    /// `2101599 … 275,100.00`: error, expected 275100元, difference 438630元.
    pub struct NarrativeAmount { id: "NARR-AMOUNT", severity: Severity::Error, summary: "a figure in the narrative equals the table cell it describes" }
}

impl Rule for NarrativeAmount {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        Self::compared(doc)
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let mut totals = TotalFigures::default();
        for (i, claim) in doc.claims.iter().enumerate() {
            let Some(amount) = claim.amount.filter(|_| tables_print(doc, claim)) else {
                continue;
            };
            let candidates = described(doc, i, &mut totals);
            let Some(first) = candidates.first() else {
                continue;
            };
            if candidates
                .iter()
                .chain(&also_consistent(doc, claim))
                .any(|f| {
                    equal_outcome(&amount, &f.amount) != Outcome::Mismatch
                        || truncated_from(&amount, &f.amount)
                })
            {
                continue;
            }
            let (mut cmp, figure) = (compare_equal(&amount, &first.amount), first);
            if figure.amount.unit != amount.unit {
                cmp.expected = figure.amount;
            }
            let Some(mut severity) = severity_of(&Self::INFO, &cmp) else {
                continue;
            };
            if one_unit_from_finer(&amount, &figure.amount) {
                severity = severity.min(Severity::Info);
            }
            let message = wording::amount_differs(
                &claim.subject_text,
                &describe(&cmp),
                &figure.table.title,
                &row_name(figure.row),
                unit_mixup(&amount, &figure.amount),
            );
            let source = format!("{}\n{}", claim.sentence, figure.row.source);
            let mut finding = from_comparison(
                &Self::INFO,
                severity,
                message,
                claim_location(claim),
                &cmp,
                source,
            );
            finding.evidence = evidence(doc, &[claim], &[figure]);
            out.push(finding);
        }
    }
}

impl NarrativeAmount {
    /// The claims stating this year's amount of something a table prints: each is compared
    /// with its cell.
    fn compared(doc: &Document) -> Vec<usize> {
        let mut totals = TotalFigures::default();
        (0..doc.claims.len())
            .filter(|&i| {
                let claim = &doc.claims[i];
                claim.amount.is_some()
                    && tables_print(doc, claim)
                    && !described(doc, i, &mut totals).is_empty()
            })
            .collect()
    }

    /// The claims stating an amount of something a table prints, whatever they measure: the
    /// narrative figures resolved to what they describe.
    pub fn resolved(doc: &Document) -> Vec<usize> {
        let mut totals = TotalFigures::default();
        (0..doc.claims.len())
            .filter(|&i| {
                doc.claims[i].amount.is_some() && !described(doc, i, &mut totals).is_empty()
            })
            .collect()
    }
}

/// The table cells claim `i` describes, the most likely first: for an economic class, the
/// cells of the breakdown its whole names; for a total, its cells (none for a part of a class,
/// `人员经费` of 303, which no table prints); for the rest, [`figures_for`].
fn described<'d>(doc: &'d Document, i: usize, totals: &mut TotalFigures<'d>) -> Vec<Figure<'d>> {
    let Some(claim) = doc.claims.get(i) else {
        return Vec::new();
    };
    match &claim.subject {
        Subject::Code(code) if code.scheme() != CodeScheme::Function => {
            economic_figures(doc, code, economic_whole(&doc.claims, i), claim.is_fiscal())
        }
        Subject::Total(_) if claim.part_of.is_some() => Vec::new(),
        Subject::Total(kind) if claim.measure == Measure::FinalAccounts => {
            final_total_figures(doc, *kind, claim.fund)
        }
        Subject::Total(kind) => {
            let figures = totals.of(doc, claim, *kind).to_vec();
            let zero = claim.amount.is_some_and(|a| a.value.is_zero());
            if figures.is_empty() && zero {
                blank_total_figures(doc, *kind)
            } else {
                figures
            }
        }
        _ => figures_for(doc, claim),
    }
}

/// The figures of each kind of total ([`total_figures`]), looked up once per document: the
/// narrative states the same totals again and again. (The words a claim names its total by
/// matter to the lookup of 其他收入 only, and are part of the key there.)
#[derive(Default)]
struct TotalFigures<'d> {
    known: Vec<(TotalKey<'d>, Vec<Figure<'d>>)>,
}

type TotalKey<'d> = (TotalKind, bool, Option<&'d str>);

impl<'d> TotalFigures<'d> {
    fn of(&mut self, doc: &'d Document, claim: &'d Claim, kind: TotalKind) -> &[Figure<'d>] {
        let fiscal = claim.is_fiscal();
        let words = (kind == TotalKind::OtherIncome).then_some(claim.subject_text.as_str());
        let key = (kind, fiscal, words);
        let k = match self.known.iter().position(|(known, _)| *known == key) {
            Some(k) => k,
            None => {
                let figures = total_figures(doc, kind, fiscal, &claim.subject_text);
                self.known.push((key, figures));
                self.known.len() - 1
            }
        };
        &self.known[k].1
    }
}

/// The cells of `doc` that claim `i` of `claims` describes, as this year's budget: the claims
/// may be another document's (this year's statement about last year, looked up in last year's
/// tables).
pub fn cells_described<'d>(doc: &'d Document, claims: &[Claim], i: usize) -> Vec<Figure<'d>> {
    let Some(claim) = claims.get(i) else {
        return Vec::new();
    };
    match &claim.subject {
        Subject::Code(code) if code.scheme() != CodeScheme::Function => {
            economic_figures(doc, code, economic_whole(claims, i), claim.is_fiscal())
        }
        Subject::Total(_) if claim.part_of.is_some() => Vec::new(),
        Subject::Total(kind) => total_figures(doc, *kind, claim.is_fiscal(), &claim.subject_text),
        _ => figures_for(doc, claim),
    }
}

/// Whether the document's tables print what a claim measures: this year's budget, or in final
/// accounts the year's actuals (决算数) as well.
fn tables_print(doc: &Document, claim: &Claim) -> bool {
    let final_accounts = doc.facts.kind == Some(DocumentKind::FinalAccounts);
    claim.measure.is_this_years_budget()
        || (final_accounts && claim.measure == Measure::FinalAccounts)
}

/// The unit under which a printed figure would match the table: 936760 printed as 万元 that is
/// 936760 元.
fn unit_mixup(printed: &Amount, table: &Amount) -> Option<Unit> {
    let other = match printed.unit {
        Unit::Yuan => Unit::WanYuan,
        Unit::WanYuan => Unit::Yuan,
    };
    let relabelled = Amount::new(printed.value, other, printed.decimals);
    (equal_outcome(&relabelled, table) != Outcome::Mismatch).then_some(other)
}

/// The table cells an economic code of the narrative may be compared with: the basic table for a
/// breakdown of 基本支出 (or of fiscal 人员经费 / 公用经费), the general-budget economic table for one of general-budget money;
/// none for a breakdown of 项目支出 or of all money, which no standard table prints.
fn economic_figures<'d>(
    doc: &'d Document,
    code: &Code,
    whole: Option<&Claim>,
    fiscal: bool,
) -> Vec<Figure<'d>> {
    use TotalKind::*;
    let basic_is_general = || {
        let table_basic = doc
            .table(TableKind::GeneralBudgetBasicExpenditure)
            .and_then(totals::basic_table_total);
        match (whole.and_then(|w| w.amount), table_basic) {
            (Some(a), Some(t)) => equal_outcome(&a, &t.amount) != Outcome::Mismatch,
            _ => false,
        }
    };
    let kinds: &[TableKind] = match whole.map(|w| &w.subject) {
        // The basic table holds general-budget money: it describes the narrative's 基本支出
        // only when that is fiscal money or the same amount; and its parts 人员经费 and 公用经费
        // when they are fiscal money.
        Some(Subject::Total(Basic)) if fiscal || basic_is_general() => {
            &[TableKind::GeneralBudgetBasicExpenditure]
        }
        Some(Subject::Total(Personnel | Public)) if fiscal => {
            &[TableKind::GeneralBudgetBasicExpenditure]
        }
        Some(Subject::Total(FiscalExpenditure | GeneralBudgetExpenditure)) => {
            &[TableKind::GeneralBudgetExpenditureEconomic]
        }
        _ => &[],
    };
    kinds
        .iter()
        .flat_map(|k| doc.tables_of(*k))
        .filter(|t| t.status == TableStatus::Parsed)
        .flat_map(|t| {
            t.rows
                .iter()
                .filter(|r| r.code.as_ref() == Some(code))
                .filter_map(|r| row_figure(t, r))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use budget_model::{Evidence, Subject, TotalKind, Unit};

    /// A claim of this year's total `kind`, in 万元, of the money of `fund`.
    fn of_fund(
        kind: TotalKind,
        words: &str,
        value: &str,
        fund: budget_model::Fund,
    ) -> budget_model::Claim {
        let mut c = claim(Subject::Total(kind), words, value, Unit::WanYuan);
        c.fund = Some(fund);
        c
    }

    /// The claims hold against the tables: no NARR-AMOUNT finding.
    fn assert_holds(tables: &str, claims: Vec<budget_model::Claim>) {
        let findings = reconcile(&doc_with_claims(tables, claims));
        assert!(
            of_rule(&findings, "NARR-AMOUNT").is_empty(),
            "{findings:#?}"
        );
    }

    /// The figure the one NARR-AMOUNT finding of the claims against the tables expects.
    fn expected_figure(tables: &str, claims: Vec<budget_model::Claim>) -> Option<String> {
        let findings = reconcile(&doc_with_claims(tables, claims));
        let f = serious(&findings, "NARR-AMOUNT");
        assert_eq!(f.len(), 1, "{findings:#?}");
        f[0].expected.map(|a| a.to_string())
    }

    #[test]
    fn narrative_amount_must_equal_the_table() {
        let table = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n210\t卫生健康支出\t150.00\t100.00\t50.00\n";
        let code = budget_model::Code::parse("210").expect("a code");
        let bad = doc_with_claims(
            table,
            vec![claim(
                Subject::Code(code.clone()),
                "卫生健康支出",
                "160.00",
                Unit::WanYuan,
            )],
        );
        let findings = reconcile(&bad);
        let f = serious(&findings, "NARR-AMOUNT");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("150.00万元")
        );
        // It rests on the claim, then on the cell it was compared with.
        assert_eq!(
            f[0].evidence,
            [
                Evidence::Claim { claim: 0 },
                Evidence::Cell {
                    table: 0,
                    row: 0,
                    column: 0
                }
            ]
        );
        let good = doc_with_claims(
            table,
            vec![claim(
                Subject::Code(code),
                "卫生健康支出",
                "150.00",
                Unit::WanYuan,
            )],
        );
        assert!(of_rule(&reconcile(&good), "NARR-AMOUNT").is_empty());
    }

    /// "专项业务经费：②培训支出（2050803）107.6万元": the 项目支出 of 2050803, not its 合计 109.6.
    #[test]
    fn a_part_of_a_codes_spending_is_compared_with_its_column() {
        let table =
            "一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
            2050803\t培训支出\t109.60\t2.00\t107.60\n";
        let code = budget_model::Code::parse("2050803").expect("a code");
        let part = |value: &str| {
            let mut c = claim(
                Subject::Code(code.clone()),
                "培训支出",
                value,
                Unit::WanYuan,
            );
            c.part_of = Some(Subject::Total(TotalKind::Project));
            c
        };
        assert_holds(table, vec![part("107.6")]);
        assert_eq!(
            expected_figure(table, vec![part("109.6")]).as_deref(),
            Some("107.6万元")
        );
    }

    /// 002: "部门预算安排项目 4 个, 项目预算金额合计 5083.74 万元" while 项目支出 is 5,455.75.
    #[test]
    fn the_sum_of_all_projects_is_the_project_total() {
        let text = |sum: &str| {
            format!("部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t13,258.53\t7,802.78\t5,455.75\n\n（四）预算绩效管理情况说明\n2023 年部门预算安排项目 4 个, 项目预算金额合计 {sum} 万元。\n")
        };
        let findings = reconcile(&parse(&text("5455.75")));
        assert!(
            of_rule(&findings, "NARR-AMOUNT").is_empty(),
            "{findings:#?}"
        );
        let findings = reconcile(&parse(&text("5083.74")));
        let f = serious(&findings, "NARR-AMOUNT");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("5455.75万元")
        );
    }

    #[test]
    fn narrative_amount_names_a_unit_mix_up() {
        let table = "部门支出总表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t936,760.00\t591,660.00\t345,100.00\n";
        let c = claim(
            Subject::Total(TotalKind::Expenditure),
            "支出",
            "936760",
            Unit::WanYuan,
        );
        let findings = reconcile(&doc_with_claims(table, vec![c]));
        let f = serious(&findings, "NARR-AMOUNT");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert!(f[0].message.contains("单位印错"), "{}", f[0].message);
    }

    /// The summary table names its income rows with any list number: `八、其他收入` is 其他收入.
    #[test]
    fn summary_income_rows_are_found_whatever_their_list_number() {
        let table = "收支预算总表\n单位:万元\n收 入\t\t支 出\t\n项目\t预算数\t项目\t预算数\n一、财政拨款收入\t100.00\t社会保障和就业支出\t120.00\n八、其他收入\t20.00\t\t\n收入总计\t120.00\t支出总计\t120.00\n";
        let other = |value: &str| {
            claim(
                Subject::Total(TotalKind::OtherIncome),
                "其他收入",
                value,
                Unit::WanYuan,
            )
        };
        assert_eq!(
            expected_figure(table, vec![other("25.00")]).as_deref(),
            Some("20.00万元")
        );
        assert_holds(table, vec![other("20.00")]);
    }

    /// An income source the summary lists as a row (`三、事业收入`, `财政专户管理资金`) is that
    /// row's figure, named whole (`本年事业收入`, `财政专户管理资金收入`); an expenditure's words
    /// are no income source.
    #[test]
    fn income_sources_are_the_summarys_rows() {
        let table = "收支预算总表\n单位:万元\n收 入\t\t支 出\t\n项目\t预算数\t项目\t预算数\n一、财政拨款收入\t100.00\t社会保障和就业支出\t150.00\n三、事业收入\t30.00\t\t\n四、财政专户管理资金\t20.00\t\t\n收入总计\t150.00\t支出总计\t150.00\n";
        let source = |words: &str, value: &str| {
            claim(Subject::Other(words.into()), words, value, Unit::WanYuan)
        };
        let holds = vec![
            source("本年事业收入", "30.00"),
            source("财政专户管理资金收入", "20.00"),
        ];
        let doc = doc_with_claims(table, holds);
        assert_eq!(super::NarrativeAmount::resolved(&doc), [0, 1]);
        assert!(of_rule(&reconcile(&doc), "NARR-AMOUNT").is_empty());
        let findings = reconcile(&doc_with_claims(table, vec![source("事业收入", "35.00")]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
        let spending = doc_with_claims(table, vec![source("事业支出", "30.00")]);
        assert!(super::NarrativeAmount::resolved(&spending).is_empty());
    }

    /// General-budget money is compared with the general-budget row of the fiscal summary, not
    /// with the total of all fiscal money (which holds 政府性基金 too); a fiscal summary without
    /// such a row gives nothing to compare with.
    #[test]
    fn general_budget_figures_are_compared_within_their_fund() {
        let with_fund = "财政拨款收支预算总表\n单位:万元\n收 入\t\t支 出\t\n项目\t预算数\t项目\t预算数\n一、一般公共预算\t80.00\t社会保障和就业支出\t100.00\n二、政府性基金预算\t20.00\t\t\n收入总计\t100.00\t支出总计\t100.00\n";
        let general = |value: &str| {
            of_fund(
                TotalKind::GeneralBudgetIncome,
                "一般公共预算收入",
                value,
                budget_model::Fund::GeneralBudget,
            )
        };
        assert_holds(with_fund, vec![general("80.00")]);
        // Equal to all fiscal money: the document has no other fiscal money, no contradiction.
        assert_holds(with_fund, vec![general("100.00")]);
        assert_eq!(
            expected_figure(with_fund, vec![general("70.00")]).as_deref(),
            Some("80.00万元")
        );
        let fiscal_only = "财政拨款收支预算总表\n单位:万元\n收 入\t\t支 出\t\n项目\t预算数\t项目\t预算数\n一、财政拨款收入\t100.00\t社会保障和就业支出\t100.00\n收入总计\t100.00\t支出总计\t100.00\n";
        assert_holds(fiscal_only, vec![general("70.00")]);
    }

    /// 基本支出 in the section on 财政拨款 is the fiscal money's: the department's all-money
    /// 基本支出 (事业收入 in it) is not what it describes, however the general tables read.
    #[test]
    fn fiscal_basic_spending_is_not_the_departments() {
        let tables = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t300.00\t120.00\t180.00\n\n一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\t合计\t100.00\t80.00\t20.00\n";
        let basic = |value: &str| {
            of_fund(
                TotalKind::Basic,
                "基本支出",
                value,
                budget_model::Fund::Fiscal,
            )
        };
        assert_holds(tables, vec![basic("100.00")]);
        assert_eq!(
            expected_figure(tables, vec![basic("90.00")]).as_deref(),
            Some("100.00万元")
        );
    }

    /// A total named under a 财政拨款 heading (`财政拨款收支情况 … 支出预算总计 A`) is the fiscal
    /// money's total, not the department's (事业收入 in it).
    #[test]
    fn a_total_under_a_fiscal_heading_is_the_fiscal_total() {
        let tables = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t300.00\t120.00\t180.00\n\n\
            一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t250.00\t100.00\t150.00\n";
        let total = |value: &str| {
            of_fund(
                TotalKind::Expenditure,
                "支出预算总计",
                value,
                budget_model::Fund::Fiscal,
            )
        };
        assert_holds(tables, vec![total("250.00")]);
        let findings = reconcile(&doc_with_claims(tables, vec![total("260.00")]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
    }

    /// In final accounts, the year's actual total (`本年支出决算 A`) is the 支出决算表's total;
    /// the same words under the 政府性基金 heading are that fund's, which this table is not.
    #[test]
    fn final_accounts_totals_are_the_final_tables() {
        let table = "支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n\t合计\t300.00\t120.00\t180.00\n";
        let spent = |value: &str| {
            let mut c = claim(
                Subject::Total(TotalKind::Expenditure),
                "本年支出决算",
                value,
                Unit::WanYuan,
            );
            c.measure = budget_model::Measure::FinalAccounts;
            c
        };
        let doc = doc_with_claims(table, vec![spent("300.00")]);
        assert_eq!(super::NarrativeAmount::resolved(&doc), [0]);
        let findings = reconcile(&doc_with_claims(table, vec![spent("310.00")]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
        let mut of_fund = spent("310.00");
        of_fund.fund = Some(budget_model::Fund::GovernmentFund);
        let doc = doc_with_claims(table, vec![of_fund]);
        assert!(super::NarrativeAmount::resolved(&doc).is_empty());
    }

    /// 人员经费 stated as a part of a class (`对个人和家庭的补助（303）…，其中：人员经费`) is not
    /// the budget's 人员经费: no table cell describes it.
    #[test]
    fn a_part_of_a_class_is_not_the_budgets_part() {
        let table = "一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\t合计\t150.00\t100.00\t50.00\n";
        let personnel = claim(
            Subject::Total(TotalKind::Personnel),
            "人员经费",
            "30.00",
            Unit::WanYuan,
        );
        let findings = reconcile(&doc_with_claims(table, vec![personnel.clone()]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
        let mut of_class = personnel;
        of_class.part_of = Some(Subject::Code(
            budget_model::Code::parse("303").expect("a code"),
        ));
        assert_holds(table, vec![of_class]);
    }

    /// The 三公 figures are the table's total row, not the first row printed (a unit's, or a
    /// row of column numbers).
    #[test]
    fn three_public_figures_are_the_total_row() {
        let table = "“三公”经费支出表\n单位：万元\n部门编码\t部门名称\t合计\t因公出国(境)费\t公务接待费\t公务用车运行维护费\t公务用车购置\n\t本级\t100.00\t0.00\t96.70\t3.30\t0.00\n\t下属单位\t113.24\t0.00\t113.24\t0.00\t0.00\n\t合计\t213.24\t0.00\t209.94\t3.30\t0.00\n";
        let reception = |value: &str| {
            claim(
                Subject::ThreePublic(budget_model::ThreePublicItem::Reception),
                "公务接待费",
                value,
                Unit::WanYuan,
            )
        };
        assert_holds(table, vec![reception("209.94")]);
        assert_eq!(
            expected_figure(table, vec![reception("200.00")]).as_deref(),
            Some("209.94万元")
        );
    }

    /// A 三公 table of one line of figures whose label was never printed: that line is the
    /// figure.
    #[test]
    fn three_public_figures_of_one_unlabelled_line() {
        let table = "一般公共预算“三公”经费支出表\n单位：万元\n三公经费合计\t因公出国（境）费\t公务接待费\n\
            \t3.00\t0.00\t3.00\n";
        let reception = |value: &str| {
            claim(
                Subject::ThreePublic(budget_model::ThreePublicItem::Reception),
                "公务接待费",
                value,
                Unit::WanYuan,
            )
        };
        let doc = doc_with_claims(table, vec![reception("3")]);
        assert_eq!(super::NarrativeAmount::resolved(&doc), [0]);
        let findings = reconcile(&doc_with_claims(table, vec![reception("4")]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
    }

    /// A 三公 table of one row per year (本级 2025年, 2026年, 增减): this year's row is the
    /// figure, not the first.
    #[test]
    fn three_public_figures_of_a_table_by_year_are_this_years() {
        let table = "财政拨款“三公”经费支出表\n单位：万元\n预算单位\t年度\t总计\t因公出国(境)费\t公务接待费\n本级\t2025 年\t59.66\t41.60\t18.06\n\t2026 年\t58.46\t41.60\t16.86\n\t增减变化金额\t-1.20\t0.00\t-1.20\n";
        let total = |value: &str| {
            claim(
                Subject::ThreePublic(budget_model::ThreePublicItem::Total),
                "“三公”经费",
                value,
                Unit::WanYuan,
            )
        };
        assert_holds(table, vec![total("58.46")]);
        assert_eq!(
            expected_figure(table, vec![total("59.66")]).as_deref(),
            Some("58.46万元")
        );
    }

    /// A 三公 table whose item is headed in two columns (a block per year, the years'
    /// captions lost) gives no figure: which column is this year's is a guess.
    #[test]
    fn three_public_items_headed_twice_are_not_read() {
        let table = "“三公”经费支出表\n单位：万元\n单位名称\t合计\t公务接待费\t合计\t公务接待费\n本级\t100.00\t20.00\t90.00\t30.00\n";
        let reception = claim(
            Subject::ThreePublic(budget_model::ThreePublicItem::Reception),
            "公务接待费",
            "30.00",
            Unit::WanYuan,
        );
        let doc = doc_with_claims(table, vec![reception.clone()]);
        let findings = reconcile(&doc);
        assert!(
            of_rule(&findings, "NARR-AMOUNT").is_empty(),
            "{findings:#?}"
        );
        assert!(super::NarrativeAmount::resolved(&doc).is_empty());
        // Nor is a negative cell: a change (增减) read as the item.
        let table =
            "“三公”经费支出表\n单位：万元\n单位名称\t合计\t公务接待费\n本级\t-10.00\t-10.00\n";
        let doc = doc_with_claims(table, vec![reception]);
        assert!(super::NarrativeAmount::resolved(&doc).is_empty());
    }

    /// A 三公 table listing the items as rows (行政经费, “三公”经费, 其中：因公出国（境）支出 …, by
    /// fund in columns) is read by its rows: an item is its row's 合计, or its 一般公共预算 cell
    /// for general-budget money; a row named twice (one per year) resolves nothing.
    #[test]
    fn three_public_items_printed_as_rows_are_read_by_row() {
        use budget_model::ThreePublicItem::{Abroad, Total};
        let table =
            "行政经费及“三公”经费预算表\n单位：万元\n项目\t合计\t一般公共预算\t政府性基金预算\n\
            行政经费\t988.45\t535.87\t0.00\n“三公”经费\t74.83\t42.79\t32.04\n\
            其中：（一）因公出国（境）支出\t28.62\t28.62\t0.00\n";
        let item = |subject, words: &str, amount: &str| {
            claim(Subject::ThreePublic(subject), words, amount, Unit::WanYuan)
        };
        let holds = [
            item(Total, "“三公”经费", "74.83"),
            item(Total, "一般公共预算“三公”经费", "42.79"),
            item(Abroad, "因公出国（境）费", "28.62"),
        ];
        let doc = doc_with_claims(table, holds.to_vec());
        let findings = reconcile(&doc);
        assert!(
            of_rule(&findings, "NARR-AMOUNT").is_empty(),
            "{findings:#?}"
        );
        assert_eq!(super::NarrativeAmount::resolved(&doc), [0, 1, 2]);
        let broken = doc_with_claims(table, vec![item(Abroad, "因公出国（境）费", "38.62")]);
        let findings = reconcile(&broken);
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
        let twice = format!("{table}“三公”经费\t70.00\t40.00\t30.00\n");
        let doc = doc_with_claims(&twice, vec![item(Total, "“三公”经费", "74.83")]);
        assert!(super::NarrativeAmount::resolved(&doc).is_empty());
    }

    #[test]
    fn last_years_figures_are_not_compared_with_this_years_tables() {
        let table = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n210\t卫生健康支出\t150.00\t100.00\t50.00\n";
        let code = budget_model::Code::parse("210").expect("a code");
        let mut last_year = claim(Subject::Code(code), "卫生健康支出", "160.00", Unit::WanYuan);
        last_year.measure = budget_model::Measure::LastYearActual;
        assert_holds(table, vec![last_year.clone()]);
        last_year.measure = budget_model::Measure::InitialBudget;
        let findings = reconcile(&doc_with_claims(table, vec![last_year]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
    }

    /// 财政拨款收入 is this year's appropriation (本年收入合计) as often as the total with last
    /// year's carry-over (收入总计): either holds; a figure that is neither is an error.
    #[test]
    fn fiscal_income_may_be_this_years_alone() {
        let table = "财政拨款收支总表\n单位：万元\n收入\t\t支出\t\n\
            项目\t预算数\t项目\t预算数\n\
            一、一般公共预算资金\t120.00\t一、教育支出\t130.00\n\
            本年收入合计\t120.00\t本年支出合计\t130.00\n\
            上年结转结余\t10.00\t年终结转结余\t\n\
            收入总计\t130.00\t支出总计\t130.00\n";
        let fiscal = |value| {
            of_fund(
                TotalKind::FiscalIncome,
                "本年财政拨款收入",
                value,
                budget_model::Fund::Fiscal,
            )
        };
        assert_holds(table, vec![fiscal("120.00")]);
        assert_holds(table, vec![fiscal("130.00")]);
        assert!(expected_figure(table, vec![fiscal("125.00")]).is_some());
    }

    /// A figure one unit of its last digit off a cell printed to six decimals was rounded again
    /// from finer figures: information, not an error; two units off is an error.
    #[test]
    fn one_unit_off_a_finer_cell_is_rounding_sized() {
        let table = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
            210\t卫生健康支出\t150.842739\t100.000000\t50.842739\n";
        let code = budget_model::Code::parse("210").expect("a code");
        let of = |value| {
            claim(
                Subject::Code(code.clone()),
                "卫生健康支出",
                value,
                Unit::WanYuan,
            )
        };
        let findings = reconcile(&doc_with_claims(table, vec![of("150.85")]));
        assert!(
            serious(&findings, "NARR-AMOUNT").is_empty(),
            "{findings:#?}"
        );
        assert_eq!(of_rule(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
        let findings = reconcile(&doc_with_claims(table, vec![of("150.86")]));
        assert_eq!(serious(&findings, "NARR-AMOUNT").len(), 1, "{findings:#?}");
    }

    /// A 收支总表 listing 事业收入 without an amount, and a 支出总表 printing 上缴上级支出 and
    /// 人员经费 beside the standard parts, its 上缴上级支出 blank.
    const NAMED_ITEMS: &str = "收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n\
        一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00\n\
        二、事业收入\t\t\t\n\
        本年收入合计\t100.00\t本年支出合计\t100.00\n\n\
        支出总表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\t项目支出\t上缴上级支出\n\
        \t合计\t100.00\t60.00\t10.00\t30.00\t\n\
        201\t一般公共服务支出\t100.00\t60.00\t10.00\t30.00\t\n";

    /// The coverage of the narrative against [`NAMED_ITEMS`]: which of the claims were resolved.
    fn resolved(claims: Vec<budget_model::Claim>) -> Vec<usize> {
        let doc = doc_with_claims(NAMED_ITEMS, claims);
        crate::narrative_coverage(&doc).resolved
    }

    #[test]
    fn a_blank_row_or_column_named_by_the_narrative_states_zero_only() {
        let other = |words: &str, value: &str| {
            claim(Subject::Other(words.into()), words, value, Unit::WanYuan)
        };
        let zero = vec![other("本年事业收入", "0"), other("上缴上级支出", "0.00")];
        assert_eq!(resolved(zero.clone()), [0, 1]);
        assert_holds(NAMED_ITEMS, zero);
        // A figure other than zero is not compared with a blank: the reading may have lost it.
        let five = vec![other("事业收入", "5.00"), other("上缴上级支出", "5.00")];
        assert_eq!(resolved(five.clone()), Vec::<usize>::new());
        assert_holds(NAMED_ITEMS, five);
    }

    #[test]
    fn all_funds_personnel_are_the_expenditure_summarys() {
        let personnel = claim(
            Subject::Total(TotalKind::Personnel),
            "人员支出",
            "61.00",
            Unit::WanYuan,
        );
        assert_eq!(
            expected_figure(NAMED_ITEMS, vec![personnel]).as_deref(),
            Some("60.00万元")
        );
    }

    /// A basic-expenditure table by economic class, its 301 class and one of its 款.
    const BASIC_BY_CLASS: &str = "一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\
        \t合计\t100.00\t100.00\t\n301\t工资福利支出\t100.00\t100.00\t\n30101\t基本工资\t100.00\t100.00\t\n";

    /// The classes listed after fiscal 人员经费 are its breakdown: the basic table's rows.
    #[test]
    fn classes_after_fiscal_personnel_are_the_basic_tables() {
        let of_fiscal = |subject: Subject, words: &str, value: &str| {
            let mut c = claim(subject, words, value, Unit::WanYuan);
            c.fund = Some(budget_model::Fund::Fiscal);
            c
        };
        let code = |c: &str| Subject::Code(budget_model::Code::parse(c).expect("a code"));
        let claims = |wages: &str| {
            vec![
                of_fiscal(Subject::Total(TotalKind::Personnel), "人员经费", "100.00"),
                of_fiscal(code("301"), "工资福利支出（类）", wages),
            ]
        };
        assert_holds(BASIC_BY_CLASS, claims("100.00"));
        assert_eq!(
            expected_figure(BASIC_BY_CLASS, claims("90.00")).as_deref(),
            Some("100.00万元")
        );
    }

    #[test]
    fn a_blank_carry_over_fund_or_other_income_row_states_zero_only() {
        let tables = "收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n\
            一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00\n\
            二、政府性基金预算拨款收入\t\t\t\n三、其他收入\t\t\t\n\
            本年收入合计\t100.00\t本年支出合计\t100.00\n上年结转\t\t结转下年\t\n\
            收入总计\t100.00\t支出总计\t100.00\n";
        let of = |kind: TotalKind, words: &str, value: &str| {
            claim(Subject::Total(kind), words, value, Unit::WanYuan)
        };
        let zero = vec![
            of(TotalKind::CarryOver, "上年结转", "0"),
            of(TotalKind::GovernmentFund, "政府性基金预算拨款收入", "0"),
            of(TotalKind::OtherIncome, "其他收入", "0"),
        ];
        let doc = doc_with_claims(tables, zero.clone());
        assert_eq!(crate::narrative_coverage(&doc).resolved, [0, 1, 2]);
        assert_holds(tables, zero);
        let five = vec![of(TotalKind::CarryOver, "上年结转", "5.00")];
        let doc = doc_with_claims(tables, five.clone());
        assert!(crate::narrative_coverage(&doc).resolved.is_empty());
        assert_holds(tables, five);
    }

    /// Jiangsu's 支出预算总表: one unlabelled line of totals, 单位预留机动经费 among them.
    #[test]
    fn a_column_of_a_one_line_summary_is_named_by_its_header() {
        let tables = "支出总表\n单位：万元\n合计\t基本支出\t项目支出\t单位预留机动经费\n\
            30.00\t10.00\t10.00\t10.00\n";
        let reserve = |value: &str| {
            let words = "单位预留机动经费预算数";
            vec![claim(
                Subject::Other(words.into()),
                words,
                value,
                Unit::WanYuan,
            )]
        };
        assert_holds(tables, reserve("10.00"));
        assert_eq!(
            expected_figure(tables, reserve("12.00")).as_deref(),
            Some("10.00万元")
        );
    }

    /// Jiangsu's 机关运行经费 table, of no standard kind, named by the narrative's figure.
    #[test]
    fn a_figure_naming_a_tables_title_is_its_total() {
        let tables = "十、2017年度某部门一般公共预算机关运行经费支出预算表\n单位：万元\n\
            科目编码\t科目名称\t机关运行经费支出\n\t合计\t50.00\n302\t商品和服务支出\t50.00\n";
        let costs = |value: &str| {
            let words = "一般公共预算机关运行经费预算支出";
            vec![claim(
                Subject::Other(words.into()),
                words,
                value,
                Unit::WanYuan,
            )]
        };
        assert_holds(tables, costs("50.00"));
        assert_eq!(
            expected_figure(tables, costs("55.00")).as_deref(),
            Some("50.00万元")
        );
    }
}
