//! Narrative against tables: every figure the text states about a total, a code or a 三公 item
//! is the table's figure (in the right unit); year-over-year claims and shares compute; the
//! changes of the parts add up to the change of the whole.

use budget_model::{
    Amount, Claim, ColumnRole, Direction, Document, Finding, Location, Percent, Row, Severity,
    Subject, Table, TableKind, TableStatus, ThreePublicItem, TotalKind, Unit,
};
use rust_decimal::Decimal;

use crate::findings::{describe, from_comparison, row_name, severity_of};
use crate::tolerance::{compare_equal, compare_sum, equal_outcome, Outcome, RunningSum};
use crate::totals::{self, Figure};
use crate::{rule, Rule, RuleInfo};

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &NarrativeAmount,
        &YearOverYear,
        &ChangeParts,
        &Share,
        &Counts,
    ]
}

/// Where a narrative finding points: the claim's line and character offsets.
fn claim_location(claim: &Claim) -> Location {
    Location {
        line: Some(claim.line),
        start: Some(claim.start),
        end: Some(claim.end),
        ..Location::default()
    }
}

/// Whether a claim talks about fiscal (财政拨款 / 一般公共预算) money only.
fn is_fiscal(claim: &Claim) -> bool {
    claim.funds.is_fiscal()
}

rule! {
    /// **What it checks.** Every amount the narrative states about a total (收入, 支出, 财政拨款,
    /// 基本支出, 项目支出, 人员经费, 公用经费, 上年结转 ...), a classification code (named by code
    /// or by its 类 name) or a 三公 item equals the table cell it describes, after converting
    /// units. The narrative's section tells whose money it is (all money or 财政拨款 only); a
    /// figure that matches the cell of any table printing that item is accepted. When the figure
    /// matches once its unit is corrected (a 元 figure printed as 万元), the finding says so.
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

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let mut totals = TotalFigures::default();
        for (i, claim) in doc.claims.iter().enumerate() {
            let Some(amount) = claim
                .amount
                .filter(|_| claim.measure.is_this_years_budget())
            else {
                continue;
            };
            let found;
            let candidates: &[Figure] = match &claim.subject {
                Subject::Code(code) if code.scheme() != budget_model::CodeScheme::Function => {
                    found = economic_figures(
                        doc,
                        code,
                        economic_whole(&doc.claims, i),
                        is_fiscal(claim),
                    );
                    &found
                }
                Subject::Total(kind) => totals.of(doc, *kind, is_fiscal(claim)),
                _ => {
                    found = figures_for(doc, claim);
                    &found
                }
            };
            let Some(first) = candidates.first() else {
                continue;
            };
            if candidates
                .iter()
                .any(|f| equal_outcome(&amount, &f.amount) != Outcome::Mismatch)
            {
                continue;
            }
            let (mut cmp, figure) = (compare_equal(&amount, &first.amount), first);
            if figure.amount.unit != amount.unit {
                cmp.expected = figure.amount;
            }
            let Some(severity) = severity_of(&Self::INFO, &cmp) else {
                continue;
            };
            let unit_note = unit_mixup(&amount, &figure.amount)
                .map(|u| format!("；按「{u}」读则相符，单位印错"))
                .unwrap_or_default();
            let message = format!(
                "叙述「{}」{}，与{}「{}」不符{unit_note}",
                claim.subject_text,
                describe(&cmp),
                figure.table.title,
                row_name(figure.row)
            );
            let source = format!("{}\n{}", claim.sentence, figure.row.source);
            out.push(from_comparison(
                &Self::INFO,
                severity,
                message,
                claim_location(claim),
                &cmp,
                source,
            ));
        }
    }
}

/// The figures of each kind of total ([`total_figures`]), looked up once per document: the
/// narrative states the same totals again and again.
#[derive(Default)]
struct TotalFigures<'d> {
    known: Vec<((TotalKind, bool), Vec<Figure<'d>>)>,
}

