//! `budget-audit check`: one report per file, in input order, and the exit code.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use anyhow::Context;
use budget_model::{Reconciliation, Severity};

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
        let nothing = budget_reconcile::rules::completeness::NothingToCheck::INFO.id;
        self.errors |= report.worst_severity() == Some(Severity::Error);
        self.nothing |= report.findings.iter().any(|f| f.rule == nothing);
    }
}

/// Checks each file and writes its report to `out`. A file that cannot be read or parsed gets one
/// line on stderr (`budget-audit: FILE: reason`) and the others still get their reports. Only a
/// failure to write the reports themselves is an `Err`.
pub fn check_files(
    files: &[impl AsRef<Path>],
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    start_reports(format, out).context("cannot write the report")?;
    let mut first = true;
    let outcome = check_each(files, &Progress::hidden(), |_, _, checked| {
        let Ok(report) = checked else {
            return Ok(());
        };
        write_report(report, format, first, out).context("cannot write the report")?;
        first = false;
        out.flush().context("cannot write the report")
    })?;
    out.flush().context("cannot write the report")?;
    Ok(outcome)
}

/// Checks each file in order and hands every report, or the reason a file could not be checked,
/// to `emit` (with the file's index and path). An unreadable file also gets its stderr line; an
/// `Err` from `emit` stops the run.
pub(crate) fn check_each<P: AsRef<Path>>(
    files: &[P],
    progress: &Progress,
    mut emit: impl FnMut(usize, &Path, Result<&Reconciliation, &str>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    for (i, file) in files.iter().enumerate() {
        let name = crate::input::display_name(file.as_ref());
        progress.start(&name);
        match check_file(file.as_ref(), &name) {
            Ok(report) => {
                outcome.record(&report);
                emit(i, file.as_ref(), Ok(&report))?;
            }
            Err(reason) => {
                outcome.unreadable = true;
                progress.say(&format!("budget-audit: {name}: {reason}"));
                emit(i, file.as_ref(), Err(&reason))?;
            }
        }
        progress.done_one();
    }
    progress.finish();
    Ok(outcome)
}

/// Reads, converts, parses and reconciles one file; `source` is the name the report shows.
fn check_file(path: &Path, source: &str) -> Result<Reconciliation, String> {
    let bytes = crate::input::read_bounded(path)?;
    let mut report = guarded(|| reconcile_bytes(&bytes, source))??;
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
        let files = ["/nonexistent/budget-audit-test.txt"];
        let outcome = check_files(&files, Format::Json, &mut out).unwrap();
        assert!(outcome.unreadable);
        assert!(out.is_empty());
    }
}
