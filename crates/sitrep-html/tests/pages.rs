//! Whole-page tests on small news pages written for these tests: boilerplate
//! removal, block structure, metadata, comment sections, and hostile input
//! (100,000-level nesting, broken markup, huge pages, non-HTML).

use sitrep_html::{extract, BlockKind, Extracted};

const P1: &str = "The foreign ministers of both countries met in Geneva on Tuesday for the first round of talks since the border clashes in March, officials from both delegations said.";
const P2: &str = "According to a joint statement released after the meeting, the two sides agreed to withdraw heavy artillery from the disputed valley and to reopen two crossings for civilians.";
const P3: &str = "Opposition leaders in the capital criticised the agreement, saying it rewarded aggression and ignored the families displaced by the fighting over the summer.";
const P4: &str = "A second round of negotiations is expected next month in Vienna, where observers from the regional security organisation will report on the withdrawal.";

/// A news page with every kind of furniture around a four-paragraph story.
fn furnished_page(extra_head: &str, extra_article: &str, after_article: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Talks resume in Geneva | The Daily Bugle</title>
{extra_head}
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies or manage your settings.</div>
<header class="site-header"><a href="/">The Daily Bugle</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article>
<h1>Talks resume in Geneva</h1>
<div class="share-bar"><a href="https://facebook.example/share">Share on Facebook</a> <a href="https://twitter.example/share">Share on Twitter</a></div>
<div class="article-body">
<p>{P1}</p>
<figure><img src="/geneva.jpg" alt=""><figcaption>Delegates arrive at the Palais des Nations. Photo: Agency staff</figcaption></figure>
<p>{P2}</p>
<div class="ad-slot advertisement">Advertisement: Buy cheap flights to Geneva now</div>
<p>{P3}</p>
<p>{P4}</p>
{extra_article}
</div>
</article>
<aside class="related-articles"><h3>Related stories</h3><ul>
<li><a href="/a">Border clashes leave dozens dead in disputed valley</a></li>
<li><a href="/b">Ministers trade accusations ahead of summit</a></li>
</ul></aside>
{after_article}
</main>
<div class="newsletter-signup">Sign up for our morning newsletter and never miss a story.</div>
<footer class="site-footer"><p>Copyright 2024 The Daily Bugle. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>"#
    )
}

fn article_text(ex: &Extracted) -> String {
    ex.article.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn story_kept_furniture_dropped() {
    let ex = extract(&furnished_page("", "", ""), None);
    let text = article_text(&ex);
    for p in [P1, P2, P3, P4] {
        assert!(ex.article.iter().any(|b| b.text == p), "paragraph missing or merged: {p}\n---\n{text}");
    }
    for junk in [
        "cookies",
        "Politics",
        "Share on",
        "Advertisement",
        "Related stories",
        "Border clashes leave",
        "newsletter",
        "Copyright",
        "Privacy policy",
        "Photo: Agency staff",
    ] {
        assert!(!text.contains(junk), "boilerplate {junk:?} kept:\n{text}");
    }
    // Paragraph order is the page's.
    let pos = |p: &str| ex.article.iter().position(|b| b.text == p);
    assert!(pos(P1) < pos(P2) && pos(P2) < pos(P3) && pos(P3) < pos(P4));
}

#[test]
fn blocks_keep_their_kind() {
    let extra = format!(
        "<h2>What the agreement says</h2><ul><li>Heavy artillery withdrawn to twenty kilometres from the line of contact within a week.</li>\
         <li>Two civilian crossings reopened under the supervision of international observers.</li></ul>\
         <blockquote><p>We have taken a first step, but the road to peace is long and uncertain, the minister told reporters.</p></blockquote>\
         <p>{P1} Both delegations said they would report back to their governments.</p>"
    );
    let ex = extract(&furnished_page("", &extra, ""), None);
    let kind_of = |needle: &str| ex.article.iter().find(|b| b.text.contains(needle)).map(|b| b.kind);
    assert_eq!(kind_of("What the agreement says"), Some(BlockKind::Heading), "{:#?}", ex.article);
    assert_eq!(kind_of("Heavy artillery withdrawn"), Some(BlockKind::ListItem), "{:#?}", ex.article);
    assert_eq!(kind_of("Two civilian crossings"), Some(BlockKind::ListItem), "{:#?}", ex.article);
    assert_eq!(kind_of("We have taken a first step"), Some(BlockKind::Quote), "{:#?}", ex.article);
    assert_eq!(kind_of(P2), Some(BlockKind::Paragraph), "{:#?}", ex.article);
}

#[test]
fn metadata_from_meta_tags() {
    let head = r#"<meta property="og:title" content="Talks resume in Geneva after months of clashes - The Daily Bugle">
<meta property="og:site_name" content="The Daily Bugle">
<meta name="author" content="By Jane Roe">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="/world/2024/03/05/talks-resume">"#;
    let ex = extract(&furnished_page(head, "", ""), Some("https://bugle.example/amp/talks?utm=x"));
    assert_eq!(ex.title.as_deref(), Some("Talks resume in Geneva after months of clashes"));
    assert_eq!(ex.author.as_deref(), Some("Jane Roe"));
    assert_eq!(ex.date.as_deref(), Some("2024-03-05T09:30:00+01:00"));
    assert_eq!(ex.canonical_url.as_deref(), Some("https://bugle.example/world/2024/03/05/talks-resume"));
    assert_eq!(ex.language.as_deref(), Some("en-GB"));
    assert_eq!(ex.site_name.as_deref(), Some("The Daily Bugle"));
}

#[test]
fn metadata_from_json_ld() {
    let head = r#"<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"The Daily Bugle","url":"https://bugle.example/"},
  {"@type":"NewsArticle","headline":"Ministers agree to pull back artillery",
   "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"Ali Khan"}],
   "datePublished":"2024-03-05T08:30:00Z","dateModified":"2024-03-06T10:00:00Z",
   "mainEntityOfPage":{"@id":"https://bugle.example/world/talks"},
   "publisher":{"@type":"Organization","name":"Daily Bugle Media"}}
]}
</script>
<script type="application/ld+json">{ this is not json </script>"#;
    let ex = extract(&furnished_page(head, "", ""), None);
    assert_eq!(ex.title.as_deref(), Some("Ministers agree to pull back artillery"));
    assert_eq!(ex.author.as_deref(), Some("Jane Roe, Ali Khan"));
    assert_eq!(ex.date.as_deref(), Some("2024-03-05T08:30:00Z"));
    assert_eq!(ex.canonical_url.as_deref(), Some("https://bugle.example/world/talks"));
}

