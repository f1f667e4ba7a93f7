//! Narrative claims: every amount the 情况说明 states, with what it is about, its change against
//! last year and its share.
//!
//! Text extraction breaks sentences across lines, even between `万` and `元`, so the narrative
//! lines are first joined into paragraphs; every character keeps its offset and line in the
//! decoded text, and the headings passed on the way give each paragraph its context ("财政拨款支出
//! 情况", "三公" ...), which tells whose money a sentence talks about.
//!
//! A paragraph is then read figure by figure, in order. A figure is a number with what follows it
//! (`万元`, `元`, `%`); the words before it, back to the previous comma or figure (its *lead*), say
//! what it is:
//!
//! * `收入预算总额为 812.07万元`: an amount of a subject (a total, a classification code, a 三公
//!   item, or anything else, kept as [`Subject::Other`]);
//! * `较上年减少 131.10万元`: the change of the subject just read, or of the subject the lead
//!   names (`“三公”经费支出预算数比2023年增加2万元`);
//! * `下降 13.9%`, or `（100%）` right after a change: the percentage of that change;
//! * `占7.98%`: the share of the subject just read;
//! * `与上年保持一致`, `较上年无变化` (no figure): no change.
//!
//! Dates, headcounts, counts of vehicles, thresholds (`200万元以上`), rates (`30元/人`) and
//! performance indicators (`≤ 2600万元`, `≥95%`) are not claims.

mod figures;
mod headings;
mod paragraphs;
mod paths;
mod reading;
mod subjects;
#[cfg(test)]
mod tests;

use budget_model::{Claim, Unit};
use rust_decimal::Decimal;

use crate::text::TextLine;
use figures::numbers;
use paragraphs::paragraphs;
pub use paths::resolve_paths;
use reading::{read_paragraph, Read, ShareBase};

/// Extracts the claims of the narrative.
///
/// `lines`: the narrative lines of the decoded text in order (table lines already removed; blank
/// lines kept). A figure printed without a unit is read in `default_unit`; a printed unit always
/// wins, even when it is implausible (spotting that is a rule's job).
///
/// Each claim's `start`/`end` are character offsets of its words in the decoded text (from the
/// subject's name to its last figure) and `line` is the line it starts on. Its `headings` are the
/// headings it appears under (ordinals removed, e.g. `2024年单位预算收支情况说明`, `财政拨款支出
/// 情况`); its `fund` is the one its own words name, else the one of the nearest heading naming
/// one (none for all funds); its `measure` is what its words name, this year's budget by default. When a claim about a
/// class (or a [`budget_model::Subject::Other`]) is a breakdown of 基本支出, 项目支出, 人员经费 or 公用经费
/// (`基本支出 627.27 万元，其中：工资福利支出 580.13 万元`), it is `part_of` that parent: such a
/// figure is only the part of the class inside that parent.
///
/// A claim stating a share (`占 P%`) is linked to its whole (`share_of`, an index into the
/// claims returned): the nearest claim before it in the same section (see
/// [`Claim::same_section`]) without a share of its own whose amount is not zero and at least the
/// part's (`支出合计 8825.49万元，其中：基本支出 704.49万元，占7.98%`).
pub fn extract_claims(lines: &[TextLine<'_>], default_unit: Unit) -> Vec<Claim> {
    read_narrative(lines, default_unit).claims
}

/// What the narrative reader finds: the claims, and the lines that are headings.
pub struct Narrative {
    pub claims: Vec<Claim>,
    /// The 1-based numbers of the heading lines (`（三）财政拨款支出情况`), in order.
    pub heading_lines: Vec<usize>,
}

/// [`extract_claims`], with the heading lines the reader passed on the way.
/// In final accounts, a figure whose words name no measure (`国内公务接待支出 0.11万元`) is the
/// year's actual (决算), not its budget; one they call a budget (`公务接待费预算 1.86万元`)
/// stays the budget's.
pub fn measure_final_accounts(claims: &mut [Claim]) {
    use crate::vocab::narrative::{measure_named, names_a_budget};
    for claim in claims {
        let words = &claim.subject_text;
        if measure_named(words).is_none() && !names_a_budget(words) {
            claim.measure = budget_model::Measure::FinalAccounts;
        }
    }
}

pub fn read_narrative(lines: &[TextLine<'_>], default_unit: Unit) -> Narrative {
    let (paragraphs, heading_lines) = paragraphs(lines);
    let read: Vec<Read> = paragraphs
        .iter()
        .filter(|p| !looks_like_table(&p.text))
        .flat_map(|p| read_paragraph(p, default_unit))
        .collect();
    let bases: Vec<Option<ShareBase>> = read.iter().map(|r| r.share_base.clone()).collect();
    let mut claims: Vec<Claim> = read.into_iter().map(|r| r.claim).collect();
    link_shares(&mut claims, &bases);
    Narrative {
        claims,
        heading_lines,
    }
}

/// Sets `share_of` of every claim stating a share (`bases[i]`: the base claim `i`'s share
/// names, if any). The whole is one its part may be a share of (see
/// [`budget_model::Subject::may_be_share_of`]: never the part itself, a sibling part or a
/// class of a total); a named base must be the whole's subject, and a base the reader does not
/// know links to nothing.
fn link_shares(claims: &mut [Claim], bases: &[Option<ShareBase>]) {
    for i in 0..claims.len() {
        let (before, rest) = claims.split_at_mut(i);
        let Some(claim) = rest.first_mut() else {
            continue;
        };
        let (Some(part), Some(share)) = (claim.amount, claim.share) else {
            continue;
        };
        // A figure equal to the part is the part restated, unless the share says it is all.
        let all = share.value == Decimal::ONE_HUNDRED;
        let base = bases.get(i).cloned().flatten();
        let fits = |c: &Claim| match &base {
            Some(ShareBase::Named(subject)) => c.subject == *subject,
            Some(ShareBase::Unknown) => false,
            None => claim.subject.may_be_share_of(&c.subject),
        };
        // A list of shares (`其中：基本支出 A，占 P%；项目支出 B，占 Q%；…`) shares its whole:
        // an unnamed base is the one of the share just before, when it holds this part.
        let sibling_whole = before
            .iter()
            .rev()
            .take_while(|c| c.share.is_some() && c.same_section(claim))
            .find_map(|c| c.share_of)
            .filter(|&j| {
                before
                    .get(j)
                    .and_then(|w| w.amount)
                    .is_some_and(|w| w.to_yuan() > part.to_yuan())
            });
        if base.is_none() && sibling_whole.is_some() {
            claim.share_of = sibling_whole;
            continue;
        }
        claim.share_of = before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, c)| c.same_section(claim))
            .filter(|(_, c)| c.share.is_none() && fits(c))
            .filter_map(|(j, c)| c.amount.map(|a| (j, a)))
            .find(|(_, a)| {
                let (whole, part) = (a.to_yuan(), part.to_yuan());
                (whole > part || (all && whole == part)) && !a.is_zero()
            })
            .map(|(j, _)| j);
    }
}

/// A table that reached the narrative (flattened onto one line, or its title block): numbers
/// or a unit declaration without any sentence punctuation.
fn looks_like_table(text: &str) -> bool {
    let prose = text.contains(['，', ',', '。', '；', ';']);
    !prose && (Unit::find_declaration(text).is_some() || numbers(text).nth(2).is_some())
}
