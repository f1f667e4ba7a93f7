//! Bytes of a budget disclosure → a normalized [`Document`]: decoding, finding tables in every
//! syntax the known layouts use, classifying them by meaning, reading their rows, the document
//! facts, the contents and the narrative claims. Pure and synchronous: no I/O.
//!
//! The data flows one way: bytes → [`decode`] → [`text`] lines → [`grid`] blocks →
//! [`assemble`] (typed tables) and [`claims`] → [`Document`].

pub mod assemble;
pub mod cells;
pub mod claims;
pub mod columns;
pub mod contents;
pub mod counts;
pub mod decode;
pub mod facts;
pub mod grid;
pub mod layout;
pub mod reader;
pub mod rows;
pub mod text;
pub mod vocab;

use budget_model::{Document, Unit};

pub use decode::MAX_DOCUMENT_BYTES;

/// Why a document could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("the document is empty")]
    Empty,
    #[error("the document is not text (binary content)")]
    Binary,
    #[error("the document is too large: {size} bytes (limit {limit})")]
    TooLarge { size: usize, limit: usize },
}

/// Parses the bytes of one document; `source` is the name it was submitted under.
pub fn parse(bytes: &[u8], source: &str) -> Result<Document, ParseError> {
    let text = decode::decode(bytes)?;
    Ok(parse_text(&text, source))
}

/// Parses decoded text (line endings already `\n`).
pub fn parse_text(text: &str, source: &str) -> Document {
    let text: &str = &layout::align_tables(text);
    let lines = text::lines(text);
    let blocks = grid::blocks(&lines);
    let assembled = assemble::assemble(blocks);
    let facts = facts::extract_facts(source, text, &lines, &assembled.tables, &assembled.agencies);
    let mut contents = contents::contents_from_text(&lines);
    contents.extend(assembled.contents_grid);
    let unit = facts.unit.unwrap_or(Unit::WanYuan);
    let mut claims = claims::extract_claims(&assembled.narrative, unit);
    claims.extend(counts::extract_counts(&assembled.narrative));
    Document {
        facts,
        contents,
        tables: assembled.tables,
        claims,
        page_breaks: text::page_breaks(&lines),
    }
}
