//! The precision a table prints its figures with, where a figure prints fewer decimals than
//! it has.
//!
//! A figure stands for the interval its printed decimals allow (domain.md, "Units, numbers,
//! rounding"): `350` for [349.5, 350.5]. Two layouts print fewer decimals than the figures
//! carry, and would widen every tolerance they enter:
//!
//! * a zero printed `0` (or `0.0`) among figures of two decimals: templates print an empty
//!   amount so whatever the number format;
//! * a spreadsheet's general number format, which drops trailing zeros (`350`, `714.9` beside
//!   `8563.95`). Its trait: no figure with decimals ends in a zero, while some figure prints
//!   fewer decimals than the others. A fixed format (`0.00`) prints one figure in ten with a
//!   trailing zero and every figure with the same decimals.
//!
//! Such figures are given the table's precision ([`Amount::precision`]); they are still shown
//! as printed.

use budget_model::{Amount, Row};

/// The fewest figures at the table's precision that show what it is.
const MIN_AT_PRECISION: usize = 3;

/// Gives the figures of a table that print fewer decimals than it does (see the module) the
/// table's precision.
pub fn restore_dropped_decimals(rows: &mut [Row]) {
    let amounts = || rows.iter().flat_map(|r| r.values.iter().flatten());
    let Some(precision) = amounts().map(|a| a.decimals).max() else {
        return;
    };
    let at_precision = amounts().filter(|a| a.decimals == precision).count();
    if precision == 0 || at_precision < MIN_AT_PRECISION {
        return;
    }
    let general_format = !amounts().any(ends_in_zero);
    for amount in rows.iter_mut().flat_map(|r| r.values.iter_mut().flatten()) {
        if amount.decimals < precision && (general_format || amount.value.is_zero()) {
            *amount = amount.with_precision(precision);
        }
    }
}

/// Whether a figure printed with decimals ends in a zero (`714.90`): a parsed value keeps the
/// scale it was printed with, its last printed digit is its mantissa's last.
fn ends_in_zero(amount: &Amount) -> bool {
    amount.decimals > 0 && amount.value.mantissa() % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::Unit;
    use rust_decimal::Decimal;

    fn row(figures: &[&str]) -> Row {
        crate::rows::typed_row(crate::rows::Printed {
            code: None,
            label: "行".to_string(),
            values: figures
                .iter()
                .map(|f| Amount::read(f, Unit::WanYuan))
                .collect(),
            section: None,
            line: 1,
            source: "",
        })
    }

    fn decimals(rows: &[Row]) -> Vec<u32> {
        rows.iter()
            .flat_map(|r| r.values.iter().flatten().map(|a| a.precise_decimals()))
            .collect()
    }

    #[test]
    fn a_general_format_prints_figures_without_their_trailing_zeros() {
        let mut rows = vec![
            row(&["8563.95", "7804.52"]),
            row(&["621.37", "350"]),
            row(&["714.9", "0"]),
        ];
        restore_dropped_decimals(&mut rows);
        assert_eq!(decimals(&rows), [2, 2, 2, 2, 2, 2]);
        assert_eq!(rows[1].values[1].map(|a| a.value), Some(Decimal::from(350)));
    }

    #[test]
    fn a_fixed_format_keeps_a_figure_printed_short_but_not_a_zero() {
        let mut rows = vec![
            row(&["8563.95", "7804.50"]),
            row(&["621.37", "350"]),
            row(&["714.91", "0"]),
        ];
        restore_dropped_decimals(&mut rows);
        assert_eq!(decimals(&rows), [2, 2, 2, 0, 2, 2]);
    }

    #[test]
    fn too_few_figures_show_no_precision() {
        let mut rows = vec![row(&["8563.95", "350", "0", "12.1"])];
        restore_dropped_decimals(&mut rows);
        assert_eq!(decimals(&rows), [2, 0, 0, 1]);
    }
}
