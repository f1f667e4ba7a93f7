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

use std::ops::Range;
use std::sync::LazyLock;

use budget_model::{
    dept_economic_class_by_name, find_word, function_class_by_name, has_word, is_chinese_numeral,
    strip_ordinal, Amount, Change, Claim, Code, Direction, Percent, Subject, ThreePublicItem,
    TotalKind, Unit, DEPT_ECONOMIC_CLASSES, FUNCTION_CLASSES,
};
use regex::Regex;

use crate::text::TextLine;
use crate::vocab::narrative::{funds_named, measure_named};

/// Extracts the claims of the narrative.
///
/// `lines`: the narrative lines of the decoded text in order (table lines already removed; blank
/// lines kept). A figure printed without a unit is read in `default_unit`; a printed unit always
/// wins, even when it is implausible (spotting that is a rule's job).
///
/// Each claim's `start`/`end` are character offsets of its words in the decoded text (from the
/// subject's name to its last figure) and `line` is the line it starts on. Its `headings` are the
/// headings it appears under (ordinals removed, e.g. `2024年单位预算收支情况说明`, `财政拨款支出
/// 情况`); its `funds` are those its own words name, else those of the nearest heading naming
/// some; its `measure` is what its words name, this year's budget by default. When a claim about a
/// class (or an [`Subject::Other`]) is a breakdown of 基本支出, 项目支出, 人员经费 or 公用经费
/// (`基本支出 627.27 万元，其中：工资福利支出 580.13 万元`), it is `part_of` that parent: such a
/// figure is only the part of the class inside that parent.
pub fn extract_claims(lines: &[TextLine<'_>], default_unit: Unit) -> Vec<Claim> {
    paragraphs(lines)
        .iter()
        .filter(|p| !looks_like_table(&p.text))
        .flat_map(|p| read_paragraph(p, default_unit))
        .collect()
}

// ----------------------------------------------------------------------------------------------
// Paragraphs

/// Ends a sentence (and a paragraph when it ends a line).
const SENTENCE_ENDS: [char; 7] = ['。', '；', ';', '！', '？', '!', '?'];

/// Ends the clause a figure's lead is read from.
const CLAUSE_ENDS: [char; 12] = [
    '，', ',', '。', '；', ';', '、', '！', '？', '!', '?', '：', ':',
];

/// A stretch of one line copied into a paragraph without a gap: where it starts in the
/// paragraph text and in the decoded text. Its characters follow each other in both.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Byte index in [`Paragraph::text`].
    byte: usize,
    /// Character offset in the decoded text.
    offset: usize,
    line: usize,
}

/// Where a character of a paragraph is in the decoded text.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Character offset in the decoded text.
    offset: usize,
    line: usize,
}

