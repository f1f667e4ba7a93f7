//! Which form a document arrived in, told by its content: magic bytes first, then the decoded
//! text (HTML starts with markup), never the file name.

use std::fmt;

/// The forms a budget disclosure arrives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (UTF-8, GB18030/GBK, UTF-16): markdown pipes, tabs or space-aligned columns.
    Text,
    Html,
    /// Office Open XML workbook (zip with `xl/`).
    Xlsx,
    /// Excel 97-2003 workbook (OLE compound file).
    Xls,
    /// Office Open XML document (zip with `word/`).
    Docx,
    Pdf,
    /// Recognised but not supported (e.g. `"Word 97-2003 (.doc)"`, `"zip archive"`).
    Unsupported(&'static str),
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Docx => "docx",
            Format::Pdf => "PDF",
            Format::Unsupported(what) => what,
        };
        f.write_str(name)
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How far into the file `%PDF-` may start (the PDF specification tolerates leading junk).
const PDF_MAGIC_WINDOW: usize = 1024;

/// How much of a text file is decoded to look for HTML markup.
const SNIFF_BYTES: usize = 64 * 1024;

/// Tells the form of a document from its bytes.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return ole_format(bytes);
    }
    let head = &bytes[..bytes.len().min(PDF_MAGIC_WINDOW)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// Zip containers are told apart by their part names, stored uncompressed in every local header
/// and in the central directory, so a truncated file is still recognised.
fn zip_format(bytes: &[u8]) -> Format {
    if find(bytes, b"xl/workbook").is_some() {
        Format::Xlsx
    } else if find(bytes, b"word/document").is_some() {
        Format::Docx
    } else if find(bytes, b"opendocument").is_some() {
        Format::Unsupported("OpenDocument file")
    } else {
        Format::Unsupported("zip archive (neither .xlsx nor .docx)")
    }
}

/// OLE compound files hold .xls and .doc alike; the stream names (UTF-16) tell which.
fn ole_format(bytes: &[u8]) -> Format {
    if find(bytes, &utf16le("WordDocument")).is_some() {
        Format::Unsupported("Word 97-2003 document (.doc)")
    } else if find(bytes, &utf16le("PowerPoint")).is_some() {
        Format::Unsupported("PowerPoint file")
    } else {
        Format::Xls
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// HTML starts with markup (after a BOM and blanks) and names an HTML element early on.
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut end = bytes.len().min(SNIFF_BYTES);
    // Keep UTF-16 code units whole.
    end -= end % 2;
    let Ok(text) = crate::decode::decode(&bytes[..end]) else {
        return false;
    };
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !text.starts_with('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    [
        "<html",
        "<!doctype html",
        "<body",
        "<table",
        "<head",
        "<meta",
        "<div",
        "<p>",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(detect(b"\n\n%PDF-1.4"), Format::Pdf);
        assert_eq!(detect(b"PK\x03\x04....xl/workbook.xml"), Format::Xlsx);
        assert_eq!(detect(b"PK\x03\x04....word/document.xml"), Format::Docx);
        assert!(matches!(
            detect(b"PK\x03\x04....other"),
            Format::Unsupported(_)
        ));
        assert_eq!(detect(OLE_MAGIC), Format::Xls);
        assert_eq!(
            detect(b"  <!DOCTYPE html><html><table>".as_slice()),
            Format::Html
        );
        assert_eq!(detect("部门收入总表\n| a | b |".as_bytes()), Format::Text);
        assert_eq!(detect("<b>not html</b> 文本".as_bytes()), Format::Text);
        assert_eq!(detect(b""), Format::Text);
    }

    #[test]
    fn html_in_utf16_is_html() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(utf16le("<html><body><table></table></body></html>"))
            .collect();
        assert_eq!(detect(&bytes), Format::Html);
    }
}
