//! Reading a paragraph figure by figure: each figure's lead says whether it states an amount, a
//! change, a percentage or a share, and of which subject.

use std::sync::LazyLock;

use budget_model::{
    strip_ordinal, Amount, Change, Claim, Direction, Measure, Percent, Subject, Unit,
};
use regex::Regex;

use super::figures::*;
use super::paragraphs::*;
use super::subjects::*;
use crate::vocab::narrative::figures::{
    compared_direction, direction, CHANGE_VERB, COMPARISON, COMPARISON_CHARS, COMPLETION_LEAD,
    LEADING_CHANGE_VERB, MINUS_SIGNS, PERCENT_VERB, UNCHANGED,
};
use crate::vocab::narrative::{
    follows_comparison_bracket, is_last_years, measure_named, names_base, names_coverage,
    names_this_years_figure, share_base_name, without_measure, AFTER_OF_WHICH, BROKEN_DOWN_PARTS,
    COMPARED_WITH, EACH, EXPENDITURE, INCOME, INCOME_EXPENDITURE_JOIN, LEAD_FILLERS, OF_WHICH,
    SHARE_OF, WHOLE_FLOWS, YEAR_PREFIX,
};
use crate::vocab::residue::SENTENCE_END;
use crate::vocab::tables::fund_of;
use crate::vocab::titles::OPERATING_COSTS;

/// The words before a figure, back to the previous clause end or figure. Offsets are bytes of
/// the paragraph text.
#[derive(Debug, Clone, Copy)]
struct Lead<'t> {
    pub(super) start: usize,
    pub(super) text: &'t str,
}

static SMALL_ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[0-9]{1,2}[)）]|[①-⑳])").expect("valid regex"));

/// The lead without what is not the subject's name: ordinals, `其中`, a leading year, a
/// trailing `为`.
fn clean(lead: Lead<'_>) -> Lead<'_> {
    let mut rest = lead.text;
    loop {
        let before = rest;
        rest = strip_ordinal(rest);
        // Both start with a digit or a circled number.
        if rest.starts_with(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c)) {
            for re in [&*YEAR_PREFIX, &*SMALL_ORDINAL] {
                if let Some(m) = re.find(rest) {
                    rest = rest.get(m.end()..).unwrap_or("");
                }
            }
        }
        if let Some(r) = rest.strip_prefix(OF_WHICH.text) {
            rest = r.trim_start_matches(AFTER_OF_WHICH);
        }
        if rest == before {
            break;
        }
    }
    Lead {
        start: lead.start + (lead.text.len() - rest.len()),
        text: rest.trim_end_matches(LEAD_FILLERS),
    }
}

/// Where the clause before a figure starts inside `window`. A colon with nothing after it does
/// not end the clause (`年度预算安排: 182.70 万元`), nor does the `、` of `收、支总计`.
fn clause_start(window: &str) -> usize {
    let mut end = window.len();
    while let Some((i, c)) = last_clause_end(window, end) {
        let after = i + c.len_utf8();
        let rest = window.get(after..).unwrap_or("");
        let dangling_colon = matches!(c, '：' | ':') && rest.chars().all(|r| r == '：' || r == ':');
        if !dangling_colon {
            return after;
        }
        end = i;
    }
    0
}

fn last_clause_end(window: &str, end: usize) -> Option<(usize, char)> {
    let head = window.get(..end)?;
    head.char_indices().rev().find(|&(i, c)| {
        let (income, expenditure) = INCOME_EXPENDITURE_JOIN;
        let joins_income_and_expenditure = c == '、'
            && head.get(..i).is_some_and(|h| h.ends_with(income))
            && window
                .get(i + c.len_utf8()..)
                .is_some_and(|t| t.starts_with(expenditure));
        CLAUSE_ENDS.contains(&c) && !joins_income_and_expenditure
    })
}

