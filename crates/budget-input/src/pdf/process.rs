//! Runs poppler's `pdftotext` in a child process with a timeout and bounded output: `-layout`
//! (columns kept with spaces, read by [`crate::layout`]: [`to_text`], what
//! [`crate::convert`] does with a PDF) or `-bbox` (words with their boxes, read by their
//! geometry: [`to_text_from_boxes`]).
//! This is the one place of the crate that does I/O; it is behind the `pdftotext` feature so
//! that the core stays pure and only binaries turn it on.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::limits::{check_input_size, MAX_BBOX_BYTES, MAX_TEXT_BYTES};
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
/// geometry ([`super::bbox_to_text`]), killing pdftotext after `timeout`: the second reading of
/// [`crate::readings`]. `-bbox` lists the same words in the same order as `-bbox-layout` (all 46
/// corpus PDFs, poppler 22.12) without poppler's flows, blocks and lines, which the geometry
/// reader does not use: a third of the output, read faster.
pub fn to_text_from_boxes(bytes: &[u8], timeout: Duration) -> Result<String, InputError> {
    check_input_size(bytes.len())?;
    let output = run(bytes, timeout, "-bbox", MAX_BBOX_BYTES)?;
    checked(super::bbox_to_text(&String::from_utf8_lossy(&output))?)
}

fn checked(text: String) -> Result<String, InputError> {
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
    let status = wait(&mut child, timeout)?;
    let _ = writer.join();
    let output = reader.join().unwrap_or_default();
    let messages = errors.join().unwrap_or_default();
    if output.len() > limit {
        return Err(InputError::Text(crate::DecodeError::TooLarge {
            size: output.len(),
            limit,
        }));
    }
    if !status.success() {
        return Err(failed(first_line(&messages, status)));
    }
    Ok(output)
}

/// Reads at most `limit` bytes, then drains the rest so the child never blocks on a full pipe.
fn read_bounded(mut pipe: impl Read, limit: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = (&mut pipe).take(limit).read_to_end(&mut out);
    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    out
}

fn wait(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<std::process::ExitStatus, InputError> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(InputError::PdfTimeout {
                    seconds: timeout.as_secs(),
                });
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(failed(format!("waiting for {PDFTOTEXT}: {e}"))),
        }
    }
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
