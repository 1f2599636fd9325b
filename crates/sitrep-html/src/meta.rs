//! A page's metadata: title, author, published date, canonical URL,
//! language and site name.
//!
//! Pages say these things in several places at once, with different
//! reliability: Open Graph and article meta tags, JSON-LD (`NewsArticle`,
//! `@graph`), `<title>`, `<h1>`, `<time datetime>`, microdata and bylines.
//! One pass over the tree gathers the evidence; each field then takes the
//! first source that gives a usable value, best first.

use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde_json::Value;

use crate::date;
use crate::dom::{attr, class_tokens, element, tag, text_of};

/// The metadata found on a page.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub site_name: Option<String>,
    /// Every form of the headline the page gives (title, `og:title`,
    /// `<title>`, `<h1>`, JSON-LD headline), so the story can drop its copy.
    pub headlines: Vec<String>,
}

/// What one pass over the page collects.
#[derive(Default)]
struct Evidence {
    /// (lower-case name/property/itemprop, content) in document order.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    ld: Vec<Value>,
    title: Option<String>,
    h1: Option<String>,
    lang: Option<String>,
    /// `<time datetime>` values: marked as publication, inside an
    /// `<article>`, elsewhere.
    pub_times: Vec<String>,
    times: Vec<String>,
    other_times: Vec<String>,
    itemprop_authors: Vec<String>,
    rel_authors: Vec<String>,
    bylines: Vec<String>,
}

/// The longest value taken from a page for a short field.
const MAX_FIELD: usize = 300;

pub(crate) fn extract(doc: &Html, page_url: Option<&str>) -> Meta {
    let ev = gather(doc.tree.root());
    let ld = ld_article(&ev.ld);
    let site_name = first(&[
        meta(&ev, &["og:site_name", "application-name"]),
        ld.site_name.clone(),
        meta(&ev, &["twitter:site"]).map(|h| h.trim_start_matches('@').to_string()),
    ]);
    let title_raw =
        first(&[meta(&ev, &["og:title", "twitter:title"]), ld.headline.clone(), ev.title.clone(), ev.h1.clone()]);
    let title = title_raw.map(|t| clean_title(&t, site_name.as_deref(), ev.h1.as_deref()));
    let author = author(&ev, &ld);
    let date = published(&ev, &ld);
    let base = page_url.and_then(|u| url::Url::parse(u).ok());
    let og_url = meta(&ev, &["og:url"]).and_then(|u| absolute(&u, base.as_ref()));
    let canonical_url = ev
        .canonical
        .as_deref()
        .and_then(|c| absolute(c, base.as_ref().or(og_url.as_ref())))
        .map(|u| u.to_string())
        .or_else(|| og_url.map(|u| u.to_string()))
        .or_else(|| ld.url.as_deref().and_then(|u| absolute(u, base.as_ref())).map(|u| u.to_string()));
    let language = first(&[
        ev.lang.clone(),
        meta(&ev, &["content-language", "og:locale", "dc.language", "language"]),
        ld.language.clone(),
    ])
    .and_then(|l| clean_language(&l));
    let headlines = [
        title.clone(),
        meta(&ev, &["og:title"]),
        meta(&ev, &["twitter:title"]),
        ld.headline.clone(),
        ev.title.clone(),
        ev.h1.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|h| !h.is_empty())
    .collect();
    Meta { title: title.filter(|t| !t.is_empty()), author, date, canonical_url, language, site_name, headlines }
}

fn first(options: &[Option<String>]) -> Option<String> {
    options.iter().flatten().find(|s| !s.is_empty()).cloned()
}

/// The first meta tag with one of the given keys (in the order of `keys`).
fn meta(ev: &Evidence, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| ev.metas.iter().find(|(key, v)| key == k && !v.trim().is_empty()).map(|(_, v)| squash(v)))
}

/// Whitespace-collapsed, trimmed and bounded.
fn squash(s: &str) -> String {
    let mut out = String::new();
    crate::dom::push_collapsed(&mut out, s);
    let out = out.trim();
    match out.char_indices().nth(MAX_FIELD) {
        Some((i, _)) => out[..i].to_string(),
        None => out.to_string(),
    }
}

