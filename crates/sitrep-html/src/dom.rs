//! Small, iterative helpers over a parsed page.
//!
//! Pages can nest elements 100,000 levels deep, so nothing here recurses:
//! every walk uses ego-tree's edge traversal and an explicit skip marker,
//! which keeps stack use constant whatever the input.

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::Node;

use crate::{Block, BlockKind};

/// Lower-case local name of an element.
pub(crate) fn tag(e: &Element) -> &str {
    e.name.local.as_ref()
}

/// The element behind a node, if it is one.
pub(crate) fn element<'a>(n: &NodeRef<'a, Node>) -> Option<&'a Element> {
    match n.value() {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

/// An attribute's value, attribute names matched case-insensitively (the
/// parser already lower-cases HTML attribute names).
pub(crate) fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attr(name)
}

/// Splits a class or id value into lower-case words (`comment-author vcard`
/// gives `comment-author`, `vcard`).
pub(crate) fn class_tokens(e: &Element) -> impl Iterator<Item = String> + '_ {
    let class = attr(e, "class").unwrap_or("");
    let id = attr(e, "id").unwrap_or("");
    class.split_ascii_whitespace().chain(id.split_ascii_whitespace()).map(|t| t.to_ascii_lowercase())
}

/// Whether an element is a block for text purposes: text before and after it
/// belongs to different blocks.
pub(crate) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "body"
            | "html"
            | "center"
            | "details"
            | "summary"
    )
}

/// Tags whose content is never readable text.
pub(crate) fn is_invisible_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
    )
}

/// Collapses whitespace runs (including no-break spaces) to one space.
pub(crate) fn push_collapsed(buf: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !buf.is_empty() && !buf.ends_with(' ') && !buf.ends_with('\n') {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// One step of a walk: entering or leaving a node.
pub(crate) enum Step<'a> {
    Open(NodeRef<'a, Node>),
    Close(NodeRef<'a, Node>),
}

/// Walks a subtree in document order without recursion. `f` sees every
/// node on entry and returns whether to descend into it; a node it does
/// not descend into gets no `Close`, so skipped subtrees cost nothing.
pub(crate) fn walk<'a>(root: NodeRef<'a, Node>, mut f: impl FnMut(Step<'a>) -> bool) {
    let root_id = root.id();
    let mut cur = root;
    loop {
        if f(Step::Open(cur)) {
            if let Some(child) = cur.first_child() {
                cur = child;
                continue;
            }
            f(Step::Close(cur));
        }
        loop {
            if cur.id() == root_id {
                return;
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            match cur.parent() {
                Some(p) => {
                    cur = p;
                    f(Step::Close(cur));
                }
                None => return,
            }
        }
    }
}

/// Whitespace-normalised text of a subtree (block boundaries become spaces).
pub(crate) fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut buf = String::new();
    let root = node.id();
    walk(node, |step| {
        if let Step::Open(n) = step {
            match n.value() {
                Node::Text(t) => push_collapsed(&mut buf, t),
                Node::Element(e) => {
                    let name = tag(e);
                    if is_invisible_tag(name) && n.id() != root {
                        return false;
                    }
                    if name == "br" || is_block_tag(name) {
                        push_collapsed(&mut buf, " ");
                    }
                }
                _ => {}
            }
        }
        true
    });
    buf.trim().to_string()
}

/// One block found in a subtree, with where it came from.
pub(crate) struct Collected {
    pub block: Block,
    /// Characters of the block inside links, for link-density filters.
    pub link_chars: usize,
    /// The innermost block element around the text (`None` for loose text
    /// directly under the walk's root).
    pub element: Option<NodeId>,
}

/// Turns a subtree into text blocks, one per paragraph, heading, list item
/// or quote. `skip` is asked for every element: when it says yes the whole
/// subtree is left out.
pub(crate) fn collect_blocks(
    root: NodeRef<'_, Node>,
    skip: &dyn Fn(NodeRef<'_, Node>, &Element) -> bool,
) -> Vec<Collected> {
    let mut out = Vec::new();
    let mut stack = OpenBlocks::default();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let mut in_link = 0usize;
    walk(root, |step| {
        match step {
            Step::Open(n) => match n.value() {
                Node::Text(t) => {
                    let before = buf.len();
                    push_collapsed(&mut buf, t);
                    if in_link > 0 {
                        link_chars += buf[before..].chars().count();
                    }
                }
                Node::Element(e) => {
                    let name = tag(e);
                    if is_invisible_tag(name) || skip(n, e) {
                        return false;
                    }
                    if name == "br" {
                        buf.push('\n');
                    } else if name == "a" {
                        in_link += 1;
                    } else if is_block_tag(name) {
                        flush(&mut out, &mut buf, &mut link_chars, &stack);
                        stack.push(name, n.id());
                    }
                }
                _ => {}
            },
            Step::Close(n) => {
                if let Node::Element(e) = n.value() {
                    let name = tag(e);
                    if name == "a" {
                        in_link = in_link.saturating_sub(1);
                    } else if is_block_tag(name) {
                        flush(&mut out, &mut buf, &mut link_chars, &stack);
                        stack.pop();
                    }
                }
            }
        }
        true
    });
    flush(&mut out, &mut buf, &mut link_chars, &stack);
    out
}

/// The block elements open around the text being collected. Quote and list
/// nesting are counted rather than searched for, so a block's kind costs the
/// same at any depth.
#[derive(Default)]
struct OpenBlocks<'a> {
    stack: Vec<(&'a str, NodeId)>,
    quotes: usize,
    items: usize,
}

impl<'a> OpenBlocks<'a> {
    fn push(&mut self, name: &'a str, id: NodeId) {
        match name {
            "blockquote" => self.quotes += 1,
            "li" | "dt" | "dd" => self.items += 1,
            _ => {}
        }
        self.stack.push((name, id));
    }

    fn pop(&mut self) {
        match self.stack.pop() {
            Some(("blockquote", _)) => self.quotes = self.quotes.saturating_sub(1),
            Some(("li" | "dt" | "dd", _)) => self.items = self.items.saturating_sub(1),
            _ => {}
        }
    }

    fn kind(&self) -> BlockKind {
        if self.quotes > 0 {
            return BlockKind::Quote;
        }
        if self.items > 0 {
            return BlockKind::ListItem;
        }
        match self.stack.last().map(|(name, _)| *name) {
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => BlockKind::Heading,
            Some("p") => BlockKind::Paragraph,
            _ => BlockKind::Other,
        }
    }
}

fn flush(out: &mut Vec<Collected>, buf: &mut String, link_chars: &mut usize, open: &OpenBlocks<'_>) {
    let text = tidy_lines(buf);
    if !text.is_empty() {
        out.push(Collected {
            block: Block { kind: open.kind(), text },
            link_chars: *link_chars,
            element: open.stack.last().map(|(_, id)| *id),
        });
    }
    buf.clear();
    *link_chars = 0;
}

/// Trims every line of a block and drops empty ones (line breaks come from
/// `<br>`).
pub(crate) fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim();
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}

/// The deepest element nesting of a subtree, counted without recursion.
pub(crate) fn max_depth(root: NodeRef<'_, Node>) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    walk(root, |step| {
        match step {
            Step::Open(n) if n.value().is_element() => {
                depth += 1;
                max = max.max(depth);
            }
            Step::Close(n) if n.value().is_element() => depth = depth.saturating_sub(1),
            _ => {}
        }
        true
    });
    max
}

/// Number of elements in a subtree.
pub(crate) fn element_count(root: NodeRef<'_, Node>) -> usize {
    root.descendants().filter(|n| n.value().is_element()).count()
}
