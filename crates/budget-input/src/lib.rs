//! Bytes of a budget disclosure in any supported form → the text the parser reads. This crate
//! owns every conversion of input; the parser (`budget-parse`) depends on it, never the other way.
//!
//! * [`decode`]: bytes of text → text (BOMs, UTF-8, GB18030/GBK and UTF-16 without a hint, CRLF,
//!   the size limit).
//! * [`convert`]: any form → text, the one conversion the command line and the parse service
//!   call: [`detect`] then [`to_text`], or [`pdf`] for a PDF when the `pdftotext` feature is on.
//! * [`detect`] tells the form by content (magic bytes, then sniffing the decoded text), never by
//!   file name. [`to_text`] converts HTML, Excel (.xlsx/.xls) and Word (.docx) into the text
//!   syntax the parser reads: narrative as lines, tables as tab-separated lines, a merged cell
//!   spanning a whole row (a title, a unit line, a note) as a line of text; text itself is
//!   decoded.
//! * [`layout`]: tables laid out with spaces (`pdftotext -layout`, text padded into columns)
//!   rewritten as tab-separated rows, with the original lines each rewritten line stands for, so
//!   that the parser's locations point at the input as the user sees it.
//!
//! * [`pdf`]: the words of a PDF with their boxes (`pdftotext -bbox`) → the same text
//!   syntax, tables rebuilt from the page's geometry.
//!
//! Pure and synchronous: no files, no processes. PDF bytes are not converted here; the
//! `pdftotext` feature adds `pdf::to_text` (`pdftotext -layout`, what [`convert`] uses) and
//! `pdf::to_text_from_boxes` (`-bbox`, the geometry reader) for the binaries that may
//! spawn processes.
//!
//! Everything is bounded for hostile input: the input size ([`MAX_INPUT_BYTES`]), the text
//! decoded or produced ([`limits::MAX_TEXT_BYTES`]), zip entries and their uncompressed size (zip
//! bombs), HTML nesting depth and the number of table cells.

mod convert;
pub mod decode;
mod detect;
mod docx;
mod excel;
mod html;
pub mod layout;
pub mod limits;
pub mod pdf;
mod table;
mod zipped;

pub use convert::{convert, readings, Readings};
pub use decode::{decode, DecodeError};
pub use detect::{detect, Format};
pub use limits::MAX_INPUT_BYTES;

/// Why a document could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The text could not be decoded (empty, binary, too large).
    #[error(transparent)]
    Text(#[from] DecodeError),
    #[error("the file is too large: {size} bytes (limit {limit})")]
    TooLarge { size: usize, limit: usize },
    #[error("the {format} file is damaged or not a {format} file: {reason}")]
    Damaged { format: Format, reason: String },
    #[error("the {format} file expands beyond the limit ({what}); refusing a possible zip bomb")]
    ZipBomb { format: Format, what: String },
    #[error("the {format} file is too complex ({what})")]
    TooComplex { format: Format, what: String },
    #[error("unsupported format: {what}")]
    Unsupported { what: &'static str },
    #[error("the {format} file holds no text")]
    NoText { format: Format },
    #[error("PDF is read with pdftotext, which this build does not run")]
    PdfNotConverted,
    #[error("cannot read PDF: pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)")]
    PdfToolMissing,
    #[error("cannot read PDF: pdftotext took longer than {seconds} s")]
    PdfTimeout { seconds: u64 },
    #[error("cannot read PDF: {reason}")]
    PdfFailed { reason: String },
}

/// Converts a document's bytes of the given format into the text the parser reads
/// (line endings `\n`). PDF is refused with [`InputError::PdfNotConverted`]: see [`pdf`].
pub fn to_text(bytes: &[u8], format: Format) -> Result<String, InputError> {
    to_text_with_origins(bytes, format).map(|(text, _)| text)
}

/// [`to_text`], and for a spreadsheet the sheet row each line of the text comes from, so that
/// a finding can name its cell (`Sheet1!D12`); empty for other forms.
pub fn to_text_with_origins(
    bytes: &[u8],
    format: Format,
) -> Result<(String, Vec<budget_model::SheetLine>), InputError> {
    limits::check_input_size(bytes.len())?;
    let (text, origins) = match format {
        Format::Text => (decode(bytes)?.into_owned(), Vec::new()),
        Format::Html => (html::to_text(&decode(bytes)?)?, Vec::new()),
        Format::Xlsx => excel::xlsx_to_text(bytes)?,
        Format::Xls => excel::xls_to_text(bytes)?,
        Format::Docx => (docx::to_text(bytes)?, Vec::new()),
        Format::Pdf => return Err(InputError::PdfNotConverted),
        Format::Unsupported(what) => return Err(InputError::Unsupported { what }),
    };
    if text.trim().is_empty() {
        return Err(InputError::NoText { format });
    }
    limits::check_row_width(&text, format)?;
    Ok((text, origins))
}