/// A claim being read; offsets are bytes of the paragraph text.
#[derive(Debug, Clone)]
struct Draft {
    pub(super) subject: Subject,
    pub(super) subject_text: String,
    pub(super) amount: Option<Amount>,
    pub(super) change: Option<Change>,
    pub(super) share: Option<Percent>,
    /// The share of the budget a final-accounts figure completes (`完成年初预算的 C%`).
    pub(super) completion: Option<Percent>,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The subject this one is a breakdown of (`基本支出`).
    pub(super) part_of: Option<Subject>,
    /// The base its share names (`占本年支出合计的 P%`).
    pub(super) share_base: Option<ShareBase>,
    /// Last year's figure stated right before it (`上年执行数 A，预算安排 B`): the base of its
    /// change.
    pub(super) base: Option<Amount>,
}

/// The whole a share (`占 P%`) names after `占`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ShareBase {
    /// A subject the reader knows (`占本年支出合计的100%`).
    Named(Subject),
    /// Words the reader does not know (`占政府采购支出合同总额的9%`): the whole is not among
    /// the figures read, and the share cannot be checked.
    Unknown,
}

/// A claim read from a paragraph, with the base its share names (linked across paragraphs
/// later).
#[derive(Debug, Clone)]
pub(super) struct Read {
    pub(super) claim: Claim,
    pub(super) share_base: Option<ShareBase>,
}

enum Event {
    Figure(Figure),
    Unchanged {
        end: usize,
    },
    /// `决算数大于年初预算数`: the figure of measure `a` is in `direction` against that of
    /// measure `b`.
    Comparison {
        end: usize,
        a: Measure,
        b: Measure,
        direction: Direction,
    },
}

fn events(para: &Paragraph, default_unit: Unit) -> Vec<(usize, Event)> {
    let text = &para.text;
    // Most paragraphs say nothing is unchanged and need not be searched.
    let mut events: Vec<(usize, Event)> = Vec::new();
    events.extend(
        figures(text, default_unit)
            .into_iter()
            .map(|f| (f.start, Event::Figure(f))),
    );
    if para.has_year && para.says_unchanged {
        events.extend(
            UNCHANGED
                .find_iter(text)
                .map(|m| (m.start(), Event::Unchanged { end: m.end() })),
        );
    }
    if text.contains(COMPARISON_CHARS) {
        events.extend(COMPARISON.captures_iter(text).filter_map(|c| {
            let whole = c.get(0)?;
            let event = Event::Comparison {
                end: c.name("b")?.end(),
                a: measure_named(c.name("a")?.as_str())?,
                b: measure_named(c.name("b")?.as_str())?,
                direction: compared_direction(c.name("verb")?.as_str())?,
            };
            Some((whole.start(), event))
        }));
    }
    events.sort_by_key(|(start, _)| *start);
    events
}

pub(super) fn read_paragraph(para: &Paragraph, default_unit: Unit) -> Vec<Read> {
    let mut reader = Reader::new(para);
    for (_, event) in events(para, default_unit) {
        match event {
            Event::Figure(figure) => reader.figure(&figure),
            Event::Unchanged { end } => reader.unchanged(end),
            Event::Comparison {
                end,
                a,
                b,
                direction,
            } => reader.comparison(end, a, b, direction),
        }
    }
    reader
        .drafts
        .into_iter()
        .filter_map(|d| to_claim(para, d))
        .collect()
}

struct Reader<'p> {
    para: &'p Paragraph,
    drafts: Vec<Draft>,
    /// The claims the last figure was about.
    latest: Vec<usize>,
    /// The claims that received the last change.
    changed: Vec<usize>,
    /// Whether the previous figure was a change (`增加 5000 元（100%）`).
    after_change: bool,
    /// End of the previous figure: a lead never reaches back past it.
    boundary: usize,
    /// A figure after `比`/`较` (`比上年预算数 A 万元`), for the change right after it.
    pending_base: Option<Amount>,
    /// The base printed right before the figure being read, if any.
    base: Option<Amount>,
}

