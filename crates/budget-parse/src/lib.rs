//! The text of a budget disclosure → a normalized [`Document`]: finding tables in every syntax
//! the known layouts use, classifying them by meaning, reading their rows, the document facts,
//! the contents and the narrative claims. Pure and synchronous: no I/O.
//!
//! The data flows one way: bytes → `budget_input` (decoding, conversion of other forms, the
//! space-aligned tables rewritten as tab-separated rows) → [`text`] lines, numbered as in the
//! input → [`grid`] blocks → [`assemble`] (typed tables) and [`claims`] → [`Document`].

pub mod assemble;
pub mod cells;
pub mod claims;
pub mod columns;
pub mod contents;
pub mod counts;
pub mod facts;
pub mod grid;
pub mod named_codes;
pub mod precision;
pub mod reader;
pub mod residue;
pub mod rows;
pub mod text;
pub mod vocab;

#[cfg(test)]
mod test_support;

use budget_input::DecodeError;
use budget_model::{Document, Unit};

/// Parses the bytes of one text document (decoded by [`budget_input::decode`]: at most
/// [`budget_input::limits::MAX_TEXT_BYTES`], not empty, not binary); `source` is the name it was
/// submitted under.
pub fn parse(bytes: &[u8], source: &str) -> Result<Document, DecodeError> {
    let text = budget_input::decode(bytes)?;
    Ok(parse_text(&text, source))
}

/// Parses decoded text (line endings already `\n`), as the user sees it: its space-aligned
/// tables are rewritten here, and every location points at `text`.
pub fn parse_text(text: &str, source: &str) -> Document {
    let aligned = budget_input::layout::align_tables(text);
    let lines = text::aligned_lines(text, &aligned);
    let blocks = grid::blocks(&lines);
    let mut assembled = assemble::assemble(blocks);
    named_codes::complete_codes(&mut assembled.tables);
    let facts = facts::extract_facts(
        source,
        &aligned.text,
        &lines,
        &assembled.tables,
        &assembled.agencies,
    );
    let mut contents = contents::contents_from_text(&lines);
    contents::merge(&mut contents, assembled.contents_grid);
    let unit = facts.unit.unwrap_or(Unit::WanYuan);
    let narrative = claims::read_narrative(&assembled.narrative, unit);
    let mut claims = narrative.claims;
    if facts.kind == Some(budget_model::DocumentKind::FinalAccounts) {
        claims::measure_final_accounts(&mut claims);
    }
    claims::resolve_paths(&mut claims, &assembled.tables);
    claims.extend(counts::extract_counts(&assembled.narrative));
    let residue = residue::extract_residue(
        &lines,
        &narrative.heading_lines,
        &assembled.tables,
        facts.year,
    );
    Document {
        facts,
        contents,
        tables: assembled.tables,
        claims,
        page_breaks: text::page_breaks(text),
        residue,
        sheet_lines: Vec::new(),
        parts: Vec::new(),
        previous: None,
    }
}
