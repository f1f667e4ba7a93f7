//! `budget-audit check`: one report per file, in input order, and the exit code.

use anyhow::Context;
use budget_input::Format as InputFormat;
use budget_model::{Reconciliation, Severity};
use budget_report::IndexEntry;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::batch::{ordered_map, Input, Inputs};
use crate::progress::Progress;
use crate::Format;

/// Exit code when a finding has severity error.
pub const EXIT_ERRORS: u8 = 1;
/// Exit code when an input could not be read or parsed (wins over [`EXIT_ERRORS`]).
pub const EXIT_UNREADABLE: u8 = 2;
/// Exit code when a file held nothing to check (COMP-NOTHING) and no file had an error.
pub const EXIT_NOTHING: u8 = 3;

/// What happened over all files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub unreadable: bool,
    pub errors: bool,
    /// A file held no budget table and no narrative figure.
    pub nothing: bool,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        if self.unreadable {
            EXIT_UNREADABLE
        } else if self.errors {
            EXIT_ERRORS
        } else if self.nothing {
            EXIT_NOTHING
        } else {
            0
        }
    }

    /// Counts in one file's report.
    pub fn record(&mut self, report: &Reconciliation) {
        self.errors |= report.worst_severity() == Some(Severity::Error);
        self.nothing |= holds_nothing(report);
    }
}

/// Checks each input on `jobs` threads and writes its report to `out`, in input order. A file
/// that cannot be read or parsed gets one line on stderr (`budget-audit: FILE: reason`) and the
/// others still get their reports. A text report of several documents ends with the run's
/// summary ([`budget_report::summary_text`]). Only a failure to write the reports themselves is
/// an `Err`.
pub fn check_files(
    inputs: &Inputs,
    format: Format,
    jobs: usize,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    start_reports(format, out).context("cannot write the report")?;
    let mut first = true;
    let mut entries = Vec::new();
    let progress = Progress::for_files(inputs.files.len());
    let outcome = check_each(inputs, jobs, &progress, |input, checked| {
        let name = crate::input::display_name(&input.path);
        let report = match checked {
            Ok(report) => report,
            Err(reason) => {
                entries.push(IndexEntry::failed("", name, reason));
                return Ok(());
            }
        };
        entries.push(IndexEntry::checked("", report));
        progress
            .suspend(|| {
                write_report(report, format, first, out)?;
                out.flush()
            })
            .context("cannot write the report")?;
        first = false;
        Ok(())
    })?;
    let checked = entries.iter().any(|e| e.counts().is_some());
    if format == Format::Text && entries.len() > 1 && checked {
        write!(out, "\n{}", budget_report::summary_text(&entries))
            .context("cannot write the report")?;
    }
    out.flush().context("cannot write the report")?;
    Ok(outcome)
}

