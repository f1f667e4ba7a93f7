//! Comparing a printed total with the figures it should equal, within exactly the rounding the
//! printed precision allows (domain.md: each printed value v with d decimals stands for
//! [v - 0.5·10^-d, v + 0.5·10^-d]; a sum is consistent when the interval sum of the parts meets
//! the total's interval). The more parts, the wider the tolerance.

use budget_model::{Amount, Interval, Percent};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The printed figure equals the computed one.
    Exact,
    /// They differ, by no more than rounding allows.
    Rounding,
    /// They differ by more than rounding allows.
    Mismatch,
}

/// The result of comparing a printed figure with what other figures say it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub printed: Amount,
    /// The computed figure, in the printed figure's unit and precision.
    pub expected: Amount,
    /// printed − expected, in the printed unit.
    pub difference: Decimal,
    /// The largest difference rounding explains, in the printed unit.
    pub tolerance: Decimal,
    pub outcome: Outcome,
}

/// Compares `printed` with the sum of `parts` (blank parts are simply left out).
pub fn compare_sum(printed: &Amount, parts: &[Amount]) -> Comparison {
    let (exact_sum, expected) = sum_of(parts);
    compare_interval(printed, expected, exact_sum)
}

/// The exact sum of `parts` in yuan and their interval sum ([`budget_model::sum_interval`]).
fn sum_of(parts: &[Amount]) -> (Decimal, Interval) {
    let sum = RunningSum::of(parts);
    (sum.exact, sum.interval())
}

/// A sum of parts added one at a time, for rules that add parts until they meet a total: each
/// part costs one addition, not a new sum of all parts so far. It keeps the exact sum in yuan
/// and the parts' half units: the interval sum ([`budget_model::sum_interval`]) is the exact
/// sum widened by them, so each part is converted to yuan once.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningSum {
    exact: Decimal,
    half: Decimal,
}

impl RunningSum {
    /// The sum of `parts`.
    fn of(parts: &[Amount]) -> Self {
        let mut sum = RunningSum::default();
        for p in parts {
            sum.add(p);
        }
        sum
    }

    pub fn add(&mut self, part: &Amount) {
        self.exact += part.to_yuan();
        self.half += part.half_ulp_yuan();
    }

    fn interval(&self) -> Interval {
        Interval {
            lo: self.exact - self.half,
            hi: self.exact + self.half,
        }
    }

    /// [`sum_outcome`] of `printed` and the parts added so far.
    pub fn outcome(&self, printed: &Amount) -> Outcome {
        if is_exact(printed, self.exact) {
            return Outcome::Exact;
        }
        inexact_outcome(&printed.interval(), &self.interval())
    }

    /// Whether the parts added so far exceed `printed` (the difference of [`compare_sum`] is
    /// negative).
    pub fn exceeds(&self, printed: &Amount) -> bool {
        self.exact > printed.to_yuan()
    }
}

/// The outcome of [`compare_sum`] alone. Most figures agree: knowing that needs none of the
/// figures a finding reports.
pub fn sum_outcome(printed: &Amount, parts: &[Amount]) -> Outcome {
    // Parts printed in the total's unit that add up to it exactly settle it without converting
    // anything to yuan; any other case is worked out in yuan below.
    let same_unit = parts.iter().all(|p| p.unit == printed.unit);
    if same_unit && adds_up(printed, parts) {
        return Outcome::Exact;
    }
    RunningSum::of(parts).outcome(printed)
}

/// Whether the values of `parts` add up to the value of `printed` (units aside). Figures
/// printed with the same decimals, as most are, are added as integers of that scale; any other
/// case, or a sum too large for a decimal, is added as decimals.
fn adds_up(printed: &Amount, parts: &[Amount]) -> bool {
    const LIMIT: i128 = 1 << 96;
    let scale = printed.value.scale();
    let same_scale = parts.iter().all(|p| p.value.scale() == scale);
    // Each mantissa is below 2^96: no slice of parts overflows the integer sum.
    let sum: i128 = parts.iter().map(|p| p.value.mantissa()).sum();
    if same_scale && sum.abs() < LIMIT {
        return sum == printed.value.mantissa();
    }
    parts.iter().map(|p| p.value).sum::<Decimal>() == printed.value
}

/// The outcome of [`compare_equal`] alone; see [`sum_outcome`].
pub fn equal_outcome(printed: &Amount, other: &Amount) -> Outcome {
    outcome(printed, other.interval(), other.to_yuan())
}

/// Compares `printed` with a figure computed elsewhere as an interval of yuan whose printed
/// (unrounded) value is `value_yuan`.
pub fn compare_interval(printed: &Amount, expected: Interval, value_yuan: Decimal) -> Comparison {
    let own = printed.interval();
    let factor = printed.unit.yuan_factor();
    let difference = (printed.to_yuan() - value_yuan) / factor;
    // The printed figure's radius is its half unit.
    let tolerance = (printed.half_ulp_yuan() + expected.radius()) / factor;
    // What `outcome` works out, from the difference and interval already at hand.
    let outcome = if difference.is_zero() {
        Outcome::Exact
    } else {
        inexact_outcome(&own, &expected)
    };
    Comparison {
        printed: *printed,
        expected: Amount::new(
            (value_yuan / factor).normalize(),
            printed.unit,
            printed.decimals,
        ),
        difference: difference.normalize(),
        tolerance: tolerance.normalize(),
        outcome,
    }
}

