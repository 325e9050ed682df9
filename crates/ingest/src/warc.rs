//! Web archives (WARC 1.0/1.1, as Common Crawl writes them, `.warc` or `.warc.gz` gzipped per
//! record): each HTTP `response` record whose payload is HTML is an article, with the record's
//! `WARC-Target-URI` as its url and `WARC-Date` as the date it was fetched (a publication date
//! only when the page itself gives none). Records are streamed one at a time, so memory stays
//! flat on a file of any size: a record larger than the input limit is read past, not held.
//!
//! Other records (`warcinfo`, `request`, `metadata`, `revisit`) are passed over: they hold no
//! page. A response that is not HTML, or not a success, is skipped and named; a record whose
//! header cannot be read is named and the reader looks for the next record; a record cut short
//! by the end of the file is named and ends the file.

use crate::reader::{Given, Item, RawItem};
use crate::{Error, Format};
use flate2::read::GzDecoder;
use std::io::{BufRead, Read};

/// A WARC or HTTP header block longer than this is not a header.
const MAX_HEADER: u64 = 64 * 1024;

pub struct Records {
    name: String,
    stem: String,
    reader: Box<dyn BufRead + Send>,
    max_bytes: u64,
    gz: bool,
    /// Records read so far (the number names a record in messages and ids).
    number: usize,
    done: bool,
    /// A record's first line, found while looking for the next record after a bad one.
    found: Option<Vec<u8>>,
}

/// A record's WARC header fields that matter here.
#[derive(Default)]
struct Header {
    kind: String,
    uri: Option<String>,
    date: Option<String>,
    length: Option<u64>,
    /// The record's own content type: what a `resource` record holds.
    content_type: String,
}

impl Records {
    pub fn new(
        name: String,
        stem: String,
        reader: Box<dyn BufRead + Send>,
        max_bytes: u64,
        gz: bool,
    ) -> Records {
        Records {
            name,
            stem,
            reader,
            max_bytes,
            gz,
            number: 0,
            done: false,
            found: None,
        }
    }

    /// The next article, or the next record skipped with its reason; None at the end.
    pub fn next(&mut self) -> Option<Item> {
        while !self.done {
            if let Some(item) = self.record() {
                return Some(item);
            }
        }
        None
    }

    fn origin(&self, uri: Option<&str>) -> String {
        match uri {
            Some(u) => format!("{}#{} <{u}>", self.name, self.number),
            None => format!("{}#{}", self.name, self.number),
        }
    }

    fn fail(&mut self, reason: String, uri: Option<&str>) -> Option<Item> {
        Some(Item::Skipped(Error::Warc {
            input: self.origin(uri),
            reason,
        }))
    }