/// Lines joined into one paragraph. Whitespace is dropped: in Chinese text it is only ever an
/// artefact of extraction (`809. 97`, `较上年预算 安排减少`).
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    /// The runs of [`Paragraph::text`], in order, none empty.
    runs: Vec<Run>,
    /// The headings above the paragraph, outermost first.
    headings: Vec<String>,
    /// Byte positions right after each sentence end, in order. This and the positions below
    /// are recorded once the paragraph is complete, so that reading it stays linear.
    sentence_breaks: Vec<usize>,
    /// End positions of `功能` (true) and `经济` (false), in order: which classification list the
    /// paragraph is reading.
    list_markers: Vec<(usize, bool)>,
    /// Start positions of `收入`, `支出` and `其中`, in order: what the sentence before a figure
    /// talks about is looked up here rather than searched for at every figure.
    income_words: Vec<usize>,
    expenditure_words: Vec<usize>,
    of_which_words: Vec<usize>,
    /// The headings above name a list by function (`功能`) and not by economic nature (`经济`).
    context_by_function: bool,
    /// The text holds `年`: every "unchanged against last year" names a year.
    has_year: bool,
    /// The text holds a word that ends "unchanged" (`一致`, `变化`, `持平`, `不变`).
    says_unchanged: bool,
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
            match c {
                // The characters of SENTENCE_ENDS.
                '。' | '；' | ';' | '！' | '？' | '!' | '?' => self.sentence_breaks.push(end),
                '能' if ends_with("功能") => self.list_markers.push((end, true)),
                '济' if ends_with("经济") => self.list_markers.push((end, false)),
                '入' if ends_with(INCOME) => self.income_words.push(end - INCOME.len()),
                '出' if ends_with(EXPENDITURE) => {
                    self.expenditure_words.push(end - EXPENDITURE.len());
                }
                '中' if ends_with(OF_WHICH) => {
                    self.of_which_words.push(end - OF_WHICH.len());
                }
                '年' => self.has_year = true,
                // The last words of UNCHANGED.
                '致' if ends_with("一致") => self.says_unchanged = true,
                '化' if ends_with("变化") => self.says_unchanged = true,
                '平' if ends_with("持平") => self.says_unchanged = true,
                '变' if ends_with("不变") => self.says_unchanged = true,
                _ => {}
            }
        }
        self.context_by_function = self.headings.iter().any(|h| h.contains("功能"))
            && !self.headings.iter().any(|h| h.contains("经济"));
    }

    fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or("")
    }

    /// The character that starts at `byte` (or the next one).
    fn char_from(&self, byte: usize) -> Option<Place> {
        let start = (byte..self.text.len()).find(|&b| self.text.is_char_boundary(b))?;
        self.place(start)
    }

    /// The last character that starts before `byte`.
    fn char_before(&self, byte: usize) -> Option<Place> {
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
    fn sentence_around(&self, start: usize, end: usize) -> &str {
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
    fn last_recent(&self, starts: &[usize], word: &str, byte: usize) -> Option<usize> {
        let from = self.recent_start(byte)?;
        let before = starts.partition_point(|&s| s + word.len() <= byte);
        starts[..before].last().copied().filter(|&s| s >= from)
    }

    /// Whether the last list named before `byte` is by function (`按支出功能科目划分`).
    fn reading_functions(&self, byte: usize) -> Option<bool> {
        let i = self.list_markers.partition_point(|&(end, _)| end <= byte);
        i.checked_sub(1)
            .and_then(|i| self.list_markers.get(i))
            .map(|&(_, function)| function)
    }
}

/// How far back in a sentence the reader looks for `其中` or for income/expenditure words.
const LOOK_BACK: usize = 1200;

const INCOME: &str = "收入";
const EXPENDITURE: &str = "支出";
const OF_WHICH: &str = "其中";

/// The longest lead read, in characters: subject names are short.
const MAX_LEAD_CHARS: usize = 80;

/// Joins lines into paragraphs and tracks the headings between them.
fn paragraphs(lines: &[TextLine<'_>]) -> Vec<Paragraph> {
    let mut out = Vec::new();
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
        read_body(line.text, &mut body);
        if body.text.is_empty() {
            continue;
        }
        match line_kind(&body, open) {
            LineKind::Heading { level, name, bare } => {
                flush(&mut out, &mut current, &headings);
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
    out
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
struct Body {
    /// The body without whitespace.
    text: String,
    /// Where each stretch of the body between whitespace starts: its byte in `text` and its
    /// character in the line.
    runs: Vec<(usize, usize)>,
    markdown_heading: bool,
    bullet: bool,
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

enum LineKind {
    /// A heading: its level (see [`ordinal`]; 9 for headings without an ordinal) and its name.
    /// `bare`: the line is only an ordinal (`第二部分`), its name follows on the next line.
    Heading {
        level: u8,
        name: String,
        bare: bool,
    },
    /// Starts a list item (`（一）...。`, `1. ...`, `- ...`): always a new paragraph.
    ListItem,
    Text,
}

/// `continues`: the previous line left its sentence unfinished, so a short line is more likely
/// the end of that sentence than a title.
fn line_kind(body: &Body, continues: bool) -> LineKind {
    let text = body.text.trim_end_matches(['。', '.']);
    let ordinal = ordinal(&body.text);
    let name = ordinal
        .and_then(|(_, len)| text.get(len..))
        .filter(|n| !n.is_empty());
    let bare = ordinal.is_some() && name.is_none();
    let name = name.unwrap_or(text);
    let markdown_title =
        body.markdown_heading && text.chars().count() <= 60 && !has_money_hint(text);
    // Only read when it can matter.
    let title = !markdown_title && (ordinal.is_some() || !continues) && is_title(text);
    if markdown_title || (ordinal.is_some() && title) {
        return LineKind::Heading {
            level: ordinal.map_or(9, |(level, _)| level),
            name: name.to_string(),
            bare,
        };
    }
    if !continues && title && ends_with_title_word(text) {
        return LineKind::Heading {
            level: 9,
            name: text.to_string(),
            bare: false,
        };
    }
    if ordinal.is_some() || body.bullet {
        LineKind::ListItem
    } else {
        LineKind::Text
    }
}

/// Short, no sentence punctuation, no amount: `（三）财政拨款支出情况`.
/// Sentence punctuation, a figure with a unit (see [`has_money_hint`]) and colons are looked for
/// in one pass.
fn is_title(text: &str) -> bool {
    if text.chars().count() > 40 {
        return false;
    }
    let mut after_digit = false;
    let mut colon = false;
    for c in text.chars() {
        match c {
            '，' | ',' | '；' | ';' | '！' | '？' | '!' | '?' | '。' => return false,
            '万' | '元' | '%' | '％' if after_digit => return false,
            '：' | ':' => colon = true,
            _ => {}
        }
        after_digit = matches!(c, '0'..='9' | '０'..='９');
    }
    !colon || ends_with_title_word(text)
}

fn ends_with_title_word(text: &str) -> bool {
    const WORDS: [&str; 13] = [
        "情况", "说明", "概况", "解释", "职责", "构成", "设置", "公开", "目录", "表", "附件",
        "部分", "预算",
    ];
    WORDS.iter().any(|w| text.ends_with(w))
}

/// A figure with a unit, which a title never has: a digit followed by `万`, `元`, `%` or `％`
/// (what the regex `[0-9０-９](?:万元|万|元|%|％)` matches).
fn has_money_hint(text: &str) -> bool {
    let mut after_digit = false;
    for c in text.chars() {
        if after_digit && matches!(c, '万' | '元' | '%' | '％') {
            return true;
        }
        after_digit = matches!(c, '0'..='9' | '０'..='９');
    }
    false
}

/// The level and byte length of the ordinal a heading or list item starts with: `第一部分` 0,
/// `一、` 1, `（一）` 2, `1、` / `1.` 3, `（1）` / `1)` / `①` 4. Read by hand (see
/// [`ordinal_len`]): this runs on every narrative line.
fn ordinal(text: &str) -> Option<(u8, usize)> {
    // Only the levels whose ordinals can start with the first character are tried; most lines
    // start otherwise and try none.
    let levels: &[u8] = match text.chars().next()? {
        '第' => &[0],
        '（' | '(' => &[2, 4],
        '0'..='9' => &[3, 4],
        '①'..='⑳' => &[4],
        c if is_chinese_numeral(c) => &[1],
        _ => return None,
    };
    let (level, len) = levels
        .iter()
        .find_map(|&level| ordinal_len(text, level).map(|len| (level, len)))?;
    // `1.5` is a number, not an ordinal.
    let decimal = level == 3
        && text[..len].ends_with('.')
        && text[len..].starts_with(|c: char| c.is_ascii_digit());
    (!decimal).then_some((level, len))
}

/// The byte length of the ordinal of `level` that `text` starts with: what the regex of the
/// level matches.
///
/// 0: `^第[一二三四五六七八九十百零0-9]+(?:部分|章|节)`; 1: `^[一二三四五六七八九十百零]+[、.．]`;
/// 2: `^[（(][一二三四五六七八九十百零]+[)）]`; 3: `^[0-9]{1,2}[、.．]`;
/// 4: `^(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[)）]|[①-⑳])`.
fn ordinal_len(text: &str, level: u8) -> Option<usize> {
    let numerals = |t: &str| Some(leading(t, is_chinese_numeral)).filter(|&n| n > 0);
    let two_digits =
        |t: &str| Some(leading(t, |c| c.is_ascii_digit())).filter(|n| (1..=2).contains(n));
    let (body, ends): (usize, &[char]) = match level {
        0 => {
            let rest = text.strip_prefix('第')?;
            let head = text.len() - rest.len();
            let run = leading(rest, |c| is_chinese_numeral(c) || c.is_ascii_digit());
            let after = text.get(head + run..)?;
            let tail = ["部分", "章", "节"]
                .into_iter()
                .find(|w| after.starts_with(w))?;
            return (run > 0).then_some(head + run + tail.len());
        }
        1 => (numerals(text)?, &['、', '.', '．']),
        2 => {
            let open = bracket_len(text.as_bytes(), b'(', 0x88)?;
            (open + numerals(text.get(open..)?)?, &[')', '）'])
        }
        3 => (two_digits(text)?, &['、', '.', '．']),
        _ => {
            if text.starts_with(|c| ('①'..='⑳').contains(&c)) {
                return Some('①'.len_utf8());
            }
            let open = bracket_len(text.as_bytes(), b'(', 0x88).unwrap_or(0);
            (open + two_digits(text.get(open..)?)?, &[')', '）'])
        }
    };
    let end = text
        .get(body..)?
        .chars()
        .next()
        .filter(|c| ends.contains(c))?;
    Some(body + end.len_utf8())
}

/// The byte length of the characters `text` starts with that satisfy `pred`.
fn leading(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !pred(c)).unwrap_or(text.len())
}

/// The path of headings above the current line: level, name, and whether the name is still to
/// come (`第二部分` on a line of its own).
#[derive(Debug, Default)]
struct Headings(Vec<(u8, String, bool)>);

impl Headings {
    fn enter(&mut self, level: u8, name: String, bare: bool) {
        if let Some(top) = self.0.last_mut().filter(|(_, _, bare)| *bare && level == 9) {
            *top = (top.0, name, false);
            return;
        }
        while self.0.last().is_some_and(|(l, _, _)| *l >= level) {
            self.0.pop();
        }
        self.0.push((level, name, bare));
    }

    fn names(&self) -> Vec<String> {
        self.0.iter().map(|(_, name, _)| name.clone()).collect()
    }
}

/// A table that reached the narrative (flattened onto one line, or its title block): numbers
/// or a unit declaration without any sentence punctuation.
fn looks_like_table(text: &str) -> bool {
    let prose = text.contains(['，', ',', '。', '；', ';']);
    !prose && (Unit::find_declaration(text).is_some() || numbers(text).nth(2).is_some())
}

// ----------------------------------------------------------------------------------------------
// Figures

/// The printed numbers of `text`, in order: `8,763.47`, `809.97` (the gap of `809. 97` is gone
/// with the whitespace), `5521`, full-width digits. What the regex
/// `[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?` finds,
/// read by hand: this runs over every paragraph.
fn numbers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_digit(bytes, at)?;
        at = number_end(bytes, start);
        Some(start..at)
    })
}

/// Where the first digit at or after `at` (a character boundary) starts. The text is read
/// character by character from the lead bytes, without decoding: most characters are
/// ideographs of three bytes.
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(at) {
        at += match b {
            b'0'..=b'9' => return Some(at),
            0xEF if digit_len(bytes, at).is_some() => return Some(at),
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    None
}

/// The byte length of the digit (`0`-`9`, `０`-`９`) at `at`, if one is there.
fn digit_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'0'..=b'9', ..] => Some(1),
        [0xEF, 0xBC, 0x90..=0x99, ..] => Some(3),
        _ => None,
    }
}

