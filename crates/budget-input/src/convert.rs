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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_decoded_and_junk_refused() {
        let text = convert("单位：万元\r\n| 项目 | 合计 |\r\n".as_bytes()).unwrap();
        assert_eq!(text, "单位：万元\n| 项目 | 合计 |\n");
        assert!(convert(&[0, 159, 146, 150, 0, 0, 255]).is_err());
    }

    #[cfg(not(feature = "pdftotext"))]
    #[test]
    fn pdf_needs_the_feature() {
        let refused = convert(b"%PDF-1.7\n...");
        assert!(matches!(refused, Err(InputError::PdfNotConverted)));
    }
}
