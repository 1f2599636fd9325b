//! The one file format of the lexicon: tab-separated records under a
//! header line, `#` comments, `|` lists. See `lexicon/README.md`.

use crate::LexiconError;

/// One record: its line number and its fields by column.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub line: usize,
    fields: &'a [&'a str],
    columns: &'a [String],
}

impl<'a> Record<'a> {
    /// The field of `column`, trimmed; empty when absent.
    pub fn get(&self, column: &str) -> &'a str {
        self.columns.iter().position(|c| c == column).and_then(|i| self.fields.get(i)).map(|s| s.trim()).unwrap_or("")
    }

    /// The field as an optional value.
    pub fn opt(&self, column: &str) -> Option<&'a str> {
        Some(self.get(column)).filter(|s| !s.is_empty())
    }

    /// The field split on `|`, trimmed, empties dropped.
    pub fn list(&self, column: &str) -> Vec<&'a str> {
        split_list(self.get(column))
    }
}

/// Splits a `|` list.
pub fn split_list(s: &str) -> Vec<&str> {
    s.split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// A parsed file: its header and records, borrowing the file's text.
#[derive(Debug, Clone)]
pub struct Table<'t> {
    pub columns: Vec<String>,
    pub rows: Vec<(usize, Vec<&'t str>)>,
}

impl<'t> Table<'t> {
    /// Parses `text` (from `file`), checking the header against `allowed`
    /// columns and `required` ones.
    pub fn parse(file: &str, text: &'t str, allowed: &[&str], required: &[&str]) -> Result<Table<'t>, LexiconError> {
        let mut columns: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            match &columns {
                None => {
                    let cols: Vec<String> = l.split('\t').map(|c| c.trim().to_ascii_lowercase()).collect();
                    for c in &cols {
                        if !allowed.contains(&c.as_str()) {
                            return Err(LexiconError::at(
                                file,
                                line,
                                format!("unknown column {c:?} in the header (allowed: {})", allowed.join(", ")),
                            ));
                        }
                    }
                    for r in required {
                        if !cols.iter().any(|c| c == r) {
                            return Err(LexiconError::at(file, line, format!("the header lacks the column {r:?}")));
                        }
                    }
                    columns = Some(cols);
                }
                Some(cols) => {
                    let fields: Vec<&'t str> = l.split('\t').collect();
                    if fields.len() > cols.len() {
                        return Err(LexiconError::at(
                            file,
                            line,
                            format!("{} fields but the header has {} columns (a stray tab?)", fields.len(), cols.len()),
                        ));
                    }
                    rows.push((line, fields));
                }
            }
        }
        match columns {
            Some(columns) => Ok(Table { columns, rows }),
            None if rows.is_empty() => Ok(Table { columns: Vec::new(), rows }),
            None => Err(LexiconError::at(file, 1, "no header line".to_string())),
        }
    }

    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.rows.iter().map(|(line, f)| Record { line: *line, fields: f.as_slice(), columns: &self.columns })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_comments_and_lists() {
        let t = Table::parse(
            "t.tsv",
            "# about\n\ncode\tnames\nPRK\tNorth Korea | DPRK\nRUS\n",
            &["code", "names"],
            &["code"],
        )
        .unwrap();
        let recs: Vec<_> = t.records().collect();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].line, 4);
        assert_eq!(recs[0].list("names"), vec!["North Korea", "DPRK"]);
        assert_eq!(recs[1].get("names"), "");
        assert_eq!(recs[1].opt("names"), None);
    }

    #[test]
    fn unknown_column_and_stray_tab_name_the_line() {
        let e = Table::parse("x.tsv", "code\tnmes\n", &["code", "names"], &[]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.tsv", 1));
        assert!(e.reason.contains("nmes"));
        let e = Table::parse("x.tsv", "code\n\nA\tB\n", &["code"], &[]).unwrap_err();
        assert_eq!(e.line, 3);
    }
}