    /// Reads one record: an item to hand out, or None for a record passed over.
    fn record(&mut self) -> Option<Item> {
        let header = match self.header() {
            Ok(Some(h)) => h,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(reason) => return self.fail(reason, None),
        };
        let uri = header.uri.clone();
        let Some(length) = header.length else {
            // Without a length the block cannot be found: look for the next record.
            if let Err(reason) = self.resync() {
                return self.fail(reason, uri.as_deref());
            }
            return self.fail(
                "record without a valid Content-Length, skipped".into(),
                uri.as_deref(),
            );
        };
        if header.kind != "response" && header.kind != "resource" {
            return match self.pass(length) {
                Ok(()) => None,
                Err(reason) => self.fail(reason, uri.as_deref()),
            };
        }
        if length > self.max_bytes {
            let limit = self.max_bytes;
            if let Err(reason) = self.pass(length) {
                return self.fail(reason, uri.as_deref());
            }
            let input = self.origin(uri.as_deref());
            return Some(Item::Skipped(Error::TooLarge {
                input,
                size: length,
                limit,
            }));
        }
        let mut block = Vec::with_capacity(length as usize);
        match (&mut self.reader).take(length).read_to_end(&mut block) {
            Ok(n) if (n as u64) < length => {
                self.done = true;
                return self.fail(
                    format!(
                        "record cut short: {n} of {length} bytes, the rest of the file is missing"
                    ),
                    uri.as_deref(),
                );
            }
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                let input = self.origin(uri.as_deref());
                let error = match self.gz {
                    true => Error::Gzip { input, source: e },
                    false => Error::Io { input, source: e },
                };
                return Some(Item::Skipped(error));
            }
        }
        Some(self.page(header, block))
    }

    /// Reads the WARC header of the next record: Ok(None) at the end of the file, Err when
    /// what stands there is not a record (the reader then moves to the next "WARC/" line).
    fn header(&mut self) -> Result<Option<Header>, String> {
        let mut line = self.found.take().unwrap_or_default();
        // Blank lines between records (each block is followed by two line ends).
        while line.iter().all(u8::is_ascii_whitespace) {
            line.clear();
            let n =
                read_line(&mut self.reader, &mut line).map_err(|e| format!("cannot read: {e}"))?;
            if n == 0 {
                return Ok(None);
            }
        }
        self.number += 1;
        if !line.starts_with(b"WARC/") {
            let seen = String::from_utf8_lossy(&line[..line.len().min(40)])
                .trim()
                .to_string();
            self.resync()?;
            return Err(format!(
                "not a WARC record (it begins {seen:?}); read on to the next record"
            ));
        }
        let mut header = Header::default();
        let mut total = line.len() as u64;
        loop {
            line.clear();
            let n =
                read_line(&mut self.reader, &mut line).map_err(|e| format!("cannot read: {e}"))?;
            total += n as u64;
            if n == 0 || total > MAX_HEADER {
                self.done = true;
                return Err(
                    "record header cut short or too long; the rest of the file is not read".into(),
                );
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end();
            if text.is_empty() {
                return Ok(Some(header));
            }
            let Some((field, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match field.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => header.uri = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => header.date = crate::dates::parse_date(&value),
                "content-length" => header.length = value.parse().ok(),
                "content-type" => header.content_type = value,
                _ => {}
            }
        }
    }

    /// Reads past lines until one that begins a record, and keeps that line for the next
    /// header.
    fn resync(&mut self) -> Result<(), String> {
        loop {
            let mut line = Vec::new();
            let n =
                read_line(&mut self.reader, &mut line).map_err(|e| format!("cannot read: {e}"))?;
            if n == 0 {
                return Ok(());
            }
            if line.starts_with(b"WARC/") {
                self.found = Some(line);
                return Ok(());
            }
        }
    }

    /// Reads past a block without holding it.
    fn pass(&mut self, length: u64) -> Result<(), String> {
        let n = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
            .map_err(|e| format!("cannot read: {e}"))?;
        if n < length {
            self.done = true;
            return Err(format!(
                "record cut short: {n} of {length} bytes, the rest of the file is missing"
            ));
        }
        Ok(())
    }

    /// The page a response record holds, or why it holds none.
    fn page(&self, header: Header, block: Vec<u8>) -> Item {
        let input = self.origin(header.uri.as_deref());
        let (status, content_type, body) = match header.kind.as_str() {
            // A resource record is the document itself, typed by its own header.
            "resource" => (200, header.content_type.clone(), block),
            _ => match http_response(&block, self.max_bytes) {
                Ok(r) => r,
                Err(reason) => return Item::Skipped(Error::Warc { input, reason }),
            },
        };
        if !(200..300).contains(&status) {
            return Item::Skipped(Error::NoPage { input, status });
        }
        let lower = content_type.to_ascii_lowercase();
        if !(lower.contains("html") || lower.is_empty() && looks_like_html(&body)) {
            return Item::Skipped(Error::NotHtml {
                input,
                content_type: match content_type.is_empty() {
                    true => "no content type".into(),
                    false => content_type,
                },
            });
        }
        Item::Article(RawItem {
            default_id: format!("{}-{}", self.stem, self.number),
            origin: input,
            path: Some(self.name.clone()),
            format: Format::Html,
            bytes: body,
            given: Box::new(Given {
                url: header.uri,
                crawled: header.date,
                ..Given::default()
            }),
        })
    }
}

/// One line, its end included, at most `MAX_HEADER` bytes of it.
fn read_line(reader: &mut Box<dyn BufRead + Send>, line: &mut Vec<u8>) -> std::io::Result<usize> {
    reader.take(MAX_HEADER).read_until(b'\n', line)
}

/// The status, content type and payload of an HTTP response (de-chunked and un-gzipped when
/// the headers say so).
fn http_response(block: &[u8], max_bytes: u64) -> Result<(u16, String, Vec<u8>), String> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without the end of its headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| {
            format!(
                "not an HTTP response (it begins {:?})",
                &status_line[..status_line.len().min(40)]
            )
        })?;
    let field = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(f, _)| f.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
    };
    let mut body = block[end.1..].to_vec();
    if field("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("chunked payload that does not parse")?;
    }
    if field("content-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("gzip")) {
        let mut plain = Vec::new();
        GzDecoder::new(&body[..])
            .take(max_bytes + 1)
            .read_to_end(&mut plain)
            .map_err(|e| format!("gzip payload that does not decompress: {e}"))?;
        body = plain;
    }
    Ok((status, field("content-type").unwrap_or_default(), body))
}

