//! The XHTML of `pdftotext -bbox` (or `-bbox-layout`) → the words of each page with their boxes.
//!
//! Only `<page>` and `<word xMin yMin xMax yMax>` matter: poppler's own grouping into flows,
//! blocks and lines follows reading order, which cuts a table into one block per cell, so rows
//! and columns are rebuilt from the boxes instead ([`super::geometry`]).

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::InputError;

/// One word as printed: its box in points (y grows downwards) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64, text: &str) -> Self {
        Word {
            x0,
            y0,
            x1,
            y1,
            text: text.to_string(),
        }
    }

    /// The vertical centre: CJK and digit boxes of one line differ in height, not in centre.
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(0.0)
    }
}

/// Reads the words of every page, in page order; a page without words is an empty list.
pub fn read_pages(xhtml: &str) -> Result<Vec<Vec<Word>>, InputError> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        let event = reader.read_event().map_err(|e| InputError::PdfFailed {
            reason: format!("unreadable word boxes from pdftotext ({e})"),
        })?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "page" => pages.push(Vec::new()),
            Event::Start(e) if e.local_name().as_ref() == "word" => word = Some(boxed(&e)),
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    let name: &str = r.as_ref();
                    if let Some(s) = resolve_xml_entity(name) {
                        w.text.push_str(s);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        w.text.push(c);
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let (Some(w), Some(page)) = (word.take(), pages.last_mut()) {
                    if !w.text.trim().is_empty() && w.x1 >= w.x0 && w.y1 >= w.y0 {
                        page.push(w);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

fn boxed(e: &BytesStart<'_>) -> Word {
    let mut w = Word::new(0.0, 0.0, 0.0, 0.0, "");
    for a in e.attributes().flatten() {
        let value: f64 = a.value.trim().parse().unwrap_or(0.0);
        let value = if value.is_finite() { value } else { 0.0 };
        match a.key.local_name().as_ref() {
            "xMin" => w.x0 = value,
            "yMin" => w.y0 = value,
            "xMax" => w.x1 = value,
            "yMax" => w.y1 = value,
            _ => {}
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pages_are_read_with_their_boxes() {
        let xhtml = r#"<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t &amp; u</title></head>
<body><doc><page width="595" height="842"><flow><block><line>
<word xMin="10.5" yMin="20" xMax="30" yMax="31">合计</word><word xMin="40" yMin="21" xMax="60" yMax="30">R&amp;D</word>
</line></block></flow></page><page width="595" height="842"></page></doc></body></html>"#;
        let pages = read_pages(xhtml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 2);
        assert_eq!(pages[0][0], Word::new(10.5, 20.0, 30.0, 31.0, "合计"));
        assert_eq!(pages[0][1].text, "R&D");
        assert!(pages[1].is_empty());
    }

    #[test]
    fn broken_markup_is_an_error_not_a_panic() {
        assert!(read_pages("<page><word xMin=\"1\">a</page>").is_err());
    }
}