impl<'d> TotalFigures<'d> {
    fn of(&mut self, doc: &'d Document, kind: TotalKind, fiscal: bool) -> &[Figure<'d>] {
        let k = match self
            .known
            .iter()
            .position(|(key, _)| *key == (kind, fiscal))
        {
            Some(k) => k,
            None => {
                let figures = total_figures(doc, kind, fiscal);
                self.known.push(((kind, fiscal), figures));
                self.known.len() - 1
            }
        };
        &self.known[k].1
    }
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

/// The table cells a claim may describe, the most likely first.
fn figures_for<'d>(doc: &'d Document, claim: &Claim) -> Vec<Figure<'d>> {
    let fiscal = is_fiscal(claim);
    match &claim.subject {
        Subject::Total(kind) => total_figures(doc, *kind, fiscal),
        Subject::Code(code) => {
            let mut out = Vec::new();
            for kind in code_tables(code.scheme() == budget_model::CodeScheme::Function, fiscal) {
                for table in doc
                    .tables_of(kind)
                    .filter(|t| t.status == TableStatus::Parsed)
                {
                    out.extend(
                        table
                            .rows
                            .iter()
                            .filter(|r| r.code.as_ref() == Some(code))
                            .filter_map(|r| row_figure(table, r)),
                    );
                }
            }
            out
        }
        Subject::ThreePublic(item) => three_public_figure(doc, *item).into_iter().collect(),
        Subject::Other(_) | Subject::Count(_) => Vec::new(),
    }
}

/// The whole an economic breakdown in the narrative belongs to: the nearest total stated before
/// it in the same section ("基本支出 627.27万元，其中：工资福利支出 …").
fn economic_whole(claims: &[Claim], i: usize) -> Option<&Claim> {
    let claim = &claims[i];
    claims[..i]
        .iter()
        .rev()
        .take_while(|c| c.same_section(claim))
        .find(|c| matches!(c.subject, Subject::Total(_)))
}

/// The table cells an economic code of the narrative may be compared with: the basic table for a
/// breakdown of 基本支出, the general-budget economic table for one of general-budget money;
/// none for a breakdown of 项目支出 or of all money, which no standard table prints.
fn economic_figures<'d>(
    doc: &'d Document,
    code: &budget_model::Code,
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
        // only when that is fiscal money or the same amount.
        Some(Subject::Total(Basic)) if fiscal || basic_is_general() => {
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

/// The tables that print rows by code, those of the claim's money first.
fn code_tables(function: bool, fiscal: bool) -> Vec<TableKind> {
    use TableKind::*;
    let (all, general): (&[TableKind], &[TableKind]) = if function {
        (
            &[ExpenditureSummary, IncomeExpenditureSummary, IncomeSummary],
            &[
                GeneralBudgetExpenditure,
                FiscalAppropriationSummary,
                GeneralBudgetBasicExpenditureFunction,
            ],
        )
    } else {
        (
            &[GeneralBudgetExpenditureEconomic],
            &[
                GeneralBudgetBasicExpenditure,
                GeneralBudgetExpenditureEconomic,
            ],
        )
    };
    let (first, second) = if fiscal {
        (general, all)
    } else {
        (all, general)
    };
    first.iter().chain(second).copied().collect()
}

/// A row's headline figure: its total column (合计, or the single amount column of its side).
fn row_figure<'d>(table: &'d Table, row: &'d Row) -> Option<Figure<'d>> {
    let column = (0..table.columns.len()).find(|&j| {
        let c = &table.columns[j];
        c.section == row.section
            && matches!(
                c.role,
                ColumnRole::Total | ColumnRole::Amount | ColumnRole::Basic
            )
            && row.value(j).is_some()
    })?;
    Some(Figure {
        amount: *row.value(column)?,
        table,
        row,
        column,
    })
}

fn total_figures(doc: &Document, kind: TotalKind, fiscal: bool) -> Vec<Figure<'_>> {
    use TotalKind::*;
    let general = || {
        doc.tables_of(TableKind::GeneralBudgetExpenditure)
            .filter_map(|t| totals::total_of(t, ColumnRole::Total))
            .collect::<Vec<_>>()
    };
    let of = |kinds: &[TableKind], role: ColumnRole| -> Vec<Figure<'_>> {
        kinds
            .iter()
            .flat_map(|k| doc.tables_of(*k))
            .filter_map(|t| totals::total_of(t, role))
            .collect()
    };
    let summary = |section: &str, labels: &[&str]| -> Vec<Figure<'_>> {
        labels
            .iter()
            .filter_map(|l| {
                totals::summary_row(doc, TableKind::IncomeExpenditureSummary, section, l)
            })
            .collect()
    };
    let mut out: Vec<Figure<'_>> = match kind {
        Income => totals::income_total(doc).into_iter().collect(),
        Expenditure => totals::expenditure_total(doc).into_iter().collect(),
        FiscalIncome | FiscalExpenditure | GeneralBudgetIncome | GeneralBudgetExpenditure => {
            let mut v: Vec<_> = totals::fiscal_total(doc).into_iter().collect();
            v.extend(general());
            v.extend(summary(
                "收入",
                &[
                    "一、财政拨款收入",
                    "(一)一般公共预算收入",
                    "一、一般公共预算",
                ],
            ));
            v
        }
        Basic => {
            let (first, second) = (
                of(&[TableKind::ExpenditureSummary], ColumnRole::Basic),
                of(&[TableKind::GeneralBudgetExpenditure], ColumnRole::Basic),
            );
            let mut v = if fiscal {
                [second, first].concat()
            } else {
                [first, second].concat()
            };
            v.extend(totals::basic_total(doc));
            v
        }
        Project => {
            let (first, second) = (
                of(&[TableKind::ExpenditureSummary], ColumnRole::Project),
                of(&[TableKind::GeneralBudgetExpenditure], ColumnRole::Project),
            );
            if fiscal {
                [second, first].concat()
            } else {
                [first, second].concat()
            }
        }
        Personnel => of(
            &[
                TableKind::GeneralBudgetBasicExpenditure,
                TableKind::GeneralBudgetExpenditure,
            ],
            ColumnRole::Personnel,
        ),
        Public => of(
            &[
                TableKind::GeneralBudgetBasicExpenditure,
                TableKind::GeneralBudgetExpenditure,
            ],
            ColumnRole::Public,
        ),
        CarryOver => {
            let mut v = summary("收入", &["九、上年结转(结余)", "上年结转结余", "上年结转"]);
            v.extend(of(&[TableKind::IncomeSummary], ColumnRole::CarryOver));
            v
        }
        OtherIncome => summary("收入", &["七、其他收入", "九、其他收入", "其他收入"]),
        GovernmentFund => Vec::new(),
    };
    out.retain(|f| f.table.status == TableStatus::Parsed);
    out
}

