//! HTML pages: the article body (through the `trafilatura` crate, which drops navigation, footers,
//! share bars, cookie notices, comment sections and related-story lists), the title, the canonical
//! URL, the outlet, and the publication date from meta tags, JSON-LD and `<time datetime>`.

use crate::dates::parse_date;
use dateline_lexicon::Lexicon;

#[derive(Debug, Default, PartialEq)]
pub struct HtmlArticle {
    pub body: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// What went wrong or was changed: no article body found (`body` then holds the page's
    /// visible text), tags nested too deep dropped.
    pub notes: Vec<String>,
}

pub fn read_html(html: &str) -> HtmlArticle {
    let tags = MetaTags::scan(html);
    let opts = trafilatura::Options::default().with_fallback(true);
    // The extractor walks the element tree recursively: a page nested thousands of elements
    // deep would overflow its stack and abort the whole run, so deeper tags are dropped first.
    let (shallow, flattened) = flatten_below(html, MAX_DEPTH);
    let (body, meta, mut notes) = match trafilatura::extract(&shallow, &opts) {
        Ok(r) => (html_to_text(&r.content_html), Some(r.metadata), Vec::new()),
        Err(e) => (
            html_to_text(&shallow),
            None,
            vec![format!("no article body found ({e}); kept the page text")],
        ),
    };
    if flattened > 0 {
        notes.insert(
            0,
            format!("HTML nested deeper than {MAX_DEPTH} elements: {flattened} tags below that depth dropped, their text kept"),
        );
    }
    let meta_title = meta.as_ref().map(|m| m.title.clone());
    let meta_date = meta.as_ref().and_then(|m| m.date).map(|d| d.to_string());
    let meta_site = meta.as_ref().map(|m| m.sitename.clone());
    HtmlArticle {
        body: body.trim().to_string(),
        title: non_empty(tags.get("og:title"))
            .or_else(|| non_empty(meta_title))
            .or_else(|| non_empty(tag_text(html, "title"))),
        published: tags.published(html).or(meta_date),
        url: non_empty(tags.get("og:url")).or_else(|| non_empty(canonical_link(html))),
        outlet: non_empty(tags.get("og:site_name")).or_else(|| non_empty(meta_site)),
        notes,
    }
}

/// Elements nested deeper than this are flattened before extraction. News pages stay under
/// about 60; the extractor's recursion stays far inside a worker thread's stack at this depth.
pub const MAX_DEPTH: usize = 256;

/// Elements that hold no content (`<br>`) or that the next sibling of their kind closes (`<p>`,
/// `<li>`): they never deepen the tree the extractor builds, so they are not counted.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype", "!--",
];

/// `html` with every tag that would open an element deeper than `max` (and its closing tag)
/// removed, the text kept; and how many tags went. One pass, no tree: a tag is an open tag
/// unless it starts with `/`, ends with `/>` or names an element that does not nest.
fn flatten_below(html: &str, max: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut dropped = 0usize;
    let mut pos = 0;
    let mut kept_to = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[pos..]).map(|i| pos + i) {
        let Some(gt) = memchr::memchr(b'>', &html.as_bytes()[lt..]).map(|i| lt + i) else {
            break;
        };
        pos = gt + 1;
        let tag = &html[lt + 1..gt];
        let name = tag_name(tag);
        if RAW_TEXT.contains(&name.as_str()) {
            // "i<n" in a script is no tag: skip to the element's end.
            pos = find_ci(html, &format!("</{name}"), pos).unwrap_or(html.len());
            continue;
        }
        let bare = name.trim_start_matches('/');
        if bare.is_empty() || NOT_NESTING.contains(&bare) || tag.ends_with('/') {
            continue;
        }
        let deep = if name.starts_with('/') {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > max
        };
        if deep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[kept_to..lt]);
            kept_to = pos;
            dropped += 1;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[kept_to..]);
            (std::borrow::Cow::Owned(out), dropped)
        }
        None => (std::borrow::Cow::Borrowed(html), 0),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| decode_entities(s.trim()))
        .filter(|s| !s.is_empty())
}

/// `<meta>` key/content pairs, keys lowercased.
struct MetaTags {
    pairs: Vec<(String, String)>,
}