/// The byte length of the decimal point (`.`, `．`) at `at`, if one is there.
fn point_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'.', ..] => Some(1),
        [0xEF, 0xBC, 0x8E, ..] => Some(3),
        _ => None,
    }
}

/// The end of the run of digits at `at` (at most `limit` of them), and how many there are.
fn digits_end(bytes: &[u8], mut at: usize, limit: usize) -> (usize, usize) {
    let mut count = 0;
    while count < limit {
        let Some(len) = digit_len(bytes, at) else {
            break;
        };
        at += len;
        count += 1;
    }
    (at, count)
}

/// The end of the number starting at `start` (a digit): up to three digits with groups of
/// `,ddd` after them, else a run of digits; then decimals when a digit follows the point.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let (run_end, run) = digits_end(bytes, start, usize::MAX);
    let mut end = run_end;
    if run <= 3 {
        while bytes.get(end) == Some(&b',') {
            let (group_end, group) = digits_end(bytes, end + 1, 3);
            if group < 3 {
                break;
            }
            end = group_end;
        }
    }
    if let Some(point) = point_len(bytes, end) {
        let (decimals_end, decimals) = digits_end(bytes, end + point, usize::MAX);
        if decimals > 0 {
            end = decimals_end;
        }
    }
    end
}

/// The classification codes printed in brackets after their names (`卫生健康支出（210）`): the
/// byte range of each, brackets included. What the regex `[（(]([0-9]{3}|[0-9]{5}|[0-9]{7})[)）]`
/// finds (when group 1 is a code), read by hand: this runs over every paragraph.
fn printed_codes(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // `（` is EF BC 88: an opening bracket starts with `(` or 0xEF.
    memchr::memchr2_iter(b'(', 0xEF, bytes)
        .filter_map(|open| {
            let inside = open + bracket_len(bytes.get(open..)?, b'(', 0x88)?;
            let digits = bytes
                .get(inside..)?
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let close = bracket_len(bytes.get(inside + digits..)?, b')', 0x89)?;
            let code = text.get(inside..inside + digits)?;
            let printed = matches!(digits, 3 | 5 | 7) && Code::parse(code).is_some();
            printed.then_some(open..inside + digits + close)
        })
        .collect()
}

/// The length of the bracket `bytes` starts with: the ASCII one, or the full-width one
/// (EF BC `full_width_last`).
fn bracket_len(bytes: &[u8], ascii: u8, full_width_last: u8) -> Option<usize> {
    match bytes {
        [b, ..] if *b == ascii => Some(1),
        [0xEF, 0xBC, last, ..] if *last == full_width_last => Some(3),
        _ => None,
    }
}

/// No change against last year.
static UNCHANGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:上年|去年|上一年|[0-9]{4}年)[^，,。；;]{0,16}?",
        r"(?:保持一致|无变化|没有变化|未变化|持平|保持不变)",
    ))
    .expect("valid regex")
});

/// A change verb ending a lead: `较上年减少`, `比上年减`, `增加（减少）`, `各增加`.
static CHANGE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:增加|减少|增长|下降|上升|降低|增减|减|增)了?",
        r"(?:[（(](?:增加|减少|增|减)[)）])?[:：]?$",
    ))
    .expect("valid regex")
});

/// The whole lead of a change percentage: `下降`, `增长`, `同比增长`.
static PERCENT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:同比|较上年|比上年)?",
        r"(?:增长|下降|上升|降低|增加|减少|增幅|降幅|减幅|增|减)(?:了|为|率为|率)?[:：]?$",
    ))
    .expect("valid regex")
});

/// What a number turned out to be.
#[derive(Debug, Clone, Copy)]
enum Value {
    /// With a money unit.
    Money(Amount),
    /// Without a unit, read in the default unit; only kept when its lead names a subject or a
    /// change.
    Bare(Amount),
    Percent(Percent),
    /// A money figure or percentage that is not a claim: a bound (`≤ 2600万元`), a threshold
    /// (`200万元以上`), a rate (`30元/人`).
    Ignored,
}

#[derive(Debug, Clone, Copy)]
struct Figure {
    start: usize,
    /// After the unit or `%`.
    end: usize,
    value: Value,
}

fn figures(text: &str, default_unit: Unit) -> Vec<Figure> {
    let codes = printed_codes(text);
    numbers(text)
        .filter(|m| !codes.iter().any(|r| r.contains(&m.start)))
        .filter_map(|m| figure(text, m, default_unit))
        .collect()
}

fn figure(text: &str, number: Range<usize>, default_unit: Unit) -> Option<Figure> {
    let digits = text.get(number.clone())?;
    let bound = is_bound(text.get(..number.start)?);
    let (suffix, len) = suffix(text.get(number.end..)?)?;
    let end = number.end + len;
    let value = match suffix {
        Suffix::Unit(_) if bound || is_threshold(text.get(end..)?) => Value::Ignored,
        Suffix::Unit(unit) => Value::Money(Amount::parse(digits, unit).ok()??),
        Suffix::Percent if bound => Value::Ignored,
        Suffix::Percent => Value::Percent(percent(digits)?),
        Suffix::Ignored => Value::Ignored,
        Suffix::Bare if bound => return None,
        Suffix::Bare => Value::Bare(Amount::parse(digits, default_unit).ok()??),
    };
    Some(Figure {
        start: number.start,
        end,
        value,
    })
}

enum Suffix {
    Unit(Unit),
    Percent,
    Bare,
    Ignored,
}

/// What follows a number, and its length in bytes.
fn suffix(after: &str) -> Option<(Suffix, usize)> {
    if after.starts_with("万元") {
        return Some((Suffix::Unit(Unit::WanYuan), "万元".len()));
    }
    if after.starts_with('元') {
        return Some((Suffix::Unit(Unit::Yuan), '元'.len_utf8()));
    }
    if let Some(rest) = after.strip_prefix('万') {
        // `0.63 万` then `元` on the next line is joined already; a bare `万` before a comma
        // still means 万元, but `479 万人` is a headcount.
        return ends_clause(rest).then_some((Suffix::Unit(Unit::WanYuan), '万'.len_utf8()));
    }
    for sign in ["%", "％", "\\%"] {
        if after.starts_with(sign) {
            return Some((Suffix::Percent, sign.len()));
        }
    }
    if after.starts_with("亿元") {
        return Some((Suffix::Ignored, "亿元".len()));
    }
    ends_clause(after).then_some((Suffix::Bare, 0))
}

fn ends_clause(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？'))
}

/// What precedes a bound figure; [`is_bound`] looks for one only when the text ends in a
/// character one of them ends in.
const BOUNDS: [&str; 27] = [
    "≤",
    "≥",
    "<",
    ">",
    "=",
    "＝",
    "＜",
    "＞",
    "≦",
    "≧",
    "\\leq",
    "\\geq",
    "\\le",
    "\\ge",
    "\\lt",
    "\\gt",
    "不超过",
    "不低于",
    "不少于",
    "不高于",
    "不多于",
    "超过",
    "低于",
    "高于",
    "大于",
    "小于",
    "控制在",
];

