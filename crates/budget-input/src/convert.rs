//! Bytes in any supported form → the text the parser reads: the one conversion the command line
//! and the parse service share, so a document gives the same report through either.

use crate::{detect, to_text, to_text_with_origins, InputError};

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
/// asked for ([`Readings`]): one for most forms; for a PDF (with the `pdftotext` feature), the
/// text rebuilt from its words' boxes and then its space-aligned text (`-layout`). Neither
/// reading of a PDF is right for every layout (the page's geometry or poppler's spacing can each
/// mislead), so the caller keeps the one whose tables its own sums corroborate best
/// (`budget_reconcile::most_plausible`), which stops asking once no later reading could do
/// better. The boxes come first because their words are needed anyway (every figure is placed
/// on its page): a document whose geometry reading holds costs one run of pdftotext, not two.
///
/// The first reading is made at once: its error is the document's. When a PDF's boxes cannot be
/// read, its space-aligned text is the first reading (and its error the document's).
pub fn readings(bytes: &[u8]) -> Result<Readings<'_>, InputError> {
    #[cfg(feature = "pdftotext")]
    if detect(bytes) == crate::Format::Pdf {
        return pdf_readings(bytes);
    }
    let (first, origins) = to_text_with_origins(bytes, detect(bytes))?;
    Ok(Readings {
        bytes,
        first: Some(first),
        layout: false,
        pages: None,
        origins,
    })
}

/// The readings of a PDF: its boxes', then its space-aligned text (see [`readings`]).
#[cfg(feature = "pdftotext")]
fn pdf_readings(bytes: &[u8]) -> Result<Readings<'_>, InputError> {
    let timeout = crate::pdf::DEFAULT_TIMEOUT;
    let pages = crate::pdf::words_of(bytes, timeout).ok();
    let boxes = pages
        .as_deref()
        .and_then(|pages| crate::pdf::pages_to_text(pages).ok())
        .and_then(|text| crate::pdf::checked(text).ok());
    let (first, layout) = match boxes {
        Some(text) => (text, true),
        None => (crate::pdf::to_text(bytes, timeout)?, false),
    };
    Ok(Readings {
        bytes,
        first: Some(first),
        layout,
        pages,
        origins: Vec::new(),
    })
}

/// The readings of one document, an iterator of texts (see [`readings`]).
pub struct Readings<'a> {
    #[cfg_attr(not(feature = "pdftotext"), allow(dead_code))]
    bytes: &'a [u8],
    first: Option<String>,
    /// Whether the space-aligned reading of a PDF is still to be made.
    layout: bool,
    /// A PDF's words, page by page, when pdftotext gave them.
    pages: Option<Vec<Vec<crate::pdf::words::Word>>>,
    /// A spreadsheet's sheet row of each line of its text.
    origins: Vec<budget_model::SheetLine>,
}

impl Readings<'_> {
    /// The words of a PDF's pages with their boxes, for placing its figures
    /// (`budget_input::pdf::place`). None for other forms, or when pdftotext cannot give them.
    pub fn pages(&self) -> Option<&[Vec<crate::pdf::words::Word>]> {
        self.pages.as_deref()
    }

    /// For a spreadsheet, the sheet row each line of its text comes from (see
    /// [`crate::to_text_with_origins`]); empty for other forms.
    pub fn sheet_lines(&self) -> &[budget_model::SheetLine] {
        &self.origins
    }
}

impl Iterator for Readings<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        if !std::mem::take(&mut self.layout) {
            return None;
        }
        // A PDF whose space-aligned text cannot be read still has its first reading.
        self.layout_reading()
    }
}

impl Readings<'_> {
    #[cfg(feature = "pdftotext")]
    fn layout_reading(&mut self) -> Option<String> {
        crate::pdf::to_text(self.bytes, crate::pdf::DEFAULT_TIMEOUT).ok()
    }

    #[cfg(not(feature = "pdftotext"))]
    fn layout_reading(&mut self) -> Option<String> {
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
