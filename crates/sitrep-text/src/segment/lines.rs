//! What each line of a scraped page looks like on its own.
//!
//! Segmenting a plain-text page starts from its lines: a separator
//! (`.....`, `-----`, `* * *`), a lone URL, a share button, a cookie notice,
//! a "12 comments" header, a comment's "john_doe · 2 hours ago" header or
//! "john wrote:" marker, a "Reply | Report" action row, a byline, or text.
//! This module names each line; [`super`] reads the sequence of names to
//! find the title, the article and the comments. The checks are cheap and
//! most are skipped for long lines, which can only be text.

use crate::links::url_end;

/// `fn $name(w: &str) -> bool` for a fixed set of lower-case words,
/// compiled to a `match` (much faster than scanning a list).
macro_rules! word_set {
    ($name:ident: $($w:literal),+ $(,)?) => {
        fn $name(w: &str) -> bool {
            matches!(w, $($w)|+)
        }
    };
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// A line of repeated punctuation: `.....`, `-----`, `***`, `═══`.
    Separator,
    /// A URL alone on its line, perhaps after a short label (`Source:`).
    Url(UrlLabel),
    /// Page chrome: share and follow buttons, "Read more", cookie notices,
    /// navigation rows, copyright lines, datelines ("Updated 2 hours ago").
    Boilerplate,
    /// "Comments", "12 comments", "Join the discussion".
    CommentsHeader,
    /// A comment's action row: "Reply", "Like · Reply · Report", "12 points".
    Action,
    /// A comment header with a timestamp, and the author when it names
    /// one: "john_doe · 2 hours ago", "Posted by Ann on Nov 12, 2024".
    Header {
        author: Option<(usize, usize)>,
        /// "2 hours ago", "yesterday": a relative time, which pages use
        /// for comments and hardly ever in article text.
        relative: bool,
    },
    /// "john wrote:" (the comment may go on after the colon at `rest`).
    Wrote {
        author: (usize, usize),
        rest: Option<usize>,
    },
    /// "By John Smith": the article's author.
    Byline {
        author: (usize, usize),
    },
    Text,
}

impl LineKind {
    /// Lines that mark a comment thread.
    pub fn is_comment_marker(self) -> bool {
        matches!(self, LineKind::Action | LineKind::Header { .. } | LineKind::Wrote { .. })
    }

    /// Markers that can open a thread: all but a bare absolute date
    /// ("December 31, 1986" is as likely a line of a table).
    pub fn is_strong_marker(self) -> bool {
        match self {
            LineKind::Action | LineKind::Wrote { .. } => true,
            LineKind::Header { author, relative } => author.is_some() || relative,
            _ => false,
        }
    }
}

/// What the label before a lone URL says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlLabel {
    /// No label: a bare URL line.
    None,
    /// "Source:", "Original:", "Via:": the page's own address.
    Source,
    /// "Read more:", "Related:", "Watch:": some other page.
    Other,
}

/// One line: its trimmed byte range in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

impl Line {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Classifies every line of `text`.
pub fn classify_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 64 + 1);
    let mut pos = 0;
    while pos <= b.len() {
        let nl = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i);
        let (s, e) = trim(text, pos, nl);
        let kind = if s == e { LineKind::Blank } else { classify(text, s, e) };
        out.push(Line { start: s, end: e, kind });
        pos = nl + 1;
    }
    out
}

/// Trims whitespace (including no-break and zero-width spaces) off `text[s..e]`.
fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    // ASCII fast path: most lines start and end with a printable ASCII byte.
    let (mut a, mut z) = (s, e);
    while a < z && matches!(b[a], b' ' | b'\t' | b'\r') {
        a += 1;
    }
    while z > a && matches!(b[z - 1], b' ' | b'\t' | b'\r') {
        z -= 1;
    }
    if a == z || b[a] > 0x20 && b[a] < 0x80 && b[z - 1] > 0x20 && b[z - 1] < 0x80 {
        return (a, z);
    }
    let line = &text[s..e];
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}');
    if t.is_empty() {
        return (s, s);
    }
    let ts = s + (t.as_ptr() as usize - line.as_ptr() as usize);
    (ts, ts + t.len())
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Longest line that can be anything but text or a lone URL.
const SHORT: usize = 160;

fn classify(text: &str, s: usize, e: usize) -> LineKind {
    let line = &text[s..e];
    let b = line.as_bytes();
    let n = line.len();
    if starts_like_separator(b[0]) && is_separator(line) {
        return LineKind::Separator;
    }
    if let Some(label) = lone_url(text, s, e) {
        return LineKind::Url(label);
    }
    if n > SHORT {
        if n <= 400 && is_cookie_notice(line) {
            return LineKind::Boilerplate;
        }
        return LineKind::Text;
    }
    // Headers, markers, action rows and bylines open with a word of their
    // vocabulary, or hold a timestamp, a colon ("wrote:"), "By " or a
    // closing "wrote"; anything else is text or chrome.
    let (f, spaces) = b.iter().fold((0u8, 0usize), |(f, n), &c| (f | FLAGS[c as usize], n + (c == b' ') as usize));
    let few_words = spaces < 12;
    let worth_words = f & F_ALPHA == 0
        || opens_header_or_row(b)
        || few_words && may_be_timestamp(b, f)
        || f & F_COLON != 0 && memchr::memchr(b':', prefix(line, 64).as_bytes()).is_some()
        || b.len() > 3 && b[..3].eq_ignore_ascii_case(b"by ")
        || line.ends_with("wrote")
        || line.ends_with("writes");
    if worth_words {
        let mut buf = [0u8; SHORT];
        let lower = ascii_lower(line, &mut buf);
        if let Some(words) = Words::of(lower) {
            if let Some(k) = classify_words(text, s, e, &words) {
                return k;
            }
        }
    }
    if is_chrome_phrase(line) || is_cookie_notice(line) || f & F_NAV != 0 && is_nav_row(line) {
        return LineKind::Boilerplate;
    }
    LineKind::Text
}