impl<'p> Reader<'p> {
    pub(super) fn new(para: &'p Paragraph) -> Self {
        Reader {
            para,
            drafts: Vec::new(),
            latest: Vec::new(),
            changed: Vec::new(),
            after_change: false,
            boundary: 0,
            pending_base: None,
            base: None,
        }
    }

    fn figure(&mut self, figure: &Figure) {
        let after_change = std::mem::take(&mut self.after_change);
        self.base = self.pending_base.take();
        let lead = self.lead(figure.start);
        match figure.value {
            Value::Ignored => {}
            Value::Percent(p) => self.percent(lead, p, figure.end, after_change),
            Value::Money(amount) => self.amount(lead, amount, figure.end),
            Value::Bare(amount) if self.accepts_bare(lead) => self.amount(lead, amount, figure.end),
            Value::Bare(_) => {
                // Not a figure at all (a list number, a count): as if it were not there.
                self.after_change = after_change;
                self.pending_base = self.base.take();
                return;
            }
        }
        self.boundary = figure.end;
    }

    fn lead(&self, at: usize) -> Lead<'p> {
        let para: &'p Paragraph = self.para;
        let window = para.slice(self.boundary, at);
        let mut start = clause_start(window);
        if let Some((i, _)) = window
            .get(start..)
            .and_then(|clause| clause.char_indices().rev().nth(MAX_LEAD_CHARS))
        {
            start += i;
        }
        Lead {
            start: self.boundary + start,
            text: window.get(start..).unwrap_or(""),
        }
    }

    fn hints(&self, at: usize) -> Hints {
        let para = self.para;
        let income = para.last_recent(&para.income_words, INCOME.text, at);
        let expenditure = para.last_recent(&para.expenditure_words, EXPENDITURE.text, at);
        let flow = match (income, expenditure) {
            (Some(i), Some(e)) if e > i => Some(Flow::Expenditure),
            (Some(_), _) => Some(Flow::Income),
            (None, Some(_)) => Some(Flow::Expenditure),
            (None, None) => None,
        };
        let function_first = para
            .reading_functions(at)
            .unwrap_or(para.context_by_function);
        Hints {
            flow,
            function_first,
        }
    }

    fn subjects(&self, words: Lead<'_>) -> Vec<(Subject, usize)> {
        classify(words.text, self.hints(words.start))
    }

    /// A number printed without a unit counts only where a subject or a change is named right
    /// before it.
    fn accepts_bare(&self, lead: Lead<'_>) -> bool {
        CHANGE_VERB.is_match(lead.text) || !self.subjects(clean(lead)).is_empty()
    }

    pub(super) fn amount(&mut self, lead: Lead<'p>, amount: Amount, end: usize) {
        match CHANGE_VERB.find(lead.text) {
            Some(verb) => {
                self.change(lead, verb.start(), verb.as_str(), amount, end);
                self.after_change = true;
            }
            None => match LEADING_CHANGE_VERB.find(lead.text) {
                Some(verb)
                    if self.change_of_named(lead, verb.end(), verb.as_str(), amount, end) =>
                {
                    self.after_change = true;
                }
                _ => self.statement(lead, amount, end),
            },
        }
    }

    /// `增加基本支出 844.15万元`: the change of the subject named after the verb (ending at
    /// `verb_end`), set on its last claim without a change, else on a claim of its own. False
    /// when the words after the verb name no known subject.
    fn change_of_named(
        &mut self,
        lead: Lead<'p>,
        verb_end: usize,
        verb: &str,
        amount: Amount,
        end: usize,
    ) -> bool {
        let words = clean(Lead {
            start: lead.start + verb_end,
            text: lead.text.get(verb_end..).unwrap_or(""),
        });
        let subjects = self.subjects(words);
        if subjects.is_empty() {
            return false;
        }
        let change = Change {
            amount: Some(amount),
            ..Change::new(direction(verb, amount.is_zero()))
        };
        let targets: Vec<usize> = subjects
            .into_iter()
            .map(|(subject, at)| {
                self.open_claim(&subject)
                    .unwrap_or_else(|| self.push(subject, words, at, end))
            })
            .collect();
        for &i in &targets {
            self.update(i, end, |d| d.change = Some(change.clone()));
        }
        self.latest.clone_from(&targets);
        self.changed = targets;
        true
    }

    /// `收入预算总额为 812.07万元`. A figure after `比`/`较` (`比2025年年初预算数 4001046.82
    /// 万元增加 …`) is the base the change that follows compares with, not a claim of its own:
    /// that change belongs to the claim just read. So is a figure in brackets right after a
    /// comparison (`与2016年度相比（2016年度…为 A 万元），增加 …`): this year's figure is not
    /// printed, and the change belongs to no claim read before this sentence.
    fn statement(&mut self, lead: Lead<'p>, amount: Amount, end: usize) {
        if follows_comparison_bracket(lead.text) {
            self.pending_base = Some(amount);
            let from = self.para.sentence_from(lead.start);
            let drafts = &self.drafts;
            self.latest
                .retain(|&i| drafts.get(i).is_some_and(|d| d.start >= from));
            return;
        }
        let words = clean(lead);
        // `涉及一般公共预算财政拨款 A 万元`: what a scheme covers, no total of the fund.
        if names_coverage(words.text) {
            self.latest.clear();
            return;
        }
        if let Some(after) = words.text.strip_prefix(COMPARED_WITH) {
            if names_base(after) {
                self.pending_base = Some(amount);
            }
            return;
        }
        if words.text.is_empty() {
            return;
        }
        if names_this_years_figure(words.text) {
            if let Some(i) = self.after_last_years(words, amount, end) {
                self.latest = vec![i];
                return;
            }
        }
        let mut subjects = self.subjects(words);
        if subjects.is_empty() {
            // An item's name starts at the fund paying it, if its words name one.
            let at = qualifier_start(words.text).unwrap_or(0);
            let name = words.text.get(at..).unwrap_or(words.text);
            subjects.push((Subject::Other(name.to_string()), at));
        }
        self.latest = subjects
            .into_iter()
            .map(|(subject, at)| {
                // A total (人员经费 under 基本支出) is a part by definition; a class is not.
                // But 人员经费 under a class (`对个人和家庭的补助（303）…，其中：人员经费`) is
                // that class's part, not the budget's.
                let part_of = match &subject {
                    Subject::Code(_) | Subject::Other(_) => self.part_of(words.start),
                    Subject::Total(kind) if BROKEN_DOWN_PARTS.contains(kind) => self
                        .class_broken_down(words.start)
                        .map(|(_, parent)| parent),
                    _ => None,
                };
                let i = self.push(subject, words, at, end);
                if let Some(draft) = self.drafts.get_mut(i) {
                    draft.amount = Some(amount);
                    draft.part_of = part_of;
                }
                i
            })
            .collect();
    }

    /// `较上年减少 131.10万元`, `“三公”经费支出预算数比2023年增加2万元`.
    pub(super) fn change(
        &mut self,
        lead: Lead<'p>,
        verb_at: usize,
        verb: &str,
        amount: Amount,
        end: usize,
    ) {
        let change = Change {
            amount: Some(amount),
            base: self.base,
            ..Change::new(direction(verb, amount.is_zero()))
        };
        let targets = self.change_targets(lead, verb_at, end);
        for &i in &targets {
            if let Some(draft) = self.drafts.get_mut(i) {
                draft.change = Some(change.clone());
                draft.end = draft.end.max(end);
            }
        }
        self.latest.clone_from(&targets);
        self.changed = targets;
    }

    /// The claims a change is about: those its lead names (`收、支总计各增加`), or else the
    /// claims just read.
    fn change_targets(&mut self, lead: Lead<'p>, verb_at: usize, end: usize) -> Vec<usize> {
        let named = lead.text.get(..verb_at).unwrap_or("");
        let named = named
            .rfind(COMPARED_WITH)
            .and_then(|i| named.get(..i))
            .unwrap_or(named);
        let words = clean(Lead {
            start: lead.start,
            text: named.trim_end_matches(EACH),
        });
        let subjects = self.subjects(words);
        if subjects.is_empty() {
            return self.latest_where(|d| d.change.is_none());
        }
        subjects
            .into_iter()
            .map(|(subject, at)| {
                self.open_claim(&subject)
                    .unwrap_or_else(|| self.push(subject, words, at, end))
            })
            .collect()
    }

    /// The last claim of this subject that has no change yet.
    fn open_claim(&self, subject: &Subject) -> Option<usize> {
        // Only recent claims: the subject was named a sentence or two before.
        let from = self.drafts.len().saturating_sub(50);
        let recent = self.drafts.get(from..)?;
        recent
            .iter()
            .rposition(|d| d.subject == *subject && d.change.is_none())
            .map(|i| from + i)
    }

    pub(super) fn percent(&mut self, lead: Lead<'p>, p: Percent, end: usize, after_change: bool) {
        if let Some(named) = lead.text.strip_prefix(SHARE_OF) {
            let base = self.share_base(Lead {
                start: lead.start + SHARE_OF.len_utf8(),
                text: named,
            });
            for i in self.latest_where(|d| d.share.is_none()) {
                self.update(i, end, |d| {
                    d.share = Some(p);
                    d.share_base.clone_from(&base);
                });
            }
        } else if let Some(signed) = lead.text.strip_suffix(MINUS_SIGNS) {
            // `增长-3.5%`: the verb does not give the direction.
            if PERCENT_VERB.is_match(signed) {
                self.change_percent(p, end, None);
            }
        } else if COMPLETION_LEAD.is_match(lead.text) {
            for i in self.latest_where(|d| d.completion.is_none()) {
                self.update(i, end, |d| d.completion = Some(p));
            }
        } else if PERCENT_VERB.is_match(lead.text) {
            self.change_percent(p, end, Some(direction(lead.text, false)));
        } else if after_change && matches!(lead.text, "（" | "(") {
            self.change_percent(p, end, None);
        }
    }

    /// The base a share names after `占`, if it names one.
    fn share_base(&self, named: Lead<'_>) -> Option<ShareBase> {
        let name = share_base_name(named.text);
        if name.is_empty() {
            return None;
        }
        // The name starts where the words do, after their spaces.
        let start = named.start + (named.text.len() - named.text.trim_start().len());
        let subjects = self.subjects(Lead { start, text: name });
        Some(match subjects.as_slice() {
            [(subject, _)] => ShareBase::Named(subject.clone()),
            _ => ShareBase::Unknown,
        })
    }

    /// `下降 13.9%` after a change sets its percentage; without a change before it, it is the
    /// change (when its verb gives the direction).
    fn change_percent(&mut self, p: Percent, end: usize, direction: Option<Direction>) {
        let open = |d: &Draft| {
            d.change
                .as_ref()
                .is_some_and(|c| c.percent.is_none() && c.direction != Direction::Unchanged)
        };
        if self.changed == self.latest && !self.changed.is_empty() {
            for i in self.latest_where(open) {
                self.update(i, end, |d| {
                    if let Some(c) = d.change.as_mut() {
                        c.percent = Some(p);
                        c.percent_direction = direction;
                    }
                });
            }
            return;
        }
        let Some(direction) = direction else { return };
        let fresh = self.latest_where(|d| d.change.is_none());
        let base = self.base;
        for &i in &fresh {
            self.update(i, end, |d| {
                d.change = Some(Change {
                    percent: Some(p),
                    percent_direction: Some(direction),
                    base,
                    ..Change::new(direction)
                });
            });
        }
        if !fresh.is_empty() {
            self.changed.clone_from(&fresh);
            self.latest = fresh;
        }
    }

    /// `与上年保持一致`.
    fn unchanged(&mut self, end: usize) {
        for i in self.latest_where(|d| d.change.is_none()) {
            self.update(i, end, |d| {
                d.change = Some(Change::new(Direction::Unchanged));
            });
        }
    }

    /// `年初预算 A，支出决算 B，决算数大于年初预算数`: the last figure of measure `a` read in
    /// this sentence or the one before is in `direction` against the last of measure `b`.
    fn comparison(&mut self, end: usize, a: Measure, b: Measure, direction: Direction) {
        let this = self.para.sentence_from(end);
        let from = self.para.sentence_from(this.saturating_sub(1));
        let measured = |m: Measure| {
            self.drafts
                .iter()
                .rposition(|d| d.start >= from && d.amount.is_some() && measure_of(d) == m)
        };
        let (Some(i), Some(j)) = (measured(a), measured(b)) else {
            return;
        };
        let base = self.drafts.get(j).and_then(|d| d.amount);
        self.update(i, end, |d| {
            if d.change.is_none() {
                d.change = Some(Change {
                    base,
                    ..Change::new(direction)
                });
            }
        });
    }

    /// `上年执行数 A，预算安排 B`: B is this year's figure of the subject stated with last
    /// year's A just before, in the same sentence, and A is the base of its change. The claim
    /// of B, if so.
    fn after_last_years(&mut self, words: Lead<'_>, amount: Amount, end: usize) -> Option<usize> {
        let from = self.para.sentence_from(words.start);
        let &last = self.latest.last()?;
        let previous = self.drafts.get(last)?;
        if previous.start < from || !is_last_years(measure_of(previous)) {
            return None;
        }
        let base = previous.amount?;
        let subject = previous.subject.clone();
        let name = without_measure(&previous.subject_text).to_string();
        let i = self.push(subject, words, 0, end);
        let draft = self.drafts.get_mut(i)?;
        if !name.is_empty() {
            draft.subject_text = name;
        } else {
            draft.subject = Subject::Other(words.text.to_string());
        }
        draft.amount = Some(amount);
        draft.base = Some(base);
        Some(i)
    }

    fn latest_where(&self, keep: impl Fn(&Draft) -> bool) -> Vec<usize> {
        self.latest
            .iter()
            .copied()
            .filter(|&i| self.drafts.get(i).is_some_and(&keep))
            .collect()
    }

    fn update(&mut self, i: usize, end: usize, f: impl FnOnce(&mut Draft)) {
        if let Some(draft) = self.drafts.get_mut(i) {
            f(draft);
            draft.end = draft.end.max(end);
        }
    }

    /// A new claim named by `words` from byte `at`, without figures yet.
    pub(super) fn push(
        &mut self,
        subject: Subject,
        words: Lead<'_>,
        at: usize,
        end: usize,
    ) -> usize {
        let start = subject_start(words.text, at);
        self.drafts.push(Draft {
            subject,
            subject_text: words.text.get(start..).unwrap_or(words.text).to_string(),
            amount: None,
            change: None,
            share: None,
            completion: None,
            start: words.start + start,
            end,
            part_of: None,
            share_base: None,
            base: None,
        });
        self.drafts.len() - 1
    }

    /// `基本支出 627.27 万元 ...；其中：工资福利支出 580.13 万元`: the part this claim breaks
    /// down, when a `其中` in its sentence follows a claim about one.
    /// Or, after a part label (`①人员经费：工资福利支出（301）…`), the part the label names,
    /// whichever of the two comes later.
    pub(super) fn part_of(&self, at: usize) -> Option<Subject> {
        let of_which = self.of_which_parent(at).filter(
            |(_, parent)| matches!(parent, Subject::Total(kind) if BROKEN_DOWN_PARTS.contains(kind)),
        );
        match (self.para.part_label(at), of_which) {
            (Some((label, kind)), Some((of_which, _))) if label > of_which => {
                Some(Subject::Total(kind))
            }
            (Some((_, kind)), None) => Some(Subject::Total(kind)),
            (_, of_which) => of_which.map(|(_, parent)| parent),
        }
    }

    /// The class a `其中` before `at` breaks into parts (人员经费, 公用经费 …), its list of parts
    /// running to the full stop across `；`.
    fn class_broken_down(&self, at: usize) -> Option<(usize, Subject)> {
        let of_which =
            self.para
                .last_since_full_stop(&self.para.of_which_words, OF_WHICH.text, at)?;
        self.parent_before(of_which)
            .filter(|(_, parent)| matches!(parent, Subject::Code(_)))
    }

    /// The claim a `其中` in the sentence before `at` follows (the whole it breaks down), with
    /// where that `其中` is.
    fn of_which_parent(&self, at: usize) -> Option<(usize, Subject)> {
        let of_which = self
            .para
            .last_recent(&self.para.of_which_words, OF_WHICH.text, at)?;
        self.parent_before(of_which)
    }

    /// The claim stated before a `其中` at `of_which`: the whole it breaks down.
    fn parent_before(&self, of_which: usize) -> Option<(usize, Subject)> {
        let parent = self
            .drafts
            .iter()
            .rev()
            .take(50)
            .find(|d| d.start < of_which && d.part_of.is_none() && d.amount.is_some())?;
        Some((of_which, parent.subject.clone()))
    }
}

