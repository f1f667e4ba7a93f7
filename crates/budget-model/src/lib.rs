//! The normalized budget model shared by the parser, the reconciliation rules, the report and the
//! services: amounts with their unit and printed precision, classification codes, table kinds,
//! the parsed document and findings. No I/O.

mod amount;
mod cell;
mod claim;
mod code;
mod document;
mod finding;
mod kind;
mod placement;
mod residue;
mod text;
mod unit;
pub mod wording;

pub use amount::{
    difference_text, format_value, sum_interval, tolerance_text, Amount, AmountError, Interval,
};
pub use cell::{
    cell_amount, compact, ends_with_total, glued_amounts, is_amount, is_total_label, GRAND_TOTAL,
    LETTER_SPACED_WORDS, SUBTOTAL, THREE_PUBLIC, TOTAL,
};
pub use claim::Measure;
pub use code::{
    dept_economic_class_by_name, function_class_by_name, is_chinese_numeral, split_bracketed_code,
    strip_ordinal, Code, CodeLevel, CodeReader, CodeScheme, DEPT_ECONOMIC_CLASSES,
    FUNCTION_CLASSES, OF_WHICH,
};
pub use document::{
    Change, Claim, Classification, Column, ColumnRole, ContentsEntry, Count, Direction, Document,
    DocumentKind, DocumentPart, Facts, Fund, LabelPart, PartHolds, Percent, Row, RowRole, Scope,
    Section, Side, Subject, Table, TableStatus, Term, ThreePublicItem, TotalKind,
};
pub use finding::{Evidence, Finding, Location, NarrativeCoverage, Reconciliation, Severity};
pub use kind::TableKind;
pub use placement::{PageBox, SheetLine};
pub use residue::{Residue, ResidueKind};
pub use text::{
    find_word, has_word, is_ideograph, is_page_number, is_table_number, title_core, trim,
    TABLE_NUMBER_CHARS,
};
pub use unit::Unit;
