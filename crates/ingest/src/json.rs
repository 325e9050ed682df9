//! One JSON Lines record: an object with any of `id`, `text`, `html`, `title`, `url`, `published`,
//! `source`. Common alternative names (`body`, `content`, `date`, `link`, `outlet`, `newid`...)
//! are accepted so that crawler dumps and corpora load without conversion.

use crate::{decode::normalize_newlines, from_html, Error, Result, Supplied};
use serde_json::{Map, Value};

const ID: &[&str] = &["id", "doc_id", "newid", "guid", "uuid"];
const TEXT: &[&str] = &["text", "body", "content", "article", "raw_text"];
const HTML: &[&str] = &["html", "raw_html", "content_html"];
const TITLE: &[&str] = &["title", "headline"];
const URL: &[&str] = &["url", "link", "source_url"];
const PUBLISHED: &[&str] = &[
    "published",
    "date",
    "pubdate",
    "published_at",
    "datePublished",
    "publish_date",
];
const OUTLET: &[&str] = &["source", "outlet", "site", "sitename", "publisher"];

pub(crate) fn read_line(origin: &str, bytes: &[u8]) -> Result<(String, Supplied)> {
    let line = std::str::from_utf8(bytes).map_err(|e| Error::Json {
        input: origin.to_string(),
        reason: format!("not UTF-8 at byte {}", e.valid_up_to()),
    })?;
    let value: Value = serde_json::from_str(line).map_err(|e| Error::Json {
        input: origin.to_string(),
        // The record is one line, so serde's "at line 1 column N" is reduced to the column.
        reason: json_reason(&e),
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::Json {
            input: origin.to_string(),
            reason: "expected an object".to_string(),
        });
    };
    let (text, mut supplied) = match (first_string(&obj, TEXT), first_string(&obj, HTML)) {
        (Some(t), _) if !t.trim().is_empty() => (normalize_newlines(t), Supplied::default()),
        (_, Some(h)) => from_html(&h),
        _ => {
            return Err(Error::NoText {
                input: origin.to_string(),
            })
        }
    };
    supplied.id = first_string(&obj, ID).or(supplied.id);
    supplied.title = first_string(&obj, TITLE).or(supplied.title);
    supplied.url = first_string(&obj, URL).or(supplied.url);
    supplied.outlet = first_string(&obj, OUTLET).or(supplied.outlet);
    if let Some(raw) = first_string(&obj, PUBLISHED) {
        match crate::dates::parse_date(&raw) {
            Some(d) => supplied.published = Some(d),
            None => supplied.notes.push(format!(
                "{origin}: published value {raw:?} is not a date; ignored"
            )),
        }
    }
    Ok((text, supplied))
}

fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text.split(" at line ").next().unwrap_or(&text);
    match e.column() {
        0 => what.to_string(),
        col => format!("{what} (column {col})"),
    }
}

/// The first of `keys` holding a string (numbers are written as strings, for ids).
fn first_string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_alternatives() {
        let (text, s) = read_line(
            "f:1",
            br#"{"newid": 7, "body": "Oil rose.\r\n", "date": "26-FEB-1987 15:01:01.79", "source": "Reuters"}"#,
        )
        .unwrap();
        assert_eq!(text, "Oil rose.\n");
        assert_eq!(s.id.as_deref(), Some("7"));
        assert_eq!(s.published.as_deref(), Some("1987-02-26"));
        assert_eq!(s.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = read_line("feed.jsonl:3", b"{\"text\": ").unwrap_err();
        assert!(e.to_string().starts_with("feed.jsonl:3: malformed JSON"));
        let e = read_line("feed.jsonl:4", b"{\"title\": \"x\"}").unwrap_err();
        assert!(e.to_string().contains("no article text"));
        let e = read_line("feed.jsonl:5", b"[1,2]").unwrap_err();
        assert!(e.to_string().contains("expected an object"));
    }
}
