//! RSS 2.0, RSS 1.0 and Atom feeds: each item an article, with its title, link, publication
//! date, author and the feed's title as outlet. The full content (`content:encoded`, Atom
//! `content`) is the article; an item that carries only a summary (`description`, Atom
//! `summary`) is read from that and marked as a summary.
//!
//! A feed is read whole (feeds are small; the input size limit applies) and parsed with
//! `feed-rs`, told to keep dates as written: the date an item states, not that date moved to
//! UTC (a story published late on March 4th in New York is a March 4th story).

use crate::reader::{Given, Item, RawItem};
use crate::{Error, Format};
use std::collections::VecDeque;

/// The items of a feed file as articles (or the reason the file is not a feed).
pub fn items(name: &str, stem: &str, bytes: &[u8]) -> VecDeque<Item> {
    let parser = feed_rs::parser::Builder::new()
        // No invented ids: feed-rs would make up a random one for an item without guid or link.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(|raw| {
            let iso = crate::dates::parse_date(raw)?;
            let day = chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok()?;
            Some(day.and_hms_opt(0, 0, 0)?.and_utc())
        })
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return VecDeque::from([Item::Skipped(Error::Feed {
                input: name.to_string(),
                reason: format!("not a feed: {e}"),
            })])
        }
    };
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(name, stem, i + 1, entry, outlet.clone()))
        .collect()
}

fn item(
    name: &str,
    stem: &str,
    n: usize,
    entry: &feed_rs::model::Entry,
    outlet: Option<String>,
) -> Item {
    let origin = format!("{name}#{n}");
    let full = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| s.content.clone())
        .filter(|s| !s.trim().is_empty());
    let (body, summary_only) = match (full, summary) {
        (Some(b), _) => (b, false),
        (None, Some(s)) => (s, true),
        (None, None) => {
            return Item::Skipped(Error::Feed {
                input: origin,
                reason: "feed item with neither content nor a summary, skipped".into(),
            })
        }
    };
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| d.format("%Y-%m-%d").to_string());
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .map(|a| a.name.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let mut notes = Vec::new();
    if summary_only {
        notes.push(format!(
            "{origin}: the feed carries only a summary of this item, not the article"
        ));
    }
    // Content is HTML in RSS and usually in Atom; plain text is read as text.
    let format = match body.contains('<') {
        true => Format::Html,
        false => Format::Text,
    };
    Item::Article(RawItem {
        default_id: format!("{stem}-{n}"),
        origin,
        path: Some(name.to_string()),
        format,
        bytes: body.into_bytes(),
        given: Box::new(Given {
            id: Some(entry.id.clone()).filter(|i| !i.trim().is_empty()),
            title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
            url: link,
            published,
            outlet,
            author: (!authors.is_empty()).then(|| authors.join("; ")),
            summary_only,
            notes,
            ..Given::default()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(xml: &str) -> Vec<RawItem> {
        items("f.xml", "f", xml.as_bytes())
            .into_iter()
            .map(|i| match i {
                Item::Article(a) => a,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn rss2_items_keep_their_date_as_written_and_their_full_content() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Post</title><link>https://post.example/</link>
<item><title>Ferry talks resume</title><link>https://post.example/a</link><guid>post-a</guid>
<pubDate>Mon, 04 Mar 2024 23:30:00 -0500</pubDate><dc:creator>Lena Ortiz</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>PORTVILLE (Harbour Post) - Ferry talks resumed on Monday.</p><p>Both sides met.</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://post.example/b</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>Officials said the port would reopen.</description></item>
</channel></rss>"#;
        let a = articles(xml);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].given.id.as_deref(), Some("post-a"));
        assert_eq!(a[0].given.published.as_deref(), Some("2024-03-04"));
        assert_eq!(a[0].given.author.as_deref(), Some("Lena Ortiz"));
        assert_eq!(a[0].given.outlet.as_deref(), Some("Harbour Post"));
        assert_eq!(a[0].format, Format::Html);
        assert!(!a[0].given.summary_only);
        assert!(String::from_utf8_lossy(&a[0].bytes).contains("Ferry talks resumed"));
        assert!(a[1].given.summary_only);
        assert_eq!(a[1].given.id, None);
        assert_eq!(a[1].default_id, "f-2");
        assert_eq!(a[1].origin, "f.xml#2");
        assert_eq!(a[1].given.url.as_deref(), Some("https://post.example/b"));
    }

    #[test]
    fn atom_and_rss1_are_read_and_a_non_feed_is_named() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Daily</title><id>urn:v</id><updated>2024-03-06T10:00:00Z</updated>
<entry><title>Dam inspection</title><id>urn:v:1</id><link rel="alternate" href="https://valley.example/dam"/>
<published>2024-03-06T09:00:00+02:00</published><updated>2024-03-06T10:00:00Z</updated><author><name>Sam Okafor</name></author>
<content type="html">&lt;p&gt;Inspectors visited the dam on Wednesday.&lt;/p&gt;</content></entry></feed>"#;
        let a = articles(atom);
        assert_eq!(a[0].given.id.as_deref(), Some("urn:v:1"));
        assert_eq!(a[0].given.published.as_deref(), Some("2024-03-06"));
        assert_eq!(
            a[0].given.url.as_deref(),
            Some("https://valley.example/dam")
        );
        assert!(String::from_utf8_lossy(&a[0].bytes).contains("Inspectors visited"));
        let rss1 = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://n.example/"><title>North Wire</title><link>https://n.example/</link><description>n</description></channel>
<item rdf:about="https://n.example/1"><title>Bridge reopens</title><link>https://n.example/1</link>
<description>The bridge reopened to traffic on Thursday.</description><dc:date>2024-03-07</dc:date></item></rdf:RDF>"#;
        let a = articles(rss1);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].given.published.as_deref(), Some("2024-03-07"));
        assert_eq!(a[0].format, Format::Text);
        let not = items("s.xml", "s", b"<urlset><url><loc>x</loc></url></urlset>");
        assert!(
            matches!(&not[0], Item::Skipped(e) if e.to_string().starts_with("s.xml: not a feed"))
        );
    }
}