/// A bound of a performance indicator precedes the number: `≤ 2600万元`, `$\geq 95\%$`.
fn is_bound(before: &str) -> bool {
    let before = before.trim_end_matches('$');
    // The last characters of BOUNDS: most figures follow another character and need not be
    // compared with every bound.
    let ends_like_a_bound = before.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '≤' | '≥'
                | '<'
                | '>'
                | '='
                | '＝'
                | '＜'
                | '＞'
                | '≦'
                | '≧'
                | 'q'
                | 'e'
                | 't'
                | '过'
                | '于'
                | '在'
        )
    });
    ends_like_a_bound && BOUNDS.iter().any(|b| before.ends_with(b))
}

/// A threshold or a rate follows the unit: `200万元以上`, `100万元及100万元以上`, `30元/人`.
fn is_threshold(rest: &str) -> bool {
    const WORDS: [&str; 8] = ["以上", "以下", "以内", "及以上", "及以下", "/", "／", "每"];
    let and_another = rest
        .strip_prefix('及')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    and_another || WORDS.iter().any(|w| rest.starts_with(w))
}

fn percent(digits: &str) -> Option<Percent> {
    let number = Amount::parse(digits, Unit::Yuan).ok()??;
    Some(Percent {
        value: number.value,
        decimals: number.decimals,
    })
}

// ----------------------------------------------------------------------------------------------
// Subjects

/// Whether the sentence so far talks about income or expenditure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Income,
    Expenditure,
}

/// What the text around a lead says that the lead itself does not.
#[derive(Debug, Clone, Copy)]
struct Hints {
    /// `其中：一般公共预算 8825.49万元` after `收入合计 ...`: income.
    flow: Option<Flow>,
    /// `其他支出` is both function 类 229 and economic 类 399: the paragraph says which list it
    /// is reading (`按支出功能科目划分` / `按支出经济分类划分`).
    function_first: bool,
}

/// Words that name a subject's money and belong to its name: `一般公共预算基本支出`.
const QUALIFIERS: [&str; 5] = [
    "一般公共预算",
    "一般共预算",
    "财政拨款",
    "政府性基金",
    "三公",
];

/// The subjects a lead names, each with the byte where its name starts. Empty when the lead
/// names nothing known.
fn classify(text: &str, hints: Hints) -> Vec<(Subject, usize)> {
    if text.is_empty() {
        return Vec::new();
    }
    three_public(text)
        .or_else(|| printed_code(text))
        .or_else(|| part_total(text))
        .or_else(|| class_by_name(text, hints.function_first))
        .or_else(|| money_source(text, hints.flow))
        .or_else(|| flow_total(text))
        .unwrap_or_default()
}

fn three_public(text: &str) -> Option<Vec<(Subject, usize)>> {
    use ThreePublicItem::*;
    const ITEMS: [(&str, ThreePublicItem); 7] = [
        ("因公出国", Abroad),
        ("公务接待", Reception),
        ("公务用车购置及运行", Vehicle),
        ("公务用车购置和运行", Vehicle),
        ("公务用车运行", VehicleOperation),
        ("公务用车购置", VehiclePurchase),
        ("三公", Total),
    ];
    // Every item names 公: a lead without it names none.
    if !text.contains('公') {
        return None;
    }
    ITEMS
        .iter()
        .find_map(|(word, item)| find_word(text, word).map(|at| (Subject::ThreePublic(*item), at)))
        .map(|found| vec![found])
}

fn printed_code(text: &str) -> Option<Vec<(Subject, usize)>> {
    if !text.ends_with([')', '）']) {
        return None;
    }
    let last = printed_codes(text).pop().filter(|r| r.end == text.len())?;
    let digits = text.get(last)?.trim_matches(['(', ')', '（', '）']);
    let code = Code::parse(digits)?;
    Some(vec![(Subject::Code(code), 0)])
}

/// The parts of a budget: 人员经费, 公用经费, 基本支出, 项目支出, 上年结转.
fn part_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    const PARTS: [(&str, TotalKind); 7] = [
        ("人员经费", Personnel),
        ("公用经费", Public),
        ("基本支出", Basic),
        ("项目支出", Project),
        ("上年结转", CarryOver),
        ("上年结余", CarryOver),
        ("结转", CarryOver),
    ];
    // Every part names 费, 出 or 结.
    if !holds_any(text, &['费', '出', '结']) {
        return None;
    }
    PARTS
        .iter()
        .find_map(|(word, kind)| find_word(text, word).map(|at| vec![(Subject::Total(*kind), at)]))
}

fn class_by_name(text: &str, function_first: bool) -> Option<Vec<(Subject, usize)>> {
    let found = if function_first {
        function_class(text).or_else(|| economic_class(text))
    } else {
        economic_class(text).or_else(|| function_class(text))
    };
    found.map(|(code, at)| vec![(Subject::Code(code), at)])
}

/// The longest ending of the lead that names an economic 类 (`工资福利支出`, `对个人和家庭的补助`).
fn economic_class(text: &str) -> Option<(Code, usize)> {
    // A name is only ever found at the end of the lead (before an optional 支出): most leads end
    // otherwise and need not be tried at every character.
    let base = text.strip_suffix("支出").unwrap_or(text);
    let named = DEPT_ECONOMIC_CLASSES
        .iter()
        .map(|(_, name)| name.strip_suffix("支出").unwrap_or(name))
        .chain(["对个人和家庭补助"])
        .any(|name| base.ends_with(name));
    if !named {
        return None;
    }
    text.char_indices()
        .find_map(|(i, _)| dept_economic_class_by_name(text.get(i..)?).map(|code| (code, i)))
}

/// A function 类 the lead ends with (`社会保障和就业支出`).
fn function_class(text: &str) -> Option<(Code, usize)> {
    if !text.ends_with("支出") {
        return None;
    }
    // The whole lead first: that knows the older names (`资源勘探信息等`). Names starting with
    // 其他 are 项 (`其他医疗保障管理事务支出`), not 类 229.
    let whole = (!text.starts_with("其他") || text == "其他支出")
        .then(|| function_class_by_name(text))
        .flatten();
    whole.map(|code| (code, 0)).or_else(|| {
        FUNCTION_CLASSES
            .iter()
            .filter(|(_, name)| *name != "其他")
            .find_map(|(code, name)| {
                let at = text.len().checked_sub(name.len() + "支出".len())?;
                let named = text.get(at..)?.strip_suffix("支出") == Some(*name);
                named.then(|| Code::parse(code)).flatten().map(|c| (c, at))
            })
    })
}

/// Where the money comes from: 政府性基金, 一般公共预算, 财政拨款.
fn money_source(text: &str, flow: Option<Flow>) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    // Every source starts with 政, 一 or 财.
    if !holds_any(text, &['政', '一', '财']) {
        return None;
    }
    if let Some(at) = find_word(text, "政府性基金") {
        return Some(vec![(Subject::Total(GovernmentFund), at)]);
    }
    let sources: [(&[&str], TotalKind, TotalKind); 2] = [
        (
            &["一般公共预算", "一般共预算"],
            GeneralBudgetIncome,
            GeneralBudgetExpenditure,
        ),
        (&["财政拨款"], FiscalIncome, FiscalExpenditure),
    ];
    sources.iter().find_map(|(words, income, expenditure)| {
        let at = words.iter().find_map(|w| find_word(text, w))?;
        let kinds = by_flow(text.get(at..)?, flow, *income, *expenditure)?;
        Some(kinds.into_iter().map(|k| (Subject::Total(k), at)).collect())
    })
}

