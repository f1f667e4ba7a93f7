//! Amounts: an exact decimal value, the unit it was printed in and the number of decimals printed.
//!
//! A printed figure stands for an interval (domain.md, "Units, numbers, rounding"): `809.97` with
//! two decimals means any true value in [809.965, 809.975]. Every comparison in the product goes
//! through [`Interval`], after converting both sides to yuan.

use std::fmt;
use std::ops::{Add, Sub};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Unit;

/// A printed amount. Values are exact decimals; never `f64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    pub value: Decimal,
    pub unit: Unit,
    /// Decimals as printed: `8,763.47` has 2, `5521` has 0, `182.7` has 1.
    pub decimals: u32,
    /// The decimals the figure stands for when finer than printed: its table prints its
    /// figures with more (a zero printed `0`, a spreadsheet's general format dropping trailing
    /// zeros: `350` beside `8563.95` is 350.00). `None`: as printed. The interval is read from
    /// it; the figure is shown as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u32>,
}

/// Why a piece of text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("no digits in {0:?}")]
    NoDigits(String),
    #[error("not a number: {0:?}")]
    Malformed(String),
    #[error("number too large: {0:?}")]
    TooLarge(String),
}

/// The most digits an amount may have. A budget of 10^20 yuan does not exist; longer digit runs
/// are codes, identifiers or junk, and `Decimal` holds 28 digits at most.
const MAX_DIGITS: usize = 20;

impl Amount {
    pub fn new(value: Decimal, unit: Unit, decimals: u32) -> Self {
        Amount {
            value,
            unit,
            decimals,
            precision: None,
        }
    }

    /// The same figure standing for `decimals` decimals (see [`Amount::precision`]).
    pub fn with_precision(self, decimals: u32) -> Amount {
        Amount {
            precision: Some(decimals),
            ..self
        }
    }

    /// The decimals the figure stands for: its precision, else as printed.
    pub fn precise_decimals(&self) -> u32 {
        self.precision.unwrap_or(self.decimals)
    }

    /// Parses a printed figure: `8,763.47`, `8763.47`, `809. 97` (gap left by text extraction),
    /// `936,760.00`, `5521`, `-3.2`, full-width digits. Blank text is `Ok(None)` (no amount).
    pub fn parse(text: &str, unit: Unit) -> Result<Option<Amount>, AmountError> {
        let mut scan = NumberScan::default();
        for c in text.chars() {
            if !scan.push(c) {
                return Err(if scan.digits == 0 && !scan.seen_sign && !scan.seen_point {
                    AmountError::NoDigits(text.to_string())
                } else {
                    AmountError::Malformed(text.to_string())
                });
            }
            if scan.digits > MAX_DIGITS {
                return Err(AmountError::TooLarge(text.to_string()));
            }
        }
        scan.finish(text, unit)
    }

    /// [`Amount::parse`] when only the amount matters (`parse(..).ok().flatten()`): text that is
    /// not a number is `None` without an error being built, as most table cells are.
    pub fn read(text: &str, unit: Unit) -> Option<Amount> {
        let mut scan = NumberScan::default();
        for c in text.chars() {
            if !scan.push(c) || scan.digits > MAX_DIGITS {
                return None;
            }
        }
        scan.finish(text, unit).ok().flatten()
    }

    /// The value in yuan.
    pub fn to_yuan(&self) -> Decimal {
        match self.unit {
            // What multiplying by one gives (a zero product is `Decimal::ZERO`), without the
            // multiplication.
            Unit::Yuan if self.value.is_zero() => Decimal::ZERO,
            Unit::Yuan => self.value,
            Unit::WanYuan => wan_to_yuan(self.value),
        }
    }

    /// Half a unit of the last printed digit, in yuan.
    pub fn half_ulp_yuan(&self) -> Decimal {
        // What `Decimal::new(5, d + 1) * factor` gives (the product of the mantissas, at scale
        // d + 1), without the multiplication.
        let mantissa = match self.unit {
            Unit::Yuan => 5,
            Unit::WanYuan => 50_000,
        };
        Decimal::new(mantissa, self.precise_decimals() + 1)
    }

    /// The interval of true values (in yuan) this printed figure stands for.
    pub fn interval(&self) -> Interval {
        let v = self.to_yuan();
        let h = self.half_ulp_yuan();
        Interval {
            lo: v - h,
            hi: v + h,
        }
    }

    /// The same quantity expressed in another unit, keeping the printed precision meaningful:
    /// 5000 元 (0 decimals) is 0.5 万元 with 4 decimals.
    pub fn in_unit(&self, unit: Unit) -> Amount {
        if unit == self.unit {
            return *self;
        }
        let value = self.to_yuan() / unit.yuan_factor();
        let shift = i64::from(unit.power_of_ten()) - i64::from(self.unit.power_of_ten());
        let shifted = |d: u32| (i64::from(d) + shift).max(0) as u32;
        Amount {
            precision: self.precision.map(shifted),
            ..Amount::new(value.normalize(), unit, shifted(self.decimals))
        }
    }

    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }
}