/// Whether a figure at byte `at` is about the administration's operating costs (机关运行经费):
/// its paragraph's heading names them, or its sentence does before it. A 三公 item named there
/// (`机关运行经费预算总计82万元，其中：…公务接待费2万元`) is the economic item within them, not the
/// 三公 figure.
fn within_operating_costs(para: &Paragraph, at: usize) -> bool {
    let heading = para
        .headings
        .last()
        .is_some_and(|h| h.contains(OPERATING_COSTS));
    let sentence = para.slice(0, at).rsplit(SENTENCE_END).next().unwrap_or("");
    heading || sentence.contains(OPERATING_COSTS)
}

/// What inherited words name: a 三公 item (`因公出国（境）费用预算数`) or a total (`收入预算年初
/// 预算数`), else words a classification path may resolve later.
fn named_subject(para: &Paragraph, named: &str) -> Subject {
    let name = without_measure(named);
    if let Some((_, kind)) = WHOLE_FLOWS.iter().find(|(w, _)| *w == name) {
        return Subject::Total(*kind);
    }
    let hints = Hints {
        flow: None,
        function_first: para.context_by_function,
    };
    match classify(named, hints).into_iter().next() {
        Some((named @ (Subject::Total(_) | Subject::ThreePublic(_)), _)) => named,
        _ => Subject::Other(named.to_string()),
    }
}