fn three_public_figure(doc: &Document, item: ThreePublicItem) -> Option<Figure<'_>> {
    let table = doc.table(TableKind::ThreePublicExpenses)?;
    let roles: &[ColumnRole] = match item {
        ThreePublicItem::Total => &[ColumnRole::Total],
        ThreePublicItem::Abroad => &[ColumnRole::Abroad],
        ThreePublicItem::Reception => &[ColumnRole::Reception],
        ThreePublicItem::Vehicle => &[ColumnRole::Vehicle],
        ThreePublicItem::VehicleOperation => &[ColumnRole::VehicleOperation],
        ThreePublicItem::VehiclePurchase => &[ColumnRole::VehiclePurchase],
    };
    let column = roles.iter().find_map(|r| table.column_with_role(*r))?;
    let row = table
        .rows
        .iter()
        .find(|r| r.values.iter().any(Option::is_some) && !r.label.trim().is_empty())?;
    // A blank cell of the 三公 table is printed zero.
    let amount = row
        .value(column)
        .copied()
        .unwrap_or_else(|| Amount::new(Decimal::ZERO, table.unit, 2));
    Some(Figure {
        amount,
        table,
        row,
        column,
    })
}

rule! {
    /// **What it checks.** "X，较上年增加 D，增长 P%" computes: last year is X − D (X + D for a
    /// decrease) and P = D / last year × 100, within the rounding of every printed figure (the
    /// interval of D over the interval of last year must meet P's interval). An increase from
    /// zero (X = D) has no percentage: printing one is an error.
    ///
    /// **Why it matters.** Growth rates are the figures the press repeats; a rate that does not
    /// follow from the printed amounts is either a wrong rate or a wrong amount.
    ///
    /// **Example.** "收入预算总额为 812.07万元，较上年减少 131.10万元，下降 13.9%": last year
    /// 943.17, 131.10 / 943.17 = 13.90%: consistent. "公务接待费 5000 元，较上年增加 5000 元
    /// （100%）": last year was 0: error.
    pub struct YearOverYear { id: "NARR-YOY", severity: Severity::Error, summary: "a year-over-year change and its percentage compute" }
}

