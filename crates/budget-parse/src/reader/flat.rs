//! A side-by-side summary flattened onto one line of text (`label amount amount label
//! amount`), as one sample's extraction printed its 收支总表: a layout trait, read without a
//! header, its sides told apart by the vocabulary ([`is_flat_income`]).

use budget_model::{
    function_class_by_name, Classification, Column, ColumnRole, Row, Section, Side, Unit,
};

use super::ReadTable;
use crate::cells::{cell_amount, is_amount};
use crate::columns::{normalize_header, roles};
use crate::rows::{typed_row, Printed};
use crate::vocab::tables::{is_flat_income, side_section, AMOUNT_COLUMN, FLAT_EXPENDITURE_COLUMNS};

/// The role-free reading of a flattened side-by-side table: `label amount amount label amount`.
pub fn read_flat_line(line: &str, line_number: usize, unit: Unit) -> ReadTable {
    let items = flat_items(line);
    let first_valued = items
        .iter()
        .position(|(_, v)| !v.is_empty())
        .unwrap_or(items.len());
    let header_words: Vec<String> = items[..first_valued]
        .iter()
        .map(|(w, _)| normalize_header(w).into_owned())
        .collect();
    let body = &items[first_valued..];
    let spend_width = body
        .iter()
        .filter(|(w, _)| !is_flat_income(w))
        .map(|(_, v)| v.len())
        .max()
        .unwrap_or(1);
    let spend_names = flat_spend_columns(&header_words, spend_width);
    let sides = flat_sections();
    let mut columns = vec![Column {
        name: AMOUNT_COLUMN.into(),
        role: ColumnRole::Amount,
        section: Some(sides[0].clone()),
    }];
    let paths: Vec<Vec<String>> = spend_names.iter().map(|n| vec![n.clone()]).collect();
    columns.extend(paths.iter().zip(roles(&paths)).map(|(p, role)| Column {
        name: p.join("/"),
        role,
        section: Some(sides[1].clone()),
    }));
    let printed = FlatLine {
        columns: &columns,
        sides: &sides,
        unit,
        number: line_number,
        text: line,
    };
    let rows = body
        .iter()
        .map(|(label, amounts)| flat_row(label, amounts, &printed))
        .collect();
    ReadTable {
        columns,
        rows,
        agencies: Vec::new(),
    }
}

/// The two sides of a flattened summary: income, and expenditure by function.
fn flat_sections() -> [Section; 2] {
    [
        side_section(Side::Income, None, ""),
        side_section(Side::Expenditure, Some(Classification::Function), ""),
    ]
}

/// A flattened line and what its items are read into.
struct FlatLine<'a> {
    columns: &'a [Column],
    sides: &'a [Section; 2],
    unit: Unit,
    number: usize,
    text: &'a str,
}

fn flat_row(label: &str, amounts: &[String], line: &FlatLine) -> Row {
    let income = is_flat_income(label);
    let mut values = vec![None; line.columns.len()];
    let start = if income { 0 } else { 1 };
    for (k, text) in amounts.iter().enumerate() {
        if let Some(slot) = values.get_mut(start + k) {
            *slot = cell_amount(text, line.unit);
        }
    }
    typed_row(Printed {
        code: (!income).then(|| function_class_by_name(label)).flatten(),
        label: label.to_string(),
        values,
        section: Some(&line.sides[usize::from(!income)]),
        line: line.number,
        source: line.text,
    })
}

/// The expenditure columns of a flattened summary, in their usual order, from the header words.
fn flat_spend_columns(header_words: &[String], width: usize) -> Vec<String> {
    let mut names: Vec<String> = FLAT_EXPENDITURE_COLUMNS
        .iter()
        .filter(|w| header_words.iter().any(|h| h == *w))
        .map(|w| w.to_string())
        .collect();
    if names.is_empty() {
        names.push(AMOUNT_COLUMN.into());
    }
    names.truncate(width.max(1));
    names
}

/// Splits a flattened line into (label, amounts) items. Words between amounts are labels; a run
/// of several words before an amount is several labels, the last of which owns the amounts.
fn flat_items(line: &str) -> Vec<(String, Vec<String>)> {
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for token in flat_tokens(line) {
        match token {
            FlatToken::Word(w) => items.push((w, Vec::new())),
            FlatToken::Number(n) => match items.last_mut() {
                Some((_, amounts)) => amounts.push(n),
                None => items.push((String::new(), vec![n])),
            },
        }
    }
    items
}

enum FlatToken {
    Word(String),
    Number(String),
}

/// Tokens of a flattened line: numbers (which may contain a gap after the decimal point, as in
/// `809. 97`) and words (markup removed).
fn flat_tokens(line: &str) -> Vec<FlatToken> {
    let text = crate::columns::strip_tags(line);
    let pieces: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        if is_amount(piece) {
            let mut number = piece.to_string();
            let next_is_decimals = pieces
                .get(i + 1)
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
            if piece.ends_with('.') && next_is_decimals {
                number.push_str(pieces[i + 1]);
                i += 1;
            }
            out.push(FlatToken::Number(number));
        } else {
            out.push(FlatToken::Word(piece.to_string()));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_line_reads_both_sides() {
        let line = "<u>单位:万元</u> 支出 合计 一般公共预算支出 一、财政拨款收入 809.97 一、本年支出 809. 97 809. 97 社会保障和就业支出 756. 56 756. 56 收入总计 809. 97 支出总计 809. 97 809. 97";
        let t = read_flat_line(line, 7, Unit::WanYuan);
        assert_eq!(t.columns.len(), 3);
        let social = t
            .rows
            .iter()
            .find(|r| r.label == "社会保障和就业支出")
            .unwrap();
        assert_eq!(social.code.as_ref().map(|c| c.as_str()), Some("208"));
        assert_eq!(
            social.values[1].map(|a| a.to_string()).as_deref(),
            Some("756.56万元")
        );
        let income = t.rows.iter().find(|r| r.label == "收入总计").unwrap();
        assert_eq!(
            income.values[0].map(|a| a.to_string()).as_deref(),
            Some("809.97万元")
        );
    }
}
