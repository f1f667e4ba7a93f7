//! NARR-PARTS: the parts the narrative lists under a whole add up to it, when the tables show
//! that the list is complete.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Claim, Code, Document, Finding, Severity, Subject, Table, TableStatus};

use super::{claim_location, evidence};
use crate::findings::{describe, from_comparison, severity_of};
use crate::query::claims::row_figure;
use crate::tolerance::{compare_sum, equal_outcome, Outcome};
use crate::totals::Figure;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** A whole stated in the narrative and the list of classes that follows
    /// it (`一般公共预算支出 936760 元，其中：（1）工资福利支出（301）…（2）商品和服务支出
    /// （302）…（3）对个人和家庭的补助支出（303）…`): the parts' amounts add up to the whole.
    /// The list is taken as the whole's complete split only when a table corroborates it: a
    /// table whose total (or whose row of the whole's code) equals the whole prints, at the
    /// parts' level, no class with money that the list leaves out, and none the list names is
    /// missing from it. A list that names only some classes ("其中" as "among them") is not
    /// checked.
    ///
    /// **Why it matters.** A complete split that does not add up means a part was copied from
    /// another scope (基本支出 instead of all money) or mistyped; readers add the parts up.
    ///
    /// **Example.** 一般公共预算支出 936760 元; 301 591660 + 302 50400 + 303 11280 = 653340,
    /// while the economic table of 一般公共预算支出 (合计 936,760) prints exactly 301, 302 and
    /// 303: error, the parts are 283420 short.
    pub struct Parts { id: "NARR-PARTS", severity: Severity::Error, summary: "the classes listed under a whole add up to it, when the tables show the list is complete" }
}

impl Rule for Parts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        table_splits(doc)
            .into_iter()
            .flat_map(|s| std::iter::once(s.whole).chain(s.parts))
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for split in table_splits(doc) {
            let Some(whole) = doc.claims.get(split.whole) else {
                continue;
            };
            let parts: Vec<&Claim> = split
                .parts
                .iter()
                .filter_map(|&i| doc.claims.get(i))
                .collect();
            let (Some(total), Some(amounts)) = (
                whole.amount,
                parts
                    .iter()
                    .map(|c| c.amount)
                    .collect::<Option<Vec<Amount>>>(),
            ) else {
                continue;
            };
            let cmp = compare_sum(&total, &amounts);
            let Some(severity) = severity_of(&Self::INFO, &cmp) else {
                continue;
            };
            let names: Vec<&str> = parts.iter().map(|c| c.subject_text.as_str()).collect();
            let message = wording::parts_differ(
                &whole.subject_text,
                &describe(&cmp),
                &names,
                &split.table.title,
            );
            let mut finding = from_comparison(
                &Self::INFO,
                severity,
                message,
                claim_location(whole),
                &cmp,
                sentences(whole, &parts),
            );
            let claims: Vec<&Claim> = std::iter::once(whole).chain(parts).collect();
            finding.evidence = evidence(doc, &claims, &[&split.total]);
            out.push(finding);
        }
    }
}

/// The sentences of a whole and its parts, each once, in order.
pub(super) fn sentences(whole: &Claim, parts: &[&Claim]) -> String {
    std::iter::once(whole.sentence.as_str())
        .chain(parts.iter().map(|c| c.sentence.as_str()))
        .fold(Vec::<&str>::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        })
        .join("\n")
}

/// A whole of the narrative and the classes listed after it, which a table shows to be its
/// complete split.
pub(super) struct Split<'d> {
    /// Index of the whole in `Document::claims`.
    pub(super) whole: usize,
    /// Indexes of the parts, in order.
    pub(super) parts: Vec<usize>,
    /// The table that corroborates the split, and its cell of the whole.
    pub(super) table: &'d Table,
    pub(super) total: Figure<'d>,
}