fn absolute(u: &str, base: Option<&url::Url>) -> Option<url::Url> {
    let u = u.trim();
    let parsed = match url::Url::parse(u) {
        Ok(p) => p,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(u).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then_some(parsed)
}

fn gather(root: NodeRef<'_, Node>) -> Evidence {
    let mut ev = Evidence::default();
    let mut in_article = 0usize;
    for edge in root.traverse() {
        let n = match edge {
            ego_tree::iter::Edge::Open(n) => n,
            ego_tree::iter::Edge::Close(n) => {
                if element(&n).is_some_and(|e| tag(e) == "article") {
                    in_article = in_article.saturating_sub(1);
                }
                continue;
            }
        };
        let Some(e) = element(&n) else { continue };
        match tag(e) {
            "html" if ev.lang.is_none() => ev.lang = attr(e, "lang").map(str::to_string),
            "meta" => {
                let content = attr(e, "content").unwrap_or("");
                for key in ["name", "property", "itemprop", "http-equiv"] {
                    if let Some(k) = attr(e, key) {
                        // `property` can hold several space-separated names.
                        for k in k.split_ascii_whitespace() {
                            ev.metas.push((k.to_ascii_lowercase(), content.to_string()));
                        }
                    }
                }
            }
            "link" => {
                let rel = attr(e, "rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "canonical") && ev.canonical.is_none() {
                    ev.canonical = attr(e, "href").map(str::to_string);
                }
            }
            "script" => {
                let ty = attr(e, "type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") && ev.ld.len() < 32 {
                    let body: String = n
                        .children()
                        .filter_map(|c| match c.value() {
                            Node::Text(t) => Some(&**t),
                            _ => None,
                        })
                        .collect();
                    if let Ok(v) = serde_json::from_str::<Value>(body.trim()) {
                        ev.ld.push(v);
                    }
                }
            }
            "title" if ev.title.is_none() => {
                let t = text_of(n);
                if !t.is_empty() {
                    ev.title = Some(squash(&t));
                }
            }
            "h1" if ev.h1.is_none() => {
                let t = text_of(n);
                if !t.is_empty() {
                    ev.h1 = Some(squash(&t));
                }
            }
            "article" => in_article += 1,
            "time" => {
                if let Some(dt) = attr(e, "datetime") {
                    let marked = attr(e, "pubdate").is_some()
                        || attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                        || class_tokens(e).any(|c| c.contains("publish"));
                    if marked {
                        ev.pub_times.push(dt.to_string());
                    } else if in_article > 0 {
                        ev.times.push(dt.to_string());
                    } else {
                        ev.other_times.push(dt.to_string());
                    }
                }
            }
            _ => {}
        }
        if let Some(p) = attr(e, "itemprop") {
            let p = p.to_ascii_lowercase();
            if ev.itemprop_authors.len() < 8
                && p.split_ascii_whitespace().any(|p| p == "author" || p == "creator")
                && tag(e) != "meta"
            {
                let name = n
                    .descendants()
                    .filter_map(|d| element(&d).map(|de| (d, de)))
                    .find(|(_, de)| attr(de, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("name")))
                    .map(|(d, de)| attr(de, "content").map(str::to_string).unwrap_or_else(|| text_of(d)))
                    .unwrap_or_else(|| text_of(n));
                ev.itemprop_authors.push(name);
            }
            if p == "datepublished" && tag(e) != "meta" && tag(e) != "time" {
                if let Some(v) = attr(e, "content").or_else(|| attr(e, "datetime")) {
                    ev.pub_times.push(v.to_string());
                }
            }
        }
        if tag(e) == "a"
            && ev.rel_authors.len() < 8
            && attr(e, "rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("author")))
        {
            ev.rel_authors.push(text_of(n));
        }
        if ev.bylines.len() < 4
            && !matches!(tag(e), "body" | "html" | "meta")
            && class_tokens(e).any(|c| is_byline_class(&c))
        {
            let t = text_of(n);
            if !t.is_empty() && t.len() < 200 {
                ev.bylines.push(t);
            }
        }
    }
    ev
}

/// Class or id words that mark a byline (and not a comment's author).
fn is_byline_class(c: &str) -> bool {
    if c.contains("comment") {
        return false;
    }
    matches!(
        c,
        "byline"
            | "author"
            | "author-name"
            | "byline__name"
            | "byline-name"
            | "article-author"
            | "post-author"
            | "entry-author"
    ) || c.ends_with("byline")
        || c.starts_with("byline")
}

/// The JSON-LD fields sitrep uses, from the most article-like object.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    authors: Vec<String>,
    date_published: Option<String>,
    date_created: Option<String>,
    url: Option<String>,
    language: Option<String>,
    site_name: Option<String>,
}

fn ld_article(values: &[Value]) -> LdArticle {
    // Flatten top-level arrays and @graph into one list of objects.
    let mut objects: Vec<&serde_json::Map<String, Value>> = Vec::new();
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                objects.push(o);
            }
            _ => {}
        }
        if objects.len() > 256 {
            break;
        }
    }
    let score = |o: &serde_json::Map<String, Value>| -> u8 {
        let types = type_names(o.get("@type"));
        if types.iter().any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report") {
            3
        } else if o.contains_key("headline") || o.contains_key("datePublished") {
            2
        } else if types.iter().any(|t| t == "WebPage" || t == "ItemPage") {
            1
        } else {
            0
        }
    };
    let best = objects.iter().copied().filter(|o| score(o) > 0).max_by_key(|o| score(o));
    let mut out = LdArticle::default();
    let Some(o) = best else { return out };
    out.headline = o.get("headline").or_else(|| o.get("name")).and_then(as_text);
    out.authors = person_names(o.get("author").or_else(|| o.get("creator")));
    out.date_published = o.get("datePublished").and_then(as_text);
    out.date_created = o.get("dateCreated").and_then(as_text);
    out.url = o
        .get("url")
        .and_then(as_text)
        .or_else(|| o.get("mainEntityOfPage").and_then(|m| as_text(m).or_else(|| m.get("@id").and_then(as_text))));
    out.language = o.get("inLanguage").and_then(as_text);
    out.site_name = o.get("publisher").and_then(|p| p.get("name")).and_then(as_text);
    out
}

