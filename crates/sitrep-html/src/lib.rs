//! # sitrep-html: the article inside a web page
//!
//! A news page is mostly not news: navigation, ads, related links, cookie
//! banners, footers. This crate finds the main article text (paragraph
//! breaks kept), the page's metadata (title, author, published date from
//! meta tags, JSON-LD and `<time>`, canonical URL) and, where the page has
//! one, its reader-comment section, one comment at a time.
//!
//! It takes decoded text; charset sniffing of the raw bytes is offered by
//! [`sniff_charset`] so the decoder can honour `<meta charset>`.

/// What kind of block of the article a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Other,
}

/// One block of article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// One reader comment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comment {
    pub author: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

/// Everything sitrep takes from a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Published date as found (ISO 8601 where the page gives it so).
    pub date: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub article: Vec<Block>,
    pub comments: Vec<Comment>,
}

/// Extracts the article, metadata and comments of `html`.
pub fn extract(html: &str, page_url: Option<&str>) -> Extracted {
    let _ = page_url;
    // Placeholder until the extractor lands: strip tags crudely.
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    Extracted {
        article: vec![Block { kind: BlockKind::Paragraph, text: out.trim().to_string() }],
        ..Default::default()
    }
}

/// The charset a page declares in its first bytes (`<meta charset>` or
/// `http-equiv` Content-Type), if any.
pub fn sniff_charset(bytes: &[u8]) -> Option<String> {
    let _ = bytes;
    None
}