/// What bytes a line holds, as bits, found in one pass.
const F_DIGIT: u8 = 1;
const F_ALPHA: u8 = 2;
const F_COLON: u8 = 4;
/// `:`, `/` or `-`: clocks and numeric dates.
const F_DATE_SEP: u8 = 8;
/// `|`, `>`, `/` and the lead bytes of `·`, `•`, `»`: navigation rows.
const F_NAV: u8 = 16;

const fn flag_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut f = 0;
        if c.is_ascii_digit() {
            f |= F_DIGIT;
        }
        if c.is_ascii_alphabetic() {
            f |= F_ALPHA;
        }
        if c == b':' {
            f |= F_COLON | F_DATE_SEP;
        }
        if c == b'/' || c == b'-' {
            f |= F_DATE_SEP;
        }
        if c == b'|' || c == b'>' || c == b'/' || c == 0xC2 || c == 0xE2 {
            f |= F_NAV;
        }
        t[i] = f;
        i += 1;
    }
    t
}

static FLAGS: [u8; 256] = flag_table();

/// The kinds a short line is known by its words.
fn classify_words(text: &str, s: usize, e: usize, words: &Words) -> Option<LineKind> {
    // Buttons, counts and headers do not end a sentence; a wrapped line of
    // prose ("24.", "share.") does.
    let line = &text[s..e];
    let sentence_end = ends_sentence(line);
    if words.all_numbers() {
        // Only symbols or digits: a date ("12/11/2024 10:31"), or a vote
        // count ("12", "▲ 5 ▼").
        if sentence_end {
            return None;
        }
        // A vote count has its arrows or sign; a bare number is text.
        let votes = words.len() == 1
            && line.len() <= 16
            && line.contains(['▲', '▼', '↑', '↓', '+', '-', '−'])
            && !line.contains(['(', ')', '.', ',']);
        return timestamp_line(text, s, e, words).or(votes.then_some(LineKind::Action));
    }
    if sentence_end {
        return wrote(text, s, e);
    }
    if line.ends_with(':') {
        // "Comments:", "john wrote:"; a wrapped line ending "points:" is text.
        if is_comments_header(words) {
            return Some(LineKind::CommentsHeader);
        }
        return wrote(text, s, e);
    }
    if is_comments_header(words) {
        return Some(LineKind::CommentsHeader);
    }
    if let Some(k) = action_or_chrome(words) {
        return Some(k);
    }
    if let Some(k) = wrote(text, s, e) {
        return Some(k);
    }
    if let Some(k) = timestamp_line(text, s, e, words) {
        return Some(k);
    }
    byline(text, s, words)
}

/// True when the line's first word (letters or digits) could open a
/// comments header or an action row.
fn opens_header_or_row(b: &[u8]) -> bool {
    let Some(st) = b.iter().position(u8::is_ascii_alphanumeric) else { return false };
    let len = b[st..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len() - st);
    if len > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    buf[..len].copy_from_slice(&b[st..st + len]);
    buf[..len].make_ascii_lowercase();
    let w = std::str::from_utf8(&buf[..len]).unwrap_or("");
    // Function words open sentences far more often than button rows.
    let filler = matches!(
        w,
        "the"
            | "to"
            | "in"
            | "this"
            | "of"
            | "and"
            | "by"
            | "up"
            | "x"
            | "new"
            | "old"
            | "more"
            | "less"
            | "back"
            | "top"
            | "best"
            | "next"
    );
    is_number(w)
        || is_thread_action(w)
        || is_chrome_action(w) && !filler
        || matches!(
            w,
            "comments"
                | "comment"
                | "reader"
                | "readers"
                | "user"
                | "your"
                | "latest"
                | "top"
                | "all"
                | "responses"
                | "discussion"
                | "join"
                | "leave"
                | "add"
                | "post"
                | "show"
                | "view"
                | "see"
                | "what"
        )
}