fn type_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(squash(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.first().and_then(as_text),
        _ => None,
    }
}

fn person_names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let items: Vec<&Value> = match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for item in items.into_iter().take(16) {
        let name = match item {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("name").and_then(Value::as_str),
            _ => None,
        };
        if let Some(n) = name.and_then(clean_author) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn author(ev: &Evidence, ld: &LdArticle) -> Option<String> {
    let from_meta = |keys: &[&str]| meta(ev, keys).and_then(|a| clean_author(&a));
    from_meta(&["author"])
        .or_else(|| (!ld.authors.is_empty()).then(|| ld.authors.join(", ")))
        .or_else(|| from_meta(&["article:author", "og:article:author"]))
        .or_else(|| {
            from_meta(&[
                "byl",
                "dc.creator",
                "dcterms.creator",
                "sailthru.author",
                "parsely-author",
                "author_name",
                "twitter:creator",
            ])
        })
        .or_else(|| ev.itemprop_authors.iter().find_map(|a| clean_author(a)))
        .or_else(|| ev.rel_authors.iter().find_map(|a| clean_author(a)))
        .or_else(|| ev.bylines.iter().find_map(|a| clean_author(a)))
}

/// Tidies a byline into a name: drops "By", URLs, handles and overlong text.
pub(crate) fn clean_author(raw: &str) -> Option<String> {
    let mut s = squash(raw);
    for prefix in ["By ", "by ", "BY ", "Von ", "Par ", "Por "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim().to_string();
        }
    }
    let s = s.trim_matches(|c: char| c == '|' || c == ',' || c == '-' || c.is_whitespace());
    let s = s.strip_prefix('@').unwrap_or(s);
    if s.is_empty()
        || s.len() > 120
        || s.contains("://")
        || s.starts_with("www.")
        || s.contains('{')
        || s.split_whitespace().count() > 12
        || !s.chars().any(char::is_alphabetic)
    {
        return None;
    }
    Some(s.to_string())
}

fn published(ev: &Evidence, ld: &LdArticle) -> Option<String> {
    let tagged =
        meta(ev, &["article:published_time", "og:article:published_time", "og:published_time", "article:published"]);
    let named = meta(
        ev,
        &[
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "published_time",
            "published-date",
            "article.published",
            "article_date_original",
            "original-publish-date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dcterms.issued",
            "dcterms.created",
            "dc.date",
            "dcterms.date",
            "date",
            "cxenseparse:recs:publishtime",
        ],
    );
    let candidates = [tagged, ld.date_published.clone(), named]
        .into_iter()
        .flatten()
        .chain(ev.pub_times.iter().cloned())
        .chain(ld.date_created.clone())
        .chain(ev.times.iter().cloned())
        .chain(ev.other_times.iter().cloned());
    let mut raw_fallback = None;
    for c in candidates {
        if let Some(d) = date::normalise(&c) {
            return Some(d);
        }
        if raw_fallback.is_none() && looks_dated(&c) {
            raw_fallback = Some(squash(&c));
        }
    }
    raw_fallback
}