impl fmt::Display for Amount {
    /// Prints the value with its printed decimals and its unit: `809.97万元`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            format_value(self.value, self.decimals),
            self.unit
        )
    }
}

/// A difference between two figures as messages and reports print it: at the printed figure's
/// decimals, never more (`差 -0.01万元`, not `-0.0054万元`).
pub fn difference_text(difference: Decimal, decimals: u32) -> String {
    format_value(difference, decimals)
}

/// A rounding tolerance as messages and reports print it: one digit past the printed figure's
/// decimals, trailing zeros dropped (`±0.005万元` for 0.0050005).
pub fn tolerance_text(tolerance: Decimal, decimals: u32) -> String {
    let rounded = tolerance.round_dp(decimals + 1).normalize();
    if rounded.is_zero() {
        return tolerance.normalize().to_string();
    }
    rounded.to_string()
}

/// Formats a decimal with exactly `decimals` decimals (no thousands separators).
pub fn format_value(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp(decimals);
    let mut s = rounded.to_string();
    let current = match s.split_once('.') {
        Some((_, frac)) => frac.len() as u32,
        None => 0,
    };
    if decimals > 0 && current == 0 {
        s.push('.');
    }
    for _ in current..decimals {
        s.push('0');
    }
    s
}

/// Reads a printed number one character at a time, without allocating, skipping what text
/// extraction and typesetting put inside numbers: spaces (`809. 97`), thousands separators,
/// full-width digits and punctuation.
#[derive(Debug, Default)]
struct NumberScan {
    mantissa: i128,
    digits: usize,
    int_digits: usize,
    decimals: u32,
    seen_point: bool,
    seen_sign: bool,
    negative: bool,
}

impl NumberScan {
    /// Takes one character; false when it cannot be part of a number.
    #[inline]
    fn push(&mut self, c: char) -> bool {
        match c {
            '0'..='9' | '０'..='９' => {
                let d = if c.is_ascii_digit() {
                    c as u32 - '0' as u32
                } else {
                    c as u32 - '０' as u32
                };
                self.mantissa = self.mantissa * 10 + i128::from(d);
                self.digits += 1;
                if self.seen_point {
                    self.decimals += 1;
                } else {
                    self.int_digits += 1;
                }
                true
            }
            '.' | '．' if !self.seen_point => {
                self.seen_point = true;
                true
            }
            '-' | '－' | '−' if !self.seen_sign && self.digits == 0 && !self.seen_point => {
                self.seen_sign = true;
                self.negative = true;
                true
            }
            ',' | '，' if !self.seen_point => true,
            ' ' | '\u{3000}' | '\u{a0}' | '\t' => true,
            _ => false,
        }
    }

    fn finish(self, text: &str, unit: Unit) -> Result<Option<Amount>, AmountError> {
        if self.digits == 0 {
            return if self.seen_point || self.seen_sign {
                Err(AmountError::NoDigits(text.to_string()))
            } else {
                Ok(None)
            };
        }
        if self.int_digits == 0 {
            return Err(AmountError::Malformed(text.to_string()));
        }
        let mut value = Decimal::from_i128_with_scale(self.mantissa, self.decimals);
        if self.negative {
            value = -value;
        }
        Ok(Some(Amount::new(value, unit, self.decimals)))
    }
}

/// `value * 10000`: the mantissa times 10000 at the same scale, which is what the product is
/// when it fits (zero, with its sign, and the rest are left to the multiplication).
fn wan_to_yuan(value: Decimal) -> Decimal {
    const LIMIT: i128 = 1 << 96;
    match value.mantissa().checked_mul(10_000) {
        Some(m) if !value.is_zero() && m.abs() < LIMIT => {
            Decimal::from_i128_with_scale(m, value.scale())
        }
        _ => value * Unit::WanYuan.yuan_factor(),
    }
}

/// A closed interval of yuan values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    pub fn zero() -> Self {
        Interval::exact(Decimal::ZERO)
    }

    pub fn intersects(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// The gap between two disjoint intervals (zero when they meet).
    pub fn gap(&self, other: &Interval) -> Decimal {
        if self.intersects(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo - self.hi
        } else {
            self.lo - other.hi
        }
    }

    /// Half the width: the rounding tolerance this interval carries.
    pub fn radius(&self) -> Decimal {
        (self.hi - self.lo) / Decimal::TWO
    }

    pub fn mid(&self) -> Decimal {
        (self.hi + self.lo) / Decimal::TWO
    }

    /// The absolute values of the interval's values: a difference whose sign is known
    /// elsewhere.
    pub fn abs(&self) -> Interval {
        if self.lo >= Decimal::ZERO {
            *self
        } else if self.hi <= Decimal::ZERO {
            Interval {
                lo: -self.hi,
                hi: -self.lo,
            }
        } else {
            Interval {
                lo: Decimal::ZERO,
                hi: self.hi.max(-self.lo),
            }
        }
    }
}