/// True when the line may hold a timestamp: a relative time word, a
/// clock or numeric date, or a number next to a month name. `f` holds the
/// line's [`FLAGS`].
fn may_be_timestamp(b: &[u8], f: u8) -> bool {
    if has_relative_time_word(b) {
        return true;
    }
    if f & F_DIGIT == 0 {
        return false;
    }
    if f & F_DATE_SEP != 0 && has_clock_or_date(b) {
        return true;
    }
    let month = |w: &[u8]| -> bool {
        let mut buf = [0u8; 9];
        if w.len() > 9 || w.len() < 3 {
            return false;
        }
        buf[..w.len()].copy_from_slice(w);
        buf[..w.len()].make_ascii_lowercase();
        is_month(std::str::from_utf8(&buf[..w.len()]).unwrap_or(""))
    };
    // The words on either side of each run of digits.
    let mut i = 0;
    while let Some(p) = b[i..].iter().position(u8::is_ascii_digit) {
        let run_start = i + p;
        i = run_start + b[run_start..].iter().position(|c| !c.is_ascii_digit()).unwrap_or(b.len() - run_start);
        let mut e = run_start;
        while e > 0 && matches!(b[e - 1], b' ' | b',' | b'.') {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let mut a = i;
        while a < b.len() && matches!(b[a], b' ' | b',' | b'.') {
            a += 1;
        }
        let mut z = a;
        while z < b.len() && b[z].is_ascii_alphabetic() {
            z += 1;
        }
        if month(&b[s..e]) || month(&b[a..z]) {
            return true;
        }
    }
    false
}

/// "ago", "today", "yesterday" or "just now" in the line (three memchr
/// passes: this runs on every short line).
fn has_relative_time_word(b: &[u8]) -> bool {
    let lower_at = |i: usize| b.get(i).map(|c| c.to_ascii_lowercase());
    memchr::memchr_iter(b'g', b).any(|i| i > 0 && lower_at(i - 1) == Some(b'a') && lower_at(i + 1) == Some(b'o'))
        || memchr::memchr_iter(b'd', b).any(|i| {
            b.get(i + 1..i + 3) == Some(b"ay")
                && (i >= 2 && b[i - 2..i].eq_ignore_ascii_case(b"to")
                    || i >= 6 && b[i - 6..i].eq_ignore_ascii_case(b"yester"))
        })
        || memchr::memchr_iter(b'j', b).any(|i| b[i..].starts_with(b"just now"))
}

/// A digit, then `:`, `/` or `-`, then a digit: a clock or a numeric date.
fn has_clock_or_date(b: &[u8]) -> bool {
    memchr::memchr3_iter(b':', b'/', b'-', b)
        .any(|i| i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
}

/// `line` with ASCII letters lower-cased, in `buf` (`line` fits in it).
fn ascii_lower<'a>(line: &str, buf: &'a mut [u8; SHORT]) -> &'a str {
    let n = line.len().min(SHORT);
    buf[..n].copy_from_slice(&line.as_bytes()[..n]);
    buf[..n].make_ascii_lowercase();
    // Lower-casing ASCII keeps UTF-8 valid, and `n` is the whole line.
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// First bytes a separator line can start with (ASCII marks, and the lead
/// bytes of `·`, `§`, dashes, box drawing and geometric shapes).
fn starts_like_separator(b: u8) -> bool {
    matches!(b, b'.' | b'-' | b'_' | b'=' | b'*' | b'~' | b'#' | b'+' | 0xC2 | 0xE2 | 0xE3)
}

fn is_separator_char(c: char) -> bool {
    matches!(
        c,
        '.' | '-'
            | '_'
            | '='
            | '*'
            | '~'
            | '#'
            | '+'
            | '•'
            | '·'
            | '—'
            | '–'
            | '―'
            | '…'
            | '─'
            | '━'
            | '═'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '●'
            | '○'
            | '★'
            | '☆'
            | '※'
            | '§'
    )
}

/// A line of at least three separator characters (spaces allowed), or a
/// lone ellipsis.
fn is_separator(line: &str) -> bool {
    if line == "…" {
        return true;
    }
    let mut count = 0;
    for c in line.chars() {
        if is_separator_char(c) {
            count += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    count >= 3
}

/// A URL alone on the line, maybe in brackets or after a short label.
fn lone_url(text: &str, s: usize, e: usize) -> Option<UrlLabel> {
    let line = &text[s..e];
    let b = line.as_bytes();
    // The URL is the line's last word, maybe in brackets; a short label
    // ("Source:", "Read more at") may come before it.
    let tail_start = memchr::memrchr2(b' ', b'\t', b).map_or(0, |p| p + 1);
    let (us, ue) = strip_brackets(&line[tail_start..]);
    let url = &b[tail_start + us..];
    let looks_like_url =
        url.len() > 4 && (url[..4].eq_ignore_ascii_case(b"http") || url[..4].eq_ignore_ascii_case(b"www."));
    if !looks_like_url || url_end(text, s + tail_start + us) != Some(s + tail_start + ue) {
        return None;
    }
    if tail_start == 0 {
        return Some(UrlLabel::None);
    }
    let label = line[..tail_start].trim_end();
    let bare = label.trim_end_matches([':', '-', '–', '—', '>', '»', '|', ' ']).trim();
    let punctuated = bare.len() < label.len();
    if bare.split_whitespace().count() > 5 {
        return None;
    }
    let l = bare.to_lowercase();
    const SOURCE: &[&str] = &[
        "source",
        "sources",
        "original",
        "original article",
        "original source",
        "originally published",
        "originally published at",
        "originally published on",
        "read the original",
        "read the original article",
        "via",
        "from",
        "link",
        "url",
        "article",
        "full article",
        "full story",
        "story",
        "permalink",
        "published at",
        "source link",
    ];
    const OTHER: &[&str] =
        &["read more", "read more at", "more at", "more", "see", "see more", "watch", "related", "also read"];
    if SOURCE.contains(&l.as_str()) {
        Some(UrlLabel::Source)
    } else if punctuated || OTHER.contains(&l.as_str()) {
        Some(UrlLabel::Other)
    } else {
        None
    }
}

/// The range inside `<…>`, `(…)` or `[…]` wrapping the whole line.
fn strip_brackets(line: &str) -> (usize, usize) {
    let b = line.as_bytes();
    match (b.first(), b.last()) {
        (Some(b'<'), Some(b'>')) | (Some(b'('), Some(b')')) | (Some(b'['), Some(b']')) if b.len() > 2 => {
            (1, b.len() - 1)
        }
        _ => (0, b.len()),
    }
}

/// Most words a line can have and still be a header, marker or row.
const MAX_WORDS: usize = 16;

/// The words of a short, lower-cased line: runs of letters, digits,
/// apostrophes and underscores, as byte ranges. No allocation.
struct Words<'a> {
    line: &'a str,
    spans: [(u8, u8); MAX_WORDS],
    n: usize,
}

impl<'a> Words<'a> {
    /// `None` when the line has more than [`MAX_WORDS`] words.
    fn of(line: &'a str) -> Option<Words<'a>> {
        let mut w = Words { line, spans: [(0, 0); MAX_WORDS], n: 0 };
        let push = |w: &mut Words, a: usize, b: usize| -> bool {
            if w.n == MAX_WORDS {
                return false;
            }
            w.spans[w.n] = (a as u8, b as u8);
            w.n += 1;
            true
        };
        let b = line.as_bytes();
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let (part, len) = if c < 0x80 {
                (c.is_ascii_alphanumeric() || c == b'\'' || c == b'_', 1)
            } else {
                let ch = line[i..].chars().next().unwrap_or(' ');
                (ch.is_alphanumeric() || ch == '’', ch.len_utf8())
            };
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    if !push(&mut w, st, i) {
                        return None;
                    }
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
        if let Some(st) = start {
            if !push(&mut w, st, line.len()) {
                return None;
            }
        }
        Some(w)
    }

    fn len(&self) -> usize {
        self.n
    }

    /// Word `i`: its text and byte range in the line.
    fn get(&self, i: usize) -> (&'a str, usize, usize) {
        let (a, b) = self.spans[i];
        let (a, b) = (a as usize, b as usize);
        (&self.line[a..b], a, b)
    }

    fn iter(&self) -> impl Iterator<Item = (&'a str, usize, usize)> + '_ {
        (0..self.n).map(|i| self.get(i))
    }

    fn all_numbers(&self) -> bool {
        self.iter().all(|(w, _, _)| is_number(w))
    }

    /// The letter words (not numbers).
    fn letters(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.iter().map(|(w, _, _)| w).filter(|w| !is_number(w))
    }
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit())
}

fn is_comments_header(words: &Words) -> bool {
    if words.letters().count() > 5 {
        return false;
    }
    let mut p = String::with_capacity(48);
    for w in words.letters() {
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(w);
    }
    const HEADERS: &[&str] = &[
        "comments",
        "comment",
        "reader comments",
        "readers comments",
        "readers' comments",
        "user comments",
        "your comments",
        "latest comments",
        "top comments",
        "all comments",
        "comments so far",
        "responses",
        "reader responses",
        "discussion",
        "join the discussion",
        "join the conversation",
        "leave a comment",
        "leave a reply",
        "add a comment",
        "add your comment",
        "post a comment",
        "show comments",
        "view comments",
        "view all comments",
        "see all comments",
        "comments are closed",
        "comment section",
        "what readers say",
        "what readers are saying",
    ];
    HEADERS.contains(&p.as_str())
}

// Words of a comment's action row, which mark a thread.
word_set!(is_thread_action: "reply",
    "replies",
    "report",
    "upvote",
    "upvotes",
    "downvote",
    "downvotes",
    "flag",
    "permalink",
    "points",
    "point",
    "like",
    "likes",
    "liked",
    "recommend",
    "recommends",
    "recommended",
    "respond",
    "parent",
    "thread",
    "quote",
    "abuse",
    "helpful",
    "agree",
    "disagree",
    "votes",
    "vote");

// Words of page chrome that are neither text nor a thread marker.
word_set!(is_chrome_action: "share",
    "save",
    "edit",
    "edited",
    "delete",
    "show",
    "hide",
    "more",
    "less",
    "view",
    "load",
    "collapse",
    "expand",
    "copy",
    "link",
    "print",
    "email",
    "tweet",
    "comments",
    "comment",
    "all",
    "the",
    "to",
    "in",
    "this",
    "of",
    "and",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "vk",
    "x",
    "pinterest",
    "mail",
    "cancel",
    "read",
    "next",
    "previous",
    "prev",
    "back",
    "top",
    "up",
    "home",
    "menu",
    "close",
    "report",
    "sort",
    "by",
    "newest",
    "oldest",
    "best",
    "new",
    "old");

/// A row made only of action words: "Reply", "Like · Reply · 3 likes",
/// "Share on Facebook"; `Action` when it has a thread word, else chrome.
fn action_or_chrome(words: &Words) -> Option<LineKind> {
    let mut thread = false;
    let mut meaningful = false;
    let mut count = 0;
    for w in words.letters() {
        count += 1;
        if count > 8 {
            return None;
        }
        if is_thread_action(w) {
            thread = true;
        } else if !is_chrome_action(w) {
            return None;
        }
        // "the", "to", "all" alone are not a row of buttons.
        meaningful |= !matches!(w, "the" | "to" | "in" | "this" | "of" | "and" | "all" | "by" | "up" | "x");
    }
    if count == 0 || !meaningful {
        return None;
    }
    Some(if thread { LineKind::Action } else { LineKind::Boilerplate })
}

/// "name wrote:" / "name writes:" / "name replied:" at the start of a line.
fn wrote(text: &str, s: usize, e: usize) -> Option<LineKind> {
    let line = &text[s..e];
    // "name wrote: …" (the marker before the first colon) or a line ending
    // in "name wrote".
    let head = prefix(line, 64);
    let (at, marker_len) = match memchr::memchr(b':', head.as_bytes()) {
        Some(colon) => {
            let before = &line[..colon];
            let m = ["wrote", "writes", "replied", "commented"].into_iter().find(|m| before.ends_with(m))?;
            (colon - m.len(), m.len() + 1)
        }
        None => {
            let m = ["wrote", "writes"].into_iter().find(|m| line.ends_with(m) && line.len() <= 64)?;
            (line.len() - m.len(), m.len())
        }
    };
    let name = line[..at].trim();
    let name = name.strip_prefix('@').unwrap_or(name);
    let n_words = name.split_whitespace().count();
    if name.is_empty() || n_words > 3 || name.len() > 40 || name.contains(['.', ',', '"', '“', '”']) {
        return None;
    }
    // A name, not a sentence: names start upper-case, with a digit, or are
    // one user handle.
    let first = name.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit() || n_words == 1) {
        return None;
    }
    let name_start = s + (name.as_ptr() as usize - line.as_ptr() as usize);
    let rest = line[at + marker_len..].trim_start();
    let rest = (!rest.is_empty()).then(|| e - rest.len());
    Some(LineKind::Wrote { author: (name_start, name_start + name.len()), rest })
}

word_set!(is_month: "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december");

word_set!(is_unit: "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
    "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks", "mo", "mos", "month", "months", "y", "yr", "yrs",
    "year", "years");

word_set!(is_weekday: "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun");

// Words that join an author and a timestamp ("Posted by Ann on …").
word_set!(is_connective: "posted", "by", "on", "at", "via", "from", "in", "reply", "report", "like", "edited", "pm", "am", "utc", "gmt",
    "est", "edt", "pst", "cet", "msk");

// Words that make a line a sentence rather than a name.
word_set!(is_sentence_word: "the", "a", "an", "is", "was", "were", "are", "be", "been", "it", "he", "she", "they", "we", "i", "you", "will",
    "would", "has", "have", "had", "said", "says", "of", "to", "for", "with", "that", "this", "and", "but", "or",
    "not", "since", "until", "after", "before", "during");

/// A comment header ("ann_k · 2 hours ago", "Posted by Ann on Nov 12,
/// 2024 at 10:31") or a dateline ("Updated 12 Nov 2024 10:31 GMT").
fn timestamp_line(text: &str, s: usize, e: usize, words: &Words) -> Option<LineKind> {
    if words.len() > 12 {
        return None;
    }
    let line_has_digit_or_cue = words
        .iter()
        .any(|(x, _, _)| x.as_bytes()[0].is_ascii_digit() || matches!(x, "ago" | "yesterday" | "today" | "now"));
    if !line_has_digit_or_cue {
        return None;
    }
    let mut all = [("", 0usize, 0usize); MAX_WORDS];
    for (i, x) in words.iter().enumerate() {
        all[i] = x;
    }
    let w = &all[..words.len()];
    let num = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
    let line = &text[s..e];
    // Cheap gate: a relative time word, a number next to a month name, or
    // a clock or numeric date must be there.
    let maybe = (0..w.len()).any(|i| {
        let x = w[i].0;
        matches!(x, "ago" | "yesterday" | "today" | "now")
            || num(x)
                && (i > 0 && is_month(w[i - 1].0)
                    || w.get(i + 1).is_some_and(|n| {
                        is_month(n.0) || num(n.0) && matches!(&line[w[i].2..n.1], ":" | "/" | "-" | ".")
                    }))
    });
    if !maybe {
        return None;
    }
    let mut is_ts = [false; MAX_WORDS];
    let mut strong = false;
    let mut relative = false;
    for i in 0..w.len() {
        let x = w[i].0;
        // "3 hours ago", "an hour ago", "2h ago", "2h"
        if x == "ago" && i > 0 {
            is_ts[i] = true;
            strong = true;
            relative = true;
            let u = w[i - 1].0;
            let compact = u.len() >= 2
                && u.as_bytes()[0].is_ascii_digit()
                && is_unit(u.trim_start_matches(|c: char| c.is_ascii_digit()));
            if is_unit(u) || compact {
                is_ts[i - 1] = true;
                if i >= 2 && (num(w[i - 2].0) || matches!(w[i - 2].0, "a" | "an" | "one")) {
                    is_ts[i - 2] = true;
                }
            }
        }
        if matches!(x, "yesterday" | "today") || (x == "now" && i > 0 && w[i - 1].0 == "just") {
            is_ts[i] = true;
            if x == "now" {
                is_ts[i - 1] = true;
            }
            strong = true;
            relative = true;
        }
        if is_month(x) && x != "may" || x == "may" && w.get(i + 1).is_some_and(|n| num(n.0)) {
            let next_num = w.get(i + 1).is_some_and(|n| num(n.0));
            let prev_num = i > 0 && num(w[i - 1].0);
            if next_num || prev_num {
                is_ts[i] = true;
            }
        }
        if is_weekday(x) {
            is_ts[i] = true;
        }
        if num(x) {
            is_ts[i] = true;
        }
        // 2h, 5m, 3d (compact ages), 10am
        let digits = x.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < x.len() {
            let suffix = &x[digits..];
            if is_unit(suffix) || matches!(suffix, "am" | "pm" | "st" | "nd" | "rd" | "th") {
                is_ts[i] = true;
            }
        }
    }
    // An absolute time is a comment's only when it is precise: a year, a
    // clock time (10:31) or a full numeric date (12/11/2024, 2024-11-12);
    // "March 31" alone is as likely a line of a dividend notice. Clocks and
    // numeric dates are split into number words: look at the separators.
    let sep = |a: &(&str, usize, usize), b: &(&str, usize, usize)| &line[a.2..b.1];
    let year = w.iter().any(|x| is_year(x.0));
    let clock = w.windows(2).any(|p| num(p[0].0) && num(p[1].0) && sep(&p[0], &p[1]) == ":");
    let numeric_date = w.windows(3).any(|p| {
        p.iter().all(|x| num(x.0))
            && matches!(sep(&p[0], &p[1]), "/" | "-" | ".")
            && sep(&p[0], &p[1]) == sep(&p[1], &p[2])
    });
    // A calendar date is precise with a month name, a day and a year.
    let month_day_year = year
        && w.iter().enumerate().any(|(i, x)| {
            is_month(x.0)
                && (w.get(i + 1).is_some_and(|n| num(n.0) && n.0.len() <= 2)
                    || i > 0 && num(w[i - 1].0) && w[i - 1].0.len() <= 2)
        });
    strong |= clock || numeric_date || month_day_year;
    if !strong {
        return None;
    }
    let residue: Vec<usize> = (0..w.len()).filter(|&i| !is_ts[i] && !is_connective(w[i].0)).collect();
    // Datelines of the page itself, not of a comment.
    if residue.iter().any(|&i| matches!(w[i].0, "updated" | "published" | "modified")) {
        return (residue.len() <= 4).then_some(LineKind::Boilerplate);
    }
    if residue.len() > 4 || ends_sentence(line) {
        return None;
    }
    // The author: the residue words before the first timestamp word; no
    // residue after it, and no word a sentence would have.
    let first_ts = is_ts.iter().position(|&t| t)?;
    let author_words: Vec<usize> = residue.iter().copied().filter(|&i| i < first_ts).collect();
    if author_words.len() < residue.len() || author_words.iter().any(|&i| is_sentence_word(w[i].0)) {
        return None;
    }
    // A user handle (one token with a digit, `_` or `@`) or a name (up to
    // three capitalised words).
    let capitalised = |i: usize| line[w[i].1..].chars().next().is_some_and(char::is_uppercase);
    let handle = |i: usize| {
        w[i].0.contains(|c: char| c.is_ascii_digit() || c == '_') || w[i].1 > 0 && line.as_bytes()[w[i].1 - 1] == b'@'
    };
    // A lone capitalised word ("Record March 31, 1987") is a name only
    // beside a relative time or a clock, as comment headers have.
    let name_ok = match author_words.len() {
        0 => true,
        1 => handle(author_words[0]) || capitalised(author_words[0]) && (relative || clock),
        2 | 3 => author_words.iter().all(|&i| capitalised(i)),
        _ => false,
    };
    // One timestamp: a table row of dates ("1986  1987") is not a header.
    let years = w.iter().filter(|x| is_year(x.0)).count();
    let months = w.iter().filter(|x| is_month(x.0)).count();
    if !name_ok || years > 1 || months > 1 {
        return None;
    }
    let author = match (author_words.first(), author_words.last()) {
        (Some(&a), Some(&z)) => {
            let mut st = s + w[a].1;
            if st > s && text.as_bytes()[st - 1] == b'@' {
                st -= 1;
            }
            Some((st, s + w[z].2))
        }
        _ => None,
    };
    Some(LineKind::Header { author, relative })
}

/// 1900 to 2099.
fn is_year(w: &str) -> bool {
    w.len() == 4 && is_number(w) && (w.starts_with("19") || w.starts_with("20"))
}

/// A line that ends like a sentence (`.`, `!`, `?`, `,`, `;`, perhaps
/// before closing quotes), not like a button or a header; `...` aside.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', ',', ';']) && !t.ends_with("...")
}

/// Share buttons, "Read more", subscription and copyright lines.
fn is_chrome_phrase(line: &str) -> bool {
    let head = line.as_bytes();
    const STARTS: &[&str] = &[
        "share this",
        "share:",
        "share article",
        "share via",
        "share story",
        "read more",
        "read next",
        "read also",
        "also read",
        "see also",
        "related:",
        "related articles",
        "related stories",
        "related news",
        "related content",
        "more on this",
        "more stories",
        "more from ",
        "you may also like",
        "you might also like",
        "recommended for you",
        "most read",
        "most popular",
        "trending now",
        "advertisement",
        "sponsored content",
        "subscribe to our",
        "subscribe now",
        "subscribe for",
        "sign up for our",
        "sign up to our",
        "sign up for free",
        "sign up for the newsletter",
        "get our newsletter",
        "follow us",
        "like us on facebook",
        "click here to",
        "all rights reserved",
        "copyright ",
        "©",
        "(c) 20",
        "terms of use",
        "terms of service",
        "privacy policy",
        "skip to content",
        "skip to main",
        "download our app",
        "download the app",
        "email this",
        "print this",
        "tags:",
        "topics:",
        "filed under",
        "image:",
        "photo:",
        "file photo",
        "watch:",
        "listen:",
        "video:",
    ];
    // Cheap gate: the first two bytes (ASCII lower-cased) of some phrase.
    static FIRST_TWO: std::sync::LazyLock<Vec<[u8; 2]>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<[u8; 2]> =
            STARTS.iter().chain(["follow "].iter()).map(|p| [p.as_bytes()[0], p.as_bytes()[1]]).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    if head.len() < 2 || FIRST_TWO.binary_search(&[head[0].to_ascii_lowercase(), head[1].to_ascii_lowercase()]).is_err()
    {
        return false;
    }
    let starts = |p: &str| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    // "Read more: <a headline>" may be long; a share row is short and is
    // no sentence ("Share this year's dividend rose." is text).
    const LONG_OK: &[&str] =
        &["read more", "read next", "read also", "also read", "see also", "related", "more on this"];
    if let Some(p) = STARTS.iter().find(|p| starts(p)) {
        return LONG_OK.iter().any(|l| p.starts_with(l))
            || line.len() <= 80
                && !ends_sentence(line)
                && !line.contains(". ")
                && line.split_whitespace().count() <= 8;
    }
    // "Follow RT on Telegram", "Share on Facebook"
    (starts("follow ") || starts("share on "))
        && ["telegram", "twitter", "facebook", "instagram", " x", "vk", "youtube", "whatsapp", "rumble", "odysee"]
            .iter()
            .any(|n| line.to_lowercase().contains(n))
}

/// "We use cookies …", "This site uses cookies", "Accept cookies".
fn is_cookie_notice(line: &str) -> bool {
    static COOKIE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"ookie"));
    if COOKIE.find(line.as_bytes()).is_none() {
        return false;
    }
    let l = line.to_lowercase();
    l.contains("cookie")
        && ["use", "accept", "policy", "consent", "settings", "preferences", "agree"].iter().any(|w| l.contains(w))
}