/// Exact when the difference (in the printed unit) is zero, rounding when the intervals meet.
fn outcome(printed: &Amount, expected: Interval, value_yuan: Decimal) -> Outcome {
    if is_exact(printed, value_yuan) {
        Outcome::Exact
    } else {
        inexact_outcome(&printed.interval(), &expected)
    }
}

/// The outcome of a figure known to differ from the one expected: rounding when its interval
/// (`own`) meets the expected one.
fn inexact_outcome(own: &Interval, expected: &Interval) -> Outcome {
    if own.intersects(expected) {
        Outcome::Rounding
    } else {
        Outcome::Mismatch
    }
}

/// Whether the difference between `printed` and `value_yuan`, in the printed unit, is zero:
/// whether they are equal in yuan (a difference of printed figures, a few decimals at most, is
/// not so small that dividing it by the unit's factor gives zero).
fn is_exact(printed: &Amount, value_yuan: Decimal) -> bool {
    printed.to_yuan() == value_yuan
}

/// Compares two printed figures that should be equal (possibly in different units).
pub fn compare_equal(printed: &Amount, other: &Amount) -> Comparison {
    compare_interval(printed, other.interval(), other.to_yuan())
}

/// Whether `printed`, in a coarser unit than `cell` (万元 for a 元 cell), is `cell` converted
/// and cut to its decimals (截尾) rather than rounded: publishers convert both ways, so a
/// printed P with d decimals may stand for anything from P up to the next unit (away from
/// zero), give or take the cell's own rounding.
pub fn truncated_from(printed: &Amount, cell: &Amount) -> bool {
    let factor = printed.unit.yuan_factor();
    if factor <= cell.unit.yuan_factor() || printed.value.is_sign_negative() {
        return false;
    }
    let unit = Decimal::new(1, printed.decimals) * factor;
    let slack = cell.half_ulp_yuan();
    let (lo, value) = (printed.to_yuan(), cell.to_yuan());
    lo - slack <= value && value < lo + unit + slack
}

/// Whether `printed` is at most one unit of its last digit from `finer`, a figure printed more
/// precisely (more decimals, or a finer unit): a figure rounded again from finer ones, or from
/// a sum of them, may land one unit off (double rounding) without any figure being wrong.
pub fn one_unit_from_finer(printed: &Amount, finer: &Amount) -> bool {
    let unit = printed.half_ulp_yuan() * Decimal::TWO;
    if finer.half_ulp_yuan() * Decimal::TWO >= unit {
        return false;
    }
    (printed.to_yuan() - finer.to_yuan()).abs() <= unit + finer.half_ulp_yuan()
}

/// How a printed percentage was brought to its decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentRounding {
    /// Rounded or truncated: publishers do both, so a printed P with d decimals stands for
    /// [P − ½·10⁻ᵈ, P + 10⁻ᵈ] (truncation keeps anything below the next unit).
    Printed,
    /// Shares rounded so that they add up to exactly 100 (the largest-remainder method): each
    /// may be one unit of its last digit off, either way.
    ForcedToHundred,
}

/// The exact percentages a printed one may stand for (see [`PercentRounding`]).
pub fn percent_interval(p: &Percent, rounding: PercentRounding) -> Interval {
    let unit = Decimal::new(1, p.decimals);
    let below = match rounding {
        PercentRounding::Printed => unit / Decimal::TWO,
        PercentRounding::ForcedToHundred => unit,
    };
    Interval {
        lo: p.value - below,
        hi: p.value + unit,
    }
}