impl Add for Interval {
    type Output = Interval;
    fn add(self, rhs: Interval) -> Interval {
        Interval {
            lo: self.lo + rhs.lo,
            hi: self.hi + rhs.hi,
        }
    }
}

impl Sub for Interval {
    type Output = Interval;
    fn sub(self, rhs: Interval) -> Interval {
        Interval {
            lo: self.lo - rhs.hi,
            hi: self.hi - rhs.lo,
        }
    }
}

/// The interval sum of printed amounts; blank cells count as an exact zero.
pub fn sum_interval<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Interval {
    amounts
        .into_iter()
        .fold(Interval::zero(), |acc, a| acc + a.interval())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn absolute_values_of_an_interval() {
        let i = |lo: i64, hi: i64| Interval {
            lo: Decimal::from(lo),
            hi: Decimal::from(hi),
        };
        assert_eq!(i(1, 3).abs(), i(1, 3));
        assert_eq!(i(-3, -1).abs(), i(1, 3));
        assert_eq!(i(-2, 5).abs(), i(0, 5));
        assert_eq!(i(-5, 2).abs(), i(0, 5));
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_printed_forms() {
        let a = Amount::parse("8,763.47", Unit::WanYuan).unwrap().unwrap();
        assert_eq!(a.value, d("8763.47"));
        assert_eq!(a.decimals, 2);
        let b = Amount::parse("809. 97", Unit::WanYuan).unwrap().unwrap();
        assert_eq!(b.value, d("809.97"));
        let c = Amount::parse("5521", Unit::WanYuan).unwrap().unwrap();
        assert_eq!((c.value, c.decimals), (d("5521"), 0));
        assert_eq!(Amount::parse("  ", Unit::Yuan).unwrap(), None);
        assert!(Amount::parse("abc", Unit::Yuan).is_err());
        assert!(Amount::parse("1.2.3", Unit::Yuan).is_err());
        assert!(Amount::parse(&"9".repeat(40), Unit::Yuan).is_err());
    }

    #[test]
    fn wan_to_yuan_is_the_product() {
        for text in [
            "1",
            "-3.2",
            "809.97",
            "0.0001",
            "12345678901234567890",
            "-99999999999999999999",
            "7922816251426433759354395.0335",
            "1.000000000000000000000000001",
        ] {
            let v = d(text);
            let product = v * Unit::WanYuan.yuan_factor();
            let w = wan_to_yuan(v);
            assert_eq!(
                (w.mantissa(), w.scale()),
                (product.mantissa(), product.scale())
            );
            assert_eq!(w.is_sign_negative(), product.is_sign_negative());
        }
    }

    #[test]
    fn half_ulp_is_the_product_it_stands_for() {
        for unit in [Unit::Yuan, Unit::WanYuan] {
            for decimals in 0..=20 {
                let a = Amount::new(Decimal::ONE, unit, decimals);
                let product = Decimal::new(5, decimals + 1) * unit.yuan_factor();
                let h = a.half_ulp_yuan();
                assert_eq!(
                    (h.mantissa(), h.scale()),
                    (product.mantissa(), product.scale())
                );
            }
        }
    }

    #[test]
    fn interval_follows_printed_precision() {
        let a = Amount::parse("809.97", Unit::WanYuan).unwrap().unwrap();
        let i = a.interval();
        assert_eq!(i.lo, d("8099650"));
        assert_eq!(i.hi, d("8099750"));
        let y = Amount::parse("936,760.00", Unit::Yuan).unwrap().unwrap();
        assert_eq!(y.interval().radius(), d("0.005"));
    }

    #[test]
    fn a_figure_finer_than_printed_is_shown_as_printed() {
        let a = Amount::parse("350", Unit::WanYuan).unwrap().unwrap();
        assert_eq!(a.interval().radius(), d("5000"));
        let fine = a.with_precision(2);
        assert_eq!(fine.interval().radius(), d("50"));
        assert_eq!(fine.to_string(), "350万元");
        let yuan = fine.in_unit(Unit::Yuan);
        assert_eq!((yuan.decimals, yuan.precision), (0, Some(0)));
        assert_eq!(yuan.interval().radius(), d("0.5"));
    }

    #[test]
    fn display_keeps_decimals_and_unit() {
        let a = Amount::parse("2. 10", Unit::WanYuan).unwrap().unwrap();
        assert_eq!(a.to_string(), "2.10万元");
    }

    #[test]
    fn unit_conversion_keeps_the_quantity() {
        let a = Amount::parse("5000", Unit::Yuan).unwrap().unwrap();
        let w = a.in_unit(Unit::WanYuan);
        assert_eq!(w.to_yuan(), d("5000"));
        assert_eq!(w.unit, Unit::WanYuan);
    }
}
