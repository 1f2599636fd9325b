//! Calendar dates without a calendar crate: what the lexicon (terms of
//! office), the coder ("on Friday", "last week") and the store (date
//! filters) need, and no more.
//!
//! Dates are proleptic Gregorian. Partial dates (`2019`, `2019-06`) parse
//! to their first day; [`Date::parse_end`] gives their last day, so a term
//! of office written `to 2019` includes all of 2019.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number (1–12) of an English month name or its abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|m| *m == w || (w.len() == 3 && m.starts_with(&w))).map(|i| i as u8 + 1)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A valid date, or `None` (month 13, 31 April, year beyond ±9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(-9999..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by a
    /// time (`T…` or a space), to the first day it names.
    pub fn parse(s: &str) -> Option<Date> {
        let (y, m, d) = Self::parse_parts(s)?;
        Date::new(y, m.unwrap_or(1), d.unwrap_or(1))
    }

    /// Like [`Date::parse`], but a partial date gives its last day.
    pub fn parse_end(s: &str) -> Option<Date> {
        let (y, m, d) = Self::parse_parts(s)?;
        let m = m.unwrap_or(12);
        Date::new(y, m, d.unwrap_or_else(|| days_in_month(y, m)))
    }

    fn parse_parts(s: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next()?;
        let mut it = s.split('-');
        let y = it.next()?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = y.parse().ok()?;
        let m = match it.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok()?),
            Some(_) => return None,
            None => None,
        };
        let d = match it.next() {
            Some(d) if d.len() == 2 && m.is_some() => Some(d.parse::<u8>().ok()?),
            Some(_) => return None,
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        Some((y, m, d))
    }

    /// Parses the date formats found in news metadata and test files:
    /// ISO 8601, `10 May 2015`, `May 10, 2015`, `October 1, 2021`,
    /// RFC 2822 (`Tue, 10 Jun 2003 04:00:00 GMT`), `2015/05/10`.
    /// Words like "today" are not dates and give `None`.
    pub fn parse_loose(s: &str) -> Option<Date> {
        if let Some(d) = Date::parse(s) {
            return Some(d);
        }
        let cleaned: String = s.chars().map(|c| if c == ',' || c == '/' { ' ' } else { c }).collect();
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        let mut year = None;
        let mut month = None;
        let mut day = None;
        let mut numeric = Vec::new();
        for w in &words {
            if let Some(m) = month_number(w) {
                month.get_or_insert(m);
            } else if let Ok(n) = w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<i32>() {
                if w.len() == 4 && year.is_none() {
                    year = Some(n);
                } else if (1..=31).contains(&n) {
                    numeric.push(n as u8);
                }
            }
        }
        if month.is_none() && numeric.len() >= 2 {
            // 2015/05/10 with the year first
            month = Some(numeric[0]);
            day = Some(numeric[1]);
        } else if let Some(&d) = numeric.first() {
            day = Some(d);
        }
        Date::new(year?, month?, day.unwrap_or(1))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (y + i64::from(m <= 2)) as i32, month: m, day: d }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        (self.to_days() + 3).rem_euclid(7) as u8
    }

    /// Today, from the system clock (UTC).
    pub fn today() -> Date {
        let secs =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_partial_dates() {
        assert_eq!(Date::parse("2024-11-01"), Date::new(2024, 11, 1));
        assert_eq!(Date::parse("2024-11-01T10:00:00Z"), Date::new(2024, 11, 1));
        assert_eq!(Date::parse("2019"), Date::new(2019, 1, 1));
        assert_eq!(Date::parse_end("2019"), Date::new(2019, 12, 31));
        assert_eq!(Date::parse_end("2024-02"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("2019-13-01"), None);
        assert_eq!(Date::parse("19-01-01"), None);
        assert_eq!(Date::parse("2023-02-29"), None);
    }

    #[test]
    fn loose_formats() {
        assert_eq!(Date::parse_loose("10 May 2015"), Date::new(2015, 5, 10));
        assert_eq!(Date::parse_loose("October 1, 2021"), Date::new(2021, 10, 1));
        assert_eq!(Date::parse_loose("Tue, 10 Jun 2003 04:00:00 GMT"), Date::new(2003, 6, 10));
        assert_eq!(Date::parse_loose("2015/05/10"), Date::new(2015, 5, 10));
        assert_eq!(Date::parse_loose("Today"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (1999, 12, 31), (1600, 3, 1), (2024, 11, 1)] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(Date::from_days(date.to_days()), date);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        // 2024-11-01 was a Friday.
        assert_eq!(Date::new(2024, 11, 1).unwrap().weekday(), 4);
        assert_eq!(Date::new(2024, 2, 28).unwrap().add_days(1), Date::new(2024, 2, 29).unwrap());
    }
}