/// Navigation rows: three or more short items between `|`, `·`, `•`, `>`,
/// `»` or `/` ("Home | World | Asia").
fn is_nav_row(line: &str) -> bool {
    const SEPS: [&str; 6] = [" | ", " · ", " • ", " > ", " » ", " / "];
    // Cheap gate: at least two separators with spaces around them.
    let b = line.as_bytes();
    if memchr::memchr3(b'|', b'>', b'/', b).is_none() && memchr::memchr2(0xC2, 0xE2, b).is_none() {
        return false;
    }
    let mut seps = 0;
    for i in memchr::memchr_iter(b' ', b) {
        if SEPS.iter().any(|sep| b[i..].starts_with(sep.as_bytes())) {
            seps += 1;
        }
    }
    if seps < 2 {
        return false;
    }
    SEPS.iter().any(|sep| {
        let mut items = 0;
        let all_short = line.split(sep).all(|i| {
            items += 1;
            let i = i.trim();
            !i.is_empty() && i.split_whitespace().count() <= 3 && !i.ends_with(['.', '?', '!'])
        });
        all_short && items >= 3
    })
}

/// "By John Smith", "By Ann Lee and Bo Chan, Reuters".
fn byline(text: &str, s: usize, words: &Words) -> Option<LineKind> {
    if words.len() < 2 || words.len() > 10 || !text[s..].starts_with("By ") {
        return None;
    }
    let mut all = [("", 0usize, 0usize); MAX_WORDS];
    for (i, x) in words.iter().enumerate() {
        all[i] = x;
    }
    let w = &all[..words.len()];
    let line = &text[s..];
    let names = &w[1..];
    let capitalised = names
        .iter()
        .filter(|(x, _, _)| !matches!(*x, "and" | "in" | "for" | "of" | "de" | "van" | "von" | "al"))
        .all(|(_, st, _)| line[*st..].chars().next().is_some_and(char::is_uppercase));
    if !capitalised {
        return None;
    }
    let last = names.last()?;
    Some(LineKind::Byline { author: (s + names[0].1, s + last.2) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify(line, 0, line.len())
    }

    fn author(line: &str) -> Option<&str> {
        match kind(line) {
            LineKind::Header { author, .. } => author.map(|(a, b)| &line[a..b]),
            LineKind::Wrote { author, .. } | LineKind::Byline { author } => Some(&line[author.0..author.1]),
            _ => None,
        }
    }

    #[test]
    fn separators() {
        for l in [".....", "-----", "***", "* * *", "═══════", "…", "___", "• • •", "~~~"] {
            assert_eq!(kind(l), LineKind::Separator, "{l}");
        }
        for l in ["..", "1.2.3", "-- John", "***Breaking***"] {
            assert_ne!(kind(l), LineKind::Separator, "{l}");
        }
    }

    #[test]
    fn lone_urls_and_their_labels() {
        assert_eq!(kind("https://www.rt.com/news/606867-x/"), LineKind::Url(UrlLabel::None));
        assert_eq!(kind("<https://example.org/a>"), LineKind::Url(UrlLabel::None));
        assert_eq!(kind("Source: https://example.org/a"), LineKind::Url(UrlLabel::Source));
        assert_eq!(kind("Read more: https://example.org/b"), LineKind::Url(UrlLabel::Other));
        assert_eq!(kind("Watch: https://example.org/c"), LineKind::Url(UrlLabel::Other));
        assert_eq!(kind("Looks like WW3 https://example.org/c"), LineKind::Text);
        assert_eq!(kind("This sentence is far too long to be a label before https://example.org/c"), LineKind::Text);
        assert_eq!(kind("https://example.org/a and more text"), LineKind::Text);
        // Multi-byte characters where a label would be cut.
        assert_eq!(kind("It was bought for $9.4bn by a group, in the end £14.5bn https://x.org/a"), LineKind::Text);
        assert_eq!(kind("A £££££££££££££££££££££££££££££££££££££££££££££ wrote: x"), LineKind::Text);
    }

    #[test]
    fn comment_headers_and_actions() {
        for l in
            ["Comments", "12 Comments", "Comments (12)", "Reader comments:", "Join the discussion", "Leave a Reply"]
        {
            assert_eq!(kind(l), LineKind::CommentsHeader, "{l}");
        }
        for l in ["Reply", "Reply ↓", "Like · Reply · 3 likes", "Report abuse", "12 points", "▲ 5 ▼", "+12"] {
            assert_eq!(kind(l), LineKind::Action, "{l}");
        }
        for l in ["Share", "Share on Facebook", "Load more comments", "Sort by newest"] {
            assert_eq!(kind(l), LineKind::Boilerplate, "{l}");
        }
    }

    #[test]
    fn comment_headers_with_timestamps() {
        assert_eq!(author("john_doe · 2 hours ago"), Some("john_doe"));
        assert_eq!(author("@ann_k 3h ago"), Some("@ann_k"));
        assert_eq!(author("Posted by Ann Lee on Nov 12, 2024 at 10:31 pm"), Some("Ann Lee"));
        assert_eq!(kind("5 days ago"), LineKind::Header { author: None, relative: true });
        assert_eq!(kind("12/11/2024 10:31"), LineKind::Header { author: None, relative: false });
        // Dates in wire copy are not comment headers.
        for l in [
            "Pay March 31",
            "Period ended December 31, 1986",
            "Taiwan imposed currency controls today",
            "24.",
            "2/26  2/27",
            "today.\"",
            "view.\"",
        ] {
            assert!(!kind(l).is_strong_marker(), "{l}: {:?}", kind(l));
        }
        assert_eq!(kind("Updated 12 Nov 2024 10:31 GMT"), LineKind::Boilerplate);
        assert_eq!(kind("The talks lasted 3 hours on Friday and ended in a deal"), LineKind::Text);
        assert_eq!(kind("It was signed in June 2024."), LineKind::Text);
    }

    #[test]
    fn wrote_markers() {
        assert_eq!(author("john_doe wrote:"), Some("john_doe"));
        assert_eq!(author("Ann Lee writes: I disagree"), Some("Ann Lee"));
        match kind("Ann Lee writes: I disagree") {
            LineKind::Wrote { rest: Some(r), .. } => assert_eq!(r, "Ann Lee writes: ".len()),
            k => panic!("{k:?}"),
        }
        assert_eq!(kind("In a letter to the UN, the minister wrote: the deal is off"), LineKind::Text);
        assert_eq!(kind("the statement wrote: nothing"), LineKind::Text);
    }

    #[test]
    fn chrome_cookies_nav_and_bylines() {
        for l in [
            "Share this article",
            "READ MORE: North Korea sends troops",
            "Follow RT on Telegram",
            "We use cookies to improve your experience. Accept",
            "Home | World | Asia | Europe",
            "© 2024 Example News",
        ] {
            assert_eq!(kind(l), LineKind::Boilerplate, "{l}");
        }
        assert_eq!(author("By John Smith and Ann Lee"), Some("John Smith and Ann Lee"));
        assert_eq!(kind("By the end of the week, prices rose"), LineKind::Text);
    }

    #[test]
    fn ordinary_lines_are_text() {
        for l in [
            "North Korea will support Russia in the Ukraine conflict.",
            "Nobody cares what the current admin thinks at this point.",
            "Reply to the minister came quickly, officials said.",
            "points:",
            "share this year. The company's 1986 net profit rose",
            "More than 100 people were killed.",
        ] {
            assert_eq!(kind(l), LineKind::Text, "{l}");
        }
    }

    #[test]
    fn classify_lines_gives_trimmed_ranges() {
        let t = "  Title  \r\n\n.....\nBody.";
        let v = classify_lines(t);
        assert_eq!(v.len(), 4);
        assert_eq!(&t[v[0].start..v[0].end], "Title");
        assert_eq!(v[1].kind, LineKind::Blank);
        assert_eq!(v[2].kind, LineKind::Separator);
        assert_eq!(&t[v[3].start..v[3].end], "Body.");
    }
}