#[test]
fn metadata_from_markup_alone() {
    let page = format!(
        r#"<html><head><title>Ceasefire holds in the north - World - Evening Post</title>
<meta http-equiv="content-language" content="fr_fr">
<meta property="og:url" content="https://post.example/world/ceasefire"></head>
<body><div class="story"><h1>Ceasefire holds in the north</h1>
<p class="byline">By <a rel="author" href="/staff/marie">Marie Dupont</a></p>
<time datetime="2023-11-19">19 November 2023</time>
<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"#
    );
    let ex = extract(&page, None);
    assert_eq!(ex.title.as_deref(), Some("Ceasefire holds in the north"));
    assert_eq!(ex.author.as_deref(), Some("Marie Dupont"));
    assert_eq!(ex.date.as_deref(), Some("2023-11-19"));
    assert_eq!(ex.canonical_url.as_deref(), Some("https://post.example/world/ceasefire"));
    assert_eq!(ex.language.as_deref(), Some("fr-FR"));
}

#[test]
fn textual_dates_are_normalised() {
    let head = r#"<meta name="pubdate" content="Tue, 05 Mar 2024 09:30:00 GMT">"#;
    let ex = extract(&furnished_page(head, "", ""), None);
    assert_eq!(ex.date.as_deref(), Some("2024-03-05T09:30:00Z"));
}

/// A modern WordPress thread: one reply nested under the first comment.
const WP_COMMENTS: &str = r##"<div id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on &ldquo;Talks resume in Geneva&rdquo;</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1 parent">
  <article id="div-comment-11" class="comment-body">
    <footer class="comment-meta">
      <div class="comment-author vcard"><img class="avatar" src="a.png" alt=""><b class="fn">Peter Parker</b> <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="#comment-11"><time datetime="2024-03-05T10:02:00+00:00">March 5, 2024 at 10:02 am</time></a></div>
    </footer>
    <div class="comment-content"><p>The withdrawal will not hold without observers on the ground.</p><p>We saw the same in 2019.</p></div>
    <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>
  </article>
  <ol class="children">
    <li id="comment-12" class="comment odd alt depth-2">
      <article id="div-comment-12" class="comment-body">
        <footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://mj.example" class="url">Mary Jane</a></b> <span class="says">says:</span></div>
        <div class="comment-metadata"><a href="#comment-12"><time datetime="2024-03-05T11:15:00+00:00">March 5, 2024 at 11:15 am</time></a></div></footer>
        <div class="comment-content"><p>Observers are written into the deal, read the fourth paragraph.</p></div>
        <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>
      </article>
    </li>
  </ol>