/// Checks the inputs on `jobs` threads and hands every report, or the reason a file could not
/// be checked, to `emit`, in input order. An unreadable file also gets its stderr line; a file
/// found under a directory that holds no budget document is passed over (one stderr line at the
/// end names them); an `Err` from `emit` stops the run.
pub(crate) fn check_each(
    inputs: &Inputs,
    jobs: usize,
    progress: &Progress,
    mut emit: impl FnMut(&Input, Result<&Reconciliation, &str>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    for error in &inputs.errors {
        outcome.unreadable = true;
        progress.say(&format!("budget-audit: {error}"));
    }
    let mut passed_over = Vec::new();
    let files = &inputs.files;
    ordered_map(files, jobs, check_input, |i, checked| {
        let input = &files[i];
        progress.done_one(&crate::input::display_name(&input.path));
        match checked {
            Checked::Report(report) => {
                outcome.record(&report);
                emit(input, Ok(&report))
            }
            Checked::Failed(reason) => {
                outcome.unreadable = true;
                let name = crate::input::display_name(&input.path);
                progress.say(&format!("budget-audit: {name}: {reason}"));
                emit(input, Err(&reason))
            }
            Checked::NotADocument => {
                passed_over.push(input.path.display().to_string());
                Ok(())
            }
        }
    })?;
    progress.finish();
    if !passed_over.is_empty() {
        progress.say(&passed_over_line(&passed_over));
        // Every file was passed over: the run had nothing to check.
        outcome.nothing |= passed_over.len() == files.len();
    }
    Ok(outcome)
}

/// The stderr line that names the files found under a directory that were not checked.
fn passed_over_line(paths: &[String]) -> String {
    const NAMED: usize = 5;
    let more = paths.len().saturating_sub(NAMED);
    let mut line = format!(
        "budget-audit: passed over {} file{} that hold{} no budget document: {}",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        if paths.len() == 1 { "s" } else { "" },
        paths[..paths.len().min(NAMED)].join(", ")
    );
    if more > 0 {
        line.push_str(&format!(" and {more} more"));
    }
    line
}

/// What checking one input gave.
enum Checked {
    Report(Box<Reconciliation>),
    Failed(String),
    /// A file found under a directory whose content is not a budget document: text or HTML
    /// with nothing to check, or a form the checker does not read (an image, an archive).
    NotADocument,
}

fn check_input(input: &Input) -> Checked {
    let name = crate::input::display_name(&input.path);
    let bytes = match crate::input::read_bounded(&input.path) {
        Ok(bytes) => bytes,
        Err(reason) => return Checked::Failed(reason),
    };
    // A PDF or an office file under a directory is a document even when it cannot be read.
    let loose = input.found
        && matches!(
            budget_input::detect(&bytes),
            InputFormat::Text | InputFormat::Html | InputFormat::Unsupported(_)
        );
    match check_bytes(&bytes, &name) {
        Ok(report) if loose && holds_nothing(&report) => Checked::NotADocument,
        Ok(report) => Checked::Report(Box::new(report)),
        Err(_) if loose => Checked::NotADocument,
        Err(reason) => Checked::Failed(reason),
    }
}

fn holds_nothing(report: &Reconciliation) -> bool {
    let nothing = budget_reconcile::rules::completeness::NothingToCheck::INFO.id;
    report.findings.iter().any(|f| f.rule == nothing)
}

/// Parses and reconciles one file's bytes; `source` is the name the report shows.
fn check_bytes(bytes: &[u8], source: &str) -> Result<Reconciliation, String> {
    let mut report = guarded(|| reconcile_bytes(bytes, source))??;
    report.document.facts.source = source.to_string();
    Ok(report)
}

/// Reads a document's bytes as the checker does (`budget_reconcile::read_document`) and
/// reconciles it.
fn reconcile_bytes(bytes: &[u8], source: &str) -> Result<Reconciliation, String> {
    let document = budget_reconcile::read_document(bytes, source)?;
    Ok(budget_reconcile::reconciliation(document))
}

/// A panic in the conversion or the core is a bug, but it must not cost the other files their
/// reports, so it is reported like unreadable input.
fn guarded<T>(run: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(run))
        .map_err(|panic| format!("internal error: {}", panic_message(&panic)))
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the checker panicked".to_string()
    }
}

/// What a stream of reports starts with: for CSV, a byte-order mark (so that a spreadsheet
/// reads the file as UTF-8) and the header, written even when no file can be checked.
pub(crate) fn start_reports(format: Format, out: &mut impl Write) -> std::io::Result<()> {
    if format == Format::Csv {
        write!(out, "\u{feff}{}", budget_report::to_csv_header())?;
    }
    Ok(())
}

/// One report in `format`; `first` when no report was written before it.
pub(crate) fn write_report(
    report: &Reconciliation,
    format: Format,
    first: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write!(out, "{}", budget_report::to_csv(report, false)),
        Format::Json => {
            let line = serde_json::to_string(&budget_report::to_json(report))?;
            writeln!(out, "{line}")
        }
        Format::Text => {
            if !first {
                writeln!(out)?;
            }
            // Coloured always: the stream it goes to strips the escapes where colour is off.
            write!(out, "{}", budget_report::to_colored_text(report))
        }
        Format::Html => write!(out, "{}", budget_report::to_html(report)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn unreadable_wins_over_errors() {
        let both = Outcome {
            unreadable: true,
            errors: true,
            nothing: true,
        };
        assert_eq!(both.exit_code(), 2);
        let errors = Outcome {
            errors: true,
            nothing: true,
            ..Outcome::default()
        };
        assert_eq!(errors.exit_code(), 1);
        let nothing = Outcome {
            nothing: true,
            ..Outcome::default()
        };
        assert_eq!(nothing.exit_code(), 3);
        assert_eq!(Outcome::default().exit_code(), 0);
    }

    #[test]
    fn a_missing_file_is_unreadable_and_writes_no_report() {
        let mut out = Vec::new();
        let files = [PathBuf::from("/nonexistent/budget-audit-test.txt")];
        let inputs = crate::batch::expand(&files);
        let outcome = check_files(&inputs, Format::Json, 1, &mut out).unwrap();
        assert!(outcome.unreadable);
        assert!(out.is_empty());
    }
}
