//! URLs in the text: where they are, which segment holds them, and which
//! one is the document's own source.
//!
//! A scraped page names URLs in three roles: its own address (a lone URL
//! line after the article, as many scrapers write it), links the article
//! or the page chrome carries, and citations readers post in comments.
//! This module finds every `http://`, `https://` and `www.` URL and ties it
//! to its segment; the segment's kind says which role it plays (a link in
//! a comment segment is a citation, never the document's source). Bare
//! domains without a scheme or `www.` ("rt.com") are left as words: in
//! running text they name an outlet more often than they link to a page.
//!
//! The same recogniser ([`url_end`]) is used by the tokenizer, so a URL is
//! one token and one link with the same span.

use memchr::memmem;
use sitrep_core::{Document, Link, Span};

/// If a URL starts at byte `start` of `text`, the byte where it ends.
///
/// A URL starts at a word boundary with `http://`, `https://` (any case)
/// or `www.`, and runs to whitespace, a quote or an angle bracket. Trailing
/// sentence punctuation (`.`, `,`, `;`, `:`, `!`, `?`, quotes) is not part
/// of it, nor is a closing bracket it did not open.
pub fn url_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    if start >= b.len() {
        return None;
    }
    if start > 0 {
        let p = b[start - 1];
        if p.is_ascii_alphanumeric() || matches!(p, b'/' | b'.' | b'@' | b'_' | b'-' | b':') {
            return None;
        }
    }
    let rest = &b[start..];
    let body = if starts_with_ignore_case(rest, b"https://") {
        8
    } else if starts_with_ignore_case(rest, b"http://") {
        7
    } else if starts_with_ignore_case(rest, b"www.") {
        0
    } else {
        return None;
    };
    let mut end = start + body;
    // Scan to the first character that cannot be inside a URL.
    while end < b.len() {
        let c = b[end];
        if c < 0x80 {
            if c <= b' ' || matches!(c, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\' | b'^' | b'|') {
                break;
            }
            end += 1;
        } else {
            let ch = match text[end..].chars().next() {
                Some(ch) => ch,
                None => break,
            };
            if ch.is_whitespace() || is_quote_or_break(ch) {
                break;
            }
            end += ch.len_utf8();
        }
    }
    // Drop trailing punctuation and unbalanced closing brackets.
    while let Some(&last) = b[start..end].last() {
        let drop = match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' => true,
            b')' => count(&b[start..end], b'(') < count(&b[start..end], b')'),
            b']' => count(&b[start..end], b'[') < count(&b[start..end], b']'),
            _ => false,
        };
        if !drop {
            break;
        }
        end -= 1;
    }
    // A URL needs a host: something after the scheme, with a dot or a
    // slash for `www.` forms.
    let host = &b[start + body..end];
    let host_ok = if body == 0 {
        host.len() > 4 && host[4..].iter().any(|c| c.is_ascii_alphanumeric()) && host[4..].contains(&b'.')
    } else {
        text[start + body..end].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '[')
    };
    host_ok.then_some(end)
}

fn count(b: &[u8], c: u8) -> usize {
    b.iter().filter(|&&x| x == c).count()
}

fn starts_with_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Curly quotes, guillemets, ellipsis, CJK punctuation and zero-width
/// spaces end a URL.
fn is_quote_or_break(ch: char) -> bool {
    matches!(
        ch,
        '\u{2018}'..='\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2026}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FFFD}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Every URL in `text[span]`, in order, as spans into `text`.
pub fn find_urls(text: &str, span: Span) -> Vec<Span> {
    let Some(hay) = text.get(span.start..span.end) else { return Vec::new() };
    let hb = hay.as_bytes();
    let mut starts: Vec<usize> = Vec::new();
    // `://` locates scheme URLs (back up over `http`/`https`); `www.`
    // locates the rest. Both passes are memchr-fast on text without URLs.
    static FINDERS: std::sync::LazyLock<[memmem::Finder<'static>; 3]> = std::sync::LazyLock::new(|| {
        [memmem::Finder::new(b"://"), memmem::Finder::new(b"www."), memmem::Finder::new(b"WWW.")]
    });
    for i in FINDERS[0].find_iter(hb) {
        for back in [5usize, 4] {
            if i >= back {
                let s = i - back;
                let scheme = &hb[s..i];
                if scheme.eq_ignore_ascii_case(b"https") || scheme.eq_ignore_ascii_case(b"http") {
                    starts.push(s);
                    break;
                }
            }
        }
    }
    for finder in &FINDERS[1..] {
        starts.extend(finder.find_iter(hb));
    }
    starts.sort_unstable();
    let mut out: Vec<Span> = Vec::new();
    for s in starts {
        let abs = span.start + s;
        if out.last().is_some_and(|l| abs < l.end) {
            continue; // `www.` inside a scheme URL already found
        }
        if let Some(end) = url_end(text, abs) {
            if end <= span.end {
                out.push(Span::new(abs, end));
            }
        }
    }
    out
}

/// Fills `doc.links` with every URL in the text and the segment holding it.
///
/// URLs outside every segment (there are none when the segmenter covered
/// the text, as it does) are attached to the nearest segment before them.
pub fn find_document_links(doc: &mut Document) {
    let spans = find_urls(&doc.text, Span::new(0, doc.text.len()));
    let mut links = Vec::with_capacity(spans.len());
    let mut seg = 0usize;
    for span in spans {
        // Segments are in text order: walk forward instead of searching.
        while seg + 1 < doc.segments.len() && doc.segments[seg].span.end <= span.start {
            seg += 1;
        }
        if doc.segments.is_empty() {
            break;
        }
        let idx = if doc.segments[seg].span.start <= span.start { seg } else { seg.saturating_sub(1) };
        links.push(Link { url: doc.text[span.start..span.end].to_string(), segment: idx, span });
    }
    doc.links = links;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text, Span::new(0, text.len())).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn finds_scheme_and_www_urls_without_trailing_punctuation() {
        let t = "See https://www.rt.com/news/1-a/. Also (www.example.org/x), and http://a.b/c?d=1&e=2!";
        assert_eq!(urls(t), vec!["https://www.rt.com/news/1-a/", "www.example.org/x", "http://a.b/c?d=1&e=2"]);
    }

    #[test]
    fn keeps_balanced_brackets_and_stops_at_quotes() {
        let t = "“https://en.wikipedia.org/wiki/Kursk_(city)” and <https://x.org/a>";
        assert_eq!(urls(t), vec!["https://en.wikipedia.org/wiki/Kursk_(city)", "https://x.org/a"]);
    }

    #[test]
    fn ignores_non_urls() {
        assert!(urls("the www. prefix, http:// alone, mywww.site and rt.com").is_empty());
        assert!(url_end("xhttps://a.b", 1).is_none());
    }

    #[test]
    fn upper_case_scheme_counts() {
        assert_eq!(urls("HTTPS://EXAMPLE.COM/A b"), vec!["HTTPS://EXAMPLE.COM/A"]);
    }
}
