//! Query-string parameters: checked against the names each endpoint takes
//! (a misspelt `typ=` is an error, not a silently ignored filter) and
//! turned into the store's [`EventFilter`] with the same rules and the
//! same messages as the command line's flags.

use crate::error::ApiError;
use axum::extract::Query;
use axum::http::Uri;
use sitrep_core::Date;
use sitrep_store::query::EventFilter;
use std::collections::HashMap;

/// The parameters of an event filter, shared by `/api/events`,
/// `/api/actors`, `/api/dyads` and `/api/timeline`.
pub const FILTER: &[&str] = &[
    "actor",
    "recipient",
    "dyad",
    "type",
    "status",
    "since",
    "until",
    "outlet",
    "ownership",
    "search",
    "document",
    "cluster",
    "all_mentions",
    "newest_first",
];

/// Longest parameter value accepted.
const MAX_VALUE: usize = 1000;

/// Largest page a request may ask for.
pub const MAX_LIMIT: u64 = 1000;

/// The parameters of one request, each given at most once.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// Parses the query string of `uri`, allowing only `known` names
    /// (and those of `also`).
    pub fn parse(uri: &Uri, known: &[&[&str]]) -> Result<Params, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {}", e.body_text())))?;
        let mut map = HashMap::new();
        for (k, v) in pairs {
            if !known.iter().any(|set| set.contains(&k.as_str())) {
                let mut names: Vec<&str> = known.iter().flat_map(|s| s.iter().copied()).collect();
                names.sort_unstable();
                let list = if names.is_empty() { "none".to_string() } else { names.join(", ") };
                return Err(ApiError::bad_request(format!("unknown parameter {k:?} (known: {list})")));
            }
            if v.len() > MAX_VALUE {
                return Err(ApiError::bad_request(format!("{k}: longer than {MAX_VALUE} bytes")));
            }
            if map.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad_request(format!("{k}: given more than once")));
            }
        }
        Ok(Params(map))
    }

    /// A non-empty value.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()).map(str::to_string)
    }

    /// A whole number, at most `max`.
    pub fn number(&self, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
        match self.text(name) {
            None => Ok(default),
            Some(v) => {
                let n: u64 =
                    v.parse().map_err(|_| ApiError::bad_request(format!("{name}: {v:?} is not a whole number")))?;
                if n > max {
                    return Err(ApiError::bad_request(format!("{name}: {n} is more than {max}")));
                }
                Ok(n)
            }
        }
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`).
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name).map(|v| v.to_ascii_lowercase()) {
            None => Ok(false),
            Some(v) => match v.as_str() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                _ => Err(ApiError::bad_request(format!("{name}: {v:?} is not true or false"))),
            },
        }
    }

    /// A value parsed by `FromStr`, the parser's message naming the parameter.
    pub fn parsed<T: std::str::FromStr<Err = String>>(&self, name: &str) -> Result<Option<T>, ApiError> {
        self.text(name).map(|v| v.parse::<T>()).transpose().map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
    }

    /// `offset` and `limit` (default `limit` given).
    pub fn page(&self, default_limit: u64) -> Result<(u64, u64), ApiError> {
        Ok((self.number("offset", 0, 1_000_000_000)?, self.number("limit", default_limit, MAX_LIMIT)?))
    }

    /// The event filter the parameters describe.
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let dyad = match self.text("dyad") {
            None => None,
            Some(d) => {
                let bad = || ApiError::bad_request(format!("dyad: {d:?}: give two actors, A,B"));
                let (a, b) = d.split_once(',').ok_or_else(bad)?;
                if a.trim().is_empty() || b.trim().is_empty() {
                    return Err(bad());
                }
                Some((a.trim().to_string(), b.trim().to_string()))
            }
        };
        let date = |name: &str, end: bool| -> Result<Option<Date>, ApiError> {
            match self.text(name) {
                None => Ok(None),
                Some(s) => {
                    let d = if end { Date::parse_end(&s) } else { Date::parse(&s) };
                    d.map(Some).ok_or_else(|| {
                        ApiError::bad_request(format!("{name}: {s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
                    })
                }
            }
        };
        let cluster = match self.text("cluster") {
            None => None,
            Some(c) => {
                Some(c.parse::<i64>().map_err(|_| ApiError::bad_request(format!("cluster: {c:?} is not a number")))?)
            }
        };
        Ok(EventFilter {
            actor: self.text("actor"),
            recipient: self.text("recipient"),
            dyad,
            event: self.parsed("type")?,
            status: self.parsed("status")?,
            since: date("since", false)?,
            until: date("until", true)?,
            outlet: self.text("outlet"),
            ownership: self.parsed("ownership")?,
            search: self.text("search"),
            document: self.text("document"),
            cluster,
            all_mentions: self.flag("all_mentions")?,
            newest_first: self.flag("newest_first")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str, known: &[&str]) -> Result<Params, ApiError> {
        let uri: Uri = format!("/x?{q}").parse().map_err(|_| ApiError::bad_request("uri"))?;
        Params::parse(&uri, &[known, &["offset", "limit"]])
    }

    #[test]
    fn filters_read_like_the_command_line_flags() {
        let f = params("actor=RUS&dyad=UKR,%20RUS&type=assault&since=2024&until=2024-02&newest_first=1", FILTER)
            .and_then(|p| p.filter())
            .map_err(|e| e.message);
        let f = f.as_ref();
        assert_eq!(f.map(|f| f.actor.as_deref()), Ok(Some("RUS")));
        assert_eq!(f.map(|f| f.dyad.clone()), Ok(Some(("UKR".into(), "RUS".into()))));
        assert_eq!(f.map(|f| f.event), Ok(Some(sitrep_core::EventType::Assault)));
        assert_eq!(f.map(|f| f.since.map(|d| d.to_string())), Ok(Some("2024-01-01".into())));
        assert_eq!(f.map(|f| f.until.map(|d| d.to_string())), Ok(Some("2024-02-29".into())));
        assert_eq!(f.map(|f| f.newest_first), Ok(true));
    }

    #[test]
    fn bad_parameters_are_named() {
        let err = |q: &str| params(q, FILTER).and_then(|p| p.filter().map(|_| ())).err().map(|e| e.message);
        assert!(err("typ=ASSAULT").is_some_and(|m| m.contains("unknown parameter \"typ\"")));
        assert!(err("type=FLY").is_some_and(|m| m.starts_with("type:")));
        assert!(err("since=yesterday").is_some_and(|m| m.starts_with("since:")));
        assert!(err("dyad=RUS").is_some_and(|m| m.starts_with("dyad:")));
        assert!(err("actor=A&actor=B").is_some_and(|m| m.contains("more than once")));
        assert!(err("ownership=rich").is_some_and(|m| m.starts_with("ownership:")));
        assert_eq!(err("actor=%27%3B%20DROP%20TABLE%20events%3B--"), None);
        let page = |q: &str| params(q, &[]).and_then(|p| p.page(50)).map_err(|e| e.message);
        assert_eq!(page(""), Ok((0, 50)));
        assert_eq!(page("offset=5&limit=7"), Ok((5, 7)));
        assert!(page("limit=-1").is_err_and(|m| m.starts_with("limit:")));
        assert!(page("limit=100000").is_err_and(|m| m.contains("more than")));
    }
}
