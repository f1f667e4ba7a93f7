//! A file on disk → the text the parser reads: the size limit checked before reading, the format
//! detected by content, PDF converted by `pdftotext`, every other format by `budget_input`.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use budget_input::{Format, InputError, MAX_INPUT_BYTES};

/// How long `pdftotext` may take for one PDF.
pub const PDF_TIMEOUT: Duration = budget_input::pdf::DEFAULT_TIMEOUT;

/// Reads a file (at most [`MAX_INPUT_BYTES`]) and converts it to text. The error is the one line
/// a user sees.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bounded(path)?;
    convert(&bytes).map_err(|e| e.to_string())
}

/// Detects the format and converts; PDF goes through `pdftotext`.
pub fn convert(bytes: &[u8]) -> Result<String, InputError> {
    match budget_input::detect(bytes) {
        Format::Pdf => budget_input::pdf::to_text(bytes, PDF_TIMEOUT),
        format => budget_input::to_text(bytes, format),
    }
}

/// The file's bytes; a file over the limit is refused before it is read into memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let too_large =
        |size: u64| format!("the file is too large: {size} bytes (limit {MAX_INPUT_BYTES})");
    if size > MAX_INPUT_BYTES as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The size can change while reading (a growing file, a pipe): never read past the limit.
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
