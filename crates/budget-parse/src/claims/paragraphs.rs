//! Paragraphs: narrative lines joined across line breaks, each character keeping its offset and
//! line in the decoded text, with the headings above them and the words later lookups need.

use crate::text::TextLine;
use budget_model::TotalKind;

use crate::vocab::narrative::{
    part_labelled, ECONOMIC_LIST, EXPENDITURE, FUNCTION_LIST, INCOME, LABEL_COLONS, OF_WHICH,
    UNCHANGED_ENDINGS, YEAR,
};

use super::headings::*;

/// Ends a sentence (and a paragraph when it ends a line).
const SENTENCE_ENDS: [char; 7] = ['。', '；', ';', '！', '？', '!', '?'];

/// Ends the clause a figure's lead is read from.
pub(super) const CLAUSE_ENDS: [char; 12] = [
    '，', ',', '。', '；', ';', '、', '！', '？', '!', '?', '：', ':',
];

/// A stretch of one line copied into a paragraph without a gap: where it starts in the
/// paragraph text and in the decoded text. Its characters follow each other in both.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Byte index in [`Paragraph::text`].
    byte: usize,
    /// Character offset in the decoded text.
    pub(super) offset: usize,
    pub(super) line: usize,
}

/// Where a character of a paragraph is in the decoded text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    /// Character offset in the decoded text.
    pub(super) offset: usize,
    pub(super) line: usize,
}

/// Lines joined into one paragraph. Whitespace is dropped: in Chinese text it is only ever an
/// artefact of extraction (`809. 97`, `较上年预算 安排减少`).
#[derive(Debug, Default)]
pub(super) struct Paragraph {
    pub(super) text: String,
    /// The runs of [`Paragraph::text`], in order, none empty.
    runs: Vec<Run>,
    /// The headings above the paragraph, outermost first.
    pub(super) headings: Vec<String>,
    /// Byte positions right after each sentence end, in order. This and the positions below
    /// are recorded once the paragraph is complete, so that reading it stays linear.
    sentence_breaks: Vec<usize>,
    /// End positions of `功能` (true) and `经济` (false), in order: which classification list the
    /// paragraph is reading.
    list_markers: Vec<(usize, bool)>,
    /// Start positions of `收入`, `支出` and `其中`, in order: what the sentence before a figure
    /// talks about is looked up here rather than searched for at every figure.
    pub(super) income_words: Vec<usize>,
    pub(super) expenditure_words: Vec<usize>,
    pub(super) of_which_words: Vec<usize>,
    /// End positions of part labels (`①人员经费：`), with the part each names, in order.
    part_labels: Vec<(usize, TotalKind)>,
    /// Positions of full stops (`。`), in order: a label's list ends at one.
    full_stops: Vec<usize>,
    /// The headings above name a list by function (`功能`) and not by economic nature (`经济`).
    pub(super) context_by_function: bool,
    /// The text holds `年`: every "unchanged against last year" names a year.
    pub(super) has_year: bool,
    /// The text holds a word that ends "unchanged" (`一致`, `变化`, `持平`, `不变`).
    pub(super) says_unchanged: bool,
    /// The text holds a digit: without one it holds no figure.
    has_digit: bool,
}

impl Paragraph {
    /// Appends the body of a line, with its runs.
    fn push_line(&mut self, line: &TextLine<'_>, body: &Body) {
        let from = self.text.len();
        self.text.push_str(&body.text);
        self.has_digit |= body.has_digit;
        self.runs.extend(body.runs.iter().map(|&(byte, chars)| Run {
            byte: from + byte,
            offset: line.start + chars,
            line: line.number,
        }));
    }

