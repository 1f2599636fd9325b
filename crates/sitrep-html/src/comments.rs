//! Reader comments, one at a time, in page order.
//!
//! Comment sections are marked up in a handful of common ways: WordPress's
//! `ol.commentlist > li.comment` (with `.comment-body`, `.comment-author`,
//! `cite.fn`, `.comment-content`), `div.comment` items inside `#comments`,
//! schema.org `Comment` microdata. An element is a comment *item* when its
//! class is `comment` (or `comment-item`, ...), its id is `comment-123`, or
//! it is typed as a schema.org Comment. Replies nest inside their parent
//! item, so each item's text leaves out the items inside it, and its author
//! and date lines.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::dom::{self, attr, class_tokens, collect_blocks, element, tag, text_of, walk, Step};
use crate::{date, Comment};

/// At most this many comments are taken from one page.
const MAX_COMMENTS: usize = 5000;
/// How far up an item looks for the comment section around it.
const ANCESTOR_LOOKUP: usize = 64;

/// Whether an element is one comment (not the section, not a part of one).
fn is_item(e: &Element) -> bool {
    if !matches!(tag(e), "li" | "div" | "article" | "section" | "dd" | "td" | "blockquote" | "aside") {
        return false;
    }
    if attr(e, "itemtype").is_some_and(|t| t.ends_with("/Comment") || t.ends_with("/comment")) {
        return true;
    }
    if attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("comment")) {
        return true;
    }
    let class_hit = attr(e, "class").unwrap_or("").split_ascii_whitespace().any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(
            c.as_str(),
            "comment"
                | "comment-item"
                | "comment_item"
                | "commentitem"
                | "comment-entry"
                | "single-comment"
                | "comment-thread-item"
                | "c-comment"
                | "comments__item"
                | "comment-list-item"
        )
    });
    class_hit || attr(e, "id").is_some_and(is_item_id)
}

/// `comment-123`, `li-comment-123`, `comment_123`.
fn is_item_id(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    let id = id.strip_prefix("li-").unwrap_or(&id);
    let Some(rest) = id.strip_prefix("comment") else { return false };
    let rest = rest.trim_start_matches(['-', '_']);
    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
}

/// Class or id words of the parts of a comment that are not its text.
fn is_meta_part(e: &Element) -> bool {
    if matches!(tag(e), "img" | "form" | "footer" | "header" | "time") {
        return true;
    }
    class_tokens(e).any(|c| {
        matches!(
            c.as_str(),
            "comment-author"
                | "comment-meta"
                | "comment-metadata"
                | "commentmetadata"
                | "comment-date"
                | "comment-time"
                | "date"
                | "comment-header"
                | "comment-footer"
                | "comment-actions"
                | "comment-reply"
                | "comment-reply-link"
                | "comment-edit-link"
                | "comment-permalink"
                | "comment-votes"
                | "reply"
                | "says"
                | "avatar"
                | "vcard"
                | "fn"
                | "author"
                | "username"
                | "user-name"
                | "screen-reader-text"
        )
    })
}

/// How surely an element holds a comment's text and nothing else (0 is
/// surest): `.comment-content` or microdata text beat the looser
/// `.comment-text`, which often wraps the author line too.
fn text_part_rank(e: &Element) -> Option<u8> {
    if attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("text") || p.eq_ignore_ascii_case("commentText")) {
        return Some(0);
    }
    if class_tokens(e).any(|c| matches!(c.as_str(), "comment-content" | "comment__content" | "comment-message")) {
        return Some(0);
    }
    is_text_part(e).then_some(1)
}

/// Class words of the element holding a comment's text, where there is one.
fn is_text_part(e: &Element) -> bool {
    class_tokens(e).any(|c| {
        matches!(
            c.as_str(),
            "comment-content"
                | "comment-text"
                | "comment_text"
                | "commenttext"
                | "comment-message"
                | "comment-entry-content"
                | "comment__body"
                | "comment__content"
                | "comment__text"
                | "comment-body-text"
        )
    })
}

/// Author markup, best first.
fn author_rank(e: &Element) -> Option<u8> {
    let classes: Vec<String> = class_tokens(e).collect();
    let has = |c: &str| classes.iter().any(|x| x == c);
    if has("fn") {
        Some(0)
    } else if attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("author")) {
        Some(1)
    } else if has("comment-author-name") || has("comment__author") || has("author-name") || has("commenter") {
        Some(2)
    } else if has("comment-author") || has("username") || has("user-name") || has("author") {
        Some(3)
    } else {
        None
    }
}

