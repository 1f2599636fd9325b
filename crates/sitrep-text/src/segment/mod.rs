//! Cuts a plain-text page into title, article, source-link lines, reader
//! comments and boilerplate.
//!
//! Scraped pages arrive as text in many layouts, but a few signals recur:
//! separator lines between the parts, the page's own URL on a line of its
//! own after the article, a "12 comments" header, comment headers with a
//! user name and a time ("ann_k · 2 hours ago"), "john wrote:", "Reply"
//! rows, and reader posts that are much shorter than the article's
//! paragraphs. [`segment_text`] reads those signals from the lines'
//! kinds ([`lines`]) in three steps:
//!
//! 1. **Title**: the first content line, when it looks like a headline
//!    (short, no closing full stop, set off by a blank line or followed by
//!    a longer line that starts a sentence).
//! 2. **Where the comments start**, after at least one article line: at a
//!    comments header; after a lone URL that is followed by posts shorter
//!    than the article's lines or by comment markers; after the first
//!    separator after the article when two or more such posts follow it
//!    (later separators split the items of a list); or at the first of two
//!    or more comment markers (a header with a relative time, a name or a
//!    clock, "wrote:", an action row; a bare date is not enough). Without
//!    any of these the whole page is the article, as plain wire copy is.
//! 3. **Comments**, one segment each, in order: between markers when the
//!    thread has them (the header's author kept), else one per
//!    blank-line-separated block, else one per line.
//!
//! Boilerplate lines (separators, share buttons, cookie notices, action
//! rows, datelines) become boilerplate segments; every non-blank line ends
//! up in exactly one segment, and segments are in text order.

pub mod lines;

use lines::{Line, LineKind, UrlLabel};
use sitrep_core::{Document, Segment, SegmentKind, Span};

/// The parts of a page, and what they say about the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// In text order, not overlapping.
    pub segments: Vec<Segment>,
    /// Index of the link segment carrying the page's own URL.
    pub source: Option<usize>,
    /// Index of the title segment.
    pub title: Option<usize>,
    /// The article's author, from a byline.
    pub author: Option<String>,
}

/// How much shorter than the article's lines reader posts are, at most.
const POST_RATIO_AFTER_SEPARATOR: f64 = 0.6;
const POST_RATIO_AFTER_SOURCE: f64 = 0.8;
const POST_RATIO_SET_OFF_SOURCE: f64 = 1.0;

/// Segments a plain-text page.
pub fn segment_text(text: &str) -> Segmentation {
    let lines = lines::classify_lines(text);
    let mut b = Builder { text, lines: &lines, out: Segmentation::default(), bare_links: Vec::new() };
    b.run();
    b.out
}

/// Fills `doc.segments` for a plain-text page, and the title, author and
/// URL the page itself gives where the document has none yet.
pub fn segment(doc: &mut Document) {
    let seg = segment_text(&doc.text);
    if doc.title.is_none() {
        doc.title = seg.title.map(|i| doc.slice(seg.segments[i].span).to_string());
    }
    if doc.url.is_none() {
        doc.url = seg.source.and_then(|i| {
            let span = seg.segments[i].span;
            crate::links::find_urls(&doc.text, span).first().map(|u| doc.slice(*u).to_string())
        });
    }
    if doc.author.is_none() {
        doc.author = seg.author;
    }
    doc.segments = seg.segments;
}

struct Builder<'a> {
    text: &'a str,
    lines: &'a [Line],
    out: Segmentation,
    /// Segment indexes of link lines without a label, in order.
    bare_links: Vec<usize>,
}

