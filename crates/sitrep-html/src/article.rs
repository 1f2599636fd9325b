//! The article body: which blocks of the page are the story.
//!
//! The main path is the `trafilatura` crate (a port of go-trafilatura),
//! which scores the page's blocks by text and link density with the
//! readability and jusText fallbacks switched on, and favours precision:
//! a stray "Read more" or share bar in the article becomes a false event
//! later, a missed paragraph costs less. Its cleaned HTML is then cut into
//! [`Block`]s here, so paragraph breaks survive.
//!
//! trafilatura sometimes prunes too eagerly (a `<span class="link">` inside
//! a sentence, a `<p class="speakable">`), so [`complete`] matches its
//! blocks back to the page and puts back words and paragraphs it cut from
//! the middle of the story.
//!
//! trafilatura walks the tree recursively, so a pathologically deep page
//! (beyond [`MAX_DEPTH`] levels) or a very large one would exhaust the stack
//! or the clock. Those pages, and any page trafilatura gives up on, go to
//! [`fallback`], an iterative extractor of its own: container choice,
//! boilerplate markup and link density.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::dom::{self, attr, collect_blocks, element, tag, text_of, walk, Step};
use crate::{Block, BlockKind};

/// Deeper pages skip trafilatura (real news pages stay under ~100 levels;
/// trafilatura itself stops looking at level 500).
pub(crate) const MAX_DEPTH: usize = 400;
/// Pages with more elements skip trafilatura: news pages have a few
/// thousand, and trafilatura needs about 5 s for 50,000.
pub(crate) const MAX_ELEMENTS: usize = 50_000;

/// How far from the last matched page block [`complete`] looks for the
/// block an extracted one was cut from.
const SEARCH_BEHIND: usize = 50;
const SEARCH_AHEAD: usize = 400;

/// The article's blocks. `doc` is the page already parsed by the caller.
pub(crate) fn blocks(html: &str, doc: &Html, page_url: Option<&str>) -> Vec<Block> {
    let root = doc.tree.root();
    if dom::max_depth(root) <= MAX_DEPTH && dom::element_count(root) <= MAX_ELEMENTS {
        if let Some(b) = with_trafilatura(html, page_url).filter(|b| !b.is_empty()) {
            return complete(doc, b);
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
    Some(collect_blocks(fragment.tree.root(), &|_, _| false).into_iter().map(|c| c.block).collect())
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
            | "meta"
            | "dateline"
            | "timestamp"
            | "date"
            | "author"
            | "hidden"
            | "sr"
            | "skip"
            | "login"
            | "paywall"
    )
}

/// Whether the fallback leaves an element (and everything in it) out.
/// A `<form>` that wraps the whole page (ASP.NET does this) is not
/// furniture, so a form directly under `<body>` stays.
fn is_boilerplate_node(n: NodeRef<'_, Node>, e: &Element) -> bool {
    if tag(e) == "form" && n.parent().and_then(|p| element(&p).map(|pe| tag(pe) == "body")).unwrap_or(false) {
        return false;
    }
    is_boilerplate(e)
}

/// Whether an element's tag or markup marks it as page furniture.
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
    collect_blocks(root, &is_boilerplate_node)
        .into_iter()
        .filter(|c| {
            let chars = c.block.text.chars().count().max(1);
            let link_dense = c.link_chars * 2 > chars;
            let stub = c.block.kind == BlockKind::Other && c.block.text.split_whitespace().count() < 4;
            !link_dense && !stub
        })
        .map(|c| c.block)
        .collect()
}