/// Whether an element names the comment section around items.
fn is_section(e: &Element) -> bool {
    class_tokens(e).any(|c| c.contains("comment") || c.contains("disqus"))
}

pub(crate) fn extract(doc: &Html) -> Vec<Comment> {
    // Find item candidates in page order, outside forms.
    let mut items: Vec<NodeRef<'_, Node>> = Vec::new();
    walk(doc.tree.root(), |step| {
        if let Step::Open(n) = step {
            if let Some(e) = element(&n) {
                let name = tag(e);
                if name == "form" || dom::is_invisible_tag(name) {
                    return false;
                }
                if class_tokens(e).any(|c| c == "respond" || c == "comment-respond") {
                    return false;
                }
                if items.len() < MAX_COMMENTS && is_item(e) {
                    items.push(n);
                }
            }
        }
        true
    });
    if items.is_empty() {
        return Vec::new();
    }
    let in_section =
        |n: &NodeRef<'_, Node>| n.ancestors().take(ANCESTOR_LOOKUP).filter_map(|a| element(&a)).any(is_section);
    // A lone `div.comment` outside any comment section is more likely an
    // editor's note than a reader comment.
    if items.len() < 2 && !items.iter().any(in_section) {
        return Vec::new();
    }
    items.iter().filter_map(|&n| one(n)).collect()
}

/// One comment from its item element, or `None` when it has no text of its
/// own (a wrapper whose text is all in nested items).
fn one(item: NodeRef<'_, Node>) -> Option<Comment> {
    let item_id = item.id();
    let nested = move |n: NodeRef<'_, Node>, e: &Element| n.id() != item_id && is_item(e);
    // Where the text sits, and who wrote it when.
    let mut text_root: Option<(u8, NodeRef<'_, Node>)> = None;
    let mut author: Option<(u8, NodeRef<'_, Node>)> = None;
    let mut when: Option<String> = None;
    walk(item, |step| {
        let Step::Open(n) = step else { return true };
        let Some(e) = element(&n) else { return true };
        if nested(n, e) || tag(e) == "form" || dom::is_invisible_tag(tag(e)) {
            return false;
        }
        if n.id() != item_id {
            if let Some(rank) = text_part_rank(e) {
                if text_root.is_none_or(|(best, _)| rank < best) {
                    text_root = Some((rank, n));
                }
            }
        }
        if let Some(rank) = author_rank(e) {
            if author.is_none_or(|(best, _)| rank < best) {
                author = Some((rank, n));
            }
        }
        if when.is_none() {
            let stamped = attr(e, "datetime").or_else(|| {
                attr(e, "itemprop")
                    .filter(|p| {
                        matches!(p.to_ascii_lowercase().as_str(), "commenttime" | "datecreated" | "datepublished")
                    })
                    .and_then(|_| attr(e, "content"))
            });
            when = stamped.and_then(date::normalise);
            if when.is_none() && tag(e) == "time" {
                when = date::normalise(&text_of(n));
            }
        }
        if when.is_none() && class_tokens(e).any(|c| matches!(c.as_str(), "comment-date" | "comment-time")) {
            when = date::normalise(&text_of(n));
        }
        true
    });
    let root = text_root.map_or(item, |(_, n)| n);
    let skip = move |n: NodeRef<'_, Node>, e: &Element| nested(n, e) || is_meta_part(e);
    let text = collect_blocks(root, &skip).into_iter().map(|c| c.block.text).collect::<Vec<_>>().join("\n");
    if text.is_empty() {
        return None;
    }
    let author = author.and_then(|(_, n)| author_name(n));
    Some(Comment { author, date: when, text })
}

/// A commenter's name from their author element ("Jane says:" → "Jane").
fn author_name(n: NodeRef<'_, Node>) -> Option<String> {
    let named = n
        .descendants()
        .take(64)
        .filter_map(|d| element(&d).map(|e| (d, e)))
        .find(|(_, e)| {
            attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("name")) || class_tokens(e).any(|c| c == "fn")
        })
        .map(|(d, _)| d)
        .filter(|d| d.id() != n.id());
    let mut t = text_of(named.unwrap_or(n));
    for suffix in [" says:", " says", " said:", " wrote:", ":"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim().to_string();
        }
    }
    (!t.is_empty() && t.len() <= 100).then_some(t)
}
