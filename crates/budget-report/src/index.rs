//! Pages about several documents: an index of reports (the `index.html` that
//! `budget-audit check --format html -o DIR` writes, and the front page of the report service)
//! and the page of a document that could not be read.
//!
//! As in [`crate::to_html`], every piece of document text is escaped by maud.

use budget_model::{Reconciliation, Severity};
use maud::{html, Markup};

use crate::html::{page, page_with_script, severity_badge};

/// One line of an index: a document, where its report is, and how it came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The link to the document's report (relative or absolute URL); empty when there is none.
    pub href: String,
    /// The file name the document was submitted as.
    pub source: String,
    /// `entity year scope`, when the document was read.
    pub title: Option<String>,
    pub entity: Option<String>,
    pub year: Option<u16>,
    pub status: EntryStatus,
    /// The ids of the rules that found something, each once, in catalogue order of first finding.
    pub rules: Vec<String>,
    /// The most severe findings, at most [`TOP_FINDINGS`], in the report's order within a
    /// severity.
    pub top: Vec<TopFinding>,
}

/// How many findings an entry of a run summary quotes.
pub const TOP_FINDINGS: usize = 3;

/// A finding as a summary quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopFinding {
    pub severity: Severity,
    pub rule: String,
    pub message: String,
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
        let facts = &r.document.facts;
        IndexEntry {
            href: href.into(),
            source: facts.source.clone(),
            title: Some(facts.heading()),
            entity: facts.entity.clone(),
            year: facts.year,
            status: EntryStatus::Checked {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            },
            rules: rules_found(r),
            top: top_findings(r),
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
            entity: None,
            year: None,
            status: EntryStatus::Failed(reason.into()),
            rules: Vec::new(),
            top: Vec::new(),
        }
    }

    /// The name a summary shows: the document's heading, else its file name.
    pub fn name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.source)
    }

    /// Errors, warnings and infos; `None` for a document that could not be checked.
    pub fn counts(&self) -> Option<[usize; 3]> {
        match self.status {
            EntryStatus::Checked {
                errors,
                warnings,
                infos,
            } => Some([errors, warnings, infos]),
            EntryStatus::Failed(_) => None,
        }
    }
}

fn rules_found(r: &Reconciliation) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    for f in &r.findings {
        if !rules.contains(&f.rule) {
            rules.push(f.rule.clone());
        }
    }
    rules
}

