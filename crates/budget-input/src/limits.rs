//! The bounds every conversion respects, so that hostile input costs bounded time and memory.

use crate::{DecodeError, InputError};

/// The largest file accepted, in bytes, whatever its format. A PDF or workbook with images can
/// be a few tens of MB; the text it yields must still fit [`MAX_TEXT_BYTES`].
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The largest text decoded or produced by a conversion, in bytes; the parser reads no more.
/// Real disclosures as text are well under 1 MB; the limit bounds memory and time for hostile
/// input.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// The largest word-box listing (`pdftotext -bbox`, XHTML) read from a PDF: each word
/// carries its box, so the listing is several times the text it holds.
pub const MAX_BBOX_BYTES: usize = 8 * MAX_TEXT_BYTES;

/// The most memory (resident, in bytes) `pdftotext` may take for one PDF before it is stopped:
/// poppler keeps every glyph of a page with its box, some 600 bytes each, so a page of 10⁶ glyphs
/// takes about 600 MB, and a compressed page of 10⁷ glyphs (a PDF of 33 KB) several GB within
/// the timeout. Real disclosures take under 50 MB.
pub const MAX_PDFTOTEXT_MEMORY: u64 = 1024 * 1024 * 1024;

/// Zip containers (.xlsx, .docx): at most this many entries ...
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// ... and at most this many bytes once all entries are uncompressed.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// HTML elements nested deeper than this are read as if they were not there (their text is kept).
pub const MAX_HTML_DEPTH: usize = 128;

/// Nested tables (HTML, Word) deeper than this are read as text.
pub const MAX_TABLE_DEPTH: usize = 16;

/// The most cells one table may expand to (after rowspan/colspan, merged cells).
pub const MAX_TABLE_CELLS: usize = 1_000_000;

/// The widest row read (cells); HTML caps colspan at 1000, Excel sheets at 16384 columns.
pub const MAX_COLUMNS: usize = 1_000;

/// The most rows read from one sheet.
pub const MAX_ROWS: usize = 200_000;

pub(crate) fn check_input_size(size: usize) -> Result<(), InputError> {
    if size > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// Fails once the produced text is larger than the parser accepts.
pub(crate) fn check_text_size(text: &str) -> Result<(), InputError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(InputError::Text(DecodeError::TooLarge {
            size: text.len(),
            limit: MAX_TEXT_BYTES,
        }));
    }
    Ok(())
}

/// Fails when a line of the text would make a table row wider than [`MAX_COLUMNS`] cells (tab-
/// or pipe-separated): no disclosure has such rows, and the parser's table reader is not meant
/// for them.
pub fn check_row_width(text: &str, format: crate::Format) -> Result<(), InputError> {
    for line in text.lines() {
        let separators = line.bytes().filter(|b| matches!(b, b'\t' | b'|')).count();
        if separators >= MAX_COLUMNS {
            return Err(InputError::TooComplex {
                format,
                what: format!(
                    "a line of {} table cells, limit {MAX_COLUMNS}",
                    separators + 1
                ),
            });
        }
    }
    Ok(())
}