/// The complete splits of the narrative (see [`Parts`]): each run of classes of one scheme and
/// level listed right after a whole (or marked as its parts, `其中`), when a table corroborates
/// that the run is the whole's complete split.
pub(super) fn table_splits(doc: &Document) -> Vec<Split<'_>> {
    let mut out = Vec::new();
    for run in class_runs(&doc.claims) {
        let Some(&first) = run.first() else { continue };
        let Some(whole) = whole_of(&doc.claims, first) else {
            continue;
        };
        let codes: Vec<(&Code, &Amount)> = run
            .iter()
            .filter_map(|&i| {
                let c = doc.claims.get(i)?;
                match (&c.subject, &c.amount) {
                    (Subject::Code(code), Some(a)) => Some((code, a)),
                    _ => None,
                }
            })
            .collect();
        if codes.len() != run.len() {
            continue;
        }
        if let Some((table, total)) = corroborating_table(doc, &doc.claims[whole], &codes) {
            out.push(Split {
                whole,
                parts: run,
                table,
                total,
            });
        }
    }
    out
}

/// Runs of at least two consecutive claims stating an amount of a class, all of one scheme and
/// level, under the same headings, parts of the same whole, each class once.
fn class_runs(claims: &[Claim]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let extends = current
            .last()
            .is_some_and(|&j| same_list(&claims[j], claim))
            && !current.iter().any(|&j| claims[j].subject == claim.subject);
        if !extends {
            if current.len() >= 2 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        if listed_class(claim).is_some() {
            current.push(i);
        }
    }
    if current.len() >= 2 {
        runs.push(current);
    }
    runs
}

/// The class a claim states this year's amount of, if it does.
fn listed_class(claim: &Claim) -> Option<&Code> {
    match &claim.subject {
        Subject::Code(code) if claim.amount.is_some() && claim.measure.is_this_years_budget() => {
            Some(code)
        }
        _ => None,
    }
}

/// Whether two claims are items of one list: classes of one scheme and level, in one section.
fn same_list(a: &Claim, b: &Claim) -> bool {
    match (listed_class(a), listed_class(b)) {
        (Some(x), Some(y)) => {
            x.scheme() == y.scheme() && x.level() == y.level() && a.same_section(b)
        }
        _ => false,
    }
}

/// The whole a list starting at claim `first` splits: the claim right before it in the same
/// section (`一般公共预算支出 936760 元，其中：…`), or the claim its `其中` names (`基本支出 …，
/// 其中：工资福利支出 …`). It states this year's amount of a total or of a class above the
/// list's.
fn whole_of(claims: &[Claim], first: usize) -> Option<usize> {
    let part = claims.get(first)?;
    let code = listed_class(part)?;
    let fits = |w: &Claim| {
        w.amount.is_some()
            && w.measure.is_this_years_budget()
            && w.headings == part.headings
            && match &w.subject {
                Subject::Total(_) => true,
                Subject::Code(c) => c.is_ancestor_of(code),
                _ => false,
            }
    };
    if let Some(parent) = &part.part_of {
        return (0..first)
            .rev()
            .take_while(|&j| claims[j].headings == part.headings)
            .find(|&j| claims[j].subject == *parent && claims[j].part_of.is_none())
            .filter(|&j| fits(&claims[j]));
    }
    let before = first.checked_sub(1)?;
    let whole = claims.get(before)?;
    (fits(whole) && whole.part_of == part.part_of).then_some(before)
}