fn top_findings(r: &Reconciliation) -> Vec<TopFinding> {
    let mut findings: Vec<_> = r.findings.iter().collect();
    // Stable: within a severity, the report's order.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
        .into_iter()
        .take(TOP_FINDINGS)
        .map(|f| TopFinding {
            severity: f.severity,
            rule: f.rule.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// The entries in the order a reader works through them: documents that could not be checked,
/// then by errors, warnings and infos, most first; input order among equals.
pub fn ranked(entries: &[IndexEntry]) -> Vec<&IndexEntry> {
    let mut ranked: Vec<&IndexEntry> = entries.iter().collect();
    ranked.sort_by_key(|e| std::cmp::Reverse(e.counts().map_or([usize::MAX; 3], |c| c)));
    ranked
}

/// A page listing `entries` under `heading`, ranked (see [`ranked`]), each linking to its
/// report; a small script of the page's own sorts the table by a column (click its heading) and
/// filters it by name, year, rule and severity, keeping the choice in the address's fragment
/// (`#year=2019&rule=SUM-ROWS&sort=errors&dir=desc`), so that a filtered view can be linked.
pub fn index_html(heading: &str, entries: &[IndexEntry]) -> String {
    let body = html! {
        p { (entries.len()) " documents." }
        @if !entries.is_empty() {
            (filters(entries))
            p #shown {}
            table.index #index {
                thead { tr {
                    th data-key="name" { "document" }
                    th data-key="source" { "source" }
                    th.num data-key="year" { "year" }
                    (severity_header(Severity::Error, "errors"))
                    (severity_header(Severity::Warning, "warnings"))
                    (severity_header(Severity::Info, "infos"))
                    th { "most severe findings" }
                } }
                tbody {
                    @for (rank, entry) in ranked(entries).into_iter().enumerate() {
                        (index_row(rank, entry))
                    }
                }
            }
        }
    };
    page_with_script(heading, body, INDEX_SCRIPT)
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

/// Sorting and filtering of the index table; the state lives in `location.hash`.
const INDEX_SCRIPT: &str = r#"(function(){
var $=function(id){return document.getElementById(id);};
var body=document.querySelector('#index tbody');
var rows=Array.prototype.slice.call(body.rows);
var keys=['q','year','rule','sev'];
function state(){return new URLSearchParams(location.hash.slice(1));}
function value(r,key){var v=r.dataset[key]||'';return v!==''&&!isNaN(v)?Number(v):v.toLowerCase();}
function keep(r,s){var d=r.dataset,q=(s.get('q')||'').toLowerCase(),y=s.get('year'),ru=s.get('rule'),sev=s.get('sev');
return(!q||d.name.toLowerCase().indexOf(q)>=0||d.source.toLowerCase().indexOf(q)>=0)&&(!y||d.year===y)
&&(!ru||d.rules.split(' ').indexOf(ru)>=0)&&(!sev||(sev==='failed'?d.failed==='1':Number(d[sev+'s'])>0));}
function apply(){var s=state(),shown=0;
keys.forEach(function(k){$('f-'+k).value=s.get(k)||'';});
rows.forEach(function(r){r.hidden=!keep(r,s);if(!r.hidden)shown++;});
var key=s.get('sort')||'rank',dir=s.get('dir')==='desc'?-1:1;
rows.slice().sort(function(a,b){var x=value(a,key),y=value(b,key);
return(x<y?-1:x>y?1:0)*dir||value(a,'rank')-value(b,'rank');}).forEach(function(r){body.appendChild(r);});
document.querySelectorAll('#index th[data-key]').forEach(function(th){
th.setAttribute('aria-sort',th.dataset.key===key?(dir<0?'descending':'ascending'):'none');});
$('shown').textContent=shown+' of '+rows.length+' documents shown.';}
function set(s){location.hash=s.toString();}
keys.forEach(function(k){$('f-'+k).addEventListener('input',function(){var s=state(),v=$('f-'+k).value;
if(v)s.set(k,v);else s.delete(k);set(s);});});
document.querySelectorAll('#index th[data-key]').forEach(function(th){th.addEventListener('click',function(){
var s=state(),k=th.dataset.key,desc=s.get('sort')===k?s.get('dir')!=='desc':th.classList.contains('num');
s.set('sort',k);s.set('dir',desc?'desc':'asc');set(s);});});
window.addEventListener('hashchange',apply);apply();})();"#;

/// The controls that filter the index: a name, a year, a rule, a severity.
fn filters(entries: &[IndexEntry]) -> Markup {
    let mut years: Vec<u16> = entries.iter().filter_map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut rules: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.rules.iter().map(String::as_str))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    html! {
        form.filters {
            input #f-q type="search" placeholder="entity or file" aria-label="entity or file";
            select #f-year aria-label="year" {
                option value="" { "every year" }
                @for y in &years { option value=(y) { (y) } }
            }
            select #f-rule aria-label="rule" {
                option value="" { "every rule" }
                @for r in &rules { option value=(r) { (r) } }
            }
            select #f-sev aria-label="severity" {
                option value="" { "every document" }
                option value="error" { "with errors" }
                option value="warning" { "with warnings" }
                option value="info" { "with infos" }
                option value="failed" { "not checked" }
            }
        }
    }
}

fn severity_header(s: Severity, key: &str) -> Markup {
    html! { th.num data-key=(key) { (severity_badge(s)) } }
}

fn index_row(rank: usize, entry: &IndexEntry) -> Markup {
    let name = entry.name();
    let [errors, warnings, infos] = entry
        .counts()
        .map_or([String::new(), String::new(), String::new()], |c| {
            c.map(|n| n.to_string())
        });
    let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
    html! {
        tr data-rank=(rank) data-name=(name) data-source=(entry.source) data-year=(year)
            data-rules=(entry.rules.join(" ")) data-errors=(errors) data-warnings=(warnings)
            data-infos=(infos) data-failed=(if entry.counts().is_none() { "1" } else { "0" }) {
            td {
                @if entry.href.is_empty() { (name) } @else { a href=(entry.href) { (name) } }
            }
            td { (entry.source) }
            td.num { (year) }
            @match &entry.status {
                EntryStatus::Checked { .. } => {
                    td.num { (errors) } td.num { (warnings) } td.num { (infos) }
                    td.top {
                        @for f in &entry.top {
                            div { (severity_badge(f.severity)) " " code { (f.rule) } " " (f.message) }
                        }
                    }
                }
                EntryStatus::Failed(reason) => {
                    td colspan="4" { span class="sev sev-error" { "failed" } " " (reason) }
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
        assert!(!page.contains("<script>alert"), "{page}");
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert!(page.contains("&lt;script&gt;"), "{page}");
        let failed = failed_html(&entry.source, "<b>bad</b>");
        assert!(
            !failed.contains("<script>") && !failed.contains("<b>bad"),
            "{failed}"
        );
    }
}
