//! Publication dates as pages write them, normalised to ISO 8601.
//!
//! Meta tags and JSON-LD mostly carry RFC 3339 (`2019-11-19T14:05:00-05:00`),
//! but real pages also write RFC 2822, `2019-11-19 14:05`, `20191119`, Unix
//! seconds, or `Nov. 19, 2019 at 2:05 p.m. ET`. [`normalise`] turns what it
//! can into `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z`), `YYYY-MM-DDTHH:MM:SS`
//! without a zone, or `YYYY-MM-DD` when only the day is known.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat};

/// The earliest and latest years taken as a plausible publication date.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Normalises a date string to ISO 8601, or `None` if it is not a date.
pub fn normalise(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    with_zone(s).or_else(|| without_zone(s)).or_else(|| date_only(s)).or_else(|| unix_seconds(s)).or_else(|| loose(s))
}

fn plausible(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

fn with_zone(s: &str) -> Option<String> {
    let zulu;
    let s = match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(rest) => {
            zulu = format!("{rest}+00:00");
            zulu.as_str()
        }
        None => s,
    };
    let parsed =
        DateTime::parse_from_rfc3339(s).ok().or_else(|| DateTime::parse_from_rfc2822(s).ok()).or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f%z",
                "%Y-%m-%dT%H:%M:%S%.f%:z",
                "%Y-%m-%dT%H:%M%z",
                "%Y-%m-%dT%H:%M%:z",
                "%Y-%m-%d %H:%M:%S%.f%z",
                "%Y-%m-%d %H:%M:%S%.f %z",
                "%Y-%m-%d %H:%M:%S%.f%:z",
                "%Y-%m-%d %H:%M%z",
                "%Y-%m-%d %H:%M %z",
                "%a, %d %b %Y %H:%M:%S %z",
                "%a, %d %b %Y %H:%M %z",
                "%d %b %Y %H:%M:%S %z",
            ]
            .iter()
            .find_map(|f| DateTime::parse_from_str(s, f).ok())
        })?;
    plausible(parsed.date_naive()).then(|| parsed.to_rfc3339_opts(SecondsFormat::Secs, true))
}

fn without_zone(s: &str) -> Option<String> {
    // "GMT"/"UTC" spelled out after the time means UTC.
    for suffix in [" GMT", " UTC", " gmt", " utc"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            if let Some(naive) = naive_datetime(rest.trim()) {
                return plausible(naive.date()).then(|| naive.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true));
            }
        }
    }
    let naive = naive_datetime(s)?;
    plausible(naive.date()).then(|| naive.format("%Y-%m-%dT%H:%M:%S").to_string())
}

fn naive_datetime(s: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%a, %d %b %Y %H:%M:%S",
        "%d %b %Y %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

fn date_only(s: &str) -> Option<String> {
    let d = [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y%m%d",
        "%d.%m.%Y",
        "%Y.%m.%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A, %B %d, %Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(s, f).ok())?;
    plausible(d).then(|| d.format("%Y-%m-%d").to_string())
}

fn unix_seconds(s: &str) -> Option<String> {
    if !(s.len() == 10 || s.len() == 13) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = if s.len() == 13 { n / 1000 } else { n };
    let dt = DateTime::from_timestamp(secs, 0)?;
    plausible(dt.date_naive()).then(|| dt.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// A day written in words somewhere in the string ("Published Nov. 19,
/// 2019 at 5:00 p.m. ET", "19 November 2019 | 14:05"), or an ISO date that
/// starts it. Only the day is kept: a time in words comes without a
/// reliable zone.
fn loose(s: &str) -> Option<String> {
    if let Some(head) = s.get(..10) {
        if let Some(d) = date_only(head) {
            return Some(d);
        }
    }
    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_number(w) else { continue };
        let number = |j: usize| -> Option<u32> {
            let t = words.get(j)?;
            (t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
        };
        let year_at = |j: usize| number(j).filter(|y| (1990..=2100).contains(y));
        let day_at = |j: usize| {
            let t = words.get(j)?;
            let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = &t[digits.len()..];
            if digits.is_empty() || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
        };
        // "November 19, 2019" / "Nov 19 2019"
        let found = match (day_at(i + 1), year_at(i + 2)) {
            (Some(d), Some(y)) => Some((y, d)),
            _ => match (i.checked_sub(1).and_then(day_at), year_at(i + 1)) {
                // "19 November 2019"
                (Some(d), Some(y)) => Some((y, d)),
                _ => None,
            },
        };
        if let Some((y, d)) = found {
            let y = i32::try_from(y).ok()?;
            if let Some(date) = NaiveDate::from_ymd_opt(y, month, d) {
                return Some(date.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

fn month_number(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
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
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w.as_str()) && (w.len() == 3 || w == "sept")))
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn rfc3339_and_variants() {
        assert_eq!(normalise("2019-11-19T14:05:00-05:00").as_deref(), Some("2019-11-19T14:05:00-05:00"));
        assert_eq!(normalise("2019-11-19T14:05:00Z").as_deref(), Some("2019-11-19T14:05:00Z"));
        assert_eq!(normalise("2019-11-19T14:05:00.123+0100").as_deref(), Some("2019-11-19T14:05:00+01:00"));
        assert_eq!(normalise("2019-11-19T14:05Z").as_deref(), Some("2019-11-19T14:05:00Z"));
        assert_eq!(normalise(" 2019-11-19 14:05:00 ").as_deref(), Some("2019-11-19T14:05:00"));
        assert_eq!(normalise("2019-11-19 14:05:00 GMT").as_deref(), Some("2019-11-19T14:05:00Z"));
    }

    #[test]
    fn rfc2822() {
        assert_eq!(normalise("Tue, 19 Nov 2019 14:05:00 +0000").as_deref(), Some("2019-11-19T14:05:00Z"));
        assert_eq!(normalise("Tue, 19 Nov 2019 09:05:00 EST").as_deref(), Some("2019-11-19T09:05:00-05:00"));
    }

    #[test]
    fn days_only() {
        assert_eq!(normalise("2019-11-19").as_deref(), Some("2019-11-19"));
        assert_eq!(normalise("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(normalise("19.11.2019").as_deref(), Some("2019-11-19"));
        assert_eq!(normalise("November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(normalise("Published Nov. 19, 2019 at 5:00 p.m. ET").as_deref(), Some("2019-11-19"));
        assert_eq!(normalise("19th September 2021, 14:05").as_deref(), Some("2021-09-19"));
        assert_eq!(normalise("Sept 3 2020").as_deref(), Some("2020-09-03"));
    }

    #[test]
    fn unix_time() {
        assert_eq!(normalise("1574172300").as_deref(), Some("2019-11-19T14:05:00Z"));
        assert_eq!(normalise("1574172300000").as_deref(), Some("2019-11-19T14:05:00Z"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("yesterday"), None);
        assert_eq!(normalise("May the force be with you"), None);
        assert_eq!(normalise("2019-13-45"), None);
        assert_eq!(normalise("0001-01-01T00:00:00Z"), None);
        assert_eq!(normalise("1234567"), None);
    }
}
