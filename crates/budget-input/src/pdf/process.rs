//! Runs poppler's `pdftotext` in a child process with a timeout and bounded output: `-layout`
//! (columns kept with spaces, read by [`crate::layout`]: [`to_text`], what
//! [`crate::convert`] does with a PDF) or `-bbox` (words with their boxes, read by their
//! geometry: [`to_text_from_boxes`]).
//! pdftotext is stopped when it runs longer than its timeout or takes more memory than
//! [`MAX_PDFTOTEXT_MEMORY`].
//! This is the one place of the crate that does I/O; it is behind the `pdftotext` feature so
//! that the core stays pure and only binaries turn it on.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::limits::{check_input_size, MAX_BBOX_BYTES, MAX_PDFTOTEXT_MEMORY, MAX_TEXT_BYTES};
use crate::InputError;

/// The program run; it reads the PDF on standard input and writes UTF-8 text.
pub const PDFTOTEXT: &str = "pdftotext";

/// How long one PDF may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Converts a PDF with `pdftotext -layout -enc UTF-8 - -` (columns kept with spaces, for
/// [`crate::layout`]), killing it after `timeout`: what [`crate::convert`] does with a PDF.
pub fn to_text(bytes: &[u8], timeout: Duration) -> Result<String, InputError> {
    check_input_size(bytes.len())?;
    let output = run(bytes, timeout, "-layout", MAX_TEXT_BYTES)?;
    checked(String::from_utf8_lossy(&output).replace("\r\n", "\n"))
}

/// Converts a PDF from its words' boxes (`pdftotext -bbox`), tables rebuilt from the page's
/// geometry ([`super::bbox_to_text`]), killing pdftotext after `timeout`: the first reading of
/// [`crate::readings`]. `-bbox` lists the same words in the same order as `-bbox-layout` (all 46
/// corpus PDFs, poppler 22.12) without poppler's flows, blocks and lines, which the geometry
/// reader does not use: a third of the output, read faster.
pub fn to_text_from_boxes(bytes: &[u8], timeout: Duration) -> Result<String, InputError> {
    let pages = words_of(bytes, timeout)?;
    checked(super::pages_to_text(&pages)?)
}

/// The words of every page of a PDF with their boxes (`pdftotext -bbox`), killing pdftotext
/// after `timeout`.
pub fn words_of(
    bytes: &[u8],
    timeout: Duration,
) -> Result<Vec<Vec<super::words::Word>>, InputError> {
    check_input_size(bytes.len())?;
    let output = run(bytes, timeout, "-bbox", MAX_BBOX_BYTES)?;
    super::words::read_pages(&String::from_utf8_lossy(&output))
}

/// A PDF's text, refused when it holds none (scanned pages) or rows too wide to read.
pub fn checked(text: String) -> Result<String, InputError> {
    if text.trim_matches(|c: char| c.is_whitespace()).is_empty() {
        return Err(InputError::PdfFailed {
            reason: "the PDF holds no text (scanned pages need OCR first)".to_string(),
        });
    }
    crate::limits::check_row_width(&text, crate::Format::Pdf)?;
    Ok(text)
}

fn run(bytes: &[u8], timeout: Duration, mode: &str, limit: usize) -> Result<Vec<u8>, InputError> {
    let mut child = Command::new(PDFTOTEXT)
        .args([mode, "-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::PdfToolMissing,
            _ => failed(format!("cannot run {PDFTOTEXT}: {e}")),
        })?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(failed(format!("cannot talk to {PDFTOTEXT}")));
    };
    let input = bytes.to_vec();
    // A broken pipe only means pdftotext stopped reading; its exit status tells why.
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let reader = thread::spawn(move || read_bounded(stdout, limit as u64 + 1));
    let errors = thread::spawn(move || read_bounded(stderr, 4096));
    let status = wait(&mut child, timeout);
    let _ = writer.join();
    let output = reader.join().unwrap_or_default();
    let messages = errors.join().unwrap_or_default();
    let status = status?;
    if output.len() > limit {
        return Err(InputError::Text(crate::DecodeError::TooLarge {
            size: output.len(),
            limit,
        }));
    }
    if !status.success() {
        return Err(failed(why_unreadable(bytes, &messages, status)));
    }
    Ok(output)
}

