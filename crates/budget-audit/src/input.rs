//! A file on disk → its bytes, the size limit checked before reading; `check` then converts
//! them with `budget_input::readings` (format detected by content, PDF through `pdftotext`), the
//! same conversion the parse service runs.

use std::io::Read;
use std::path::Path;

use budget_input::MAX_INPUT_BYTES;

/// The file's bytes; a file over the limit is refused before it is read into memory.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
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
