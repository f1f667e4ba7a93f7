//! A file on disk → its bytes, the size limit checked before reading; `check` then converts
//! them with `budget_input::readings` (format detected by content, PDF through `pdftotext`), the
//! same conversion the parse service runs.

use std::io::Read;
use std::path::Path;

use budget_input::MAX_INPUT_BYTES;

/// The path that names standard input, as in most command-line tools.
pub const STDIN: &str = "-";

/// How a report names its input: the path as given, `<stdin>` for standard input.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// The file's bytes (standard input's for `-`); a file over the limit is refused before it is
/// read into memory, standard input once it has given more than the limit.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    if is_stdin(path) {
        return read_limited(std::io::stdin().lock(), 0);
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let too_large =
        |size: u64| format!("the file is too large: {size} bytes (limit {MAX_INPUT_BYTES})");
    if size > MAX_INPUT_BYTES as u64 {
        return Err(too_large(size));
    }
    read_limited(file, size as usize)
}

/// Reads at most the limit (and one byte more, to tell a source over it): the size can change
/// while reading (a growing file, a pipe).
fn read_limited(source: impl Read, expected: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(expected);
    source
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "the input is too large: more than {MAX_INPUT_BYTES} bytes"
        ));
    }
    Ok(bytes)
}