impl Rule for YearOverYear {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                continue;
            };
            let (Some(d), Some(p)) = (change.amount, change.percent) else {
                continue;
            };
            if let Some(finding) = check_yoy(claim, &x, &d, change.direction, &p) {
                out.push(finding);
            }
        }
    }
}

fn check_yoy(
    claim: &Claim,
    x: &Amount,
    d: &Amount,
    direction: Direction,
    p: &Percent,
) -> Option<Finding> {
    let last = match direction {
        Direction::Increase => x.interval() - d.interval(),
        Direction::Decrease => x.interval() + d.interval(),
        Direction::Unchanged => return None,
    };
    let from_zero = direction == Direction::Increase && x.to_yuan() == d.to_yuan();
    if from_zero {
        let message = format!(
            "叙述「{}」较上年增加 {d}，即上年为零：从零增长没有增长率，却印了 {}%",
            claim.subject_text, p.value
        );
        return Some(narrative_finding(
            &YearOverYear::INFO,
            Severity::Error,
            message,
            claim,
        ));
    }
    if last.lo <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let d_int = d.interval();
    let (lo, hi) = (d_int.lo / last.hi * hundred, d_int.hi / last.lo * hundred);
    let half = Decimal::new(5, p.decimals + 1);
    let (p_lo, p_hi) = (p.value - half, p.value + half);
    if p_lo <= hi && lo <= p_hi {
        return None;
    }
    let expected = (d.to_yuan() / last.mid() * hundred).round_dp(p.decimals);
    let message = format!(
        "叙述「{}」：上年 = {}，{} / 上年 = {expected}%，印 {}%（容差 ±{half}%）",
        claim.subject_text,
        budget_model::format_value(last.mid() / x.unit.yuan_factor(), x.decimals),
        d,
        p.value
    );
    Some(narrative_finding(
        &YearOverYear::INFO,
        Severity::Error,
        message,
        claim,
    ))
}

fn narrative_finding(
    info: &RuleInfo,
    severity: Severity,
    message: String,
    claim: &Claim,
) -> Finding {
    Finding {
        rule: info.id.to_string(),
        severity,
        message,
        location: claim_location(claim),
        expected: None,
        printed: claim.amount,
        difference: None,
        tolerance: None,
        source_text: claim.sentence.clone(),
        consequences: Vec::new(),
    }
}

rule! {
    /// **What it checks.** When the narrative splits a whole into parts (按支出功能科目划分,
    /// 按支出项目类别划分, the income sources …) and states each part's change against last year,
    /// the parts' changes add up to the whole's change. Parts are the claims with a change that
    /// follow the whole in the same section and whose amounts add up to the whole's amount
    /// (so they are a complete split); "与上年保持一致" counts as zero.
    ///
    /// **Why it matters.** A part's change copied from another section (all money instead of
    /// 财政拨款) or mistyped shows up only this way.
    ///
    /// **Example.** 财政拨款支出 8763.47，较上年增加 1044.91; 社会保障和就业 592.54 (+79.22)、
    /// 卫生健康 7697.58 (−14333.97)、住房保障 473.35 (+92.05): the parts add up to 8763.47 but
    /// their changes to −14162.70, not +1044.91: error.
    pub struct ChangeParts { id: "NARR-YOY-PARTS", severity: Severity::Error, summary: "the parts' changes add up to the whole's change" }
}

impl Rule for ChangeParts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let claims: Vec<&Claim> = doc
            .claims
            .iter()
            .filter(|c| c.amount.is_some() && c.change.is_some())
            .collect();
        for (i, whole) in claims.iter().enumerate() {
            if !matches!(whole.subject, Subject::Total(_)) {
                continue;
            }
            let followers: Vec<&Claim> = claims[i + 1..]
                .iter()
                .copied()
                .take_while(|c| c.same_section(whole) && c.subject != whole.subject)
                .collect();
            for run in splits(whole, &followers) {
                if let Some(f) = check_split(whole, &run) {
                    out.push(f);
                }
            }
        }
    }
}