impl Builder<'_> {
    fn run(&mut self) {
        let lines = self.lines;
        let Some(first) = lines.iter().position(|l| is_content(l.kind)) else {
            // Nothing but blanks, separators and chrome.
            self.emit_region(0, lines.len(), None);
            return;
        };
        let title = self.is_title(first).then_some(first);
        let after_title = title.map_or(0, |t| t + 1);
        let article = (after_title..lines.len()).find(|&i| lines[i].kind == LineKind::Text);
        let comments = article.and_then(|a| self.comment_start(a));
        let end = comments.map_or(lines.len(), |c| c.line);
        if let Some(t) = title {
            self.emit_region(0, t, None);
            self.push(SegmentKind::Title, lines[t].start, lines[t].end, None);
            self.out.title = Some(self.out.segments.len() - 1);
            self.emit_region(t + 1, end, comments.and_then(|c| c.source));
        } else {
            self.emit_region(0, end, comments.and_then(|c| c.source));
        }
        if let Some(c) = comments {
            self.emit_comments(c.line, lines.len());
        }
        if self.out.source.is_none() {
            self.pick_source();
        }
    }

    /// A headline: the first content line, short, not ending in a full
    /// stop, set off from what follows.
    fn is_title(&self, i: usize) -> bool {
        let l = &self.lines[i];
        if l.kind != LineKind::Text || l.len() > 200 {
            return false;
        }
        let t = &self.text[l.start..l.end];
        let words = t.split_whitespace().count();
        if words > 25 || t.ends_with(['.', ',', ';', ':']) && !t.ends_with("...") {
            return false;
        }
        let last = t.rsplit(' ').next().unwrap_or(t).to_lowercase();
        if ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
            .contains(&last.as_str())
        {
            return false;
        }
        // What follows: a blank line or chrome sets a headline off; a text
        // line must start a sentence and be clearly longer (or the title
        // must be in title case or capitals), so the first line of wrapped
        // copy is not taken for a headline.
        let Some(next) = self.lines[i + 1..].iter().position(|l| l.kind != LineKind::Blank).map(|p| i + 1 + p) else {
            return false;
        };
        if !self.lines[next..].iter().any(|l| l.kind == LineKind::Text) {
            return false;
        }
        if next > i + 1 || self.lines[next].kind != LineKind::Text {
            return true;
        }
        // Straight on to a text line: a headline in title case or capitals,
        // or a shorter line before a long unwrapped paragraph. The short
        // first line of wrapped copy is neither.
        let n = &self.lines[next];
        let next_text = &self.text[n.start..n.end];
        let starts_sentence = next_text.chars().next().is_some_and(|c| !c.is_lowercase());
        starts_sentence && (is_title_case(t) || n.len() > 100 && n.len() * 6 >= l.len() * 10)
    }

    /// Where the comment thread starts, if the page has one.
    fn comment_start(&self, article: usize) -> Option<CommentStart> {
        let lines = self.lines;
        let markers_from = |i: usize| lines[i..].iter().filter(|l| l.kind.is_strong_marker()).count();
        // Only the first separator after the article can open a thread of
        // unmarked posts; later ones separate items of a list.
        let mut separators = 0;
        for i in article + 1..lines.len() {
            match lines[i].kind {
                LineKind::CommentsHeader => return Some(CommentStart { line: i, source: None }),
                LineKind::Url(label) if label != UrlLabel::Other => {
                    let after = i + 1;
                    let Some(block) = self.next_block(after) else { continue };
                    let art = self.median_text_len(article, i);
                    // Set off by separators, the URL line closes the article.
                    let set_off = [self.prev_content(i), self.next_content(i)]
                        .iter()
                        .any(|j| j.is_some_and(|j| lines[j].kind == LineKind::Separator));
                    let ratio = if set_off { POST_RATIO_SET_OFF_SOURCE } else { POST_RATIO_AFTER_SOURCE };
                    if self.block_has_markers(block) || self.is_posts(block, art, 1, ratio) {
                        return Some(CommentStart { line: after, source: Some(i) });
                    }
                }
                LineKind::Separator => {
                    separators += 1;
                    let Some(block) = self.next_block(i + 1) else { continue };
                    let art = self.median_text_len(article, i);
                    let posts = separators == 1 && self.is_posts(block, art, 2, POST_RATIO_AFTER_SEPARATOR);
                    if self.block_has_markers(block) || posts {
                        return Some(CommentStart { line: i + 1, source: None });
                    }
                }
                k if k.is_strong_marker() => {
                    let single_ok = matches!(lines[i].kind, LineKind::Wrote { author, .. } if is_handle(&self.text[author.0..author.1]));
                    if markers_from(i) >= 2 || single_ok {
                        let start = if lines[i].kind == LineKind::Action { self.post_start(article, i) } else { i };
                        return Some(CommentStart { line: start, source: None });
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The nearest non-blank line before `i`.
    fn prev_content(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.lines[j].kind != LineKind::Blank)
    }

    /// The nearest non-blank line after `i`.
    fn next_content(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| self.lines[j].kind != LineKind::Blank)
    }

    /// The first line of the post an action row (at `i`) closes: after the
    /// last blank line or separator before it, or the line just before.
    fn post_start(&self, article: usize, i: usize) -> usize {
        let mut j = i;
        while j > article + 1 {
            if !matches!(self.lines[j - 1].kind, LineKind::Text | LineKind::Url(_)) {
                return j;
            }
            j -= 1;
        }
        (i - 1).max(article + 1)
    }

    /// The lines from `from` up to the next separator, URL line or
    /// comments header (blank lines inside), if it holds any text.
    fn next_block(&self, from: usize) -> Option<(usize, usize)> {
        let lines = self.lines;
        let start =
            (from..lines.len()).find(|&j| lines[j].kind != LineKind::Blank && lines[j].kind != LineKind::Separator)?;
        let end = (start..lines.len())
            .find(|&j| {
                matches!(lines[j].kind, LineKind::Separator | LineKind::CommentsHeader)
                    || (j > start && matches!(lines[j].kind, LineKind::Url(_)))
            })
            .unwrap_or(lines.len());
        lines[start..end]
            .iter()
            .any(|l| matches!(l.kind, LineKind::Text | LineKind::Url(_)) || l.kind.is_comment_marker())
            .then_some((start, end))
    }

    fn block_has_markers(&self, (s, e): (usize, usize)) -> bool {
        self.lines[s..e].iter().any(|l| l.kind.is_strong_marker() || l.kind == LineKind::CommentsHeader)
    }

    /// True when the block holds at least `min_posts` posts whose median
    /// length is at most `ratio` of the article's median line length.
    fn is_posts(&self, (s, e): (usize, usize), article_median: usize, min_posts: usize, ratio: f64) -> bool {
        let posts = self.posts(s, e);
        if posts.len() < min_posts || article_median == 0 {
            return false;
        }
        let mut lens: Vec<usize> = posts.iter().map(|&(a, b)| self.lines[b - 1].end - self.lines[a].start).collect();
        lens.sort_unstable();
        let median = lens[lens.len() / 2];
        (median as f64) <= ratio * article_median as f64
    }

    /// The posts of a marker-less block: blank-line-separated groups when
    /// it has blank lines between text, else one per line. Line ranges.
    fn posts(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        let lines = self.lines;
        let content = |k: LineKind| matches!(k, LineKind::Text | LineKind::Url(_));
        let first = (s..e).find(|&j| content(lines[j].kind));
        let last = (s..e).rev().find(|&j| content(lines[j].kind));
        let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
        let grouped = lines[first..last].iter().any(|l| l.kind == LineKind::Blank);
        let mut out = Vec::new();
        let mut cur: Option<usize> = None;
        for j in s..e {
            let k = lines[j].kind;
            if content(k) {
                if !grouped {
                    out.push((j, j + 1));
                } else {
                    cur.get_or_insert(j);
                }
            } else if let Some(c) = cur.take() {
                let end = (c..j).rev().find(|&x| content(lines[x].kind)).map_or(j, |x| x + 1);
                out.push((c, end));
            }
        }
        if let Some(c) = cur {
            let end = (c..e).rev().find(|&x| content(lines[x].kind)).map_or(e, |x| x + 1);
            out.push((c, end));
        }
        out
    }

    /// Median length of the text lines in `[s, e)`.
    fn median_text_len(&self, s: usize, e: usize) -> usize {
        let mut lens: Vec<usize> =
            self.lines[s..e].iter().filter(|l| l.kind == LineKind::Text).map(Line::len).collect();
        if lens.is_empty() {
            return 0;
        }
        lens.sort_unstable();
        lens[lens.len() / 2]
    }

    fn push(&mut self, kind: SegmentKind, start: usize, end: usize, author: Option<String>) {
        let piece = &self.text[start..end];
        let end = start + piece.trim_end().len();
        let start = end - self.text[start..end].trim_start().len();
        if start == end {
            return;
        }
        // Adjacent boilerplate lines make one segment.
        if kind == SegmentKind::Boilerplate {
            if let Some(last) = self.out.segments.last_mut() {
                if last.kind == SegmentKind::Boilerplate && self.text[last.span.end..start].trim().is_empty() {
                    last.span.end = end;
                    return;
                }
            }
        }
        self.out.segments.push(Segment { kind, span: Span::new(start, end), author });
    }

    /// Segments the lines `[s, e)` before the comments: article runs,
    /// link lines, boilerplate. `source` is the URL line that opened the
    /// comments, if one did.
    fn emit_region(&mut self, s: usize, e: usize, source: Option<usize>) {
        let lines = self.lines;
        let mut run: Option<(usize, usize)> = None; // article text, byte range
        let mut seen_text = false;
        for (i, &l) in lines.iter().enumerate().take(e).skip(s) {
            // A byline is one only before the article text.
            let kind = match l.kind {
                LineKind::Byline { .. } if seen_text => LineKind::Text,
                LineKind::Text => {
                    seen_text = true;
                    LineKind::Text
                }
                k => k,
            };
            match kind {
                LineKind::Blank => {}
                LineKind::Text | LineKind::Wrote { .. } => {
                    run = Some(run.map_or((l.start, l.end), |(a, _)| (a, l.end)));
                }
                kind => {
                    if let Some((a, z)) = run.take() {
                        self.push(SegmentKind::Article, a, z, None);
                    }
                    match kind {
                        LineKind::Url(label) => {
                            self.push(SegmentKind::Link, l.start, l.end, None);
                            let idx = self.out.segments.len() - 1;
                            if label == UrlLabel::None {
                                self.bare_links.push(idx);
                            }
                            if source == Some(i) || (label == UrlLabel::Source && self.out.source.is_none()) {
                                self.out.source = Some(idx);
                            }
                        }
                        LineKind::Byline { author } => {
                            if self.out.author.is_none() {
                                self.out.author = Some(self.text[author.0..author.1].to_string());
                            }
                            self.push(SegmentKind::Boilerplate, l.start, l.end, None);
                        }
                        _ => self.push(SegmentKind::Boilerplate, l.start, l.end, None),
                    }
                }
            }
        }
        if let Some((a, z)) = run {
            self.push(SegmentKind::Article, a, z, None);
        }
    }

    /// Segments the comment thread in lines `[s, e)`, block by block
    /// between separators and headers.
    fn emit_comments(&mut self, s: usize, e: usize) {
        let lines = self.lines;
        let mut i = s;
        while i < e {
            let k = lines[i].kind;
            if matches!(k, LineKind::Separator | LineKind::CommentsHeader | LineKind::Boilerplate) {
                self.push(SegmentKind::Boilerplate, lines[i].start, lines[i].end, None);
                i += 1;
                continue;
            }
            if k == LineKind::Blank {
                i += 1;
                continue;
            }
            let end = (i..e)
                .find(|&j| {
                    matches!(lines[j].kind, LineKind::Separator | LineKind::CommentsHeader | LineKind::Boilerplate)
                })
                .unwrap_or(e);
            if lines[i..end].iter().any(|l| l.kind.is_comment_marker()) {
                self.emit_marked_block(i, end);
            } else {
                for (a, z) in self.posts(i, end) {
                    self.push(SegmentKind::Comment, lines[a].start, lines[z - 1].end, None);
                }
            }
            i = end;
        }
    }

    /// A thread block with headers, "wrote:" lines or action rows: a
    /// comment runs from one marker to the next.
    fn emit_marked_block(&mut self, s: usize, e: usize) {
        let lines = self.lines;
        let text = self.text;
        // Layout "name\n2 hours ago\ntext": a short name line before every
        // bare timestamp header. Decided once per block, from its first header.
        let name_above_header =
            (s..e).find(|&j| matches!(lines[j].kind, LineKind::Header { author: None, .. })).is_some_and(|h| {
                h > s
                    && self.is_name_line(h - 1)
                    && (s..h - 1).all(|j| lines[j].kind == LineKind::Blank || lines[j].kind.is_comment_marker())
            });
        // Layout "text\n— ann_k, 2 hours ago": signatures after each
        // comment, when the block opens with text and ends with a header.
        let first = (s..e).find(|&j| lines[j].kind != LineKind::Blank);
        let last = (s..e).rev().find(|&j| !matches!(lines[j].kind, LineKind::Blank | LineKind::Action));
        let signatures = first.is_some_and(|j| lines[j].kind == LineKind::Text)
            && last.is_some_and(|j| matches!(lines[j].kind, LineKind::Header { author: Some(_), .. }));
        let mut pending: Option<(usize, usize)> = None; // byte range of the comment so far
        let mut pending_last_line: Option<usize> = None;
        let mut author: Option<String> = None;
        for i in s..e {
            let l = lines[i];
            match l.kind {
                LineKind::Blank => {}
                LineKind::Header { author: Some((x, y)), .. } if signatures => {
                    author = Some(text[x..y].trim_start_matches(['—', '–', '-', ' ']).to_string());
                    self.flush(&mut pending, &mut author);
                    self.push(SegmentKind::Boilerplate, l.start, l.end, None);
                    author = None;
                    pending_last_line = None;
                }
                LineKind::Header { author: a, .. } => {
                    let mut next_author = a.map(|(x, y)| text[x..y].to_string());
                    if next_author.is_none() && name_above_header {
                        if let Some(last) = pending_last_line.filter(|&j| self.is_name_line(j)) {
                            // The name line belongs to this header, not to the comment before.
                            let name = lines[last];
                            next_author = Some(text[name.start..name.end].to_string());
                            pending = pending.and_then(|(a, _)| {
                                let prev =
                                    (s..last).rev().find(|&j| lines[j].kind != LineKind::Blank && lines[j].start >= a);
                                prev.map(|p| (a, lines[p].end))
                            });
                            self.flush(&mut pending, &mut author);
                            self.push(SegmentKind::Boilerplate, name.start, name.end, None);
                        }
                    }
                    self.flush(&mut pending, &mut author);
                    self.push(SegmentKind::Boilerplate, l.start, l.end, None);
                    author = next_author;
                    pending_last_line = None;
                }
                LineKind::Wrote { author: (x, y), rest } => {
                    self.flush(&mut pending, &mut author);
                    author = Some(text[x..y].to_string());
                    match rest {
                        Some(r) => {
                            self.push(SegmentKind::Boilerplate, l.start, r, None);
                            pending = Some((r, l.end));
                            pending_last_line = Some(i);
                        }
                        None => {
                            self.push(SegmentKind::Boilerplate, l.start, l.end, None);
                            pending_last_line = None;
                        }
                    }
                }
                LineKind::Action => {
                    self.flush(&mut pending, &mut author);
                    self.push(SegmentKind::Boilerplate, l.start, l.end, None);
                    pending_last_line = None;
                }
                _ => {
                    pending = Some(pending.map_or((l.start, l.end), |(a, _)| (a, l.end)));
                    pending_last_line = Some(i);
                }
            }
        }
        self.flush(&mut pending, &mut author);
    }

    fn flush(&mut self, pending: &mut Option<(usize, usize)>, author: &mut Option<String>) {
        if let Some((a, z)) = pending.take() {
            self.push(SegmentKind::Comment, a, z, author.take());
        }
    }

    /// A line that could be a user name: a few words, no sentence end.
    fn is_name_line(&self, i: usize) -> bool {
        let l = self.lines[i];
        let t = &self.text[l.start..l.end];
        l.kind == LineKind::Text
            && l.len() <= 40
            && t.split_whitespace().count() <= 3
            && !t.ends_with(['.', '!', '?', ',', ':'])
    }

    /// Without a URL line that opened the comments: the first
    /// source-labelled link, else the first bare link line before the
    /// comments.
    fn pick_source(&mut self) {
        let segs = &self.out.segments;
        let first_comment = segs.iter().position(|s| s.kind == SegmentKind::Comment).unwrap_or(segs.len());
        self.out.source = self.bare_links.first().copied().filter(|&i| i < first_comment);
    }
}

#[derive(Debug, Clone, Copy)]
struct CommentStart {
    /// First line of the thread.
    line: usize,
    /// The URL line just before it that carries the page's own address.
    source: Option<usize>,
}

/// Lines that can open a page's content (not blank, separator or chrome).
fn is_content(k: LineKind) -> bool {
    matches!(k, LineKind::Text | LineKind::Url(_))
}

/// A user handle rather than a name a newspaper would write: digits,
/// underscores, or lower case.
fn is_handle(name: &str) -> bool {
    !name.contains(' ')
        && (name.contains(|c: char| c.is_ascii_digit() || c == '_') || name.starts_with(|c: char| c.is_lowercase()))
}

/// Most words capitalised ("North Korea Pledges Support"), or all capitals.
fn is_title_case(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().filter(|w| w.len() > 3).collect();
    if words.is_empty() {
        return false;
    }
    let caps = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    caps * 10 >= words.len() * 7 || !t.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SegmentKind, String)> {
        segment_text(text).segments.iter().map(|s| (s.kind, text[s.span.start..s.span.end].to_string())).collect()
    }

    fn of_kind(text: &str, kind: SegmentKind) -> Vec<String> {
        kinds(text).into_iter().filter(|(k, _)| *k == kind).map(|(_, t)| t).collect()
    }

    const THREAD: &str = "\
.....
Turkey will send aid to Sudan, Foreign Minister Hakan Fidan said on Tuesday, adding that Ankara is ready to host talks between the warring parties in the coming weeks.
Speaking at a press conference in Cairo, Fidan said the government had been instructed to do everything possible to end the suffering of the Sudanese people.
.....
https://www.example-news.com/africa/turkey-sudan-aid
.....
Aid is good but who guarantees it? https://example.org/report
Ankara wants a seat at every table.
They said the same about Libya.
";

    #[test]
    fn scraped_thread_layout() {
        let seg = segment_text(THREAD);
        let k = kinds(THREAD);
        assert_eq!(of_kind(THREAD, SegmentKind::Article).len(), 1);
        assert_eq!(of_kind(THREAD, SegmentKind::Link), vec!["https://www.example-news.com/africa/turkey-sudan-aid"]);
        assert_eq!(
            of_kind(THREAD, SegmentKind::Comment),
            vec![
                "Aid is good but who guarantees it? https://example.org/report",
                "Ankara wants a seat at every table.",
                "They said the same about Libya."
            ]
        );
        assert_eq!(seg.segments[seg.source.unwrap()].kind, SegmentKind::Link);
        assert_eq!(k[0].0, SegmentKind::Boilerplate);
        assert!(seg.title.is_none());
    }

    #[test]
    fn plain_newswire_is_all_article_with_a_title() {
        let t = "Iran and IAEA agree on inspections\n\nIran agreed on Monday to let inspectors visit two sites, the U.N. agency said.\nThe deal follows months of talks.\n\nWestern diplomats welcomed the move.";
        let k = kinds(t);
        assert_eq!(k[0], (SegmentKind::Title, "Iran and IAEA agree on inspections".into()));
        assert_eq!(k.len(), 2);
        assert_eq!(k[1].0, SegmentKind::Article);
        assert!(k[1].1.ends_with("welcomed the move."));
    }

    #[test]
    fn wrapped_wire_copy_has_no_title() {
        let t = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary, Comissaria Smith said.\n    The dry period means the temporao will be late this year.";
        assert_eq!(kinds(t), vec![(SegmentKind::Article, t.to_string())]);
    }

    #[test]
    fn headline_followed_directly_by_a_paragraph() {
        let t = "North Korea Pledges Support To Russia\nNorth Korea will support Russia for as long as it takes, its foreign minister said on Friday in Moscow.";
        assert_eq!(kinds(t)[0].0, SegmentKind::Title);
    }

    #[test]
    fn comments_header_with_marked_comments() {
        let t = "\
Talks collapse in Geneva

Negotiators left Geneva on Friday without an agreement on the ceasefire, officials from both delegations said, blaming each other.
Share this article

3 Comments

ann_k · 2 hours ago
This was always going to fail.
Reply

bob1979 wrote:
Nobody wanted a deal.

Posted by Cara Diaz on Nov 12, 2024 at 10:31
They will be back next month.
Like · Reply
";
        let seg = segment_text(t);
        let comments: Vec<(&str, Option<&str>)> = seg
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Comment)
            .map(|s| (&t[s.span.start..s.span.end], s.author.as_deref()))
            .collect();
        assert_eq!(
            comments,
            vec![
                ("This was always going to fail.", Some("ann_k")),
                ("Nobody wanted a deal.", Some("bob1979")),
                ("They will be back next month.", Some("Cara Diaz")),
            ]
        );
        assert_eq!(of_kind(t, SegmentKind::Title), vec!["Talks collapse in Geneva"]);
        assert_eq!(of_kind(t, SegmentKind::Article).len(), 1);
    }

    #[test]
    fn name_line_above_a_bare_timestamp() {
        let t = "\
The parliament approved the budget on Tuesday after a long debate that lasted through the night, the speaker said.

Comments
ann_k
3 days ago
Finally some news.
bob
2 days ago
About time.
";
        let seg = segment_text(t);
        let comments: Vec<(&str, Option<&str>)> = seg
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Comment)
            .map(|s| (&t[s.span.start..s.span.end], s.author.as_deref()))
            .collect();
        assert_eq!(comments, vec![("Finally some news.", Some("ann_k")), ("About time.", Some("bob"))]);
    }

    #[test]
    fn signatures_after_comments() {
        let t = "\
The parliament approved the budget on Tuesday after a long debate that lasted through the night, the speaker said.

Comments
Finally some news.
— ann_k, 3 days ago
About time they agreed.
— Bob Stone, 2 days ago
";
        let seg = segment_text(t);
        let comments: Vec<(&str, Option<&str>)> = seg
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Comment)
            .map(|s| (&t[s.span.start..s.span.end], s.author.as_deref()))
            .collect();
        assert_eq!(
            comments,
            vec![("Finally some news.", Some("ann_k")), ("About time they agreed.", Some("Bob Stone"))]
        );
    }

    #[test]
    fn reply_rows_without_headers() {
        let t = "\
The central bank raised its key rate by half a point on Thursday, the third increase this year, citing stubborn inflation.

Rates should have gone up sooner.
Reply

Savers finally get something.
Reply
";
        assert_eq!(
            of_kind(t, SegmentKind::Comment),
            vec!["Rates should have gone up sooner.", "Savers finally get something."]
        );
        assert_eq!(of_kind(t, SegmentKind::Article).len(), 1);
    }

    #[test]
    fn section_break_in_a_long_article_is_not_a_thread() {
        let para = "The delegation arrived in the capital late on Sunday and met the prime minister, who promised to consider the proposal carefully before the summit.";
        let t = format!("{para}\n{para}\n* * *\n{para}\n{para}\n");
        assert!(of_kind(&t, SegmentKind::Comment).is_empty());
        assert_eq!(of_kind(&t, SegmentKind::Article).len(), 2);
    }

    #[test]
    fn blank_line_separated_comments_after_a_source_line() {
        let t = "\
The ministry said the exercise would involve 40 ships and last until the end of the month, according to a statement.
Source: https://example-news.com/navy-drill

Big show, nothing more.
Another one
with a second line.

Third.
";
        let seg = segment_text(t);
        assert_eq!(
            of_kind(t, SegmentKind::Comment),
            vec!["Big show, nothing more.\nAnother one\nwith a second line.", "Third."]
        );
        assert!(seg.source.is_some());
    }

    #[test]
    fn chrome_lines_are_boilerplate_and_a_byline_gives_the_author() {
        let t = "Home | World | Asia\nFloods hit the north\nBy Ann Lee\nHeavy rain flooded towns across the north on Sunday, forcing thousands from their homes.\nFollow us on Telegram\nWe use cookies to improve your experience.";
        let seg = segment_text(t);
        assert_eq!(seg.author.as_deref(), Some("Ann Lee"));
        let k = kinds(t);
        assert_eq!(
            k.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![
                SegmentKind::Boilerplate,
                SegmentKind::Title,
                SegmentKind::Boilerplate,
                SegmentKind::Article,
                SegmentKind::Boilerplate
            ]
        );
    }

    #[test]
    fn every_content_line_is_in_one_segment() {
        for t in [THREAD, "", "\n\n", ".....", "just one line", "https://a.example/x", "Reply\nReply"] {
            let seg = segment_text(t);
            for l in lines::classify_lines(t) {
                if l.kind != LineKind::Blank {
                    let n = seg.segments.iter().filter(|s| s.span.start <= l.start && l.end <= s.span.end).count();
                    assert_eq!(n, 1, "{t:?} line {:?}", &t[l.start..l.end]);
                }
            }
            assert!(seg.segments.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        }
    }
}
