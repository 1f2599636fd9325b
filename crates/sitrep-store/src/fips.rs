//! ISO 3166-1 alpha-3 → FIPS 10-4 country codes, for GDELT's geography
//! columns, which use FIPS (United Kingdom `UK`, Germany `GM`) where sitrep
//! uses ISO codes. The table is data (`data/fips10-4.tsv`), compiled in.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/fips10-4.tsv");

fn table() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static T: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((it.next()?, (it.next()?, it.next()?)))
            })
            .collect()
    })
}

/// The FIPS 10-4 code of an ISO3 country code.
pub fn fips(iso3: &str) -> Option<&'static str> {
    table().get(iso3).map(|(f, _)| *f)
}

/// The English short name of an ISO3 country code, as GDELT's FullName uses it.
pub fn country_name(iso3: &str) -> Option<&'static str> {
    table().get(iso3).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_differ_from_iso_where_gdelt_needs_them_to() {
        assert_eq!(fips("GBR"), Some("UK"));
        assert_eq!(fips("DEU"), Some("GM"));
        assert_eq!(fips("RUS"), Some("RS"));
        assert_eq!(fips("UKR"), Some("UP"));
        assert_eq!(fips("EGY"), Some("EG"));
        assert_eq!(country_name("PRK"), Some("North Korea"));
        assert_eq!(fips("XXX"), None);
    }

    #[test]
    fn every_row_has_three_fields_and_a_two_letter_code() {
        for l in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            assert_eq!(f[0].len(), 3, "{l}");
            assert_eq!(f[1].len(), 2, "{l}");
        }
    }
}
