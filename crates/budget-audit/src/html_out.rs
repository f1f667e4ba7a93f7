//! `budget-audit check --format html FILE... -o DIR`: one self-contained HTML report per input,
//! written into DIR under the input's file name (`report.txt` → `report.html`), and `index.html`
//! linking them all, with the inputs that could not be checked and why. The path of each written
//! report is printed on stdout, one per line, in input order.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use budget_report::IndexEntry;

use crate::check::{check_each, Outcome, Run};
use crate::checking::unit_name;
use crate::progress::Progress;

/// The name of the page that links the reports of one run.
const INDEX: &str = "index.html";

/// Checks each file and writes its HTML report into `dir` (created when missing), then the index.
pub fn write_reports(
    run: &Run,
    jobs: usize,
    dir: &Path,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let progress = Progress::for_files(run.units.len());
    let mut names = ReportNames::default();
    let mut entries = Vec::new();
    let outcome = check_each(run, jobs, &progress, |unit, checked| {
        let path = unit[0].path.as_path();
        let report = match checked {
            Ok(report) => report,
            Err(reason) => {
                let source = unit_name(unit);
                entries.push(IndexEntry::failed("", source, reason));
                return Ok(());
            }
        };
        let name = names.name_for(path);
        let target = dir.join(&name);
        write_page(&target, &budget_report::to_html(report))?;
        entries.push(IndexEntry::checked(name, report));
        progress
            .suspend(|| writeln!(out, "{}", target.display()).and_then(|()| out.flush()))
            .context("cannot write to stdout")
    })?;
    let index = budget_report::index_html("budget-audit reports", &entries);
    write_page(&dir.join(INDEX), &index)?;
    Ok(outcome)
}

fn write_page(target: &Path, html: &str) -> anyhow::Result<()> {
    std::fs::write(target, html).with_context(|| format!("cannot write {}", target.display()))
}

/// Gives each input a report file name, unique within one run: `a/x.txt` and `b/x.txt` become
/// `x.html` and `x-2.html`.
struct ReportNames {
    used: HashSet<String>,
}

impl Default for ReportNames {
    /// The index's name is taken from the start.
    fn default() -> Self {
        ReportNames {
            used: HashSet::from([INDEX.to_string()]),
        }
    }
}

impl ReportNames {
    fn name_for(&mut self, input: &Path) -> String {
        let stem = input
            .file_stem()
            .and_then(OsStr::to_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("report");
        let mut name = format!("{stem}.html");
        let mut n = 1;
        while !self.used.insert(name.clone()) {
            n += 1;
            name = format!("{stem}-{n}.html");
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn first_name(input: &str) -> PathBuf {
        PathBuf::from(ReportNames::default().name_for(Path::new(input)))
    }

    #[test]
    fn the_report_is_named_after_the_input() {
        assert_eq!(
            first_name("../samples/004_x.txt"),
            PathBuf::from("004_x.html")
        );
        assert_eq!(first_name("plain"), PathBuf::from("plain.html"));
        assert_eq!(first_name("a/index.txt"), PathBuf::from("index-2.html"));
        assert_eq!(first_name(".."), PathBuf::from("report.html"));
    }

    #[test]
    fn inputs_with_the_same_name_get_distinct_reports() {
        let mut names = ReportNames::default();
        assert_eq!(names.name_for(Path::new("a/x.txt")), "x.html");
        assert_eq!(names.name_for(Path::new("b/x.txt")), "x-2.html");
        assert_eq!(names.name_for(Path::new("c/x.pdf")), "x-3.html");
    }
}
