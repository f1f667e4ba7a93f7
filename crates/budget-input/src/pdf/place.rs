//! Where a reading's figures are printed: a figure of a row or a sentence is found among the
//! words of its page, so that a finding can carry the box a viewer marks. Both readings of a
//! PDF are made of the same words, so one placing serves either. Pure: no I/O.
//!
//! A figure is a run of digits (with thousands separators and a decimal point) inside a word,
//! not touching other digits; it matches when it reads as the same value. Of several matches,
//! the one on the row's own line is taken: nearest to its label's words, else to the figure
//! placed before it on the page.

use budget_model::{Amount, Unit};
use rust_decimal::Decimal;

use super::words::Word;

/// A box in points: x0, y0, x1, y1 (y grows downwards).
pub type Corners = (f64, f64, f64, f64);

/// One page's words, and how far down the placing has come (figures are placed in reading
/// order, so that of two equal figures the later one goes to the later row).
pub struct PagePlacer<'w> {
    words: &'w [Word],
    /// Every figure the page prints: its value and its box, read once.
    figures: Vec<(Decimal, Corners)>,
    cursor: f64,
    /// Per figure, whether it was placed already: two equal figures of one row are two cells.
    used: Vec<bool>,
}

impl<'w> PagePlacer<'w> {
    pub fn new(words: &'w [Word]) -> Self {
        let mut figures: Vec<(Decimal, Corners)> = words
            .iter()
            .flat_map(|w| figures_in(w).into_iter().map(move |f| (w, f)))
            .map(|(w, f)| (f.value, sub_box(w, f.start, f.end)))
            .collect();
        if figures.len() > MAX_FIGURES {
            figures.clear();
        }
        PagePlacer {
            words,
            used: vec![false; figures.len()],
            figures,
            cursor: f64::NEG_INFINITY,
        }
    }

    /// The box of the figure reading as `value` printed nearest to the words starting `label`
    /// (a row's label, a sentence's first words), else the first one from the cursor down.
    pub fn figure(&mut self, value: Decimal, label: &str) -> Option<Corners> {
        if self.figures.is_empty() {
            return None;
        }
        let anchor = self.anchor(label);
        let used = &self.used;
        let free = self
            .figures
            .iter()
            .enumerate()
            .filter(|(k, (v, _))| *v == value && !used[*k])
            .map(|(k, (_, c))| (k, *c));
        let reading_order = |a: &(usize, Corners), b: &(usize, Corners)| {
            let line = |c: &Corners| (centre(c) / LINE).round();
            line(&a.1)
                .total_cmp(&line(&b.1))
                .then(a.1 .0.total_cmp(&b.1 .0))
        };
        let cursor = self.cursor;
        let chosen = match anchor {
            Some(y) => free.min_by(|a, b| {
                let near = |c: &Corners| (dist(c, y) / LINE).round();
                near(&a.1)
                    .total_cmp(&near(&b.1))
                    .then(a.1 .0.total_cmp(&b.1 .0))
            }),
            None => free
                .filter(|(_, c)| centre(c) >= cursor - LINE)
                .min_by(reading_order),
        };
        let (k, chosen) = chosen?;
        self.cursor = centre(&chosen);
        self.used[k] = true;
        Some(chosen)
    }

    /// The vertical centre of the first word, from the cursor down, that holds the start of
    /// `label` (its first characters without spaces).
    fn anchor(&self, label: &str) -> Option<f64> {
        let key: String = label
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(LABEL_KEY)
            .collect();
        if key.chars().count() < 2 || key.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut holding: Vec<&Word> = self
            .words
            .iter()
            .filter(|w| w.text.contains(&*key))
            .collect();
        holding.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
        let below = holding.iter().find(|w| w.cy() >= self.cursor - LINE);
        below.or(holding.first()).map(|w| w.cy())
    }
}

/// The most figures a page may print to be placed: placing compares a figure with every equal
/// one printed on its page, so a page of 10⁵ equal figures (hostile, or a dump of data) is
/// left unplaced rather than taking hours; a budget table's page prints a few hundred.
const MAX_FIGURES: usize = 5_000;

/// Vertical distance (points) within which two figures are on one line.
const LINE: f64 = 3.0;

