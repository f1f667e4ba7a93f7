//! Pages about several documents: an index of reports (the `index.html` that
//! `budget-audit check --format html -o DIR` writes, and the front page of the report service)
//! and the page of a document that could not be read.
//!
//! As in [`crate::to_html`], every piece of document text is escaped by maud.

use budget_model::{Reconciliation, Severity};
use maud::{html, Markup};

use crate::html::{page, severity_badge};

/// One line of an index: a document, where its report is, and how it came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The link to the document's report (relative or absolute URL); empty when there is none.
    pub href: String,
    /// The file name the document was submitted as.
    pub source: String,
    /// `entity year scope`, when the document was read.
    pub title: Option<String>,
    pub status: EntryStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryStatus {
    /// Read and reconciled: the number of findings of each severity.
    Checked {
        errors: usize,
        warnings: usize,
        infos: usize,
    },
    /// Could not be read or reconciled, with the reason.
    Failed(String),
}

impl IndexEntry {
    /// The entry of a reconciled document.
    pub fn checked(href: impl Into<String>, r: &Reconciliation) -> IndexEntry {
        let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
        IndexEntry {
            href: href.into(),
            source: r.document.facts.source.clone(),
            title: Some(r.document.facts.heading()),
            status: EntryStatus::Checked {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            },
        }
    }

    /// The entry of a document that could not be read or reconciled.
    pub fn failed(
        href: impl Into<String>,
        source: impl Into<String>,
        reason: impl Into<String>,
    ) -> IndexEntry {
        IndexEntry {
            href: href.into(),
            source: source.into(),
            title: None,
            status: EntryStatus::Failed(reason.into()),
        }
    }
}

/// A page listing `entries` under `heading`, each linking to its report.
pub fn index_html(heading: &str, entries: &[IndexEntry]) -> String {
    let body = html! {
        p { (entries.len()) " documents." }
        @if !entries.is_empty() {
            table.index {
                tr {
                    th { "document" } th { "source" }
                    (severity_header(Severity::Error))
                    (severity_header(Severity::Warning))
                    (severity_header(Severity::Info))
                }
                @for entry in entries { (index_row(entry)) }
            }
        }
    };
    page(heading, body)
}

/// The page of a document that could not be read or reconciled.
pub fn failed_html(source: &str, reason: &str) -> String {
    let body = html! {
        p { span class="sev sev-error" { "failed" } " This document could not be checked." }
        dl.facts {
            dt { "source" } dd { (source) }
            dt { "reason" } dd { (reason) }
        }
    };
    page(source, body)
}

fn severity_header(s: Severity) -> Markup {
    html! { th { (severity_badge(s)) } }
}

fn index_row(entry: &IndexEntry) -> Markup {
    let name = entry.title.as_deref().unwrap_or(&entry.source);
    html! {
        tr {
            td {
                @if entry.href.is_empty() { (name) } @else { a href=(entry.href) { (name) } }
            }
            td { (entry.source) }
            @match &entry.status {
                EntryStatus::Checked { errors, warnings, infos } => {
                    td.num { (errors) } td.num { (warnings) } td.num { (infos) }
                }
                EntryStatus::Failed(reason) => {
                    td colspan="3" { span class="sev sev-error" { "failed" } " " (reason) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn an_index_links_every_document_with_its_counts() {
        let r = sample();
        let entries = [
            IndexEntry::checked("a.html", &r),
            IndexEntry::failed("b.html", "b.pdf", "not a budget document"),
        ];
        let page = index_html("Reports", &entries);
        assert!(page.contains("<a href=\"a.html\">"), "{page}");
        assert!(page.contains("<a href=\"b.html\">b.pdf</a>"), "{page}");
        assert!(page.contains("not a budget document"), "{page}");
        let errors = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        assert!(errors > 0);
        assert!(
            page.contains(&format!("<td class=\"num\">{errors}</td>")),
            "{page}"
        );
    }

    #[test]
    fn document_text_in_an_index_is_escaped() {
        let entry = IndexEntry::failed("x.html", "<script>alert(1)</script>.txt", "<b>bad</b>");
        let page = index_html("Reports", std::slice::from_ref(&entry));
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        let failed = failed_html(&entry.source, "<b>bad</b>");
        assert!(
            !failed.contains("<script>") && !failed.contains("<b>bad"),
            "{failed}"
        );
    }
}
