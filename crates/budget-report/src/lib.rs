//! Renders a [`Reconciliation`] for machines ([`to_json`], the JSON Lines schema documented in
//! README.md) and for people ([`to_text`], readable in an 80-column terminal; [`to_html`], one
//! self-contained page with the source figures highlighted and the offending cells marked; [`to_csv`],
//! one row per finding for a spreadsheet).
//!
//! A renderer only formats: it never re-computes sums or re-reads text. Every figure it prints
//! comes from the model as the parser and the rules left it.

mod csv;
mod html;
mod index;
mod json;
mod summary;
mod text;
mod width;

pub use budget_model::Reconciliation;
pub use csv::{to_csv, to_csv_header, CSV_HEADER};
pub use html::to_html;
pub use index::{
    failed_html, index_html, ranked, EntryStatus, IndexEntry, TopFinding, TOP_FINDINGS,
};
pub use json::{json_line, to_json};
pub use summary::summary_text;
pub use text::{to_colored_text, to_text};
pub use width::{display_width, truncate, wrap};

#[cfg(test)]
mod test_support;
