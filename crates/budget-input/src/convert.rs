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

/// Every reading of a document the parser may take, most trusted first: one for most forms; for a
/// PDF (with the `pdftotext` feature), its space-aligned text (`-layout`) and, when pdftotext
/// gives them, the text rebuilt from its words' boxes. Neither reading of a PDF is right for
/// every layout (poppler's spacing or the page's geometry can each mislead), so the caller keeps
/// the one whose tables its own sums corroborate best (`budget_reconcile::most_plausible`).
pub fn readings(bytes: &[u8]) -> Result<Vec<String>, InputError> {
    let first = convert(bytes)?;
    #[cfg(feature = "pdftotext")]
    if detect(bytes) == crate::Format::Pdf {
        let boxes = crate::pdf::to_text_from_boxes(bytes, crate::pdf::DEFAULT_TIMEOUT);
        return Ok(std::iter::once(first).chain(boxes.ok()).collect());
    }
    Ok(vec![first])
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
        let readings = readings("单位：万元\n| 项目 | 合计 |\n".as_bytes()).unwrap();
        assert_eq!(readings, vec!["单位：万元\n| 项目 | 合计 |\n".to_string()]);
    }

    #[cfg(not(feature = "pdftotext"))]
    #[test]
    fn pdf_needs_the_feature() {
        let refused = convert(b"%PDF-1.7\n...");
        assert!(matches!(refused, Err(InputError::PdfNotConverted)));
    }
}