/// Contiguous runs of claims whose amounts add up to the whole's amount (within rounding).
fn splits<'c>(whole: &Claim, followers: &[&'c Claim]) -> Vec<Vec<&'c Claim>> {
    let Some(total) = whole.amount else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    while start < followers.len() {
        let mut parts = RunningSum::default();
        let mut found = None;
        for (k, claim) in followers[start..].iter().enumerate() {
            let Some(a) = claim.amount else { break };
            parts.add(&a);
            if k >= 1 && parts.outcome(&total) != Outcome::Mismatch {
                found = Some(start + k + 1);
                break;
            }
            if parts.exceeds(&total) {
                break;
            }
        }
        match found {
            Some(mut end) => {
                // Parts printed as zero complete the split too.
                while followers
                    .get(end)
                    .and_then(|c| c.amount)
                    .is_some_and(|a| a.is_zero())
                {
                    end += 1;
                }
                out.push(followers[start..end].to_vec());
                start = end;
            }
            None => start += 1,
        }
    }
    out
}

/// A change as a signed amount: decreases negative, unchanged zero.
fn signed_change(claim: &Claim) -> Option<Amount> {
    let change = claim.change.as_ref()?;
    let unit = claim.amount.map_or(Unit::WanYuan, |a| a.unit);
    match change.direction {
        Direction::Unchanged => Some(Amount::new(Decimal::ZERO, unit, 2)),
        Direction::Increase => change.amount,
        Direction::Decrease => change
            .amount
            .map(|a| Amount::new(-a.value, a.unit, a.decimals)),
    }
}

fn check_split(whole: &Claim, parts: &[&Claim]) -> Option<Finding> {
    let whole_change = signed_change(whole)?;
    let part_changes: Option<Vec<Amount>> = parts.iter().map(|c| signed_change(c)).collect();
    let cmp = compare_sum(&whole_change, &part_changes?);
    let severity = severity_of(&ChangeParts::INFO, &cmp)?;
    let names: Vec<&str> = parts.iter().map(|c| c.subject_text.as_str()).collect();
    let message = format!(
        "叙述「{}」较上年变动：{}（= {} 的变动之和）",
        whole.subject_text,
        describe(&cmp),
        names.join("、")
    );
    let source = std::iter::once(whole.sentence.as_str())
        .chain(parts.iter().map(|c| c.sentence.as_str()))
        .fold(Vec::<&str>::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        })
        .join("\n");
    Some(from_comparison(
        &ChangeParts::INFO,
        severity,
        message,
        claim_location(whole),
        &cmp,
        source,
    ))
}

rule! {
    /// **What it checks.** "A，占 P%" computes against the right denominator: the nearest whole
    /// stated before it in the same section that is at least as large (基本支出 of 支出合计,
    /// 人员经费 of 基本支出). P must meet the interval of A / whole × 100 given the rounding of
    /// both amounts.
    ///
    /// **Why it matters.** A share that does not compute means the part, the whole or the rate
    /// was changed without the others.
    ///
    /// **Example.** "支出合计8825.49万元，其中：基本支出704.49万元，占7.98%": 704.49 / 8825.49 =
    /// 7.982%: consistent.
    pub struct Share { id: "NARR-SHARE", severity: Severity::Error, summary: "a share (占 P%) computes against its whole" }
}

impl Rule for Share {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (i, claim) in doc.claims.iter().enumerate() {
            let (Some(part), Some(p)) = (claim.amount, claim.share) else {
                continue;
            };
            let whole = doc.claims[..i]
                .iter()
                .rev()
                .take_while(|c| c.same_section(claim))
                .filter(|c| c.share.is_none())
                .filter_map(|c| c.amount.map(|a| (c, a)))
                .find(|(_, a)| a.to_yuan() >= part.to_yuan() && !a.is_zero());
            let Some((whole_claim, whole)) = whole else {
                continue;
            };
            if let Some(f) = check_share(claim, &part, whole_claim, &whole, &p) {
                out.push(f);
            }
        }
    }
}

