//! Findings: what reconciliation reports, with everything a reader needs to verify it.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Amount, TableKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding points: a table cell, or a narrative sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_kind: Option<TableKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// 1-based line of the decoded text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based page of that line, when the input had page breaks (a PDF's form feeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Character offsets of a narrative claim in the decoded text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Where the figure is printed on its page (a PDF's cells and narrative figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<crate::PageBox>,
    /// The spreadsheet cell the figure is in (`Sheet1!D12`), for a document read from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The file the location is in, for a publication of several files read as one document
    /// (`Document::parts`); `line`, `page`, the box's page and the offsets are then that file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A reference to what a finding rests on: a row or a cell of a table (indexes into
/// `Document::tables`, `Table::rows` and `Table::columns`), a whole table, or a narrative claim
/// (an index into `Document::claims`). Root-cause folding compares these, never quoted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Evidence {
    Table {
        table: usize,
    },
    Row {
        table: usize,
        row: usize,
    },
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
    Claim {
        claim: usize,
    },
}

impl Evidence {
    /// The (table, row) the evidence points into, for a row or a cell.
    pub fn row(&self) -> Option<(usize, usize)> {
        match *self {
            Evidence::Row { table, row } | Evidence::Cell { table, row, .. } => Some((table, row)),
            Evidence::Table { .. } | Evidence::Claim { .. } => None,
        }
    }

    /// The table the evidence points into, if any.
    pub fn table(&self) -> Option<usize> {
        match *self {
            Evidence::Table { table }
            | Evidence::Row { table, .. }
            | Evidence::Cell { table, .. } => Some(table),
            Evidence::Claim { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `SUM-ROWS`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// What the figure should be, from the other figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Amount>,
    /// The figure as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<Amount>,
    /// printed - expected, in the unit of `printed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
    /// The rounding tolerance allowed, in the unit of `printed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Decimal>,
    /// The printed text the finding comes from (a table row or a sentence).
    pub source_text: String,
    /// Findings caused by the same root cause, folded into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<String>,
    /// What the finding rests on, the figure it points at first: the printed cell (or row,
    /// or claim), then the rows, cells and claims it was compared with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Where the figures it was compared with are printed in another document (last year's,
    /// for a finding across years), each naming its file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Location>,
}

impl Finding {
    /// A finding about the document as a whole: no place, no figures.
    pub fn about_document(
        rule: &str,
        severity: Severity,
        message: String,
        source_text: String,
    ) -> Self {
        Finding {
            rule: rule.into(),
            severity,
            message,
            location: Location::default(),
            expected: None,
            printed: None,
            difference: None,
            tolerance: None,
            source_text,
            consequences: Vec::new(),
            evidence: Vec::new(),
            related: Vec::new(),
        }
    }
}

/// The result of reconciling one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub document: crate::Document,
    pub findings: Vec<Finding>,
    /// How much of the narrative the rules could check.
    #[serde(default)]
    pub coverage: NarrativeCoverage,
}

/// What the rules made of the narrative's figures, as indexes into `Document::claims`, each
/// list in order: the claims stating an amount, those a table cell describes (resolved: the
/// rest name nothing the tables hold), and those some rule compared with a table cell or with
/// other claims (checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeCoverage {
    pub figures: Vec<usize>,
    pub resolved: Vec<usize>,
    pub checked: Vec<usize>,
}

impl NarrativeCoverage {
    /// The figures no table cell describes.
    pub fn unresolved(&self) -> impl Iterator<Item = usize> + '_ {
        self.figures
            .iter()
            .copied()
            .filter(|i| self.resolved.binary_search(i).is_err())
    }
}

impl Reconciliation {
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