/// Characters of a label that find its words on the page.
const LABEL_KEY: usize = 4;

fn centre(c: &Corners) -> f64 {
    (c.1 + c.3) / 2.0
}

fn dist(c: &Corners, y: f64) -> f64 {
    (centre(c) - y).abs()
}

/// A figure printed inside a word: its value and its character range.
struct Figure {
    value: Decimal,
    start: usize,
    end: usize,
}

/// The figures of a word: maximal runs of digits, separators and points holding a digit,
/// read by the one parser of amounts.
fn figures_in(word: &Word) -> Vec<Figure> {
    let chars: Vec<char> = word.text.chars().collect();
    let is_part = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_part(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_part(chars[i]) {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        let text = text.trim_matches([',', '.']);
        let lead = chars[start..i]
            .iter()
            .take_while(|c| matches!(c, ',' | '.'))
            .count();
        if let Some(amount) = Amount::read(text, Unit::Yuan) {
            let start = start + lead;
            out.push(Figure {
                value: amount.value,
                start,
                end: start + text.chars().count(),
            });
        }
    }
    out
}

/// The part of a word's box its characters `start..end` take, shared out evenly.
fn sub_box(w: &Word, start: usize, end: usize) -> Corners {
    let n = w.text.chars().count().max(1) as f64;
    let width = w.x1 - w.x0;
    let x0 = w.x0 + width * start as f64 / n;
    let x1 = w.x0 + width * end as f64 / n;
    (x0, w.y0, x1, w.y1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().expect("a decimal")
    }

    fn page() -> Vec<Word> {
        vec![
            Word::new(10.0, 100.0, 60.0, 110.0, "行政运行"),
            Word::new(200.0, 100.0, 250.0, 110.0, "1,528.64"),
            Word::new(10.0, 120.0, 60.0, 130.0, "事业运行"),
            Word::new(200.0, 120.0, 250.0, 130.0, "1,528.64"),
            Word::new(10.0, 200.0, 210.0, 210.0, "安排经费74.83万元，比上年"),
        ]
    }

    /// A page of more equal figures than placing can pair in time is left unplaced.
    #[test]
    fn a_page_of_too_many_figures_is_not_placed() {
        let words: Vec<Word> = (0..=MAX_FIGURES)
            .map(|i| {
                let x = (i % 100) as f64 * 30.0;
                let y = (i / 100) as f64 * 12.0;
                Word::new(x, y, x + 20.0, y + 9.0, "1.23")
            })
            .collect();
        let mut placer = PagePlacer::new(&words);
        assert_eq!(placer.figure(dec("1.23"), ""), None);
        let mut few = PagePlacer::new(&words[..100]);
        assert!(few.figure(dec("1.23"), "").is_some());
    }

    #[test]
    fn a_figure_is_placed_on_its_rows_line() {
        let words = page();
        let mut placer = PagePlacer::new(&words);
        let b = placer.figure(dec("1528.64"), "事业运行");
        assert_eq!(b, Some((200.0, 120.0, 250.0, 130.0)));
        let b = placer.figure(dec("1528.64"), "行政运行");
        assert_eq!(b, Some((200.0, 100.0, 250.0, 110.0)));
    }

    #[test]
    fn without_a_label_the_next_figure_down_is_taken() {
        let words = page();
        let mut placer = PagePlacer::new(&words);
        assert_eq!(placer.figure(dec("1528.64"), "").map(|b| b.1), Some(100.0));
        assert_eq!(placer.figure(dec("1528.64"), "").map(|b| b.1), Some(120.0));
        assert_eq!(placer.figure(dec("9.99"), ""), None);
    }

    #[test]
    fn a_figure_inside_a_sentence_gets_its_share_of_the_word() {
        let words = page();
        let mut placer = PagePlacer::new(&words);
        let (x0, _, x1, _) = placer.figure(dec("74.83"), "安排经费").expect("placed");
        // 15 characters over 200 points: 74.83 is characters 4..9.
        assert!((x0 - (10.0 + 200.0 * 4.0 / 15.0)).abs() < 1e-9, "{x0}");
        assert!((x1 - (10.0 + 200.0 * 9.0 / 15.0)).abs() < 1e-9, "{x1}");
    }
}