impl MetaTags {
    fn scan(html: &str) -> Self {
        let pairs = tags_named(html, "meta")
            .filter_map(|tag| {
                let attrs = attributes(tag);
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| attr(&attrs, k))?;
                let content = attr(&attrs, "content").or_else(|| attr(&attrs, "datetime"))?;
                Some((key.to_lowercase(), content.to_string()))
            })
            .collect();
        MetaTags { pairs }
    }

    fn get(&self, key: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Meta keys in the lexicon's order of trust, then JSON-LD, then `<time datetime>`.
    fn published(&self, html: &str) -> Option<String> {
        Lexicon::global()
            .html_date_keys
            .iter()
            .find_map(|key| self.get(key).and_then(|v| parse_date(&v)))
            .or_else(|| json_ld_date(html))
            .or_else(|| time_tag_date(html))
    }
}

fn json_ld_date(html: &str) -> Option<String> {
    let at = html.find("\"datePublished\"")?;
    let rest = html[at + 15..].trim_start().strip_prefix(':')?.trim_start();
    let value = rest.strip_prefix('"')?;
    parse_date(&value[..value.find('"')?])
}

fn time_tag_date(html: &str) -> Option<String> {
    tags_named(html, "time").find_map(|tag| {
        let attrs = attributes(tag);
        attr(&attrs, "datetime").and_then(parse_date)
    })
}

fn canonical_link(html: &str) -> Option<String> {
    tags_named(html, "link").find_map(|tag| {
        let attrs = attributes(tag);
        (attr(&attrs, "rel")? == "canonical").then(|| attr(&attrs, "href").map(str::to_string))?
    })
}

/// The text inside the first `<name>...</name>`.
fn tag_text(html: &str, name: &str) -> Option<String> {
    let start_tag = find_ci(html, &format!("<{name}"), 0)?;
    let open_end = start_tag + html[start_tag..].find('>')? + 1;
    let close = find_ci(html, &format!("</{name}"), open_end)?;
    Some(html[open_end..close].to_string())
}

/// The inside of every `<name ...>` tag, without the angle brackets.
fn tags_named<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let needle = format!("<{name}");
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let at = find_ci(html, &needle, pos)?;
        let after = at + needle.len();
        let end = after + html[after..].find('>')?;
        pos = end;
        let boundary = html[after..]
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '/' || c == '>');
        if boundary {
            return Some(&html[after..end]);
        }
    })
}

/// ASCII case-insensitive search from `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() {
        return None;
    }
    let first = n[0].to_ascii_lowercase();
    let mut i = from;
    while i + n.len() <= h.len() {
        let rel = memchr::memchr2(first, first.to_ascii_uppercase(), &h[i..=h.len() - n.len()])?;
        i += rel;
        if h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `key="value"` pairs of a tag body; keys lowercased, values as written.
fn attributes(tag: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(close) => (&after[1..1 + close], &after[close + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((key, value));
        rest = next;
    }
    out
}

fn attr<'a>(attrs: &[(String, &'a str)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

/// Elements that start a new paragraph of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "tr",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "main",
];

/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &["script", "style", "noscript", "template"];

/// Elements inside running text: their tags separate nothing.
const INLINE: &[&str] = &[
    "a", "b", "i", "em", "strong", "span", "u", "small", "sup", "sub", "abbr", "cite", "q", "mark",
    "time", "font", "s", "del", "ins",
];

