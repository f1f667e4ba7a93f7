//! `budget-audit check`: one report per file, in input order, and the exit code.

use anyhow::Context;
use budget_model::{Reconciliation, Severity};
use budget_report::IndexEntry;
use std::io::Write;

use crate::batch::{ordered_map, Input, Inputs, Unit};
use crate::checking::{check_unit, holds_nothing, unit_name, Checked};
use crate::progress::Progress;
use crate::Format;
use budget_reconcile::pairing::{pairs, Half};

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

/// Checks each document of `run` on `jobs` threads and writes its report to `out`, in input
/// order. A file that cannot be read or parsed gets one line on stderr (`budget-audit: FILE:
/// reason`) and the others still get their reports. A text report of several documents ends
/// with the run's summary ([`budget_report::summary_text`]). Only a failure to write the reports
/// themselves is an `Err`.
pub fn check_files(
    run: &Run,
    format: Format,
    jobs: usize,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    start_reports(format, out).context("cannot write the report")?;
    let mut first = true;
    let mut entries = Vec::new();
    let progress = Progress::for_files(run.units.len());
    let outcome = check_each(run, jobs, &progress, |unit, checked| {
        let report = match checked {
            Ok(report) => report,
            Err(reason) => {
                entries.push(IndexEntry::failed("", unit_name(unit), reason));
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

/// The documents of one run and how to group them.
pub struct Run {
    pub units: Vec<Unit>,
    /// Directories (or entries of them) that could not be listed.
    pub errors: Vec<String>,
    /// Whether a narrative-only and a tables-only file of one publication are found and read as
    /// one document (see [`budget_reconcile::pairing`]): in a batch of single files.
    pub pairing: bool,
    /// Last year's document that every document's statements about last year are checked
    /// against (`--previous`).
    pub previous: Option<Box<budget_model::Document>>,
    /// Whether documents of one entity and consecutive years are found in the batch and
    /// checked against each other (see [`crate::years`]): in a batch without `--previous`.
    pub years: bool,
}

impl Run {
    /// The run of `inputs`: with `together`, the files named as one publication and each
    /// directory's files as one; without, each file alone and halves paired.
    pub fn new(inputs: Inputs, together: bool) -> Run {
        let units = crate::batch::units(&inputs.files, together);
        let batch = units.len() > 1;
        Run {
            pairing: !together && batch,
            units,
            errors: inputs.errors,
            previous: None,
            years: batch,
        }
    }

    /// The run with every document checked against last year's `previous` instead of the
    /// years the batch holds.
    pub fn with_previous(mut self, previous: budget_model::Document) -> Run {
        self.previous = Some(Box::new(previous));
        self.years = false;
        self
    }
}

/// Checks the documents of `run` on `jobs` threads and hands every report, or the reason a
/// document could not be checked, to `emit`, in input order; the halves of a publication found
/// in a batch come after the others, read as one, in the order of their first file. An
/// unreadable file also gets its stderr line; a file found under a directory that holds no
/// budget document is passed over (one stderr line at the end names them); an `Err` from `emit`
/// stops the run.
pub(crate) fn check_each(
    run: &Run,
    jobs: usize,
    progress: &Progress,
    emit: impl FnMut(&[Input], Result<&Reconciliation, &str>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut delivery = Delivery {
        outcome: Outcome::default(),
        passed_over: Vec::new(),
        progress,
        previous: run.previous.as_deref(),
        delivered: Vec::new(),
        emit,
    };
    for error in &run.errors {
        delivery.outcome.unreadable = true;
        progress.say(&format!("budget-audit: {error}"));
    }
    let mut halves = Halves::default();
    let units = &run.units;
    ordered_map(
        units,
        jobs,
        |u| check_unit(u),
        |i, result| {
            let unit = &units[i];
            progress.done_one(&unit_name(unit));
            delivery.passed_over.extend(result.passed_over);
            match result.checked {
                Checked::Report(report) if run.pairing => {
                    match Half::of(&unit[0].path, &report.document) {
                        Some(half) => {
                            halves.hold(unit, report, half);
                            Ok(())
                        }
                        None => delivery.deliver(unit, Checked::Report(report)),
                    }
                }
                checked => delivery.deliver(unit, checked),
            }
        },
    )?;
    halves.deliver(jobs, &mut delivery)?;
    if run.years {
        crate::years::deliver(jobs, &mut delivery)?;
    }
    progress.finish();
    let Delivery {
        mut outcome,
        passed_over,
        ..
    } = delivery;
    if !passed_over.is_empty() {
        progress.say(&passed_over_line(&passed_over));
        // Every file was passed over: the run had nothing to check.
        let files: usize = units.iter().map(Vec::len).sum();
        outcome.nothing |= passed_over.len() == files;
    }
    Ok(outcome)
}

/// Hands results on as they are decided, and keeps the run's outcome.
pub(crate) struct Delivery<'p, E> {
    outcome: Outcome,
    passed_over: Vec<String>,
    progress: &'p Progress,
    /// Last year's document, to check every report against (`--previous`).
    previous: Option<&'p budget_model::Document>,
    /// The documents delivered so far that name their entity and year.
    pub(crate) delivered: Vec<Delivered>,
    emit: E,
}

/// A document delivered, as the years of a batch need it.
pub(crate) struct Delivered {
    pub unit: Unit,
    pub identity: budget_reconcile::pairing::Identity,
    /// Its report, kept for the first [`KEPT_REPORTS`] documents, so that a pair of years
    /// need not read them again; the others are read again when paired.
    pub report: Option<std::sync::Arc<Reconciliation>>,
}

/// How many reports a run keeps for the years of a batch: memory stays bounded whatever the
/// batch's size.
const KEPT_REPORTS: usize = 256;

impl<E> Delivery<'_, E>
where
    E: FnMut(&[Input], Result<&Reconciliation, &str>) -> anyhow::Result<()>,
{
    pub(crate) fn deliver(&mut self, unit: &[Input], checked: Checked) -> anyhow::Result<()> {
        match checked {
            Checked::Report(mut report) => {
                if let Some(previous) = self.previous {
                    budget_reconcile::compare_with_previous(&mut report, previous);
                }
                self.outcome.record(&report);
                (self.emit)(unit, Ok(&report))?;
                if let Some(identity) = budget_reconcile::pairing::Identity::of(&report.document) {
                    let keep = self.delivered.len() < KEPT_REPORTS;
                    self.delivered.push(Delivered {
                        unit: unit.to_vec(),
                        identity,
                        report: keep.then(|| std::sync::Arc::new(*report)),
                    });
                }
                Ok(())
            }
            Checked::Failed(reason) => {
                self.outcome.unreadable = true;
                let line = format!("budget-audit: {}: {reason}", unit_name(unit));
                self.progress.say(&line);
                (self.emit)(unit, Err(&reason))
            }
            Checked::NotADocument => Ok(()),
        }
    }
}

/// The files of a batch that hold only a narrative or only tables, held back until every file
/// has been read, then paired ([`crate::pairing::pairs`]) and each pair read as one document.
#[derive(Default)]
struct Halves {
    units: Vec<Unit>,
    reports: Vec<Option<Box<Reconciliation>>>,
    halves: Vec<Half>,
}

impl Halves {
    fn hold(&mut self, unit: &[Input], report: Box<Reconciliation>, half: Half) {
        self.units.push(unit.to_vec());
        self.reports.push(Some(report));
        self.halves.push(half);
    }

    /// Delivers every half held: each pair as one publication (narrative first), in the order
    /// of its first file; a half without a partner, or a pair that cannot be read as one, alone.
    fn deliver<E>(mut self, jobs: usize, delivery: &mut Delivery<'_, E>) -> anyhow::Result<()>
    where
        E: FnMut(&[Input], Result<&Reconciliation, &str>) -> anyhow::Result<()>,
    {
        let pairs = pairs(&self.halves);
        let publications: Vec<Unit> = pairs
            .iter()
            .map(|&(n, t)| [self.units[n].clone(), self.units[t].clone()].concat())
            .collect();
        let mut joined: Vec<Option<Checked>> = Vec::new();
        ordered_map(
            &publications,
            jobs,
            |u| check_unit(u),
            |_, result| {
                joined.push(Some(result.checked));
                Ok(())
            },
        )?;
        let mut pair_of = vec![None; self.halves.len()];
        for (k, &(n, t)) in pairs.iter().enumerate() {
            pair_of[n] = Some(k);
            pair_of[t] = Some(k);
        }
        for (h, pair) in pair_of.into_iter().enumerate() {
            let Some(k) = pair else {
                self.deliver_alone(h, delivery)?;
                continue;
            };
            match joined[k].take() {
                Some(Checked::Report(report)) => {
                    delivery.deliver(&publications[k], Checked::Report(report))?;
                }
                // Not readable as one (or already delivered): each half as it was read alone.
                Some(_) => {
                    let (n, t) = pairs[k];
                    self.deliver_alone(n, delivery)?;
                    self.deliver_alone(t, delivery)?;
                }
                None => {}
            }
        }
        Ok(())
    }

    fn deliver_alone<E>(&mut self, h: usize, delivery: &mut Delivery<'_, E>) -> anyhow::Result<()>
    where
        E: FnMut(&[Input], Result<&Reconciliation, &str>) -> anyhow::Result<()>,
    {
        match self.reports[h].take() {
            Some(report) => delivery.deliver(&self.units[h], Checked::Report(report)),
            None => Ok(()),
        }
    }
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
            let line = budget_report::json_line(report)?;
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
        let run = Run::new(crate::batch::expand(&files), false);
        let outcome = check_files(&run, Format::Json, 1, &mut out).unwrap();
        assert!(outcome.unreadable);
        assert!(out.is_empty());
    }
}