/// A table that shows `codes` to be the complete split of `whole`: its total (or the row of
/// the whole's class) equals the whole, and its rows at the parts' level under it are the
/// listed classes, every one with money among them (a class the list names with zero may be
/// missing).
fn corroborating_table<'d>(
    doc: &'d Document,
    whole: &Claim,
    codes: &[(&Code, &Amount)],
) -> Option<(&'d Table, Figure<'d>)> {
    let amount = whole.amount?;
    let (first, _) = codes.first()?;
    let under = |c: &Code| match &whole.subject {
        Subject::Code(w) => w.is_ancestor_of(c),
        _ => true,
    };
    doc.tables
        .iter()
        .filter(|t| t.status == TableStatus::Parsed)
        .find_map(|table| {
            let total = whole_figure(table, whole)?;
            if equal_outcome(&amount, &total.amount) == Outcome::Mismatch {
                return None;
            }
            let printed: Vec<(&Code, Option<Amount>)> = table
                .rows
                .iter()
                .filter_map(|r| {
                    let code = r.code.as_ref()?;
                    let listed_level =
                        code.scheme() == first.scheme() && code.level() == first.level();
                    (listed_level && under(code))
                        .then(|| (code, row_figure(table, r).map(|f| f.amount)))
                })
                .collect();
            if printed.is_empty() {
                return None;
            }
            let with_money = |a: &Option<Amount>| a.is_some_and(|a| !a.is_zero());
            let none_left_out = printed
                .iter()
                .filter(|(_, a)| with_money(a))
                .all(|(c, _)| codes.iter().any(|(l, _)| l == c));
            let none_missing = codes
                .iter()
                .all(|(c, a)| a.is_zero() || printed.iter().any(|(p, _)| p == c));
            (none_left_out && none_missing).then_some((table, total))
        })
}

/// The cell of `table` that prints the whole: the row of its class, or the table's total row
/// for a total.
fn whole_figure<'d>(table: &'d Table, whole: &Claim) -> Option<Figure<'d>> {
    let row = match &whole.subject {
        Subject::Code(code) => table.rows.iter().find(|r| r.code.as_ref() == Some(code))?,
        _ => table.total_row()?,
    };
    row_figure(table, row)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    /// The economic table of 004: 合计 936,760 = 301 529,980 + 302 395,500 + 303 11,280.
    const ECONOMIC: &str = "一般公共预算支出明细表（按支出经济分类科目）\n单位：元\n科目编码\t科目名称\t合计\n\t合计\t936,760.00\n301\t工资福利支出\t529,980.00\n302\t商品和服务支出\t395,500.00\n303\t对个人和家庭的补助\t11,280.00\n";

    fn narrative(first: &str) -> String {
        format!(
            "{ECONOMIC}\n3、支出按经济科目分类的明细情况\n本单位当年一般公共预算支出 936760 元，较上年增加 322170 元。\n其中：（1）工资福利支出（301）{first} 元，较上年增加 113310 元；\n（2）商品和服务支出（302）395500 元，较上年减少 73600 元；\n（3）对个人和家庭的补助支出（303）11280 元，较上年减少 960 元。\n"
        )
    }

    #[test]
    fn listed_classes_must_add_up_to_their_whole() {
        let findings = reconcile(&parse(&narrative("529980")));
        assert!(of_rule(&findings, "NARR-PARTS").is_empty(), "{findings:#?}");
        let findings = reconcile(&parse(&narrative("591660")));
        let f = serious(&findings, "NARR-PARTS");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("998440元")
        );
    }

    /// A list that leaves out a class the table prints with money is "among them", not the
    /// split: 301 and 302 only, while the table prints 303 too.
    #[test]
    fn a_partial_list_is_not_a_split() {
        let text = format!(
            "{ECONOMIC}\n本单位当年一般公共预算支出 936760 元，其中：工资福利支出（301）529980 元，商品和服务支出（302）5500 元。\n"
        );
        let findings = reconcile(&parse(&text));
        assert!(of_rule(&findings, "NARR-PARTS").is_empty(), "{findings:#?}");
    }

    /// Without a table whose total is the whole, nothing says the list is complete.
    #[test]
    fn a_list_no_table_corroborates_is_not_checked() {
        let text = "本单位当年一般公共预算支出 936760 元，其中：工资福利支出（301）591660 元，商品和服务支出（302）50400 元，对个人和家庭的补助支出（303）11280 元。\n";
        let findings = reconcile(&parse(text));
        assert!(of_rule(&findings, "NARR-PARTS").is_empty(), "{findings:#?}");
    }
}