/// A value with a plausible year in it, kept as found when it cannot be
/// normalised.
fn looks_dated(s: &str) -> bool {
    s.len() <= 64
        && s.split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y)))
}

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

/// Strips the site name and section labels that `<title>` and `og:title`
/// often carry ("Minister resigns | World | Daily Bugle").
pub(crate) fn clean_title(raw: &str, site_name: Option<&str>, h1: Option<&str>) -> String {
    let title = squash(raw);
    if let Some(h1) = h1 {
        // The page's own headline, when the title only adds a label to it
        // ("Headline | Site", "Site: Headline").
        if h1.len() >= 10 && title != h1 {
            let rest = title
                .strip_prefix(h1)
                .map(|r| r.trim_start().chars().next())
                .or_else(|| title.strip_suffix(h1).map(|r| r.trim_end().chars().last()));
            if rest.flatten().is_some_and(|c| "|-–—:·»/".contains(c)) {
                return h1.to_string();
            }
        }
    }
    let site = site_name.map(normal_key);
    let mut t = title.as_str();
    loop {
        let mut changed = false;
        for sep in TITLE_SEPARATORS {
            if let Some(p) = t.rfind(sep) {
                let (head, tail) = (&t[..p], &t[p + sep.len()..]);
                if is_site_label(tail, head, site.as_deref()) {
                    t = head.trim();
                    changed = true;
                    break;
                }
            }
            if let Some(p) = t.find(sep) {
                let (head, tail) = (&t[..p], &t[p + sep.len()..]);
                if site.as_deref().is_some_and(|s| same_site(&normal_key(head), s)) && !tail.trim().is_empty() {
                    t = tail.trim();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t.to_string()
}

/// Whether a title part is a site or section label rather than headline.
fn is_site_label(part: &str, rest: &str, site: Option<&str>) -> bool {
    let key = normal_key(part);
    if key.is_empty() || rest.trim().is_empty() {
        return false;
    }
    if site.is_some_and(|s| same_site(&key, s)) {
        return true;
    }
    // A short trailing label ("BBC News", "World") after a longer headline.
    let words = part.split_whitespace().count();
    words <= 4 && part.len() <= 32 && rest.split_whitespace().count() >= words + 3
}

/// Whether a title part names the site ("Daily Bugle" for "The Daily Bugle").
fn same_site(key: &str, site: &str) -> bool {
    !key.is_empty() && (key == site || (key.len() > 3 && site.len() > 3 && (key.contains(site) || site.contains(key))))
}

fn normal_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// `en_US` → `en-US`; empty or absurd values are dropped.
fn clean_language(raw: &str) -> Option<String> {
    let l = raw.trim().replace('_', "-");
    let mut parts = l.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary;
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        out.push('-');
        if p.len() == 2 {
            out.push_str(&p.to_ascii_uppercase());
        } else {
            out.push_str(p);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_site_names() {
        assert_eq!(
            clean_title("Minister resigns after protests | Daily Bugle", Some("Daily Bugle"), None),
            "Minister resigns after protests"
        );
        assert_eq!(
            clean_title("Minister resigns after weeks of protests - World - BBC News", None, None),
            "Minister resigns after weeks of protests"
        );
        assert_eq!(clean_title("Daily Bugle | Minister resigns", Some("The Daily Bugle"), None), "Minister resigns");
        // A dash inside a headline stays.
        assert_eq!(clean_title("Trump - Ukraine call explained", None, None), "Trump - Ukraine call explained");
        assert_eq!(
            clean_title("Live: Minister resigns :: The Site", None, Some("Live: Minister resigns")),
            "Live: Minister resigns"
        );
    }

    #[test]
    fn authors_are_tidied() {
        assert_eq!(clean_author(" By  Jane Doe ").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_author("@janedoe").as_deref(), Some("janedoe"));
        assert_eq!(clean_author("https://www.facebook.com/jane"), None);
        assert_eq!(clean_author("  "), None);
    }

    #[test]
    fn languages_are_normalised() {
        assert_eq!(clean_language("en_us").as_deref(), Some("en-US"));
        assert_eq!(clean_language("de").as_deref(), Some("de"));
        assert_eq!(clean_language("zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(clean_language("{{lang}}"), None);
    }
}
