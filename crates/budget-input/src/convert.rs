//! Bytes in any supported form → the text the parser reads: the one conversion the command line
//! and the parse service share, so a document gives the same report through either.

use crate::{detect, to_text, InputError};

/// Detects the form by content and converts it. PDF goes through `pdftotext` when the
/// `pdftotext` feature is on (binaries); without it a PDF is refused with
/// [`InputError::PdfNotConverted`].
pub fn convert(bytes: &[u8]) -> Result<String, InputError> {
    let format = detect(bytes);
    #[cfg(feature = "pdftotext")]
    if format == crate::Format::Pdf {
        return crate::pdf::to_text(bytes, crate::pdf::DEFAULT_TIMEOUT);
    }
    to_text(bytes, format)
}

/// Every reading of a document the parser may take, most trusted first, each made only when
/// asked for ([`Readings`]): one for most forms; for a PDF (with the `pdftotext` feature), its
/// space-aligned text (`-layout`) and then, when pdftotext gives them, the text rebuilt from its
/// words' boxes. Neither reading of a PDF is right for every layout (poppler's spacing or the
/// page's geometry can each mislead), so the caller keeps the one whose tables its own sums
/// corroborate best (`budget_reconcile::most_plausible`), which stops asking once no later
/// reading could do better: the second reading of a PDF costs a second run of pdftotext.
///
/// The first reading is made at once: its error is the document's.
pub fn readings(bytes: &[u8]) -> Result<Readings<'_>, InputError> {
    let first = convert(bytes)?;
    let pdf = cfg!(feature = "pdftotext") && detect(bytes) == crate::Format::Pdf;
    Ok(Readings {
        bytes,
        first: Some(first),
        boxes: pdf,
        pdf,
        pages: None,
    })
}

/// The readings of one document, an iterator of texts (see [`readings`]).
pub struct Readings<'a> {
    #[cfg_attr(not(feature = "pdftotext"), allow(dead_code))]
    bytes: &'a [u8],
    first: Option<String>,
    /// Whether the reading from the words' boxes is still to be made (a PDF).
    boxes: bool,
    /// Whether the document is a PDF read with pdftotext.
    #[cfg_attr(not(feature = "pdftotext"), allow(dead_code))]
    pdf: bool,
    /// A PDF's words, page by page, once read.
    pages: Option<Vec<Vec<crate::pdf::words::Word>>>,
}

impl Readings<'_> {
    /// The words of a PDF's pages with their boxes, for placing its figures
    /// (`budget_input::pdf::place`): those of the boxes' reading when it was made, else read
    /// now. None for other forms, or when pdftotext cannot give them.
    pub fn pages(&mut self) -> Option<&[Vec<crate::pdf::words::Word>]> {
        #[cfg(feature = "pdftotext")]
        if self.pdf && self.pages.is_none() {
            self.pages = crate::pdf::words_of(self.bytes, crate::pdf::DEFAULT_TIMEOUT).ok();
        }
        self.pages.as_deref()
    }
}

impl Iterator for Readings<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        if !std::mem::take(&mut self.boxes) {
            return None;
        }
        // A PDF whose words cannot be read still has its first reading.
        self.boxes_reading()
    }
}

impl Readings<'_> {
    /// The reading from the words' boxes; the words are kept for placing the figures.
    #[cfg(feature = "pdftotext")]
    fn boxes_reading(&mut self) -> Option<String> {
        let pages = crate::pdf::words_of(self.bytes, crate::pdf::DEFAULT_TIMEOUT).ok()?;
        let text = crate::pdf::pages_to_text(&pages)
            .ok()
            .and_then(|t| crate::pdf::checked(t).ok());
        self.pages = Some(pages);
        text
    }

    #[cfg(not(feature = "pdftotext"))]
    fn boxes_reading(&mut self) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_decoded_and_junk_refused() {
        let text = convert("单位：万元\r\n| 项目 | 合计 |\r\n".as_bytes()).unwrap();
        assert_eq!(text, "单位：万元\n| 项目 | 合计 |\n");
        assert!(convert(&[0, 159, 146, 150, 0, 0, 255]).is_err());
    }

    #[test]
    fn text_has_one_reading() {
        let readings: Vec<String> = readings("单位：万元\n| 项目 | 合计 |\n".as_bytes())
            .unwrap()
            .collect();
        assert_eq!(readings, vec!["单位：万元\n| 项目 | 合计 |\n".to_string()]);
    }

    #[cfg(not(feature = "pdftotext"))]
    #[test]
    fn pdf_needs_the_feature() {
        let refused = convert(b"%PDF-1.7\n...");
        assert!(matches!(refused, Err(InputError::PdfNotConverted)));
    }
}
