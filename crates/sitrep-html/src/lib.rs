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
//!
//! It is not a crawler, a renderer or a decoder: no JavaScript runs, no
//! network is used, and text inside the page is returned as written (repair
//! is `sitrep-repair`'s job).
//!
//! ```
//! let page = r#"<html lang="en"><head><title>Talks resume | Daily Bugle</title>
//!   <meta property="article:published_time" content="2024-03-05T09:30:00Z"></head>
//!   <body><nav><a href="/">Home</a></nav><article><h1>Talks resume</h1>
//!   <p>Negotiators from both sides met in Geneva on Tuesday, the first round since March.</p>
//!   <p>A spokesman said the talks would continue through the week.</p></article>
//!   <footer>© Daily Bugle</footer></body></html>"#;
//! let ex = sitrep_html::extract(page, Some("https://bugle.example/talks"));
//! assert_eq!(ex.title.as_deref(), Some("Talks resume"));
//! assert_eq!(ex.date.as_deref(), Some("2024-03-05T09:30:00Z"));
//! assert_eq!(ex.article.len(), 2);
//! assert!(ex.article.iter().all(|b| !b.text.contains("Home")));
//! ```
//!
//! Modules: `article` (the body: trafilatura, completed from the page, with
//! an iterative fallback), `tidy` (the site's own lines inside the story),
//! `meta` (title, author, date, URL, language), `comments`, `charset` (the
//! HTML5 prescan), `date` (ISO 8601 normalisation), `dom` (walks that never
//! recurse) and `guard` (caps nesting depth before parsing, so a page nested
//! 100,000 levels deep costs milliseconds, not minutes).
//!
//! Quality, measured with `shared/eval/scorers/score_html.py` on the 91
//! pages of `shared/eval/html`: F1 0.977 (P 0.969, R 0.985); the fallback
//! alone scores 0.879.

mod article;
mod charset;
mod comments;
pub mod date;
mod dom;
mod guard;
mod meta;
mod tidy;

pub use charset::sniff_charset;

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
    /// `<link rel=canonical>`, else `og:url`, made absolute.
    pub canonical_url: Option<String>,
    /// `<html lang>` (else content-language / `og:locale`), as `en` or `en-US`.
    pub language: Option<String>,
    /// The outlet's own name for itself (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    pub article: Vec<Block>,
    pub comments: Vec<Comment>,
}

/// Extracts the article, metadata and comments of `html`. `page_url`, when
/// known, resolves a relative canonical link. Never fails: a page without
/// an article gives an empty `article`.
pub fn extract(html: &str, page_url: Option<&str>) -> Extracted {
    let html = guard::flatten_deep(html);
    let doc = scraper::Html::parse_document(&html);
    let meta = meta::extract(&doc, page_url);
    let comments = comments::extract(&doc);
    let mut article = article::blocks(&html, &doc, page_url);
    drop_comment_text(&mut article, &comments);
    tidy::tidy(&mut article, &meta.headlines);
    Extracted {
        title: meta.title,
        author: meta.author,
        date: meta.date,
        canonical_url: meta.canonical_url,
        language: meta.language,
        site_name: meta.site_name,
        article,
        comments,
    }
}

/// Comments are not the story: any article block that repeats a comment's
/// paragraph (an extractor that took the thread for text) is dropped.
fn drop_comment_text(article: &mut Vec<Block>, comments: &[Comment]) {
    if comments.is_empty() {
        return;
    }
    let said: std::collections::HashSet<&str> =
        comments.iter().flat_map(|c| c.text.split('\n')).filter(|l| l.len() >= 20).collect();
    article.retain(|b| !said.contains(b.text.as_str()));
}
