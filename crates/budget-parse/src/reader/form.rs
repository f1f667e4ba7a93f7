//! The form layout (performance-target forms): label/amount pairs anywhere in the row; every
//! row's words are its label, its amounts its values.

use budget_model::Unit;

use super::ReadTable;
use crate::cells::{cell_amount, has_words, is_digits};
use crate::grid::{Cell, Grid};
use crate::rows::{form_row, Printed};
use crate::vocab::narrative::figures::BOUNDS;
use crate::vocab::tables::PART_SEPARATOR;

/// Whether a row states an indicator's target: a cell of its own holds the bound (`≥ | 95 |
/// %`, `＝ | 12 | 月`, `不低于`). Its numbers are the target, in the indicator's own measure
/// (%, 月, 件), not money.
fn states_a_target(cells: &[Cell<'_>]) -> bool {
    cells.iter().any(|c| BOUNDS.contains(&c.trim()))
}

/// Reads a form: every row's words are its label, its amounts its values. A row stating an
/// indicator's target has no amount: its figures are words of its label.
pub fn read_form(grid: &Grid, unit: Unit) -> ReadTable {
    let mut out = ReadTable::default();
    for row in &grid.rows {
        let mut words: Vec<&str> = Vec::new();
        let mut values = Vec::new();
        // Codes come before names: digits printed before the first word are an identifier.
        let first_word = row.cells.iter().position(|c| has_words(c)).unwrap_or(0);
        let target = states_a_target(&row.cells);
        for (j, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match cell_amount(cell, unit).filter(|_| !target) {
                Some(amount) if !(j < first_word && is_digits(cell)) => values.push(Some(amount)),
                _ => words.push(cell),
            }
        }
        if words.is_empty() && values.is_empty() {
            continue;
        }
        out.rows.push(form_row(Printed {
            code: None,
            label: words.join(PART_SEPARATOR),
            values,
            section: None,
            line: row.line,
            source: row.source,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use budget_model::TableKind;

    /// An indicator's target (`≥ | 95 | %`) is no amount; the form's money lines are.
    #[test]
    fn an_indicator_target_is_no_amount() {
        let text = "项目支出绩效目标表\n单位：万元\n项目名称\t某项目\n资金总额\t100.00\n\
            产出指标\t质量指标\t合格率\t≥\t95\t%\n产出指标\t时效指标\t完成时间\t＝\t12\t月\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        assert_eq!(table.kind, TableKind::PerformanceTargetsProject);
        let with_values: Vec<&str> = table
            .rows
            .iter()
            .filter(|r| r.values.iter().any(Option::is_some))
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(with_values, ["资金总额"]);
        assert!(table.rows.iter().any(|r| r.label.contains("95")));
        assert_eq!(table.status, budget_model::TableStatus::Parsed);
    }
}