/// Whether an element is hidden from readers by its markup.
fn is_hidden(e: &Element) -> bool {
    attr(e, "hidden").is_some()
        || attr(e, "aria-hidden").is_some_and(|v| v == "true")
        || attr(e, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Lower-case word tokens, for matching extracted text back to the page.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `needle` appears in `hay` in order (gaps allowed).
fn is_subsequence(needle: &[String], hay: &[String]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|w| it.any(|h| h == w))
}

/// A page block that may fill a gap in the extracted story: a real
/// paragraph of some length, mostly not links.
fn fillable(c: &dom::Collected, words: usize) -> bool {
    let chars = c.block.text.chars().count().max(1);
    c.block.kind == BlockKind::Paragraph && words >= 8 && c.link_chars * 4 < chars
}

/// Puts back what trafilatura cut too eagerly, using the page itself:
///
/// - each extracted block is matched to the page's own block; where the
///   page's block holds the same words plus a few more (a link or span that
///   was pruned from inside the sentence), the page's text is taken;
/// - paragraphs of the page that sit between two extracted blocks, or just
///   before the first one, in the same container, and look like story
///   (a `<p>` of eight words or more, little link text), are put back.
fn complete(doc: &Html, picked: Vec<Block>) -> Vec<Block> {
    let root = doc.tree.root();
    // The page's blocks, less what is hidden or marked up as furniture
    // (forms, captions, bylines, share bars: never worth putting back).
    let source = collect_blocks(root, &|n, e| is_hidden(e) || is_boilerplate_node(n, e) || tag(e) == "figure");
    let source_words: Vec<Vec<String>> = source.iter().map(|c| words(&c.block.text)).collect();
    let mut exact: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, w) in source_words.iter().enumerate() {
        exact.entry(w.as_slice()).or_default().push(i);
    }
    let picked_words: Vec<Vec<String>> = picked.iter().map(|b| words(&b.text)).collect();
    // What the extraction already says, so nothing is put back twice.
    let mut said: HashSet<u64> = picked_words.iter().flat_map(|w| shingles(w)).collect();
    let mut used = vec![false; source.len()];
    let mut mapped: Vec<Option<usize>> = Vec::with_capacity(picked.len());
    let mut last = 0usize;
    let mut out: Vec<Block> = Vec::with_capacity(picked.len());
    for (b, w) in picked.into_iter().zip(&picked_words) {
        let choose = |candidates: &mut dyn Iterator<Item = usize>, used: &[bool]| -> Option<usize> {
            let free: Vec<usize> = candidates.filter(|&i| !used[i]).collect();
            free.iter().copied().find(|&i| i >= last).or_else(|| free.first().copied())
        };
        let mut hit = exact.get(w.as_slice()).and_then(|c| choose(&mut c.iter().copied(), &used));
        let mut text = b.text;
        if hit.is_none() && w.len() >= 8 {
            let max = w.len() + w.len() / 2 + 10;
            let own: HashSet<u64> = shingles(w).collect();
            // Blocks come in page order: look a little behind and ahead of
            // the last match, never across the whole page (that would be
            // quadratic on huge pages).
            let window = last.saturating_sub(SEARCH_BEHIND)..source.len().min(last + SEARCH_AHEAD);
            let mut fits = window.filter(|&i| {
                let s = &source_words[i];
                s.len() > w.len() && s.len() <= max && is_subsequence(w, s) && mostly_new(s, &said, &own)
            });
            hit = choose(&mut fits, &used);
            if let Some(i) = hit {
                text = source[i].block.text.clone();
                said.extend(shingles(&source_words[i]));
            }
        }
        if let Some(i) = hit {
            used[i] = true;
            last = i;
        }
        mapped.push(hit);
        out.push(Block { kind: b.kind, text });
    }
    let parent = |i: usize| source[i].element.and_then(|id| doc.tree.get(id)).and_then(|n| n.parent()).map(|p| p.id());
    let fits_at = |i: usize, used: &[bool], said: &HashSet<u64>, near: usize| {
        !used[i]
            && fillable(&source[i], source_words[i].len())
            && parent(i).is_some()
            && parent(i) == parent(near)
            && mostly_new(&source_words[i], said, &HashSet::new())
    };
    // Walk the extracted blocks, putting back page paragraphs in the gaps.
    let mut result = Vec::with_capacity(out.len());
    let mut prev: Option<usize> = None;
    for (block, hit) in out.into_iter().zip(mapped) {
        if let Some(i) = hit {
            let from = match prev {
                Some(p) if p < i => p + 1,
                // First block, or one the extraction took from further up the
                // page: the run of story paragraphs just above it.
                _ => {
                    let mut j = i;
                    while j > 0 && fits_at(j - 1, &used, &said, i) {
                        j -= 1;
                    }
                    j
                }
            };
            for j in from..i {
                let near = match prev {
                    Some(p) if parent(p) == parent(j) => p,
                    _ => i,
                };
                if fits_at(j, &used, &said, near) {
                    used[j] = true;
                    said.extend(shingles(&source_words[j]));
                    result.push(source[j].block.clone());
                }
            }
            prev = Some(i);
        }
        result.push(block);
    }
    result
}

/// Hashes of the word trigrams of a block.
fn shingles(w: &[String]) -> impl Iterator<Item = u64> + '_ {
    w.windows(3).map(|t| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    })
}

/// Whether most of a page block's word trigrams (other than those in `own`,
/// the block it would replace) are not yet in the extraction.
fn mostly_new(w: &[String], said: &HashSet<u64>, own: &HashSet<u64>) -> bool {
    let (mut new, mut total) = (0usize, 0usize);
    for sh in shingles(w).filter(|sh| !own.contains(sh)) {
        total += 1;
        if !said.contains(&sh) {
            new += 1;
        }
    }
    total == 0 || new * 2 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block { kind, text: text.to_string() }
    }

    const A: &str = "The council voted on Monday to extend the curfew in the northern districts by two weeks.";
    const B: &str = "Police said three people were arrested overnight after clashes near the central market square.";
    const C: &str = "The mayor urged residents to stay at home after dark and to avoid the main roads out of the city.";

    #[test]
    fn pruned_words_and_paragraphs_come_back() {
        let page = format!(
            "<html><body><div class='story'><p class='lede'>{A}</p>\
             <p>Police said <span class='link'><a href='/x'>three people were arrested</a></span> overnight after clashes near the central market square.</p>\
             <p class='byline'>By Staff Reporter in the northern districts, with wires</p>\
             <figure><p>Residents queue for bread in the northern districts on Monday morning</p></figure>\
             <p>{C}</p></div></body></html>"
        );
        let doc = Html::parse_document(&page);
        // What an over-eager extractor returns: no lede, a sentence missing its link.
        let picked = vec![
            block(BlockKind::Paragraph, "Police said overnight after clashes near the central market square."),
            block(BlockKind::Paragraph, C),
        ];
        let got: Vec<String> = complete(&doc, picked).into_iter().map(|b| b.text).collect();
        assert_eq!(got, vec![A.to_string(), B.to_string(), C.to_string()]);
    }

    #[test]
    fn nothing_is_put_back_twice_or_from_elsewhere() {
        let page = format!(
            "<html><body><div class='story'><p>{A}<br>{B}</p><p>{C}</p></div>\
             <div class='other'><p>An unrelated paragraph in another part of the page, long enough to count.</p></div>\
             <p>{A}</p></body></html>"
        );
        let doc = Html::parse_document(&page);
        let picked =
            vec![block(BlockKind::Paragraph, A), block(BlockKind::Paragraph, B), block(BlockKind::Paragraph, C)];
        let got: Vec<String> = complete(&doc, picked.clone()).into_iter().map(|b| b.text).collect();
        let want: Vec<String> = picked.into_iter().map(|b| b.text).collect();
        assert_eq!(got, want);
    }
}
