//! The article body: which blocks of the page are the story.
//!
//! The main path is the `trafilatura` crate (a port of go-trafilatura),
//! which scores the page's blocks by text and link density with the
//! readability and jusText fallbacks switched on, and favours precision:
//! a stray "Read more" or share bar in the article becomes a false event
//! later, a missed paragraph costs less. Its cleaned HTML is then cut into
//! [`Block`]s here, so paragraph breaks survive.
//!
//! trafilatura walks the tree recursively, so a pathologically deep page
//! (beyond [`MAX_DEPTH`] levels) or a very large one would exhaust the stack
//! or the clock. Those pages, and any page trafilatura gives up on, go to
//! [`fallback`], an iterative extractor of its own: container choice,
//! boilerplate markup and link density.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::dom::{self, attr, collect_blocks, element, tag, text_of, walk, Step};
use crate::{Block, BlockKind};

/// Deeper pages skip trafilatura (real news pages stay under ~100 levels;
/// trafilatura itself stops looking at level 500).
pub(crate) const MAX_DEPTH: usize = 400;
/// Pages with more elements skip trafilatura (a large news page has about
/// 10,000; its time grows faster than linearly on huge ones).
pub(crate) const MAX_ELEMENTS: usize = 200_000;

/// The article's blocks. `doc` is the page already parsed by the caller.
pub(crate) fn blocks(html: &str, doc: &Html, page_url: Option<&str>) -> Vec<Block> {
    let root = doc.tree.root();
    if dom::max_depth(root) <= MAX_DEPTH && dom::element_count(root) <= MAX_ELEMENTS {
        if let Some(b) = with_trafilatura(html, page_url).filter(|b| !b.is_empty()) {
            return b;
        }
    }
    fallback(doc)
}

fn with_trafilatura(html: &str, page_url: Option<&str>) -> Option<Vec<Block>> {
    let mut opts = trafilatura::Options::default();
    opts.enable_fallback = true;
    opts.focus = trafilatura::ExtractionFocus::FavorPrecision;
    opts.original_url = page_url.and_then(|u| url::Url::parse(u).ok());
    // A third-party extractor must not take the pipeline down with it: a
    // panic inside it counts as "no result" and the fallback takes over.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| trafilatura::extract(html, &opts)));
    let content = result.ok()?.ok()?.content_html;
    let fragment = Html::parse_fragment(&content);
    Some(collect_blocks(fragment.tree.root(), &|_, _| false).into_iter().map(|(b, _)| b).collect())
}

/// Class and id words that mark page furniture rather than story.
fn is_boilerplate_word(w: &str) -> bool {
    matches!(
        w,
        "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "footer"
            | "sidebar"
            | "share"
            | "sharing"
            | "social"
            | "related"
            | "recommended"
            | "cookie"
            | "cookies"
            | "consent"
            | "gdpr"
            | "ad"
            | "ads"
            | "advert"
            | "advertisement"
            | "adsense"
            | "sponsor"
            | "sponsored"
            | "promo"
            | "newsletter"
            | "subscribe"
            | "subscription"
            | "signup"
            | "breadcrumb"
            | "breadcrumbs"
            | "comment"
            | "comments"
            | "commentlist"
            | "disqus"
            | "widget"
            | "banner"
            | "popup"
            | "modal"
            | "masthead"
            | "toolbar"
            | "pagination"
            | "pager"
            | "tags"
            | "caption"
            | "credit"
            | "outbrain"
            | "taboola"
            | "trending"
            | "popular"
            | "byline"
            | "hidden"
            | "sr"
            | "skip"
            | "login"
            | "paywall"
    )
}

/// Whether the fallback leaves an element (and everything in it) out.
fn is_boilerplate(e: &Element) -> bool {
    let name = tag(e);
    if matches!(name, "nav" | "footer" | "aside" | "form" | "header" | "figcaption" | "menu" | "dialog") {
        return true;
    }
    if attr(e, "hidden").is_some() || attr(e, "aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    if attr(e, "style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    if attr(e, "role")
        .is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"))
    {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let words = attr(e, "class").into_iter().chain(attr(e, "id"));
    for value in words {
        for token in value.split_ascii_whitespace() {
            let token = token.to_ascii_lowercase();
            if token.split(['-', '_']).any(is_boilerplate_word) {
                return true;
            }
        }
    }
    false
}

/// The element most likely to hold the story: an `articleBody`, else the
/// `<article>` with the most text, else `<main>`, else the body.
fn container(doc: &Html) -> NodeRef<'_, Node> {
    let root = doc.tree.root();
    let mut body_el = None;
    let mut main_el = None;
    let mut article_body = None;
    let mut articles: Vec<NodeRef<'_, Node>> = Vec::new();
    walk(root, |step| {
        if let Step::Open(n) = step {
            if let Some(e) = element(&n) {
                if dom::is_invisible_tag(tag(e)) {
                    return false;
                }
                match tag(e) {
                    "body" if body_el.is_none() => body_el = Some(n),
                    "main" if main_el.is_none() => main_el = Some(n),
                    "article" if articles.len() < 64 => articles.push(n),
                    _ => {}
                }
                if article_body.is_none() && attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                {
                    article_body = Some(n);
                }
                if main_el.is_none() && attr(e, "role").is_some_and(|r| r == "main") {
                    main_el = Some(n);
                }
            }
        }
        true
    });
    if let Some(n) = article_body {
        return n;
    }
    let best_article = articles
        .into_iter()
        .map(|a| (text_of(a).len(), a))
        .max_by_key(|(len, _)| *len)
        .filter(|(len, _)| *len >= 200)
        .map(|(_, a)| a);
    best_article.or(main_el).or(body_el).unwrap_or(root)
}

/// The iterative extractor for pages trafilatura cannot or will not take.
pub(crate) fn fallback(doc: &Html) -> Vec<Block> {
    let root = container(doc);
    collect_blocks(root, &|_, e| is_boilerplate(e))
        .into_iter()
        .filter(|(b, links)| {
            let chars = b.text.chars().count().max(1);
            let link_dense = *links * 2 > chars;
            let stub = b.kind == BlockKind::Other && b.text.split_whitespace().count() < 4;
            !link_dense && !stub
        })
        .map(|(b, _)| b)
        .collect()
}
