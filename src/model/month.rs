//! Calendar months ("2028-06"), the time unit of every roadmap.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// First year a month may have.
pub const MIN_YEAR: i32 = 1;
/// Last year a month may have.
pub const MAX_YEAR: i32 = 9999;

/// A calendar month, ordered in time; written as "YYYY-MM".
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Months since January of year 0.
    index: i32,
}

/// Why a text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid month \"{text}\": expected YYYY-MM, e.g. \"2028-06\" (year {MIN_YEAR}–{MAX_YEAR}, month 01–12)"
)]
pub struct MonthError {
    /// The text that was refused (shortened when very long).
    pub text: String,
}

impl Month {
    /// The month `month` (1–12) of `year`, if both are in range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Month {
            index: year * 12 + month as i32 - 1,
        })
    }

    /// The year, e.g. 2028.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// The month of the year, 1–12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// Months since January of year 0; handy for arithmetic and layout.
    pub fn index(self) -> i32 {
        self.index
    }

    /// The month with the given index, clamped to the supported years.
    pub fn from_index(index: i32) -> Month {
        let lo = MIN_YEAR * 12;
        let hi = MAX_YEAR * 12 + 11;
        Month {
            index: index.clamp(lo, hi),
        }
    }

    /// This month moved by `delta` months (clamped to the supported years).
    pub fn plus(self, delta: i32) -> Month {
        Month::from_index(self.index.saturating_add(delta))
    }

    /// Number of months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Month) -> i32 {
        later.index - self.index
    }

    /// The quarter of the year, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month() - 1) / 3 + 1
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(text: &str) -> Result<Month, MonthError> {
        let refuse = || MonthError {
            text: text.chars().take(40).collect(),
        };
        let (year, month) = text.split_once('-').ok_or_else(refuse)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(refuse());
        }
        let year: i32 = year.parse().map_err(|_| refuse())?;
        let month: u32 = month.parse().map_err(|_| refuse())?;
        Month::new(year, month).ok_or_else(refuse)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_year_and_month() {
        let m: Month = "2028-06".parse().unwrap();
        assert_eq!((m.year(), m.month(), m.quarter()), (2028, 6, 2));
        assert_eq!(m.to_string(), "2028-06");
    }

    #[test]
    fn refuses_bad_months_and_shows_the_text() {
        for bad in [
            "2028-13", "28-6", "2028-00", "0000-00", "99999-01", "2028-6", "", "2028/06", "-001-01",
        ] {
            let err = bad.parse::<Month>().unwrap_err();
            assert!(err.to_string().contains(&format!("\"{bad}\"")), "{err}");
        }
    }

    #[test]
    fn arithmetic_crosses_years() {
        let m: Month = "2028-11".parse().unwrap();
        assert_eq!(m.plus(3).to_string(), "2029-02");
        assert_eq!(m.plus(-11).to_string(), "2027-12");
        assert_eq!(m.months_until(m.plus(14)), 14);
        assert!(m < m.plus(1));
    }

    #[test]
    fn arithmetic_clamps_at_the_supported_years() {
        let m: Month = "9999-12".parse().unwrap();
        assert_eq!(m.plus(i32::MAX).to_string(), "9999-12");
        assert_eq!(m.plus(i32::MIN).to_string(), "0001-01");
    }
}
