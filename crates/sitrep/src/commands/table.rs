//! Tables for a person: aligned columns, long cells cut with "…", colour
//! only when standard output is a terminal (and `NO_COLOR` is not set).

use std::io::{IsTerminal, Write};

/// ANSI colours used in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Red,
    Green,
    Yellow,
    Blue,
    Dim,
    Bold,
}

impl Colour {
    fn code(self) -> &'static str {
        match self {
            Colour::Red => "31",
            Colour::Green => "32",
            Colour::Yellow => "33",
            Colour::Blue => "34",
            Colour::Dim => "2",
            Colour::Bold => "1",
        }
    }
}

/// True when output goes to a terminal that wants colour.
pub fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The width to fit tables in: the terminal's (`COLUMNS`) or 120.
pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|w| *w >= 40).unwrap_or(120)
}

/// `s` in colour when `on`.
pub fn paint(s: &str, c: Option<Colour>, on: bool) -> String {
    match c {
        Some(c) if on => format!("\x1b[{}m{s}\x1b[0m", c.code()),
        _ => s.to_string(),
    }
}

/// `s` on one line, cut to `max` characters with "…".
pub fn cut(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else if max == 0 {
        String::new()
    } else {
        let mut t: String = one.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// A number with thousands separators.
pub fn thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    let mut until_comma = s.len() % 3;
    for c in s.chars() {
        if until_comma == 0 && !out.is_empty() {
            out.push(',');
        }
        if until_comma == 0 {
            until_comma = 3;
        }
        out.push(c);
        until_comma -= 1;
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A column: its header, widest allowed width, and alignment.
pub struct Col {
    pub header: &'static str,
    pub max: usize,
    pub right: bool,
}

/// A table being built.
pub struct Table {
    cols: Vec<Col>,
    rows: Vec<Vec<(String, Option<Colour>)>>,
}

impl Table {
    pub fn new(cols: Vec<Col>) -> Table {
        Table { cols, rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<(String, Option<Colour>)>) {
        self.rows.push(cells);
    }

    /// Writes the table within `width` characters; the last column takes
    /// what the others leave.
    pub fn write(&self, out: &mut impl Write, colour: bool, width: usize) -> std::io::Result<()> {
        let n = self.cols.len();
        let mut w: Vec<usize> = self
            .cols
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let widest = self.rows.iter().map(|r| r.get(i).map_or(0, |x| x.0.chars().count())).max().unwrap_or(0);
                widest.max(c.header.chars().count()).min(c.max)
            })
            .collect();
        if n > 0 {
            let used: usize = w[..n - 1].iter().sum::<usize>() + 2 * (n - 1);
            w[n - 1] = w[n - 1].min(width.saturating_sub(used).max(self.cols[n - 1].header.len()));
        }
        let line = |cells: Vec<(String, Option<Colour>)>, out: &mut dyn Write| -> std::io::Result<()> {
            let mut s = String::new();
            for (i, (text, c)) in cells.into_iter().enumerate() {
                let Some(col) = self.cols.get(i) else { break };
                let t = cut(&text, w[i]);
                let pad = w[i].saturating_sub(t.chars().count());
                let last = i + 1 == n;
                if i > 0 {
                    s.push_str("  ");
                }
                if col.right {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(&paint(&t, c, colour));
                } else {
                    s.push_str(&paint(&t, c, colour));
                    if !last {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        let header: Vec<(String, Option<Colour>)> =
            self.cols.iter().map(|c| (c.header.to_string(), Some(Colour::Bold))).collect();
        line(header, out)?;
        for r in &self.rows {
            line(r.clone(), out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_long_cells_are_cut() {
        let mut t = Table::new(vec![
            Col { header: "N", max: 5, right: true },
            Col { header: "NAME", max: 6, right: false },
            Col { header: "TEXT", max: 100, right: false },
        ]);
        t.row(vec![("7".into(), None), ("Russia".into(), None), ("short".into(), None)]);
        t.row(vec![("12".into(), None), ("North Korea".into(), None), ("a much longer text here".into(), None)]);
        let mut out = Vec::new();
        t.write(&mut out, false, 22).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], " N  NAME    TEXT");
        assert_eq!(lines[1], " 7  Russia  short");
        assert_eq!(lines[2], "12  North…  a much lo…");
        assert!(lines.iter().all(|l| l.chars().count() <= 22));
    }

    #[test]
    fn colour_codes_only_when_asked() {
        assert_eq!(paint("x", Some(Colour::Red), false), "x");
        assert_eq!(paint("x", Some(Colour::Red), true), "\x1b[31mx\x1b[0m");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