</li>
<li id="comment-13" class="comment even thread-odd depth-1">
  <article id="div-comment-13" class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">J. Jonah</b> <span class="says">says:</span></div></footer>
    <div class="comment-content"><p>Fake news from Geneva, as usual.</p></div>
  </article>
</li>
</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3>
<form id="commentform" class="comment-form"><p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment"></textarea></p>
<p class="form-submit"><input type="submit" value="Post Comment"></p></form></div>
</div>"##;

#[test]
fn wordpress_comments_one_by_one() {
    let ex = extract(&furnished_page("", "", WP_COMMENTS), None);
    let got: Vec<(Option<&str>, Option<&str>, &str)> =
        ex.comments.iter().map(|c| (c.author.as_deref(), c.date.as_deref(), c.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (
                Some("Peter Parker"),
                Some("2024-03-05T10:02:00Z"),
                "The withdrawal will not hold without observers on the ground.\nWe saw the same in 2019."
            ),
            (
                Some("Mary Jane"),
                Some("2024-03-05T11:15:00Z"),
                "Observers are written into the deal, read the fourth paragraph."
            ),
            (Some("J. Jonah"), None, "Fake news from Geneva, as usual."),
        ]
    );
    let text = article_text(&ex);
    assert!(!text.contains("withdrawal will not hold") && !text.contains("Leave a Reply"), "{text}");
    assert!(ex.article.iter().any(|b| b.text == P4));
}

#[test]
fn classic_wordpress_comments() {
    let thread = r##"<div id="comments"><h3>2 Responses</h3><ol class="commentlist">
<li class="comment byuser" id="li-comment-7"><div id="comment-7" class="comment-body">
  <div class="comment-author vcard"><cite class="fn">Eddie Brock</cite> <span class="says">says:</span></div>
  <div class="comment-meta commentmetadata"><a href="#comment-7">5 March 2024 at 14:05</a></div>
  <p>Two crossings are not enough for the number of people displaced.</p>
  <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
</div></li>
<li class="comment" id="li-comment-8"><div id="comment-8" class="comment-body">
  <div class="comment-author vcard"><cite class="fn">Flash Thompson</cite> <span class="says">says:</span></div>
  <p>Finally some good news.</p>
</div></li></ol></div>"##;
    let ex = extract(&furnished_page("", "", thread), None);
    assert_eq!(ex.comments.len(), 2, "{:#?}", ex.comments);
    assert_eq!(ex.comments[0].author.as_deref(), Some("Eddie Brock"));
    assert_eq!(ex.comments[0].text, "Two crossings are not enough for the number of people displaced.");
    assert_eq!(ex.comments[1].author.as_deref(), Some("Flash Thompson"));
    assert_eq!(ex.comments[1].text, "Finally some good news.");
}

#[test]
fn generic_comment_divs() {
    let thread = r#"<section id="comments"><h2>Reader comments</h2>
<div class="comment"><span class="comment-author">kestrel77</span><span class="comment-date">2024-03-06 08:00</span>
<div class="comment-text">Who pays for the observers?</div></div>
<div class="comment"><span class="comment-author">N. Osborn</span>
<div class="comment-text">The regional organisation does, it says so in the statement.</div></div>
</section>"#;
    let ex = extract(&furnished_page("", "", thread), None);
    let got: Vec<(Option<&str>, &str)> = ex.comments.iter().map(|c| (c.author.as_deref(), c.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Some("kestrel77"), "Who pays for the observers?"),
            (Some("N. Osborn"), "The regional organisation does, it says so in the statement."),
        ]
    );
    assert_eq!(ex.comments[0].date.as_deref(), Some("2024-03-06T08:00:00"));
}

#[test]
fn a_lone_comment_class_is_not_a_thread() {
    let note = r#"<div class="comment">Editor's note: this story was updated with the joint statement.</div>"#;
    let ex = extract(&furnished_page("", note, ""), None);
    assert!(ex.comments.is_empty(), "{:#?}", ex.comments);
}

/// Runs `f` on a thread with a small stack, as a worker pool might.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("extraction thread panicked or overflowed")
}