/// The allowance of [`percent_interval`] for messages: `-0.05%～+0.1%`.
pub fn percent_allowance(p: &Percent, rounding: PercentRounding) -> String {
    let i = percent_interval(p, rounding);
    budget_model::wording::narrative::percent_allowance(
        (p.value - i.lo).normalize(),
        (i.hi - p.value).normalize(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_unit_off_a_finer_figure_is_double_rounding() {
        use budget_model::Unit;
        let wan = |v: &str, d: u32| Amount::new(v.parse().unwrap(), Unit::WanYuan, d);
        let finer = wan("1003810.842739", 6);
        assert!(one_unit_from_finer(&wan("1003810.85", 2), &finer));
        assert!(!one_unit_from_finer(&wan("1003810.86", 2), &finer));
        // As precise as the other: one unit off is not double rounding.
        assert!(!one_unit_from_finer(
            &wan("1003810.85", 2),
            &wan("1003810.84", 2)
        ));
    }

    use super::*;
    use budget_model::Unit;

    fn a(s: &str, unit: Unit) -> Amount {
        Amount::parse(s, unit).unwrap().unwrap()
    }

    fn percent(text: &str) -> Percent {
        let value: Decimal = text.parse().unwrap();
        Percent {
            value,
            decimals: value.scale(),
        }
    }

    /// 56,206,054.00元 is 5,620.6054万元: 5,620.60 (cut) or 5,620.61 (rounded), not 5,620.59;
    /// a figure in the cell's own unit is rounded, never cut.
    #[test]
    fn a_converted_figure_may_be_truncated() {
        let cell = a("56206054.00", Unit::Yuan);
        let cut = |p: &str| truncated_from(&a(p, Unit::WanYuan), &cell);
        assert!(cut("5620.60"));
        assert!(!cut("5620.59"));
        assert!(!cut("5620.62"));
        assert!(!truncated_from(&a("56206053.00", Unit::Yuan), &cell));
    }

    /// 2228.78 / 21940.96 = 10.158%: printed 10.15 (truncated) or 10.16 (rounded), not 10.14
    /// nor 10.17.
    #[test]
    fn a_percentage_may_be_rounded_or_truncated() {
        let exact: Decimal = "10.158".parse().unwrap();
        let holds = |p: &str| {
            let i = percent_interval(&percent(p), PercentRounding::Printed);
            i.lo <= exact && exact <= i.hi
        };
        assert!(holds("10.15"));
        assert!(holds("10.16"));
        assert!(!holds("10.14"));
        assert!(!holds("10.17"));
        assert_eq!(
            percent_allowance(&percent("13.9"), PercentRounding::Printed),
            "-0.05%～+0.1%"
        );
    }

    /// Shares forced to add up to 100: 33.4 may stand for 33.33.
    #[test]
    fn shares_forced_to_a_hundred_may_be_a_unit_off() {
        let exact: Decimal = "33.33".parse().unwrap();
        let i = percent_interval(&percent("33.4"), PercentRounding::Printed);
        assert!(exact < i.lo);
        let i = percent_interval(&percent("33.4"), PercentRounding::ForcedToHundred);
        assert!(i.lo <= exact);
    }

    #[test]
    fn last_digit_differences_are_rounding() {
        let total = a("6,745.49", Unit::WanYuan);
        let parts = [a("546.72", Unit::WanYuan), a("6,198.76", Unit::WanYuan)];
        let c = compare_sum(&total, &parts);
        assert_eq!(c.outcome, Outcome::Rounding);
        assert_eq!(c.difference.to_string(), "0.01");
        assert_eq!(c.tolerance.to_string(), "0.015");
    }

    #[test]
    fn larger_differences_are_mismatches() {
        let total = a("812.07", Unit::WanYuan);
        let parts = [a("809.97", Unit::WanYuan), a("2.00", Unit::WanYuan)];
        let c = compare_sum(&total, &parts);
        assert_eq!(c.outcome, Outcome::Mismatch);
        assert_eq!(c.difference.to_string(), "0.1");
        assert_eq!(c.expected.to_string(), "811.97万元");
    }

    #[test]
    fn units_are_converted_before_comparing() {
        let wan = a("93.676", Unit::WanYuan);
        let yuan = a("936760", Unit::Yuan);
        assert_eq!(compare_equal(&wan, &yuan).outcome, Outcome::Exact);
        let wrong = a("936760", Unit::WanYuan);
        let c = compare_equal(&wrong, &yuan);
        assert_eq!(c.outcome, Outcome::Mismatch);
    }

    #[test]
    fn sums_added_as_integers_agree_with_decimals() {
        let cases: [(&str, &[&str]); 6] = [
            ("6,745.49", &["546.72", "6,198.77"]),
            ("6,745.49", &["546.72", "6,198.76"]),
            ("10", &["2.5", "7.50"]),
            ("10.00", &["2.5", "7.50"]),
            ("0", &[]),
            ("-3.20", &["-1.10", "-2.10"]),
        ];
        for (total, parts) in cases {
            let total = a(total, Unit::WanYuan);
            let parts: Vec<Amount> = parts.iter().map(|p| a(p, Unit::WanYuan)).collect();
            let decimal = parts.iter().map(|p| p.value).sum::<Decimal>() == total.value;
            assert_eq!(adds_up(&total, &parts), decimal);
        }
    }

    #[test]
    fn sums_of_parts_agree_with_the_interval_sum() {
        let parts = [
            a("546.72", Unit::WanYuan),
            a("6,198.7", Unit::WanYuan),
            a("936760", Unit::Yuan),
            a("-3.205", Unit::WanYuan),
        ];
        for n in 0..=parts.len() {
            let (exact, interval) = sum_of(&parts[..n]);
            let expected = budget_model::sum_interval(&parts[..n]);
            assert_eq!((interval.lo, interval.hi), (expected.lo, expected.hi));
            let exact_sum: Decimal = parts[..n].iter().map(Amount::to_yuan).sum();
            assert_eq!(exact, exact_sum);
        }
    }

    #[test]
    fn tolerance_widens_with_the_number_of_parts() {
        let total = a("10.00", Unit::WanYuan);
        let parts: Vec<Amount> = (0..5).map(|_| a("2.00", Unit::WanYuan)).collect();
        let c = compare_sum(&total, &parts);
        assert_eq!(c.tolerance.to_string(), "0.03");
    }
}
