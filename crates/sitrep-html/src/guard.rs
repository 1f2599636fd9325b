//! Keeps pathological nesting away from the HTML parser.
//!
//! html5ever checks "is a `<p>` in scope" by walking the stack of open
//! elements, once per start tag, so a page nested 100,000 levels deep costs
//! billions of steps (two minutes for one page). Browsers cap the depth of
//! the tree they build; this does the same before parsing: a light scan of
//! the tags counts how deep the page nests and, only when it goes beyond
//! [`MAX_NESTING`], drops the start tags past that depth together with their
//! end tags. The text is kept; only the excess structure goes.
//!
//! The count is deliberately rough (elements whose end tag may be left out,
//! such as `<p>` and `<li>`, and void elements are not counted), which is
//! enough to bound the parser's work; ordinary pages are returned untouched.

use std::borrow::Cow;

/// The deepest nesting of counted elements kept.
pub(crate) const MAX_NESTING: usize = 512;

/// `html` with nesting beyond [`MAX_NESTING`] flattened; borrowed when the
/// page is shallower than that (every real page).
pub(crate) fn flatten_deep(html: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied_to = 0usize;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let b = html.as_bytes();
    let mut i = 0usize;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let Some(tag) = read_tag(b, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let mut drop_it = false;
        if tag.counted {
            if tag.closing {
                if dropped > 0 {
                    dropped -= 1;
                    drop_it = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            } else if depth >= MAX_NESTING {
                dropped += 1;
                drop_it = true;
            } else {
                depth += 1;
            }
        }
        if drop_it {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied_to..start]);
            copied_to = tag.end;
        }
        if let Some(raw_end) = tag.raw_text_end {
            i = raw_end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied_to..]);
            Cow::Owned(o)
        }
    }
}

/// One tag found by the scan.
struct Tag {
    /// Byte just past the tag's `>` (or the end of input).
    end: usize,
    closing: bool,
    /// Whether the tag counts towards nesting depth.
    counted: bool,
    /// For `<script>`, `<style>` and the like: where their raw text ends
    /// (the scan resumes there, at the closing tag).
    raw_text_end: Option<usize>,
}

/// Reads the tag (or comment, doctype, processing instruction) at `start`,
/// which holds a `<`. `None` when the `<` is plain text.
fn read_tag(b: &[u8], start: usize) -> Option<Tag> {
    let rest = &b[start..];
    let skip_to = |from: usize, needle: &[u8]| -> usize {
        b[from.min(b.len())..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map_or(b.len(), |p| from + p + needle.len())
    };
    if rest.starts_with(b"<!--") {
        return Some(Tag { end: skip_to(start + 4, b"-->"), closing: false, counted: false, raw_text_end: None });
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return Some(Tag { end: skip_to(start + 2, b">"), closing: false, counted: false, raw_text_end: None });
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = start + if closing { 2 } else { 1 };
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut j = name_start;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    let name = String::from_utf8_lossy(&b[name_start..j]).to_ascii_lowercase();
    // Find the tag's end, honouring quoted attribute values.
    let mut quote: Option<u8> = None;
    let mut self_closing = false;
    let mut end = b.len();
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                self_closing = j > name_start && b[j - 1] == b'/';
                end = j + 1;
                break;
            }
            None => {}
        }
        j += 1;
    }
    let counted = !self_closing && !is_void(&name) && !has_optional_end(&name);
    let raw_text_end = (!closing && is_raw_text(&name)).then(|| {
        let close = format!("</{name}");
        find_ci(&b[end.min(b.len())..], close.as_bytes()).map_or(b.len(), |p| end + p)
    });
    Some(Tag { end, closing, counted, raw_text_end })
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose end tag pages often leave out (the parser closes them).
fn has_optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title" | "xmp" | "noscript" | "iframe" | "noembed" | "noframes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>One<p>Two<br><img src=x></div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(flatten_deep(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let n = MAX_NESTING + 100;
        let page = format!("{}<b>deep text</b>{}after", "<div class='x'>".repeat(n), "</div>".repeat(n));
        let flat = flatten_deep(&page);
        assert_eq!(flat.matches("<div").count(), MAX_NESTING);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING);
        assert!(flat.contains("deep text") && flat.ends_with("after"));
    }

    #[test]
    fn tags_inside_scripts_comments_and_quotes_do_not_count() {
        let deep_in_script = format!("<script>{}</script><p>x", "<div>".repeat(MAX_NESTING * 2));
        assert!(matches!(flatten_deep(&deep_in_script), Cow::Borrowed(_)));
        let deep_in_comment = format!("<!--{}--><p>x", "<div>".repeat(MAX_NESTING * 2));
        assert!(matches!(flatten_deep(&deep_in_comment), Cow::Borrowed(_)));
        let quoted = format!("<a title='{}'>x</a>", "<div>".repeat(MAX_NESTING * 2));
        assert!(matches!(flatten_deep(&quoted), Cow::Borrowed(_)));
    }

    #[test]
    fn broken_input_does_not_panic() {
        for page in ["<", "<div", "</", "<!--", "<a title='x", "<script>", "< div>", "<é>", "<div\u{fffd}>"] {
            let _ = flatten_deep(page);
        }
    }
}
