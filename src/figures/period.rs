//! The periods a report counts over: the whole report year, its first half (January–June, the
//! half-year report written in July) and its second half (July–December).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A stretch of the report year that figures are counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Period {
    /// January to December.
    Year,
    /// January to June.
    FirstHalf,
    /// July to December.
    SecondHalf,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Year, Period::FirstHalf, Period::SecondHalf];

    /// The English id (`--period first-half`).
    pub fn id(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::FirstHalf => "first-half",
            Period::SecondHalf => "second-half",
        }
    }

    /// The Chinese name: 全年, 上半年, 下半年.
    pub fn name(self) -> &'static str {
        match self {
            Period::Year => "全年",
            Period::FirstHalf => "上半年",
            Period::SecondHalf => "下半年",
        }
    }

    /// The months it spans, 1-based.
    pub fn months(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Period::Year => 1..=12,
            Period::FirstHalf => 1..=6,
            Period::SecondHalf => 7..=12,
        }
    }

    /// Whether `date` falls in this period of `year` (a date in another year never does).
    pub fn contains(self, year: i32, date: NaiveDate) -> bool {
        date.year() == year && self.months().contains(&date.month())
    }

    /// The first day of the period in `year`.
    pub fn first_day(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, *self.months().start(), 1).expect("a valid first day")
    }

    /// The last day of the period in `year`.
    pub fn last_day(self, year: i32) -> NaiveDate {
        let last_month = *self.months().end();
        let next = if last_month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, last_month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).expect("a valid last day")
    }

    /// Whether every date of this period is also in `other` (the first half is within the year).
    pub fn within(self, other: Period) -> bool {
        let (mine, theirs) = (self.months(), other.months());
        theirs.start() <= mine.start() && mine.end() <= theirs.end()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `year` / `全年`, `first-half` / `上半年`, `second-half` / `下半年`; an unknown one is said in
/// Chinese.
impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        let s = s.trim();
        Period::ALL
            .into_iter()
            .find(|p| s.eq_ignore_ascii_case(p.id()) || s == p.name())
            .or(match s {
                "年度" | "full-year" => Some(Period::Year),
                "h1" | "H1" => Some(Period::FirstHalf),
                "h2" | "H2" => Some(Period::SecondHalf),
                _ => None,
            })
            .ok_or_else(|| {
                format!("不认识的期间“{s}”，可选：year（全年）、first-half（上半年）、second-half（下半年）")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn halves_split_the_year_at_june_30() {
        assert!(Period::FirstHalf.contains(2024, day(2024, 6, 30)));
        assert!(!Period::FirstHalf.contains(2024, day(2024, 7, 1)));
        assert!(Period::SecondHalf.contains(2024, day(2024, 7, 1)));
        assert!(Period::Year.contains(2024, day(2024, 12, 31)));
        assert!(!Period::Year.contains(2024, day(2025, 1, 1)));
        assert!(!Period::FirstHalf.contains(2024, day(2023, 3, 1)));
        assert_eq!(Period::FirstHalf.last_day(2024), day(2024, 6, 30));
        assert_eq!(Period::SecondHalf.first_day(2024), day(2024, 7, 1));
        assert_eq!(Period::Year.last_day(2024), day(2024, 12, 31));
        assert!(Period::FirstHalf.within(Period::Year));
        assert!(!Period::Year.within(Period::FirstHalf));
    }

    #[test]
    fn names_parse_in_english_and_chinese() {
        assert_eq!("上半年".parse::<Period>(), Ok(Period::FirstHalf));
        assert_eq!("first-half".parse::<Period>(), Ok(Period::FirstHalf));
        assert_eq!("全年".parse::<Period>(), Ok(Period::Year));
        assert_eq!("second-half".parse::<Period>(), Ok(Period::SecondHalf));
        assert!("季度".parse::<Period>().is_err());
    }
}