/// Text of an HTML fragment or page: scripts and styles dropped, one paragraph per block
/// element (separated by a blank line), `<br>` as a line break, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut pos = 0;
    while let Some(lt) = html[pos..].find('<').map(|i| pos + i) {
        current.push_str(&html[pos..lt]);
        let name = tag_name(&html[lt + 1..]);
        let from = match RAW_TEXT.contains(&name.as_str()) {
            true => find_ci(html, &format!("</{name}"), lt).unwrap_or(lt),
            false => lt,
        };
        let Some(gt) = html[from..].find('>') else {
            break;
        };
        pos = from + gt + 1;
        if BLOCKS.contains(&name.trim_start_matches('/')) {
            flush_paragraph(&mut current, &mut paragraphs);
        } else if name == "br" || name == "br/" {
            current.push('\n');
        } else if !INLINE.contains(&name.trim_start_matches('/')) {
            current.push(' ');
        }
    }
    if pos < html.len() && !html[pos..].contains('<') {
        current.push_str(&html[pos..]);
    }
    flush_paragraph(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn tag_name(after_lt: &str) -> String {
    after_lt
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn flush_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    let decoded = decode_entities(current);
    let lines: Vec<String> = decoded
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    current.clear();
}

/// Numeric character references and the named entities that news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        match end.and_then(|e| entity_char(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "eacute" => 'é',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Site | Ministers meet</title>
<meta property="og:title" content="Ministers meet in Cairo">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://example.org/ministers">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Ministers meet in Cairo</h1>
<p>The foreign ministers of Egypt and Jordan met in Cairo on Tuesday to discuss aid deliveries to the Gaza Strip, officials said after the talks ended in the evening.</p>
<p>Both ministers called for an immediate ceasefire and the opening of more crossings for trucks carrying food, water and medicine, according to a joint statement issued by the two governments.</p>
<p>The talks were the third meeting between the two ministers this year, and further consultations are planned for next month in Amman, the statement added.</p>
</article>
<div class="share">Share on Facebook Share on Twitter</div>
<section class="comments"><h3>Leave a Reply</h3><form>Your email address will not be published.</form></section>
<footer>Copyright 2024 Example Wire. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_body_and_metadata() {
        let a = read_html(PAGE);
        assert_eq!(a.title.as_deref(), Some("Ministers meet in Cairo"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/ministers"));
        assert_eq!(a.outlet.as_deref(), Some("Example Wire"));
        assert!(a.body.contains("met in Cairo on Tuesday"));
        assert!(a.body.contains("planned for next month in Amman"));
        for junk in [
            "Sport",
            "cookies",
            "Share on Facebook",
            "Leave a Reply",
            "All rights reserved",
        ] {
            assert!(!a.body.contains(junk), "{junk} leaked into {:?}", a.body);
        }
    }

    #[test]
    fn blocks_become_paragraphs() {
        let t = html_to_text("<h1>Title</h1><p>One &amp; <b>two</b>.</p><script>x<y</script><p>Three<br>four &#8217;&#x2019;</p>");
        assert_eq!(t, "Title\n\nOne & two.\n\nThree\nfour ’’");
        assert_eq!(decode_entities("a &bogus; &#0; &"), "a &bogus; &#0; &");
    }

    #[test]
    fn json_ld_and_time_tags_give_dates() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2023-10-17T08:00:00+03:00"}</script>"#;
        assert_eq!(json_ld_date(ld).as_deref(), Some("2023-10-17"));
        let t = r#"<p>Posted <time class="x" datetime="2023-11-09">Nov 9</time></p>"#;
        assert_eq!(time_tag_date(t).as_deref(), Some("2023-11-09"));
    }

    /// 100,000 nested elements used to overflow the extractor's stack and abort the process.
    #[test]
    fn nesting_of_any_depth_is_flattened_not_fatal() {
        let depth = 100_000;
        let html = format!(
            "<html><head><title>Deep</title></head><body><article>{}Talks ended in Nairobi.{}</article></body></html>",
            "<div><span>".repeat(depth / 2),
            "</span></div>".repeat(depth / 2)
        );
        let article = read_html(&html);
        assert!(
            article.body.contains("Talks ended in Nairobi."),
            "{article:?}"
        );
        assert!(
            article.notes[0].contains("nested deeper than 256"),
            "{:?}",
            article.notes
        );
        let (flat, dropped) = flatten_below(&html, MAX_DEPTH);
        assert_eq!(dropped, 2 * (depth + 3 - MAX_DEPTH));
        assert!(flat.len() < 30_000, "{}", flat.len());
    }

    #[test]
    fn ordinary_pages_are_not_touched_by_the_depth_limit() {
        let page = "<html><body><script>for (i=0;i<n;i++) {}</script><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x></body></html>";
        let many = page.repeat(400);
        let (same, dropped) = flatten_below(&many, MAX_DEPTH);
        assert_eq!((dropped, same.len()), (0, many.len()));
    }

    #[test]
    fn broken_html_does_not_fail() {
        let a = read_html("<html><body><p>Unclosed <b>tags <div>and <<>> junk");
        assert!(!a.body.is_empty());
        assert!(a.body.contains("Unclosed") || !a.notes.is_empty());
        let _ = read_html("");
        let _ = read_html("<meta content=");
    }
}
