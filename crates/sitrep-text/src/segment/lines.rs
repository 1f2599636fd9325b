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
    let line = &text[s..e];
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}');
    if t.is_empty() {
        return (s, s);
    }
    let ts = s + (t.as_ptr() as usize - line.as_ptr() as usize);
    (ts, ts + t.len())
}

/// Longest line that can be anything but text or a lone URL.
const SHORT: usize = 160;

fn classify(text: &str, s: usize, e: usize) -> LineKind {
    let line = &text[s..e];
    let n = line.len();
    if is_separator(line) {
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
    let words = Words::of(line);
    if words.is_empty() {
        // Only symbols or digits: a date ("12/11/2024 10:31"), or a vote
        // count ("12", "▲ 5 ▼").
        return timestamp_line(text, s, e, &words).unwrap_or(LineKind::Action);
    }
    if is_comments_header(&words) {
        return LineKind::CommentsHeader;
    }
    if let Some(k) = action_or_chrome(&words) {
        return k;
    }
    if let Some(k) = wrote(text, s, e) {
        return k;
    }
    if let Some(k) = timestamp_line(text, s, e, &words) {
        return k;
    }
    if is_chrome_phrase(line) || is_cookie_notice(line) || is_nav_row(line) {
        return LineKind::Boilerplate;
    }
    if let Some(k) = byline(text, s, &words) {
        return k;
    }
    LineKind::Text
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
    let (us, ue) = strip_brackets(line);
    if url_end(text, s + us).is_some_and(|end| end == s + ue) {
        return Some(UrlLabel::None);
    }
    // "Source: https://…", "Read more at www.…" — a label of a few words.
    let head = &line[..line.len().min(48)];
    let at = head.find("http").or_else(|| head.find("www."))?;
    let label = line[..at].trim_end();
    let tail = &line[at..];
    let (us, ue) = strip_brackets(tail);
    if us != 0 && us != 1 {
        return None;
    }
    if url_end(text, s + at + us).is_none_or(|end| end != s + at + ue) {
        return None;
    }
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

/// The words of a short line: runs of letters (lower-cased), with digits
/// counted apart.
struct Words {
    words: Vec<(String, usize, usize)>,
}

impl Words {
    fn of(line: &str) -> Words {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in line.char_indices() {
            let part = c.is_alphanumeric() || c == '\'' || c == '’' || c == '_';
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    words.push((line[st..i].to_lowercase(), st, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            words.push((line[st..].to_lowercase(), st, line.len()));
        }
        Words { words }
    }

    fn is_empty(&self) -> bool {
        self.words.iter().all(|(w, _, _)| w.chars().all(|c| c.is_ascii_digit()))
    }

    /// The letter words (not numbers), lower-cased.
    fn letters(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(w, _, _)| w.as_str()).filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
    }
}

fn is_comments_header(words: &Words) -> bool {
    let phrase: Vec<&str> = words.letters().collect();
    let p = phrase.join(" ");
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

/// Words of a comment's action row, which mark a thread.
const THREAD_ACTIONS: &[&str] = &[
    "reply",
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
    "vote",
];

/// Words of page chrome that are neither text nor a thread marker.
const CHROME_ACTIONS: &[&str] = &[
    "share",
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
    "old",
];

/// A row made only of action words: "Reply", "Like · Reply · 3 likes",
/// "Share on Facebook"; `Action` when it has a thread word, else chrome.
fn action_or_chrome(words: &Words) -> Option<LineKind> {
    let letters: Vec<&str> = words.letters().collect();
    if letters.is_empty() || letters.len() > 8 {
        return None;
    }
    let mut thread = false;
    for w in &letters {
        if THREAD_ACTIONS.contains(w) {
            thread = true;
        } else if !CHROME_ACTIONS.contains(w) {
            return None;
        }
    }
    // "the", "to", "all" alone are not a row of buttons.
    let meaningful =
        letters.iter().any(|w| !matches!(*w, "the" | "to" | "in" | "this" | "of" | "and" | "all" | "by" | "up" | "x"));
    if !meaningful {
        return None;
    }
    Some(if thread { LineKind::Action } else { LineKind::Boilerplate })
}

/// "name wrote:" / "name writes:" / "name replied:" at the start of a line.
fn wrote(text: &str, s: usize, e: usize) -> Option<LineKind> {
    let line = &text[s..e];
    let head = &line[..line.len().min(64)];
    let (at, marker_len) = ["wrote:", "writes:", "replied:", "commented:", "wrote", "writes"].iter().find_map(|m| {
        let at = head.find(m)?;
        // Bare "wrote"/"writes" only when the line ends there ("john wrote").
        if !m.ends_with(':') && line[at + m.len()..].trim() != "" {
            return None;
        }
        Some((at, m.len()))
    })?;
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

const MONTHS: &[&str] = &[
    "jan",
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
    "december",
];

const UNITS: &[&str] = &[
    "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
    "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks", "mo", "mos", "month", "months", "y", "yr", "yrs",
    "year", "years",
];

const WEEKDAYS: &[&str] = &[
    "monday",
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
    "sun",
];

/// Words that join an author and a timestamp ("Posted by Ann on …").
const CONNECTIVES: &[&str] = &[
    "posted", "by", "on", "at", "via", "from", "in", "reply", "report", "like", "edited", "pm", "am", "utc", "gmt",
    "est", "edt", "pst", "cet", "msk",
];

/// Words that make a line a sentence rather than a name.
const SENTENCE_WORDS: &[&str] = &[
    "the", "a", "an", "is", "was", "were", "are", "be", "been", "it", "he", "she", "they", "we", "i", "you", "will",
    "would", "has", "have", "had", "said", "says", "of", "to", "for", "with", "that", "this", "and", "but", "or",
    "not", "since", "until", "after", "before", "during",
];

/// A comment header ("ann_k · 2 hours ago", "Posted by Ann on Nov 12,
/// 2024 at 10:31") or a dateline ("Updated 12 Nov 2024 10:31 GMT").
fn timestamp_line(text: &str, s: usize, e: usize, words: &Words) -> Option<LineKind> {
    let w = &words.words;
    if w.len() > 12 {
        return None;
    }
    let line_has_digit_or_cue = w.iter().any(|(x, _, _)| {
        x.as_bytes()[0].is_ascii_digit() || matches!(x.as_str(), "ago" | "yesterday" | "today" | "now")
    });
    if !line_has_digit_or_cue {
        return None;
    }
    let mut is_ts = vec![false; w.len()];
    let mut strong = false;
    let num = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
    for i in 0..w.len() {
        let x = w[i].0.as_str();
        // "3 hours ago", "an hour ago", "2h ago", "2h"
        if x == "ago" && i > 0 {
            is_ts[i] = true;
            strong = true;
            let u = w[i - 1].0.as_str();
            let compact = u.len() >= 2
                && u.as_bytes()[0].is_ascii_digit()
                && UNITS.contains(&u.trim_start_matches(|c: char| c.is_ascii_digit()));
            if UNITS.contains(&u) || compact {
                is_ts[i - 1] = true;
                if i >= 2 && (num(&w[i - 2].0) || matches!(w[i - 2].0.as_str(), "a" | "an" | "one")) {
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
        }
        if MONTHS.contains(&x) && x != "may" || x == "may" && w.get(i + 1).is_some_and(|n| num(&n.0)) {
            let next_num = w.get(i + 1).is_some_and(|n| num(&n.0));
            let prev_num = i > 0 && num(&w[i - 1].0);
            if next_num || prev_num {
                is_ts[i] = true;
                strong = true;
            }
        }
        if WEEKDAYS.contains(&x) {
            is_ts[i] = true;
        }
        if num(x) {
            is_ts[i] = true;
        }
        // 2h, 5m, 3d (compact ages), 10am
        let digits = x.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < x.len() {
            let suffix = &x[digits..];
            if UNITS.contains(&suffix) || matches!(suffix, "am" | "pm" | "st" | "nd" | "rd" | "th") {
                is_ts[i] = true;
            }
        }
    }
    let line = &text[s..e];
    // Times (10:31) and numeric dates (2024-11-12, 12/11/2024) are split
    // into several number words: look at the raw separators.
    let has_clock_or_date = w.windows(2).any(|p| {
        let (a, b) = (&p[0], &p[1]);
        num(&a.0) && num(&b.0) && matches!(&line[a.2..b.1], ":" | "/" | "-" | ".")
    });
    strong |= has_clock_or_date;
    if !strong {
        return None;
    }
    let residue: Vec<usize> = (0..w.len()).filter(|&i| !is_ts[i] && !CONNECTIVES.contains(&w[i].0.as_str())).collect();
    // Datelines of the page itself, not of a comment.
    if residue.iter().any(|&i| matches!(w[i].0.as_str(), "updated" | "published" | "modified" | "last" | "first")) {
        return (residue.len() <= 4).then_some(LineKind::Boilerplate);
    }
    if residue.len() > 4 || line.ends_with(['.', '!', '?']) {
        return None;
    }
    // The author: the residue words before the first timestamp word; no
    // residue after it, and no word a sentence would have.
    let first_ts = is_ts.iter().position(|&t| t)?;
    let author_words: Vec<usize> = residue.iter().copied().filter(|&i| i < first_ts).collect();
    if author_words.len() < residue.len() || author_words.iter().any(|&i| SENTENCE_WORDS.contains(&w[i].0.as_str())) {
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
    Some(LineKind::Header { author })
}

/// Share buttons, "Read more", subscription and copyright lines.
fn is_chrome_phrase(line: &str) -> bool {
    let head: String = line.chars().take(40).collect::<String>().to_lowercase();
    const STARTS: &[&str] = &[
        "share this",
        "share on ",
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
    if STARTS.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    // "Follow RT on Telegram"
    head.starts_with("follow ")
        && ["telegram", "twitter", "facebook", "instagram", " x", "vk", "youtube", "whatsapp", "rumble", "odysee"]
            .iter()
            .any(|n| line.to_lowercase().contains(n))
}

/// "We use cookies …", "This site uses cookies", "Accept cookies".
fn is_cookie_notice(line: &str) -> bool {
    let l = line.to_lowercase();
    l.contains("cookie")
        && ["use", "accept", "policy", "consent", "settings", "preferences", "agree"].iter().any(|w| l.contains(w))
}

/// Navigation rows: three or more short items between `|`, `·`, `•`, `>`,
/// `»` or `/` ("Home | World | Asia").
fn is_nav_row(line: &str) -> bool {
    for sep in [" | ", " · ", " • ", " > ", " » ", " / "] {
        let items: Vec<&str> = line.split(sep).collect();
        if items.len() >= 3
            && items.iter().all(|i| {
                let i = i.trim();
                !i.is_empty() && i.split_whitespace().count() <= 3 && !i.ends_with(['.', '?', '!'])
            })
        {
            return true;
        }
    }
    false
}

/// "By John Smith", "By Ann Lee and Bo Chan, Reuters".
fn byline(text: &str, s: usize, words: &Words) -> Option<LineKind> {
    let w = &words.words;
    if w.len() < 2 || w.len() > 10 || w[0].0 != "by" || w[0].1 != 0 {
        return None;
    }
    let line = &text[s..];
    let names = &w[1..];
    let capitalised = names
        .iter()
        .filter(|(x, _, _)| !matches!(x.as_str(), "and" | "in" | "for" | "of" | "de" | "van" | "von" | "al"))
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
            LineKind::Header { author } => author.map(|(a, b)| &line[a..b]),
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
    }

    #[test]
    fn comment_headers_and_actions() {
        for l in
            ["Comments", "12 Comments", "Comments (12)", "Reader comments:", "Join the discussion", "Leave a Reply"]
        {
            assert_eq!(kind(l), LineKind::CommentsHeader, "{l}");
        }
        for l in ["Reply", "Reply ↓", "Like · Reply · 3 likes", "Report abuse", "12 points", "▲ 5 ▼"] {
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
        assert_eq!(kind("5 days ago"), LineKind::Header { author: None });
        assert_eq!(kind("12/11/2024 10:31"), LineKind::Header { author: None });
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