fn by_flow(
    tail: &str,
    flow: Option<Flow>,
    income: TotalKind,
    expenditure: TotalKind,
) -> Option<Vec<TotalKind>> {
    if has_word(tail, "收支") {
        return Some(vec![income, expenditure]);
    }
    let flow = match (find_word(tail, INCOME), find_word(tail, EXPENDITURE)) {
        (Some(i), Some(e)) if e < i => Some(Flow::Expenditure),
        (Some(_), _) => Some(Flow::Income),
        (None, Some(_)) => Some(Flow::Expenditure),
        (None, None) => flow,
    };
    flow.map(|f| match f {
        Flow::Income => vec![income],
        Flow::Expenditure => vec![expenditure],
    })
}

/// The document totals: 收入, 支出, both, 其他收入.
fn flow_total(text: &str) -> Option<Vec<(Subject, usize)>> {
    use TotalKind::*;
    const INCOME: [&str; 8] = [
        "收入预算总额",
        "收入总额",
        "收入总计",
        "收入合计",
        "预算收入",
        "本年收入",
        "当年收入",
        "总收入",
    ];
    const EXPENDITURE: [&str; 8] = [
        "支出预算总额",
        "支出总额",
        "支出总计",
        "支出合计",
        "预算支出",
        "本年支出",
        "当年支出",
        "总支出",
    ];
    let find = |words: &[&str]| words.iter().find_map(|w| find_word(text, w));
    if let Some(at) = find_word(text, "其他收入") {
        return Some(vec![(Subject::Total(OtherIncome), at)]);
    }
    if let Some(at) = find(&["收、支", "收支"]) {
        return Some(vec![
            (Subject::Total(Income), at),
            (Subject::Total(Expenditure), at),
        ]);
    }
    // Every word of INCOME holds 收入, every word of EXPENDITURE 支出.
    if let Some(at) = find_word(text, "收入").and_then(|_| find(&INCOME)) {
        return Some(vec![(Subject::Total(Income), at)]);
    }
    find_word(text, "支出")
        .and_then(|_| find(&EXPENDITURE))
        .map(|at| vec![(Subject::Total(Expenditure), at)])
}

/// Whether `text` holds one of `chars`: one pass that rules out a list of words sharing them.
fn holds_any(text: &str, chars: &[char]) -> bool {
    text.chars().any(|c| chars.contains(&c))
}

/// Where a subject's printed name starts: back to a qualifier (`一般公共预算基本支出`) and over an
/// opening quote (`“三公”经费`).
fn subject_start(text: &str, at: usize) -> usize {
    // Every qualifier starts with 一, 财, 政 or 三.
    let qualified = holds_any(text, &['一', '财', '政', '三']);
    let mut start = QUALIFIERS
        .iter()
        .filter(|_| qualified)
        .filter_map(|q| find_word(text, q))
        .filter(|&p| p < at)
        .min()
        .unwrap_or(at);
    let quote = text
        .get(..start)
        .and_then(|head| head.chars().next_back())
        .filter(|c| matches!(c, '“' | '"' | '‘' | '「' | '『'));
    if let Some(q) = quote {
        start -= q.len_utf8();
    }
    start
}

// ----------------------------------------------------------------------------------------------
// Reading a paragraph

/// The words before a figure, back to the previous clause end or figure. Offsets are bytes of
/// the paragraph text.
#[derive(Debug, Clone, Copy)]
struct Lead<'t> {
    start: usize,
    text: &'t str,
}

static YEAR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{4}年度?").expect("valid regex"));

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
        if let Some(r) = rest.strip_prefix("其中") {
            rest = r.trim_start_matches(['：', ':', '，', ',']);
        }
        if rest == before {
            break;
        }
    }
    Lead {
        start: lead.start + (lead.text.len() - rest.len()),
        text: rest.trim_end_matches(['为', '是', '：', ':', '约', '达']),
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
        let joins_income_and_expenditure = c == '、'
            && head.get(..i).is_some_and(|h| h.ends_with('收'))
            && window
                .get(i + c.len_utf8()..)
                .is_some_and(|t| t.starts_with('支'));
        CLAUSE_ENDS.contains(&c) && !joins_income_and_expenditure
    })
}

/// A claim being read; offsets are bytes of the paragraph text.
#[derive(Debug, Clone)]
struct Draft {
    subject: Subject,
    subject_text: String,
    amount: Option<Amount>,
    change: Option<Change>,
    share: Option<Percent>,
    start: usize,
    end: usize,
    /// The subject this one is a breakdown of (`基本支出`).
    part_of: Option<Subject>,
}

enum Event {
    Figure(Figure),
    Unchanged { end: usize },
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
    events.sort_by_key(|(start, _)| *start);
    events
}

