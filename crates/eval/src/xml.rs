//! A small reader for the well-formed XML of the gold files (TimeML, MEANTIME CAT, PETRARCH
//! validation records): tags with attributes and byte positions, and text with tags stripped.

/// One tag as written.
#[derive(Debug, Clone)]
pub struct Tag<'a> {
    pub name: &'a str,
    pub attrs: Vec<(&'a str, String)>,
    /// Byte range of the tag itself in the document.
    pub start: usize,
    pub end: usize,
    pub closing: bool,
    pub self_closing: bool,
}

impl Tag<'_> {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Every tag of `xml` in document order (comments, declarations and CDATA are skipped).
pub fn tags(xml: &str) -> impl Iterator<Item = Tag<'_>> {
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let lt = pos + xml[pos..].find('<')?;
        let gt = lt + xml[lt..].find('>')?;
        pos = gt + 1;
        let inner = &xml[lt + 1..gt];
        if inner.starts_with(['?', '!']) {
            continue;
        }
        let closing = inner.starts_with('/');
        let self_closing = inner.ends_with('/');
        let body = inner.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        return Some(Tag {
            name: &body[..name_end],
            attrs: attributes(&body[name_end..]),
            start: lt,
            end: gt + 1,
            closing,
            self_closing,
        });
    })
}

fn attributes(s: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(q) else {
            break;
        };
        out.push((key, unescape(&after[1..1 + close])));
        rest = &after[close + 2..];
    }
    out
}

/// XML entities and numeric references (the HTML reader's decoder covers them all).
pub fn unescape(s: &str) -> String {
    dateline_ingest::html::decode_entities(s)
}

/// The raw inner text of the first `<name>...</name>`.
pub fn inner<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = tags(xml).find(|t| t.name == name && !t.closing)?;
    let close = tags(&xml[open.end..]).find(|t| t.name == name && t.closing)?;
    Some(&xml[open.end..open.end + close.start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_attributes() {
        let x = r#"<?xml version="1.0"?><a k="v &amp; w"><b x='1'/>text</a>"#;
        let t: Vec<Tag> = tags(x).collect();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].attr("k"), Some("v & w"));
        assert!(t[1].self_closing && t[2].closing);
        assert_eq!(inner(x, "a"), Some("<b x='1'/>text"));
    }
}