/// What a draft's figure measures: what its words name, this year's budget by default.
fn measure_of(draft: &Draft) -> Measure {
    measure_named(&draft.subject_text).unwrap_or_default()
}

fn to_claim(para: &Paragraph, draft: Draft) -> Option<Read> {
    let first = para.char_from(draft.start)?;
    let last = para.char_before(draft.end)?;
    let sentence = para.sentence_around(draft.start, draft.end).to_string();
    let fund = fund_of(&draft.subject_text)
        .or_else(|| para.headings.iter().rev().find_map(|h| fund_of(h)));
    let measure = measure_of(&draft);
    let (subject, subject_text) = match &draft.subject {
        Subject::Other(_) => {
            match super::paths::inherited(para, draft.start, &draft.subject_text) {
                Some(named) => (named_subject(para, &named), named),
                None => (draft.subject, draft.subject_text),
            }
        }
        Subject::ThreePublic(_) if within_operating_costs(para, draft.start) => (
            Subject::Other(draft.subject_text.clone()),
            draft.subject_text,
        ),
        _ => (draft.subject, draft.subject_text),
    };
    let change = draft.change.map(|mut c| {
        c.base = c.base.or(draft.base);
        c
    });
    let claim = Claim {
        measure,
        fund,
        part_of: draft.part_of,
        amount: draft.amount,
        change,
        share: draft.share,
        completion: draft.completion,
        sentence,
        start: first.offset,
        end: last.offset + 1,
        line: first.line,
        headings: para.headings.clone(),
        ..Claim::new(subject, subject_text)
    };
    Some(Read {
        claim,
        share_base: draft.share_base,
    })
}
