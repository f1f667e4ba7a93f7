//! Checking one document of a run: a file, or the files of one publication read as one
//! document (`budget_reconcile::read_publication`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use budget_input::Format as InputFormat;
use budget_model::{PartHolds, Reconciliation};

use crate::batch::Input;

/// What checking one document of a run gave.
pub enum Checked {
    Report(Box<Reconciliation>),
    Failed(String),
    /// Files found under a directory whose content is not a budget document: text or HTML
    /// with nothing to check, or a form the checker does not read (an image, an archive).
    NotADocument,
}

/// A document's result, and the files of it that were passed over as no budget document.
pub struct UnitChecked {
    pub checked: Checked,
    pub passed_over: Vec<String>,
}

/// How a report names a document of several files: their names joined by ` + `.
pub fn unit_name(unit: &[Input]) -> String {
    let names: Vec<String> = unit
        .iter()
        .map(|i| crate::input::display_name(&i.path))
        .collect();
    names.join(" + ")
}

/// Checks one document: a file alone, or several as one publication, in the order given.
pub fn check_unit(unit: &[Input]) -> UnitChecked {
    match unit {
        [one] => {
            let checked = check_input(one);
            let passed_over = match checked {
                Checked::NotADocument => vec![one.path.display().to_string()],
                _ => Vec::new(),
            };
            UnitChecked {
                checked,
                passed_over,
            }
        }
        several => check_publication(several),
    }
}

fn check_publication(unit: &[Input]) -> UnitChecked {
    let mut files = Vec::new();
    let mut passed_over = Vec::new();
    for input in unit {
        let name = crate::input::display_name(&input.path);
        match crate::input::read_bounded(&input.path) {
            Ok(bytes) if is_loose(input, &bytes) && !holds_something(&bytes, &name) => {
                passed_over.push(input.path.display().to_string());
            }
            Ok(bytes) => files.push((bytes, name)),
            Err(reason) => {
                return UnitChecked {
                    checked: Checked::Failed(format!("{name}: {reason}")),
                    passed_over,
                };
            }
        }
    }
    let checked = match files.as_slice() {
        [] => Checked::NotADocument,
        [(bytes, name)] => report_or_failure(check_bytes(bytes, name)),
        several => {
            let source: Vec<&str> = several.iter().map(|(_, n)| n.as_str()).collect();
            let parts: Vec<(&[u8], &str)> = several
                .iter()
                .map(|(b, n)| (b.as_slice(), n.as_str()))
                .collect();
            report_or_failure(check_publication_bytes(&parts, &source.join(" + ")))
        }
    };
    UnitChecked {
        checked,
        passed_over,
    }
}

/// Last year's document (`--previous`), read as a document to check is; a file that cannot be
/// read is an error of the whole run.
pub fn read_previous(path: &std::path::Path) -> anyhow::Result<budget_model::Document> {
    let input = Input {
        path: path.to_path_buf(),
        found: false,
        arg: 0,
    };
    let name = crate::input::display_name(path);
    match check_input(&input) {
        Checked::Report(report) => Ok(report.document),
        Checked::Failed(reason) => {
            anyhow::bail!("cannot read last year's document {name}: {reason}")
        }
        Checked::NotADocument => anyhow::bail!("{name} is not a budget document"),
    }
}

fn report_or_failure(result: Result<Reconciliation, String>) -> Checked {
    match result {
        Ok(report) => Checked::Report(Box::new(report)),
        Err(reason) => Checked::Failed(reason),
    }
}

fn check_input(input: &Input) -> Checked {
    let name = crate::input::display_name(&input.path);
    let bytes = match crate::input::read_bounded(&input.path) {
        Ok(bytes) => bytes,
        Err(reason) => return Checked::Failed(reason),
    };
    let loose = is_loose(input, &bytes);
    match check_bytes(&bytes, &name) {
        Ok(report) if loose && holds_nothing(&report) => Checked::NotADocument,
        Ok(report) => Checked::Report(Box::new(report)),
        Err(_) if loose => Checked::NotADocument,
        Err(reason) => Checked::Failed(reason),
    }
}

/// A file found under a directory whose form says nothing of whether it is a budget document
/// (text, HTML, a form not read): its content decides. A PDF or an office file under a
/// directory is a document even when it cannot be read.
fn is_loose(input: &Input, bytes: &[u8]) -> bool {
    input.found
        && matches!(
            budget_input::detect(bytes),
            InputFormat::Text | InputFormat::Html | InputFormat::Unsupported(_)
        )
}

fn holds_something(bytes: &[u8], name: &str) -> bool {
    guarded(|| budget_reconcile::read_document(bytes, name))
        .ok()
        .and_then(Result::ok)
        .is_some_and(|doc| PartHolds::of(&doc) != PartHolds::Neither)
}

pub fn holds_nothing(report: &Reconciliation) -> bool {
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

/// Parses the files of one publication as one document and reconciles it.
fn check_publication_bytes(
    files: &[(&[u8], &str)],
    source: &str,
) -> Result<Reconciliation, String> {
    let document = guarded(|| budget_reconcile::read_publication(files, source))??;
    let mut report = guarded(|| budget_reconcile::reconciliation(document))?;
    report.document.facts.source = source.to_string();
    Ok(report)
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