fn check_share(
    claim: &Claim,
    part: &Amount,
    whole_claim: &Claim,
    whole: &Amount,
    p: &Percent,
) -> Option<Finding> {
    let hundred = Decimal::ONE_HUNDRED;
    let (a, w) = (part.interval(), whole.interval());
    if w.lo <= Decimal::ZERO {
        return None;
    }
    let (lo, hi) = (a.lo / w.hi * hundred, a.hi / w.lo * hundred);
    let half = Decimal::new(5, p.decimals + 1);
    if p.value - half <= hi && lo <= p.value + half {
        return None;
    }
    let expected = (part.to_yuan() / whole.to_yuan() * hundred).round_dp(p.decimals.max(2));
    let message = format!(
        "叙述「{}」{part} 占「{}」{whole} 的 {expected}%，印 {}%",
        claim.subject_text, whole_claim.subject_text, p.value
    );
    let mut f = narrative_finding(&Share::INFO, Severity::Error, message, claim);
    f.source_text = format!("{}\n{}", whole_claim.sentence, claim.sentence);
    Some(f)
}

rule! {
    /// **What it checks.** A sentence that counts things and then splits the count ("部门预算
    /// 安排项目 4 个，项目预算金额合计 5083.74 万元，其中：机关项目 3 个 … 629.3 万元；中心项目
    /// 1 个 … 350 万元；分局项目 3 个 … 4101.44 万元") adds up: the parts' counts sum to the
    /// total count, and when each part states an amount, the parts' amounts sum to the total
    /// amount.
    ///
    /// **Why it matters.** Counts and amounts of projects are how the public follows what the
    /// money buys; a split that does not add up means a project is missing or double-counted.
    ///
    /// **Example.** 3 + 1 + 3 = 7 projects, not 4: error; 629.3 + 350 + 4101.44 = 5080.74, not
    /// 5083.74: error.
    pub struct Counts { id: "NARR-COUNT", severity: Severity::Error, summary: "counts split in a sentence add up (项目 N 个 = the parts' counts and amounts)" }
}

impl Rule for Counts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let counts: Vec<(&Claim, &budget_model::Count)> = doc
            .claims
            .iter()
            .filter_map(|c| match &c.subject {
                Subject::Count(n) => Some((c, n)),
                _ => None,
            })
            .collect();
        let mut i = 0;
        while i < counts.len() {
            let (first, _) = counts[i];
            let group: Vec<_> = counts[i..]
                .iter()
                .take_while(|(c, _)| c.start == first.start && c.end == first.end)
                .copied()
                .collect();
            i += group.len().max(1);
            if group.len() >= 3 {
                check_count_split(doc, &group, out);
            }
        }
    }
}

fn check_count_split(
    doc: &Document,
    group: &[(&Claim, &budget_model::Count)],
    out: &mut Vec<Finding>,
) {
    let (sentence, total) = group[0];
    let parts = &group[1..];
    let sum: u32 = parts.iter().map(|(_, n)| n.count).sum();
    if sum != total.count {
        let listed: Vec<String> = parts.iter().map(|(_, n)| n.count.to_string()).collect();
        let message = format!(
            "叙述共 {} 个{}，其中各部分 {} = {sum} 个",
            total.count,
            total.noun,
            listed.join(" + ")
        );
        out.push(narrative_finding(
            &Counts::INFO,
            Severity::Error,
            message,
            sentence,
        ));
    }
    let amounts: Vec<Amount> = doc
        .claims
        .iter()
        .filter(|c| c.start >= sentence.start && c.start < sentence.end)
        .filter_map(|c| c.amount)
        .collect();
    if amounts.len() == parts.len() + 1 {
        let cmp = compare_sum(&amounts[0], &amounts[1..]);
        if let Some(severity) = severity_of(&Counts::INFO, &cmp) {
            let message = format!(
                "叙述{}的金额合计：{}（= 各部分金额之和）",
                total.noun,
                describe(&cmp)
            );
            let location = claim_location(sentence);
            out.push(from_comparison(
                &Counts::INFO,
                severity,
                message,
                location,
                &cmp,
                sentence.sentence.clone(),
            ));
        }
    }
}
