//! Event counts over time: how many matching events fell in each day,
//! week, month or year, by event type and quad. The overview of the web
//! UI (and anyone charting the store) asks this with the same
//! [`EventFilter`] as the event list, so the chart and the list agree.

use crate::query::{where_clause, EventFilter};
use crate::{Result, Store};
use serde::{Deserialize, Serialize};
use sitrep_core::Date;
use std::collections::BTreeMap;

/// How wide one bar of the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// Weeks start on Monday; a week is named by its Monday.
    Week,
    #[default]
    Month,
    Year,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            _ => Err(format!("unknown period {s:?} (one of day, week, month, year)")),
        }
    }
}

impl Period {
    /// The bucket a day (days since 1970-01-01) falls in: `YYYY-MM-DD`
    /// for days and weeks, `YYYY-MM` for months, `YYYY` for years.
    pub fn bucket(self, day: i64) -> String {
        match self {
            Period::Day => Date::from_days(day).to_string(),
            Period::Week => Date::from_days(day - (day + 3).rem_euclid(7)).to_string(),
            Period::Month => {
                let d = Date::from_days(day);
                format!("{:04}-{:02}", d.year, d.month)
            }
            Period::Year => format!("{:04}", Date::from_days(day).year),
        }
    }
}

/// Events of one type (and quad) in one period; `period` is `None` for
/// events without a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineCount {
    pub period: Option<String>,
    pub event: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict (0 unknown).
    pub quad: i64,
    pub count: i64,
}

impl Store {
    /// Matching events counted by period, event type and quad, earliest
    /// period first (undated events last).
    pub fn timeline(&self, f: &EventFilter, period: Period) -> Result<Vec<TimelineCount>> {
        let (w, p) = where_clause(f);
        let sql = format!("SELECT e.day, e.event, e.quad, count(*) FROM events e WHERE {w} GROUP BY 1, 2, 3");
        let err = |e: rusqlite::Error| self.err("count events over time", e);
        let mut st = self.connection().prepare_cached(&sql).map_err(err)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(p.iter()), |r| {
                Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
            })
            .map_err(err)?;
        // (has no date, bucket, event, quad) → count: dated buckets sort
        // first, in time order (the bucket strings sort as dates).
        let mut acc: BTreeMap<(bool, String, String, i64), i64> = BTreeMap::new();
        for r in rows {
            let (day, event, quad, n) = r.map_err(err)?;
            let key = match day {
                Some(d) => (false, period.bucket(d), event, quad),
                None => (true, String::new(), event, quad),
            };
            *acc.entry(key).or_insert(0) += n;
        }
        Ok(acc
            .into_iter()
            .map(|((undated, period, event, quad), count)| TimelineCount {
                period: (!undated).then_some(period),
                event,
                quad,
                count,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_name_the_period_a_day_falls_in() {
        let day = |s: &str| Date::parse(s).map(|d| d.to_days()).unwrap_or(i64::MIN);
        // 2024-11-01 was a Friday: its week starts on Monday 28 October.
        assert_eq!(Period::Week.bucket(day("2024-11-01")), "2024-10-28");
        assert_eq!(Period::Week.bucket(day("2024-10-28")), "2024-10-28");
        assert_eq!(Period::Week.bucket(day("2024-11-03")), "2024-10-28");
        assert_eq!(Period::Week.bucket(day("1969-12-31")), "1969-12-29");
        assert_eq!(Period::Day.bucket(day("2024-02-29")), "2024-02-29");
        assert_eq!(Period::Month.bucket(day("2024-02-29")), "2024-02");
        assert_eq!(Period::Year.bucket(day("2024-02-29")), "2024");
    }

    #[test]
    fn periods_parse_by_name() {
        assert_eq!("Week".parse::<Period>(), Ok(Period::Week));
        assert!("fortnight".parse::<Period>().is_err());
    }
}
