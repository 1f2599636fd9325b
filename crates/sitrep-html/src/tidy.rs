//! Lines that news sites put inside the story but that are not the story.
//!
//! Extraction keeps whole blocks of the article container, and some of
//! those blocks are the site talking: the headline repeated as the first
//! heading (sitrep keeps it as the title segment), labels such as
//! "Related:" or "Continue reading below", newsletter and follow-us
//! prompts. Each rule is narrow (short blocks, fixed phrases), so a real
//! paragraph that mentions a newsletter stays.

use crate::{Block, BlockKind};

/// Whole blocks that are only a label (compared lower-case, without
/// trailing punctuation).
const LABELS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related content",
    "related coverage",
    "you may also like",
    "you might also like",
    "more",
    "also",
    "see also",
    "read more",
    "read next",
    "continue reading",
    "continue reading below",
    "story continues below",
    "article continues below",
    "advertisement",
    "explore further",
    "don't miss",
    "dont miss",
    "most read",
    "most popular",
    "recommended",
    "share this article",
    "share this",
    "share",
    "citation",
    "click to tweet",
];

/// Leads that introduce a link to another story ("Related: ...").
const LINK_LEADS: &[&str] = &[
    "related:",
    "see more:",
    "read more:",
    "read also:",
    "also read:",
    "more:",
    "watch:",
    "recommended:",
    "see also:",
];

/// The longest block (in words) a link lead or promo rule may drop.
const SHORT: usize = 25;

/// Drops the site's own lines from the article blocks.
pub(crate) fn tidy(blocks: &mut Vec<Block>, headlines: &[String]) {
    let headline_keys: Vec<String> = headlines.iter().map(|h| key(h)).filter(|k| k.len() >= 8).collect();
    blocks.retain(|b| !is_site_line(b, &headline_keys));
}

fn is_site_line(b: &Block, headline_keys: &[String]) -> bool {
    let k = key(&b.text);
    if k.is_empty() {
        return false;
    }
    if headline_keys.contains(&k) {
        return true;
    }
    let lower = b.text.trim().to_lowercase();
    let label = lower.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace());
    if LABELS.contains(&label) {
        return true;
    }
    let words = b.text.split_whitespace().count();
    if words <= SHORT && b.kind != BlockKind::Quote {
        if LINK_LEADS.iter().any(|l| lower.starts_with(l)) {
            return true;
        }
        let newsletter = lower.contains("newsletter")
            && ["subscribe", "sign up", "signing up", "inbox"].iter().any(|w| lower.contains(w));
        let follow = lower.starts_with("follow ")
            && ["twitter", "facebook", "instagram", "youtube"].iter().any(|w| lower.contains(w));
        if newsletter || follow {
            return true;
        }
    }
    false
}

/// Words only, lower-case, for comparing a block with a headline.
fn key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(kind: BlockKind, text: &str) -> Block {
        Block { kind, text: text.to_string() }
    }

    #[test]
    fn site_lines_go_story_stays() {
        let mut blocks = vec![
            b(BlockKind::Heading, "Talks resume in Geneva"),
            b(BlockKind::Paragraph, "Negotiators met on Tuesday, the first round since March."),
            b(BlockKind::Paragraph, "Related: Border clashes leave dozens dead"),
            b(BlockKind::Paragraph, "Continue Reading Below"),
            b(BlockKind::Paragraph, "Get the day's top headlines in your inbox: subscribe to our newsletter."),
            b(BlockKind::Paragraph, "Follow us on Twitter and Facebook."),
            b(BlockKind::Paragraph, "The ministry said the newsletter it sends to subscribers was hacked, exposing the inbox of every reader who had signed up since 2019, and urged them to change passwords."),
            b(BlockKind::Heading, "More"),
            b(BlockKind::Paragraph, "More talks are planned."),
        ];
        tidy(
            &mut blocks,
            &["Talks resume in Geneva | The Daily Bugle".to_string(), "Talks resume in Geneva".to_string()],
        );
        let kept: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            vec![
                "Negotiators met on Tuesday, the first round since March.",
                "The ministry said the newsletter it sends to subscribers was hacked, exposing the inbox of every reader who had signed up since 2019, and urged them to change passwords.",
                "More talks are planned.",
            ]
        );
    }
}