/// A chunked transfer's payload joined.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = memchr::memchr(b'\n', data)?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.trim().split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC record with the given type, uri and block.
    pub fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T06:07:08Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(content_type: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}").into_bytes()
    }

    fn read(bytes: Vec<u8>, gz: bool) -> Vec<Item> {
        let reader: Box<dyn BufRead + Send> = match gz {
            true => Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
                std::io::Cursor::new(bytes),
            ))),
            false => Box::new(std::io::Cursor::new(bytes)),
        };
        let mut records = Records::new("c.warc".into(), "c".into(), reader, 1 << 20, gz);
        std::iter::from_fn(|| records.next()).collect()
    }

    const PAGE: &str = "<html><head><title>Ferry talks</title></head><body><p>PORTVILLE - Ferry talks resumed on Monday, officials said.</p></body></html>";

    #[test]
    fn responses_with_html_are_articles_and_the_rest_is_named_or_passed_over() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record(
            "request",
            "https://p.example/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://p.example/a",
            &response("text/html; charset=utf-8", PAGE),
        ));
        warc.extend(record(
            "response",
            "https://p.example/logo.png",
            &response("image/png", "\u{1}PNG"),
        ));
        warc.extend(record(
            "response",
            "https://p.example/gone",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nno",
        ));
        warc.extend(b"garbage line\r\nmore garbage\r\n");
        warc.extend(record(
            "response",
            "https://p.example/b",
            &response("text/html", PAGE),
        ));
        // Resource records hold the document itself, typed by their own header.
        for (uri, kind, body) in [
            ("https://p.example/c.png", "image/png", "\u{1}PNG"),
            ("https://p.example/d", "text/html", PAGE),
        ] {
            warc.extend(
                format!(
                    "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
                    body.len()
                )
                .bytes(),
            );
        }
        let items = read(warc, false);
        let articles: Vec<&RawItem> = items
            .iter()
            .filter_map(|i| match i {
                Item::Article(a) => Some(a),
                _ => None,
            })
            .collect();
        assert_eq!(articles.len(), 3);
        assert_eq!(
            articles[2].given.url.as_deref(),
            Some("https://p.example/d")
        );
        assert_eq!(
            articles[0].given.url.as_deref(),
            Some("https://p.example/a")
        );
        assert_eq!(articles[0].given.crawled.as_deref(), Some("2024-03-05"));
        assert_eq!(articles[0].default_id, "c-3");
        assert_eq!(articles[0].format, Format::Html);
        assert!(String::from_utf8_lossy(&articles[0].bytes).starts_with("<html>"));
        let skipped: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(e) => Some(e.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(skipped[0].contains("logo.png") && skipped[0].contains("not HTML (image/png)"));
        assert!(skipped[1].contains("HTTP status 404"));
        assert!(skipped[2].contains("not a WARC record"));
        assert!(
            skipped[3].contains("c.png>: not HTML (image/png)"),
            "{skipped:?}"
        );
    }

    #[test]
    fn gzip_per_record_is_read_and_a_cut_record_ends_the_file_named() {
        let mut gz = Vec::new();
        for uri in ["https://p.example/1", "https://p.example/2"] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&record("response", uri, &response("text/html", PAGE)))
                .unwrap();
            gz.extend(e.finish().unwrap());
        }
        let items = read(gz, true);
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, Item::Article(_)))
                .count(),
            2
        );
        let mut cut = record(
            "response",
            "https://p.example/1",
            &response("text/html", PAGE),
        );
        cut.extend(record(
            "response",
            "https://p.example/2",
            &response("text/html", PAGE),
        ));
        cut.truncate(cut.len() - 60);
        let items = read(cut, false);
        assert!(matches!(&items[0], Item::Article(_)));
        assert!(matches!(&items[1], Item::Skipped(e) if e.to_string().contains("cut short")));
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn a_record_after_garbage_is_found_whatever_the_read_buffer_holds() {
        let mut warc = b"junk before any record\r\nWARC/1.0 but broken\r\n".to_vec();
        warc.extend(record(
            "response",
            "https://p.example/a",
            &response("text/html", PAGE),
        ));
        warc.extend(b"stray\r\n");
        warc.extend(record(
            "response",
            "https://p.example/b",
            &response("text/html", PAGE),
        ));
        for capacity in [3, 7, 64, 1 << 16] {
            let reader: Box<dyn BufRead + Send> = Box::new(std::io::BufReader::with_capacity(
                capacity,
                std::io::Cursor::new(warc.clone()),
            ));
            let mut records = Records::new("c.warc".into(), "c".into(), reader, 1 << 20, false);
            let items: Vec<Item> = std::iter::from_fn(|| records.next()).collect();
            let pages = items
                .iter()
                .filter(|i| matches!(i, Item::Article(_)))
                .count();
            assert_eq!(pages, 2, "capacity {capacity}: {items:?}");
        }
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_undone() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"Hello world"
        );
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(PAGE.as_bytes()).unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(e.finish().unwrap());
        let (status, kind, body) = http_response(&block, 1 << 20).unwrap();
        assert_eq!((status, kind.as_str()), (200, "text/html"));
        assert_eq!(body, PAGE.as_bytes());
    }
}