#[test]
fn hundred_thousand_levels_deep() {
    const DEPTH: usize = 100_000;
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span><em>", ""),
        ("<table><tr><td>", ""),
        ("<ul><li>", "</li></ul>"),
        ("<blockquote>", ""),
    ] {
        let page = format!(
            "<html><head><title>Deep page</title></head><body>{}<p>{P1}</p><p>{P2}</p>{}</body></html>",
            open.repeat(DEPTH),
            close.repeat(DEPTH)
        );
        let ex = on_small_stack(move || extract(&page, None));
        let text = article_text(&ex);
        assert!(text.contains(P1) && text.contains(P2), "{open}: {text:.200}");
        assert_eq!(ex.title.as_deref(), Some("Deep page"), "{open}");
    }
}

#[test]
fn deep_comment_threads() {
    const DEPTH: usize = 20_000;
    let page = format!(
        "<html><body><article><p>{P1}</p><p>{P2}</p></article><div id='comments'>{}</div></body></html>",
        "<div class='comment'><p>Me too.</p>".repeat(DEPTH)
    );
    let ex = on_small_stack(move || extract(&page, None));
    // Nesting past the parser guard's depth is flattened, so the innermost
    // comments merge into one; none of their text is lost.
    assert!(ex.comments.len() > 400, "{} comments", ex.comments.len());
    assert!(ex.comments[..400].iter().all(|c| c.text == "Me too."));
    let lines: usize = ex.comments.iter().map(|c| c.text.lines().filter(|l| *l == "Me too.").count()).sum();
    assert_eq!(lines, DEPTH);
}

#[test]
fn broken_markup_still_reads() {
    let page = format!(
        "<html><head><title>Broken < page</title><body><div class=story\"><p>{P1}\n<p>{P2}</div></div></span>\
         <table><p>{P3}</table><p><b><i>{P4}</b></i><!-- unclosed comment"
    );
    let ex = extract(&page, None);
    let text = article_text(&ex);
    for p in [P1, P2, P3, P4] {
        assert!(text.contains(p), "{p}\n---\n{text}");
    }
    let page = format!("<p>{P1}<p>{P2}<p>{P3}</p></p></p></body></html></html><p>{P4}");
    let ex = extract(&page, None);
    assert!(ex.article.iter().any(|b| b.text == P4), "{:#?}", ex.article);
}

#[test]
fn odd_inputs_do_not_panic() {
    let binary: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let inputs = [
        String::new(),
        "   ".to_string(),
        "just some plain text, no tags at all".to_string(),
        String::from_utf8_lossy(&binary).into_owned(),
        "<".repeat(10_000),
        "<html><body>\u{0}\u{1}\u{fffd}<p>\u{202e}text</p>".to_string(),
        "<script>".repeat(1000),
        "<svg><svg><svg><math><mi><table><select><option>x".repeat(500),
        format!("<html><head><script type='application/ld+json'>{}</script></head></html>", "[".repeat(100_000)),
    ];
    for html in inputs {
        let ex = on_small_stack(move || extract(&html, Some("not a url")));
        assert!(ex.article.iter().all(|b| !b.text.is_empty()));
    }
    assert!(extract("", None).article.is_empty());
}

#[test]
fn huge_page() {
    let story: String = [P1, P2, P3, P4].iter().map(|p| format!("<p>{p}</p>")).collect();
    let nav: String = (0..20_000).map(|i| format!("<li><a href='/s/{i}'>Section {i}</a></li>")).collect();
    let page = format!("<html><body><nav><ul>{nav}</ul></nav><article>{}</article></body></html>", story.repeat(8_000));
    assert!(page.len() > 5_000_000);
    let ex = extract(&page, None);
    assert!(ex.article.len() >= 4 * 1000, "{} blocks", ex.article.len());
    assert!(!article_text(&ex).contains("Section 19999"));
}

#[test]
fn nesting_just_under_the_trafilatura_limit() {
    // Pages up to 400 levels deep go through trafilatura, which recurses:
    // it must fit a small worker stack there too.
    for (open, levels) in [("<div>", 390), ("<ul><li>", 195), ("<table><tr><td>", 97), ("<blockquote><p>", 195)] {
        let page = format!("<html><body>{}<p>{P1}</p><p>{P2}</p><p>{P3}</p></body></html>", open.repeat(levels));
        let ex = on_small_stack(move || extract(&page, None));
        let text = article_text(&ex);
        assert!(text.contains(P1) && text.contains(P3), "{open}: {text:.200}");
    }
}