fn read_paragraph(para: &Paragraph, default_unit: Unit) -> Vec<Claim> {
    let mut reader = Reader::new(para);
    for (_, event) in events(para, default_unit) {
        match event {
            Event::Figure(figure) => reader.figure(&figure),
            Event::Unchanged { end } => reader.unchanged(end),
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
}

impl<'p> Reader<'p> {
    fn new(para: &'p Paragraph) -> Self {
        Reader {
            para,
            drafts: Vec::new(),
            latest: Vec::new(),
            changed: Vec::new(),
            after_change: false,
            boundary: 0,
        }
    }

    fn figure(&mut self, figure: &Figure) {
        let after_change = std::mem::take(&mut self.after_change);
        let lead = self.lead(figure.start);
        match figure.value {
            Value::Ignored => {}
            Value::Percent(p) => self.percent(lead, p, figure.end, after_change),
            Value::Money(amount) => self.amount(lead, amount, figure.end),
            Value::Bare(amount) if self.accepts_bare(lead) => self.amount(lead, amount, figure.end),
            Value::Bare(_) => {
                // Not a figure at all (a list number, a count): as if it were not there.
                self.after_change = after_change;
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
        let income = para.last_recent(&para.income_words, INCOME, at);
        let expenditure = para.last_recent(&para.expenditure_words, EXPENDITURE, at);
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

    fn amount(&mut self, lead: Lead<'p>, amount: Amount, end: usize) {
        match CHANGE_VERB.find(lead.text) {
            Some(verb) => {
                self.change(lead, verb.start(), verb.as_str(), amount, end);
                self.after_change = true;
            }
            None => self.statement(lead, amount, end),
        }
    }

    /// `收入预算总额为 812.07万元`.
    fn statement(&mut self, lead: Lead<'p>, amount: Amount, end: usize) {
        let words = clean(lead);
        if words.text.is_empty() {
            return;
        }
        let mut subjects = self.subjects(words);
        if subjects.is_empty() {
            subjects.push((Subject::Other(words.text.to_string()), 0));
        }
        self.latest = subjects
            .into_iter()
            .map(|(subject, at)| {
                // A total (人员经费 under 基本支出) is a part by definition; a class is not.
                let part_of = matches!(subject, Subject::Code(_) | Subject::Other(_))
                    .then(|| self.part_of(words.start))
                    .flatten();
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
    fn change(&mut self, lead: Lead<'p>, verb_at: usize, verb: &str, amount: Amount, end: usize) {
        let change = Change {
            direction: direction(verb, amount.is_zero()),
            amount: Some(amount),
            percent: None,
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
            .rfind(['较', '比'])
            .and_then(|i| named.get(..i))
            .unwrap_or(named);
        let words = clean(Lead {
            start: lead.start,
            text: named.trim_end_matches('各'),
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

    fn percent(&mut self, lead: Lead<'p>, p: Percent, end: usize, after_change: bool) {
        if lead.text.starts_with('占') {
            for i in self.latest_where(|d| d.share.is_none()) {
                self.update(i, end, |d| d.share = Some(p));
            }
        } else if PERCENT_VERB.is_match(lead.text) {
            self.change_percent(p, end, Some(direction(lead.text, false)));
        } else if after_change && matches!(lead.text, "（" | "(") {
            self.change_percent(p, end, None);
        }
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
                    }
                });
            }
            return;
        }
        let Some(direction) = direction else { return };
        let fresh = self.latest_where(|d| d.change.is_none());
        for &i in &fresh {
            self.update(i, end, |d| {
                d.change = Some(Change {
                    direction,
                    amount: None,
                    percent: Some(p),
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
                d.change = Some(Change {
                    direction: Direction::Unchanged,
                    amount: None,
                    percent: None,
                });
            });
        }
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
    fn push(&mut self, subject: Subject, words: Lead<'_>, at: usize, end: usize) -> usize {
        let start = subject_start(words.text, at);
        self.drafts.push(Draft {
            subject,
            subject_text: words.text.get(start..).unwrap_or(words.text).to_string(),
            amount: None,
            change: None,
            share: None,
            start: words.start + start,
            end,
            part_of: None,
        });
        self.drafts.len() - 1
    }

    /// `基本支出 627.27 万元 ...；其中：工资福利支出 580.13 万元`: the part this claim breaks
    /// down, when a `其中` in its sentence follows a claim about one.
    fn part_of(&self, at: usize) -> Option<Subject> {
        let of_which = self
            .para
            .last_recent(&self.para.of_which_words, OF_WHICH, at)?;
        let parent = self
            .drafts
            .iter()
            .rev()
            .take(50)
            .find(|d| d.start < of_which && d.part_of.is_none() && d.amount.is_some())?;
        let is_part = matches!(
            parent.subject,
            Subject::Total(
                TotalKind::Basic | TotalKind::Project | TotalKind::Personnel | TotalKind::Public
            )
        );
        is_part.then(|| parent.subject.clone())
    }
}

/// The direction a verb gives: `增加（减少）0` is no change.
fn direction(verb: &str, zero: bool) -> Direction {
    let up = verb.find(['增', '升']);
    let down = verb.find(['减', '降']);
    match (up, down) {
        (Some(_), Some(_)) if zero => Direction::Unchanged,
        (Some(u), Some(d)) if d < u => Direction::Decrease,
        (Some(_), _) => Direction::Increase,
        (None, Some(_)) => Direction::Decrease,
        (None, None) => Direction::Unchanged,
    }
}

fn to_claim(para: &Paragraph, draft: Draft) -> Option<Claim> {
    let first = para.char_from(draft.start)?;
    let last = para.char_before(draft.end)?;
    let sentence = para.sentence_around(draft.start, draft.end).to_string();
    let funds = funds_named(&draft.subject_text)
        .or_else(|| para.headings.iter().rev().find_map(|h| funds_named(h)))
        .unwrap_or_default();
    Some(Claim {
        measure: measure_named(&draft.subject_text).unwrap_or_default(),
        funds,
        part_of: draft.part_of,
        amount: draft.amount,
        change: draft.change,
        share: draft.share,
        sentence,
        start: first.offset,
        end: last.offset + 1,
        line: first.line,
        headings: para.headings.clone(),
        ..Claim::new(draft.subject, draft.subject_text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_what_the_regexes_find() {
        let regexes = [
            r"^第[一二三四五六七八九十百零0-9]+(?:部分|章|节)",
            r"^[一二三四五六七八九十百零]+[、.．]",
            r"^[（(][一二三四五六七八九十百零]+[)）]",
            r"^[0-9]{1,2}[、.．]",
            r"^(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[)）]|[①-⑳])",
        ]
        .map(|re| Regex::new(re).expect("valid regex"));
        let texts = [
            "第一部分",
            "一二部分",
            "第2章 概况",
            "第十节",
            "第部分",
            "第一",
            "一、概况",
            "十二.",
            "一二",
            "、",
            "（一）收入",
            "(二)",
            "（）",
            "（一",
            "（12）",
            "(1)",
            "(123)",
            "1)",
            "12）",
            "123)",
            "1、",
            "12.",
            "123、",
            "1.5万元",
            "①说明",
            "⑳",
            "㉑",
            "收入",
            "",
            "（1）（2）",
        ];
        for text in texts {
            for (level, re) in regexes.iter().enumerate() {
                let level = u8::try_from(level).expect("five levels");
                let expected = re.find(text).map(|m| m.end());
                assert_eq!(ordinal_len(text, level), expected, "{text:?} level {level}");
            }
        }
        assert_eq!(ordinal("1.5万元"), None);
        assert_eq!(ordinal("（一）收入"), Some((2, "（一）".len())));
    }

    #[test]
    fn printed_codes_are_what_the_regex_finds() {
        let re = Regex::new(r"[（(]([0-9]{3}|[0-9]{5}|[0-9]{7})[)）]").expect("valid regex");
        let texts = [
            "卫生健康支出（210）5.00万元，行政运行(2010101)3.00万元",
            "（一）(12)（1234）(123456)（2080505）(208",
            "（（210））(（210)",
            "社会保障和就业支出(208）",
            "",
        ];
        for text in texts {
            let expected: Vec<Range<usize>> = re
                .captures_iter(text)
                .filter(|c| c.get(1).is_some_and(|m| Code::parse(m.as_str()).is_some()))
                .filter_map(|c| c.get(0).map(|m| m.range()))
                .collect();
            assert_eq!(printed_codes(text), expected, "{text}");
        }
        assert_eq!(printed_codes("支出（210）").len(), 1);
    }
    use crate::text::lines;
    use proptest::prelude::*;

    /// What [`is_title`] computes, one condition at a time.
    fn is_title_plainly(text: &str) -> bool {
        text.chars().count() <= 40
            && !text
                .chars()
                .any(|c| matches!(c, '，' | ',' | '；' | ';' | '！' | '？' | '!' | '?' | '。'))
            && !has_money_hint(text)
            && (!text.chars().any(|c| matches!(c, '：' | ':')) || ends_with_title_word(text))
    }

    proptest! {
        #[test]
        fn is_title_reads_as_its_conditions(text in "[一二（）情况说明表:：，。5５万元%％a ]{0,45}") {
            prop_assert_eq!(is_title(&text), is_title_plainly(&text));
        }
    }

    use budget_model::{Funds, Measure};

    fn read(text: &str, unit: Unit) -> Vec<Claim> {
        extract_claims(&lines(text), unit)
    }

    fn only(claims: &[Claim], subject: &Subject) -> Claim {
        let found: Vec<&Claim> = claims.iter().filter(|c| c.subject == *subject).collect();
        assert_eq!(found.len(), 1, "{subject:?} in {claims:#?}");
        found[0].clone()
    }

    fn text_of(text: &str, claim: &Claim) -> String {
        text.chars()
            .skip(claim.start)
            .take(claim.end - claim.start)
            .collect()
    }

    fn amount(claim: &Claim) -> String {
        claim.amount.map(|a| a.to_string()).unwrap_or_default()
    }

    fn change(claim: &Claim) -> String {
        let Some(c) = &claim.change else {
            return String::new();
        };
        let mut out = format!("{:?}", c.direction);
        if let Some(a) = c.amount {
            out.push_str(&format!(" {a}"));
        }
        if let Some(p) = c.percent {
            out.push_str(&format!(
                " {}%",
                budget_model::format_value(p.value, p.decimals)
            ));
        }
        out
    }

    fn code(c: &str) -> Subject {
        Subject::Code(Code::parse(c).expect("a code"))
    }

    #[test]
    fn joins_a_unit_split_across_lines() {
        let text = "其中：工资福利支出 580.13 万元、对个人和家庭的补助 0.63 万\n\n元、资本性支出 0.00 万元；";
        let claims = read(text, Unit::Yuan);
        let c = only(&claims, &code("303"));
        assert_eq!(amount(&c), "0.63万元");
        assert_eq!(c.subject_text, "对个人和家庭的补助");
        assert_eq!(text_of(text, &c), "对个人和家庭的补助 0.63 万\n\n元");
        assert_eq!(c.line, 1);
        let capital = only(&claims, &code("310"));
        assert_eq!(capital.line, 3);
        assert_eq!(text_of(text, &capital), "资本性支出 0.00 万元");
    }

    #[test]
    fn reads_a_change_with_its_percentage() {
        let text = "2024年某中心收入预算总额为 812.07万元,较上年减少 131.10万元,下降 13.9%,主要原因是划拨人员 6名。";
        let claims = read(text, Unit::Yuan);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        let c = &claims[0];
        assert_eq!(c.subject, Subject::Total(TotalKind::Income));
        assert_eq!(amount(c), "812.07万元");
        assert_eq!(change(c), "Decrease 131.10万元 13.9%");
        assert_eq!(
            text_of(text, c),
            "收入预算总额为 812.07万元,较上年减少 131.10万元,下降 13.9%"
        );
        assert!(c.sentence.starts_with("2024年某中心"), "{}", c.sentence);
    }

    #[test]
    fn reads_no_change() {
        let text = "公务用车运行维护费 0.00 万元, 与上年保持一致。\n本单位当年公用经费预算安排 18000 元，较上年无变化。\n项目支出 182. 70 万元,较上年预算安排增加(减少)0.00 万元,与上年保持一致。";
        let claims = read(text, Unit::Yuan);
        let vehicle = only(
            &claims,
            &Subject::ThreePublic(ThreePublicItem::VehicleOperation),
        );
        assert_eq!(change(&vehicle), "Unchanged");
        let public = only(&claims, &Subject::Total(TotalKind::Public));
        assert_eq!(
            (amount(&public).as_str(), change(&public).as_str()),
            ("18000元", "Unchanged")
        );
        let project = only(&claims, &Subject::Total(TotalKind::Project));
        assert_eq!(amount(&project), "182.70万元");
        assert_eq!(change(&project), "Unchanged 0.00万元");
    }

    #[test]
    fn reads_shares() {
        let text = "其中：基本支出704.49万元，占7.98%；项目支出8121万元，占92.02%。";
        let claims = read(text, Unit::Yuan);
        let basic = only(&claims, &Subject::Total(TotalKind::Basic));
        let share = basic.share.expect("a share");
        assert_eq!(
            (share.value.to_string(), share.decimals),
            ("7.98".to_string(), 2)
        );
        let project = only(&claims, &Subject::Total(TotalKind::Project));
        assert_eq!(
            project.share.map(|p| p.value.to_string()).as_deref(),
            Some("92.02")
        );
        assert_eq!(project.change, None);
    }

    #[test]
    fn no_claims_for_dates_counts_and_indicators() {
        for text in [
            "截至 2023 年 7 月 31 日,单位共有车辆 0 辆,其中,一般公务用车实有数 0 辆。",
            "编制人数小计 34 人,其中:全部补助事业编制 34 人。实有人数 26 人。",
            "5) 实施周期: 2024年1月1日-2024年12月31日",
            "满意度指标：离休干部满意度 $\\geq 95\\%$ ，医疗机构满意度 $\\geq 95\\%$ 。",
            "成本指标：财政拨款资金 \\leq 2600万元，年度资金增长率 \\leq 3%；",
            "产出指标：参保人数 ≥ 479 万人，各级财政实际补助标准=670元，医保政策落实率=100%，",
            "安排购置单位价值 200万元以上大型设备具体为:无。筹资标准较上年增加30元/人。",
            "根据《通知》(医保办发〔2019〕17号)文件，2024年新增公务用车编制1台。",
            "<u>单位:万元</u> 支出 项目 一、财政拨款收入 809.97 一、本年支出 809. 97 809. 97",
        ] {
            let claims = read(text, Unit::WanYuan);
            assert!(claims.is_empty(), "{text}: {claims:#?}");
        }
    }

    #[test]
    fn a_bare_number_takes_the_default_unit() {
        let claims = read(
            "收入预算总额为 812.07，较上年减少 131.10，下降 13.9%。",
            Unit::WanYuan,
        );
        let c = only(&claims, &Subject::Total(TotalKind::Income));
        assert_eq!(amount(&c), "812.07万元");
        assert_eq!(change(&c), "Decrease 131.10万元 13.9%");
    }

    #[test]
    fn the_printed_unit_wins() {
        let text = "本单位当年预算支出 936760 元，其中一般公共预算拨款支出 936760 万元，较上年增加 322170 元。";
        let claims = read(text, Unit::Yuan);
        let c = only(
            &claims,
            &Subject::Total(TotalKind::GeneralBudgetExpenditure),
        );
        assert_eq!(amount(&c), "936760万元");
        assert_eq!(change(&c), "Increase 322170元");
        let all = only(&claims, &Subject::Total(TotalKind::Expenditure));
        assert_eq!(
            (amount(&all).as_str(), all.change.is_none()),
            ("936760元", true)
        );
    }

    #[test]
    fn codes_by_printed_code_and_by_name() {
        let text = "（2）卫生健康支出（210）818450 元，其中其他医疗保障管理事务支出（2101599）713730 元，较上年增加 319160 元。\n按支出功能科目划分：社会保障和就业支出 756.56 万元；其他支出 1 万元。\n按支出经济分类划分：商品和服务支出 46.51 万元；其他支出 2 万元。";
        let claims = read(text, Unit::Yuan);
        assert_eq!(amount(&only(&claims, &code("210"))), "818450元");
        let item = only(&claims, &code("2101599"));
        assert_eq!(item.subject_text, "其他医疗保障管理事务支出（2101599）");
        assert_eq!(change(&item), "Increase 319160元");
        assert_eq!(amount(&only(&claims, &code("208"))), "756.56万元");
        assert_eq!(amount(&only(&claims, &code("229"))), "1万元");
        assert_eq!(amount(&only(&claims, &code("302"))), "46.51万元");
        assert_eq!(amount(&only(&claims, &code("399"))), "2万元");
    }

    #[test]
    fn a_change_may_name_its_subject_in_a_later_sentence() {
        let text = "我部门2024年“三公”经费预算为5万元。2024年“三公”经费支出预算数比2023年增加2万元。\n安阳2024年收入总计8825.49万元，支出总计8825.49万元，与2023年相比，收、支总计各增加337.32万元，增长3.97%，主要原因：标准较上年增加30元/人。";
        let claims = read(text, Unit::Yuan);
        let total = only(&claims, &Subject::ThreePublic(ThreePublicItem::Total));
        assert_eq!(
            (amount(&total).as_str(), change(&total).as_str()),
            ("5万元", "Increase 2万元")
        );
        assert_eq!(total.subject_text, "“三公”经费预算");
        for kind in [TotalKind::Income, TotalKind::Expenditure] {
            let c = only(&claims, &Subject::Total(kind));
            assert_eq!(change(&c), "Increase 337.32万元 3.97%", "{kind:?}");
        }
    }

    #[test]
    fn a_percentage_in_brackets_after_a_change() {
        let claims = read(
            "公务接待费 5000 元，较上年增加 5000 元（100%），增加的主要原因是上年度无预算。",
            Unit::Yuan,
        );
        let c = only(&claims, &Subject::ThreePublic(ThreePublicItem::Reception));
        assert_eq!(change(&c), "Increase 5000元 100%");
    }

    #[test]
    fn headings_give_the_context() {
        let text = "# 一、2024年单位预算收支情况说明\n\n(三)财政拨款支出情况\n\n2024年财政拨款支出预算 809.97 万元,较上年\n\n减少 133.20 万元。按支出项目类别划分:基本支出 627.27 万元;其中:工资福利支出 580.13 万元、商品和服务支出 46.51 万元;项目支出 182.70 万元。\n\n二、2024年\"三公\"经费预算情况说明\n\n- 1. 因公出国(境)经费0.00万元,与上年保持一致。";
        let claims = read(text, Unit::Yuan);
        let fiscal = only(&claims, &Subject::Total(TotalKind::FiscalExpenditure));
        assert_eq!(
            fiscal.headings,
            ["2024年单位预算收支情况说明", "财政拨款支出情况"]
        );
        assert_eq!(fiscal.funds, Funds::FiscalAppropriation);
        assert_eq!(change(&fiscal), "Decrease 133.20万元");
        assert_eq!(fiscal.line, 5);
        let wages = only(&claims, &code("301"));
        assert_eq!(wages.headings, fiscal.headings);
        assert_eq!(wages.part_of, Some(Subject::Total(TotalKind::Basic)));
        let project = only(&claims, &Subject::Total(TotalKind::Project));
        assert!(project.same_section(&fiscal));
        assert!(!wages.same_section(&fiscal));
        let abroad = only(&claims, &Subject::ThreePublic(ThreePublicItem::Abroad));
        assert_eq!(abroad.headings, ["2024年\"三公\"经费预算情况说明"]);
        assert_eq!(abroad.funds, Funds::All);
        assert_eq!(change(&abroad), "Unchanged");
    }

    #[test]
    fn the_subject_names_its_funds_and_measure() {
        let text = "(一)财政拨款支出情况\n\n一般公共预算支出年初预算为8825.49万元。政府性基金支出 12.00 万元。";
        let claims = read(text, Unit::Yuan);
        let general = only(
            &claims,
            &Subject::Total(TotalKind::GeneralBudgetExpenditure),
        );
        assert_eq!(general.funds, Funds::GeneralBudget);
        assert_eq!(general.measure, Measure::InitialBudget);
        let fund = only(&claims, &Subject::Total(TotalKind::GovernmentFund));
        assert_eq!(fund.funds, Funds::GovernmentFund);
        assert_eq!(fund.measure, Measure::Budget);
    }

    #[test]
    fn other_amounts_are_kept() {
        let claims = read("2023 年部门机关运行经费预算 944.07 万元，比 2022 年预算增加 13.38 万元，增长 1.44%，主要原因为：人员增加。", Unit::Yuan);
        let c = only(&claims, &Subject::Other("部门机关运行经费预算".into()));
        assert_eq!(change(&c), "Increase 13.38万元 1.44%");
    }

    const FRAGMENTS: &[&str] = &[
        "\n",
        "\n\n",
        " ",
        "，",
        ",",
        "。",
        "；",
        "：",
        "、",
        "（",
        "）",
        "(",
        ")",
        "%",
        "万",
        "元",
        "万元",
        "0",
        "5",
        ".",
        "12.30",
        "2024年",
        "较上年增加",
        "减少",
        "下降",
        "占",
        "与上年保持一致",
        "其中",
        "基本支出",
        "项目支出",
        "三公",
        "收、支总计各",
        "一、",
        "（一）",
        "1.",
        "- ",
        "# ",
        "≤",
        "以上",
        "/人",
        "（210）",
        "\\%",
        "$",
        "收入",
        "支出",
        "一般公共预算",
        "财政拨款",
        "其他支出",
        "功能",
        "é",
        "\u{3000}",
        "０",
    ];

    #[test]
    fn bound_last_characters_cover_every_bound() {
        for bound in BOUNDS {
            assert!(is_bound(bound), "{bound:?}");
            assert!(is_bound(&format!("{bound}$")), "{bound:?}");
        }
        for text in ["超过的", "收入", "支出", "在", ""] {
            assert!(!is_bound(text), "{text:?}");
        }
    }

    #[test]
    fn money_hint_is_what_the_regex_finds() {
        let hint = Regex::new(r"[0-9０-９](?:万元|万|元|%|％)").unwrap();
        let texts = [
            "",
            "5万",
            "5 万",
            "５元",
            "12%",
            "１２％",
            "万5",
            "（三）财政拨款支出情况",
            "共3个",
            "合计812.07万元",
            "x9％y",
        ];
        for text in texts {
            assert_eq!(has_money_hint(text), hint.is_match(text), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_what_the_regex_finds() {
        let number = Regex::new(
            r"[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?",
        )
        .unwrap();
        let texts = [
            "",
            "1",
            "8,763.47万元",
            "1234,567",
            "1,234,56",
            "1,2345",
            "12.",
            "12.3.4",
            "５５２１",
            "８,７６３．４７",
            "1,234.",
            "1,,234",
            "a1,234,567.8b",
            "0.5%",
            "1.5.",
            ",123",
            "１,２３４",
            "1234.５",
            "收入812.07万元，较上年减少131.10万元（下降13.9%）",
            "12,34",
            "1,234,5678",
        ];
        for text in texts {
            let want: Vec<_> = number.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(numbers(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn numbers_agree_with_the_regex(text in "[0-9０-９,.．a收 ]{0,24}") {
            let number = Regex::new(
                r"[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?",
            )
            .unwrap();
            let want: Vec<_> = number.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(numbers(&text).collect::<Vec<_>>(), want);
        }
    }

    /// Long paragraphs (no sentence end, thousands of figures, a huge lead) are read in about
    /// linear time.
    #[test]
    fn long_paragraphs_are_read_quickly() {
        let many = "功能收入较上年增加12万元，其中工资福利支出3元，".repeat(5_000);
        let claims = read(&many, Unit::Yuan);
        assert!(claims.len() >= 5_000);
        let huge_lead = "工资福利".repeat(100_000) + "支出12万元，较上年增加1万元。";
        let claims = read(&huge_lead, Unit::Yuan);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].subject, code("301"));
        assert_eq!(change(&claims[0]), "Increase 1万元");
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC*") {
            let _ = read(&text, Unit::WanYuan);
        }

        #[test]
        fn never_panics_on_budget_like_text(
            picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..80)
        ) {
            let text: String = picks.iter().filter_map(|&i| FRAGMENTS.get(i).copied()).collect();
            let chars = text.chars().count();
            for claim in read(&text, Unit::Yuan) {
                prop_assert!(claim.start < claim.end && claim.end <= chars);
            }
        }
    }
}