    /// Records the sentence ends, the words and the characters later lookups need, in one pass
    /// over the complete paragraph, and what the headings above say about the list it reads.
    fn index(&mut self) {
        for (i, c) in self.text.char_indices() {
            let end = i + c.len_utf8();
            // A word is recorded where its last character is (the text is only cut there).
            let ends_with = |word: &str| self.text.as_bytes()[..end].ends_with(word.as_bytes());
            // The characters of SENTENCE_ENDS.
            if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?') {
                self.sentence_breaks.push(end);
                if c == '。' {
                    self.full_stops.push(i);
                }
            } else if c == FUNCTION_LIST.last && ends_with(FUNCTION_LIST.text) {
                self.list_markers.push((end, true));
            } else if c == ECONOMIC_LIST.last && ends_with(ECONOMIC_LIST.text) {
                self.list_markers.push((end, false));
            } else if c == INCOME.last && ends_with(INCOME.text) {
                self.income_words.push(end - INCOME.text.len());
            } else if c == EXPENDITURE.last && ends_with(EXPENDITURE.text) {
                self.expenditure_words.push(end - EXPENDITURE.text.len());
            } else if c == OF_WHICH.last && ends_with(OF_WHICH.text) {
                self.of_which_words.push(end - OF_WHICH.text.len());
            } else if LABEL_COLONS.contains(&c) {
                if let Some(kind) = self.text.get(..i).and_then(part_labelled) {
                    self.part_labels.push((end, kind));
                }
            } else if c == YEAR {
                self.has_year = true;
            } else if UNCHANGED_ENDINGS
                .iter()
                .any(|w| c == w.last && ends_with(w.text))
            {
                self.says_unchanged = true;
            }
        }
        self.context_by_function = self.headings.iter().any(|h| h.contains(FUNCTION_LIST.text))
            && !self.headings.iter().any(|h| h.contains(ECONOMIC_LIST.text));
    }

    pub(super) fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or("")
    }

    /// The character that starts at `byte` (or the next one).
    pub(super) fn char_from(&self, byte: usize) -> Option<Place> {
        let start = (byte..self.text.len()).find(|&b| self.text.is_char_boundary(b))?;
        self.place(start)
    }

    /// The last character that starts before `byte`.
    pub(super) fn char_before(&self, byte: usize) -> Option<Place> {
        let end = byte.min(self.text.len());
        let start = (0..end).rev().find(|&b| self.text.is_char_boundary(b))?;
        self.place(start)
    }

    /// Where the character that starts at `byte` is: in its run, so many characters on.
    fn place(&self, byte: usize) -> Option<Place> {
        let i = self
            .runs
            .partition_point(|r| r.byte <= byte)
            .checked_sub(1)?;
        let run = self.runs.get(i)?;
        let before = self.text.get(run.byte..byte)?.chars().count();
        Some(Place {
            offset: run.offset + before,
            line: run.line,
        })
    }

    /// Where the sentence holding `byte` starts.
    fn sentence_start(&self, byte: usize) -> usize {
        let i = self.sentence_breaks.partition_point(|&b| b <= byte);
        i.checked_sub(1)
            .and_then(|i| self.sentence_breaks.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// Where the sentence holding `byte` starts, for readers outside this module.
    pub(super) fn sentence_from(&self, byte: usize) -> usize {
        self.sentence_start(byte)
    }

    /// Where the sentence holding `byte` ends (after its final punctuation).
    fn sentence_end(&self, byte: usize) -> usize {
        let i = self.sentence_breaks.partition_point(|&b| b <= byte);
        self.sentence_breaks
            .get(i)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The sentence(s) holding `start..end`, cut at [`LOOK_BACK`] bytes on either side when
    /// there is no sentence end nearby.
    pub(super) fn sentence_around(&self, start: usize, end: usize) -> &str {
        let mut from = self
            .sentence_start(start)
            .max(start.saturating_sub(LOOK_BACK));
        let mut to = self.sentence_end(end).min(end.saturating_add(LOOK_BACK));
        while from < start && !self.text.is_char_boundary(from) {
            from += 1;
        }
        while to > end && !self.text.is_char_boundary(to) {
            to -= 1;
        }
        self.slice(from, to)
    }

    /// Where the end of the sentence before `byte` starts: at most [`LOOK_BACK`] bytes back.
    /// `None` when `byte` is not a character boundary (the recent text is then empty).
    fn recent_start(&self, byte: usize) -> Option<usize> {
        let mut from = self
            .sentence_start(byte)
            .max(byte.saturating_sub(LOOK_BACK));
        while from < byte && !self.text.is_char_boundary(from) {
            from += 1;
        }
        self.text.get(from..byte).map(|_| from)
    }

    /// The last of `starts` (the positions of `word`) whose word lies in the recent text
    /// before `byte`: what `rfind` on that text finds, as a byte of the paragraph.
    pub(super) fn last_recent(&self, starts: &[usize], word: &str, byte: usize) -> Option<usize> {
        let from = self.recent_start(byte)?;
        let before = starts.partition_point(|&s| s + word.len() <= byte);
        starts[..before].last().copied().filter(|&s| s >= from)
    }

    /// The last of `starts` (positions of `word`) before `byte` in its sentence to the full
    /// stop, across `；`: a list of parts after `其中：` runs to the full stop
    /// (`其中：人员经费 A 万元，较上年…；公用经费 B 万元…；专项业务经费 C 万元…。`).
    pub(super) fn last_since_full_stop(
        &self,
        starts: &[usize],
        word: &str,
        byte: usize,
    ) -> Option<usize> {
        let stop = self.full_stops.partition_point(|&s| s < byte);
        let from = stop.checked_sub(1).map_or(0, |i| self.full_stops[i]);
        let before = starts.partition_point(|&s| s + word.len() <= byte);
        starts[..before].last().copied().filter(|&s| s >= from)
    }

    /// The last part label (`①人员经费：`) before `byte` in its sentence (to the full stop),
    /// with where it ends.
    pub(super) fn part_label(&self, byte: usize) -> Option<(usize, TotalKind)> {
        let i = self.part_labels.partition_point(|&(end, _)| end <= byte);
        let (end, kind) = i
            .checked_sub(1)
            .and_then(|i| self.part_labels.get(i))
            .copied()?;
        let stop = self.full_stops.partition_point(|&s| s < end);
        let stopped = self.full_stops.get(stop).is_some_and(|&s| s < byte);
        (!stopped).then_some((end, kind))
    }

    /// Whether the last list named before `byte` is by function (`按支出功能科目划分`).
    pub(super) fn reading_functions(&self, byte: usize) -> Option<bool> {
        let i = self.list_markers.partition_point(|&(end, _)| end <= byte);
        i.checked_sub(1)
            .and_then(|i| self.list_markers.get(i))
            .map(|&(_, function)| function)
    }
}

/// How far back in a sentence the reader looks for `其中` or for income/expenditure words.
const LOOK_BACK: usize = 1200;

/// The longest lead read, in characters: subject names are short.
pub(super) const MAX_LEAD_CHARS: usize = 80;

/// Joins lines into paragraphs and tracks the headings between them. Also returns the numbers
/// of the heading lines.
pub(super) fn paragraphs(lines: &[TextLine<'_>]) -> (Vec<Paragraph>, Vec<usize>) {
    let mut out = Vec::new();
    let mut heading_lines = Vec::new();
    let mut headings = Headings::default();
    let mut current = Paragraph::default();
    let mut previous_line: Option<usize> = None;
    // The body of the line being read (its buffers are reused from line to line).
    let mut body = Body::default();
    // Whether the current paragraph's last line left its sentence unfinished.
    let mut open = false;
    for line in lines {
        // A gap in the numbering is where a table was taken out.
        if previous_line.is_some_and(|n| line.number != n + 1) {
            flush(&mut out, &mut current, &headings);
            open = false;
        }
        previous_line = Some(line.number);
        // A page number between two pages of a paragraph is not part of it (`增长` / `4` /
        // `13.11%`): the sentence goes on across it.
        if budget_model::is_page_number(line.text) {
            continue;
        }
        read_body(line.text, &mut body);
        if body.text.is_empty() {
            continue;
        }
        match line_kind(&body, open) {
            LineKind::Heading { level, name, bare } => {
                flush(&mut out, &mut current, &headings);
                heading_lines.push(line.number);
                headings.enter(level, name, bare);
                open = false;
                continue;
            }
            LineKind::ListItem => flush(&mut out, &mut current, &headings),
            LineKind::Text if !open => flush(&mut out, &mut current, &headings),
            LineKind::Text => {}
        }
        current.push_line(line, &body);
        open = !body.text.ends_with(SENTENCE_ENDS);
    }
    flush(&mut out, &mut current, &headings);
    (out, heading_lines)
}

/// Ends the current paragraph. Only a paragraph holding a digit is kept: without one it holds
/// no figure and no claim. Its context is the headings above: none is entered inside a
/// paragraph.
fn flush(out: &mut Vec<Paragraph>, current: &mut Paragraph, headings: &Headings) {
    if !current.has_digit {
        current.text.clear();
        current.runs.clear();
        return;
    }
    let mut paragraph = std::mem::take(current);
    paragraph.headings = headings.names();
    paragraph.index();
    out.push(paragraph);
}

/// A line without its markers (indentation, markdown `#`, list bullets).
#[derive(Debug, Default)]
pub(super) struct Body {
    /// The body without whitespace.
    pub(super) text: String,
    /// Where each stretch of the body between whitespace starts: its byte in `text` and its
    /// character in the line.
    runs: Vec<(usize, usize)>,
    pub(super) markdown_heading: bool,
    pub(super) bullet: bool,
    /// The body holds a digit (`0`-`9`, `０`-`９`).
    has_digit: bool,
}

/// Reads the body of `line` into `body`.
fn read_body(line: &str, body: &mut Body) {
    let after_space = line.trim_start();
    let after_hashes = after_space.trim_start_matches('#');
    body.markdown_heading = after_hashes.len() < after_space.len();
    let mut rest = after_hashes.trim_start();
    let mut chars = rest.chars();
    body.bullet = matches!(chars.next(), Some('-' | '*' | '+' | '•' | '·'))
        && chars.next().is_some_and(char::is_whitespace);
    if body.bullet {
        let marker = rest.chars().next().map_or(0, char::len_utf8);
        rest = rest[marker..].trim_start();
    }
    body.text.clear();
    body.runs.clear();
    body.has_digit = false;
    // Characters of the line before `rest`.
    let before = line[..line.len() - rest.len()].chars().count();
    // Where the stretch being read starts in `rest`, in one pass over its characters.
    let mut stretch: Option<usize> = None;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        body.has_digit |= matches!(c, '0'..='9' | '０'..='９');
        if is_space(c) {
            if let Some(from) = stretch.take() {
                body.text.push_str(&rest[from..i]);
            }
        } else if stretch.is_none() {
            stretch = Some(i);
            body.runs.push((body.text.len(), before + n));
        }
    }
    if let Some(from) = stretch {
        body.text.push_str(&rest[from..]);
    }
}

/// [`char::is_whitespace`], settled without a table lookup for ideographs (every whitespace
/// character is below U+3001).
fn is_space(c: char) -> bool {
    c < '\u{3001}' && c.is_whitespace()
}