/// Why pdftotext could not read a PDF, as a user can act on it: a password is needed, the file
/// is cut short (a download that stopped), or else what pdftotext says.
fn why_unreadable(bytes: &[u8], messages: &[u8], status: std::process::ExitStatus) -> String {
    if is_encrypted(bytes) {
        "the PDF is encrypted: it opens only with a password".to_string()
    } else if is_truncated(bytes) {
        "the PDF is incomplete or damaged: it lacks the %%EOF that ends a PDF (a file cut short?)"
            .to_string()
    } else {
        first_line(messages, status)
    }
}

/// How far from the end of a PDF its `%%EOF` may stand (trailing junk, blank lines, or an
/// incremental update's marker).
const EOF_WINDOW: usize = 1024;

/// Whether a PDF lacks the `%%EOF` that ends every complete file.
fn is_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    !tail.windows(b"%%EOF".len()).any(|w| w == b"%%EOF")
}

/// Whether a PDF declares an encryption dictionary (`/Encrypt` in its trailer or its
/// cross-reference stream, both stored in the clear): pdftotext fails on one it cannot open
/// without a password; one with an owner password only (restrictions, no password to open)
/// reads as any other.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(b"/Encrypt".len()).any(|w| w == b"/Encrypt")
}

/// Reads at most `limit` bytes, then drains the rest so the child never blocks on a full pipe.
fn read_bounded(mut pipe: impl Read, limit: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = (&mut pipe).take(limit).read_to_end(&mut out);
    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    out
}

/// Waits for pdftotext, killing it once it runs longer than `timeout` or takes more memory than
/// [`MAX_PDFTOTEXT_MEMORY`] (a small PDF can make poppler take gigabytes within the timeout).
fn wait(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<std::process::ExitStatus, InputError> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() >= timeout => {
                stop(child);
                return Err(InputError::PdfTimeout {
                    seconds: timeout.as_secs(),
                });
            }
            Ok(None) if resident_bytes(child.id()) > Some(MAX_PDFTOTEXT_MEMORY) => {
                stop(child);
                return Err(InputError::TooComplex {
                    format: crate::Format::Pdf,
                    what: format!(
                        "reading its text takes more than {} MiB of memory",
                        MAX_PDFTOTEXT_MEMORY >> 20
                    ),
                });
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(failed(format!("waiting for {PDFTOTEXT}: {e}"))),
        }
    }
}

fn stop(child: &mut std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The resident memory of a process, where the system tells it (`/proc`, Linux); None
/// elsewhere, where only the timeout bounds pdftotext.
fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

fn first_line(messages: &[u8], status: std::process::ExitStatus) -> String {
    let text = String::from_utf8_lossy(messages);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string);
    match line {
        Some(line) => format!("the PDF is damaged or unreadable ({line})"),
        None => format!("the PDF is damaged or unreadable ({PDFTOTEXT} {status})"),
    }
}

fn failed(reason: String) -> InputError {
    InputError::PdfFailed { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_memory_of_a_process_is_read() {
        let own = resident_bytes(std::process::id()).expect("/proc tells");
        assert!(own > 1024 * 1024 && own < MAX_PDFTOTEXT_MEMORY, "{own}");
        assert_eq!(resident_bytes(u32::MAX), None);
    }

    #[test]
    fn an_encryption_dictionary_is_seen() {
        assert!(is_encrypted(
            b"trailer\n<< /Size 7 /Root 1 0 R /Encrypt 6 0 R >>"
        ));
        assert!(!is_encrypted(b"trailer\n<< /Size 7 /Root 1 0 R >>"));
    }

    #[test]
    fn a_pdf_cut_short_is_seen() {
        assert!(is_truncated(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"));
        assert!(!is_truncated(b"%PDF-1.4\n...\nstartxref\n9\n%%EOF\n"));
        assert!(!is_truncated(b"%PDF-1.4\n...%%EOF\r\n\n\n"));
    }
}
