//! Walks the inputs (files, directories recursively, `.gz` files, `-` for standard input) and
//! yields raw items one at a time, so memory stays flat however large the input is. JSON Lines
//! files are streamed line by line; every other file is one article.

use crate::{Error, Format};
use flate2::read::MultiGzDecoder;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article's bytes, not yet decoded.
#[derive(Debug)]
pub struct RawItem {
    /// How messages name this input: a path, `path:line`, `path#item`, or `stdin`.
    pub origin: String,
    pub path: Option<String>,
    pub format: Format,
    pub bytes: Vec<u8>,
    /// The id to use when the article does not carry its own.
    pub default_id: String,
    /// What the container the article came in says of it (a feed item, a WARC record); boxed,
    /// as most articles come in no container.
    pub given: Box<Given>,
}

/// What a feed item or a web archive record says of the article it holds.
#[derive(Debug, Default, Clone)]
pub struct Given {
    pub id: Option<String>,
    /// Title, url, publication date and outlet as the feed states them: above what the
    /// content's own markup says.
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// The date the page was fetched (WARC-Date): used only when nothing else dates it.
    pub crawled: Option<String>,
    pub summary_only: bool,
    pub notes: Vec<String>,
}

/// A file that holds many articles in another form than lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// RSS 2.0, RSS 1.0 or Atom.
    Feed,
    /// A web archive (WARC), records one after another, gzipped per record or not.
    Warc,
}

/// What the reader yields.
#[derive(Debug)]
pub enum Item {
    Article(RawItem),
    /// An input that could not be read; the run goes on.
    Skipped(Error),
    /// A file in a directory walk that is not an article format (README.md, images...).
    Ignored(PathBuf),
}

pub struct Reader {
    pending: VecDeque<Pending>,
    lines: Option<LineStream>,
    /// The items of a feed, read whole, not yet handed out.
    queued: VecDeque<Item>,
    records: Option<crate::warc::Records>,
    max_bytes: u64,
    /// Directories already walked, by device and inode: a symbolic link back up the tree is
    /// followed once, not forever.
    walked: HashSet<(u64, u64)>,
}

enum Pending {
    Path { path: PathBuf, explicit: bool },
    Stdin,
}

struct LineStream {
    name: String,
    stem: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
}

/// File extensions taken in a directory walk, after any `.gz` is removed.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson"];

/// Extensions of feeds and web archives (after any `.gz`).
const FEED_EXTENSIONS: &[&str] = &["rss", "atom", "xml"];
const WARC_EXTENSIONS: &[&str] = &["warc", "arc"];

impl Reader {
    pub fn new(inputs: &[String], max_bytes: u64) -> Reader {
        let pending = inputs
            .iter()
            .map(|p| match p.as_str() {
                "-" => Pending::Stdin,
                _ => Pending::Path {
                    path: PathBuf::from(p),
                    explicit: true,
                },
            })
            .collect();
        Reader {
            pending,
            lines: None,
            queued: VecDeque::new(),
            records: None,
            max_bytes,
            walked: HashSet::new(),
        }
    }

    fn next_line(&mut self) -> Option<Item> {
        let stream = self.lines.as_mut()?;
        loop {
            let mut buf = Vec::new();
            let read = (&mut stream.reader)
                .take(self.max_bytes + 1)
                .read_until(b'\n', &mut buf);
            stream.line_no += 1;
            let origin = format!("{}:{}", stream.name, stream.line_no);
            match read {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Err(source) => {
                    self.lines = None;
                    return Some(Item::Skipped(Error::Io {
                        input: origin,
                        source,
                    }));
                }
                Ok(_) if buf.len() as u64 > self.max_bytes => {
                    // Skip the rest of the over-long line without holding it, so the next read
                    // starts a new line and memory stays bounded by the limit.
                    let rest = skip_line(&mut stream.reader).unwrap_or(0);
                    let size = buf.len() as u64 + rest;
                    let limit = self.max_bytes;
                    return Some(Item::Skipped(Error::TooLarge {
                        input: origin,
                        size,
                        limit,
                    }));
                }
                Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => {
                    return Some(Item::Article(RawItem {
                        default_id: format!("{}:{}", stream.stem, stream.line_no),
                        origin,
                        path: Some(stream.name.clone()),
                        format: Format::Jsonl,
                        bytes: buf,
                        given: Box::default(),
                    }))
                }
            }
        }
    }

    fn open(&mut self, path: PathBuf, explicit: bool) -> Option<Item> {
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Some(Item::Skipped(Error::Missing(path)))
            }
            Err(source) => {
                return Some(Item::Skipped(Error::Io {
                    input: path.display().to_string(),
                    source,
                }))
            }
        };
        if meta.is_dir() {
            if !self.walked.insert(dir_key(&path, &meta)) {
                let input = path.display().to_string();
                return Some(Item::Skipped(Error::WalkedTwice { input }));
            }
            return self.queue_directory(&path);
        }
        // A FIFO, socket or device found in a walk could block the run forever or never end;
        // one named on the command line (`<(zcat feed.gz)`) is read as the user asked.
        if !meta.is_file() && !explicit {
            let input = path.display().to_string();
            let kind = special_kind(&meta);
            return Some(Item::Skipped(Error::NotRegular { input, kind }));
        }
        let (format, gz) = format_of(&path);
        let container = container_of(&path);
        if !explicit && format.is_none() && container.is_none() {
            return Some(Item::Ignored(path));
        }
        let name = path.display().to_string();
        // Lines and archive records are limited one by one; a feed is read whole.
        let streamed = format == Some(Format::Jsonl) || container == Some(Container::Warc);
        if !gz && meta.len() > self.max_bytes && !streamed {
            let limit = self.max_bytes;
            return Some(Item::Skipped(Error::TooLarge {
                input: name,
                size: meta.len(),
                limit,
            }));
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(source) => {
                return Some(Item::Skipped(Error::Io {
                    input: name,
                    source,
                }))
            }
        };
        let reader: Box<dyn Read + Send> = if gz {
            Box::new(MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        match container {
            Some(c) => self.start_container(reader, &path, c, gz),
            None => self.start(reader, &path, format, gz),
        }
    }

    /// Reads a feed's items, or starts streaming an archive's records.
    fn start_container(
        &mut self,
        reader: Box<dyn Read + Send>,
        path: &Path,
        container: Container,
        gz: bool,
    ) -> Option<Item> {
        let name = path.display().to_string();
        let buffered: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, reader));
        match container {
            Container::Warc => {
                self.records = Some(crate::warc::Records::new(
                    name,
                    stem_of(path),
                    buffered,
                    self.max_bytes,
                    gz,
                ));
                self.next_record()
            }
            Container::Feed => {
                let mut bytes = Vec::new();
                if let Err(source) = buffered.take(self.max_bytes + 1).read_to_end(&mut bytes) {
                    return Some(Item::Skipped(read_error(&name, source, gz)));
                }
                if bytes.len() as u64 > self.max_bytes {
                    let limit = self.max_bytes;
                    let size = bytes.len() as u64;
                    return Some(Item::Skipped(Error::TooLarge {
                        input: name,
                        size,
                        limit,
                    }));
                }
                self.queued = crate::feed::items(&name, &stem_of(path), &bytes);
                self.queued.pop_front()
            }
        }
    }

    fn next_record(&mut self) -> Option<Item> {
        let item = self.records.as_mut()?.next();
        if item.is_none() {
            self.records = None;
        }
        item
    }

    /// Streams a JSON Lines input, or reads a whole single-article input.
    fn start(
        &mut self,
        reader: Box<dyn Read + Send>,
        path: &Path,
        format: Option<Format>,
        gz: bool,
    ) -> Option<Item> {
        let name = path.display().to_string();
        let mut buffered: Box<dyn BufRead + Send> =
            Box::new(BufReader::with_capacity(1 << 16, reader));
        let format = match format {
            Some(f) => f,
            None => match sniff(&mut buffered) {
                Ok(Sniffed::Article(f)) => f,
                Ok(Sniffed::Container(c)) => {
                    return self.start_container(Box::new(buffered), path, c, gz)
                }
                Err(source) => return Some(Item::Skipped(read_error(&name, source, gz))),
            },
        };
        if format == Format::Jsonl {
            self.lines = Some(LineStream {
                stem: stem_of(path),
                name,
                reader: buffered,
                line_no: 0,
            });
            return self.next_line();
        }
        let mut bytes = Vec::new();
        if let Err(source) = buffered.take(self.max_bytes + 1).read_to_end(&mut bytes) {
            return Some(Item::Skipped(read_error(&name, source, gz)));
        }
        if bytes.len() as u64 > self.max_bytes {
            let limit = self.max_bytes;
            return Some(Item::Skipped(Error::TooLarge {
                input: name,
                size: bytes.len() as u64,
                limit,
            }));
        }
        Some(Item::Article(RawItem {
            origin: name.clone(),
            path: Some(name),
            format,
            bytes,
            default_id: stem_of(path),
            given: Box::default(),
        }))
    }

    /// Queues a directory's entries in name order; a directory that cannot be listed is named.
    fn queue_directory(&mut self, dir: &Path) -> Option<Item> {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(source) => {
                let input = dir.display().to_string();
                return Some(Item::Skipped(Error::Io { input, source }));
            }
        };
        entries.sort();
        for path in entries.into_iter().rev() {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                self.pending.push_front(Pending::Path {
                    path,
                    explicit: false,
                });
            }
        }
        None
    }
}

/// Reads past the rest of a line (through its newline) a buffer at a time; returns its length.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// Identifies a directory however it was reached (through a symbolic link or not).
#[cfg(unix)]
fn dir_key(_: &Path, meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_key(path: &Path, _: &std::fs::Metadata) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .hash(&mut h);
    (0, h.finish())
}

/// What a file that is neither a regular file nor a directory is, for the message.
#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            if self.lines.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            if self.records.is_some() {
                if let Some(item) = self.next_record() {
                    return Some(item);
                }
                continue;
            }
            let item = match self.pending.pop_front()? {
                Pending::Stdin => {
                    let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
                    self.start(stdin, Path::new("stdin"), None, false)
                }
                Pending::Path { path, explicit } => self.open(path, explicit),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

fn read_error(name: &str, source: std::io::Error, gz: bool) -> Error {
    let input = name.to_string();
    if gz {
        Error::Gzip { input, source }
    } else {
        Error::Io { input, source }
    }
}

/// The format named by the extension (with `.gz` removed), and whether the file is gzipped.
pub fn format_of(path: &Path) -> (Option<Format>, bool) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_lowercase();
    let (inner, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name, false),
    };
    let ext = Path::new(&inner)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let format = match ext {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        e if ARTICLE_EXTENSIONS.contains(&e) => Some(Format::Text),
        _ => None,
    };
    (format, gz)
}

/// The container a file's name says it is (with `.gz` removed): a feed or a web archive.
pub fn container_of(path: &Path) -> Option<Container> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_lowercase();
    let inner = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = Path::new(inner)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    match ext {
        e if FEED_EXTENSIONS.contains(&e) => Some(Container::Feed),
        e if WARC_EXTENSIONS.contains(&e) => Some(Container::Warc),
        _ => None,
    }
}

/// A name without `.gz` and extension: the default article id.
fn stem_of(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
    let name = name.strip_suffix(".gz").unwrap_or(name);
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].to_string(),
        _ => name.to_string(),
    }
}

/// What the first bytes of an input say it is.
enum Sniffed {
    Article(Format),
    Container(Container),
}

/// Guesses the format of an input without a known extension from its first bytes.
fn sniff(reader: &mut Box<dyn BufRead + Send>) -> std::io::Result<Sniffed> {
    let head = reader.fill_buf()?;
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_lowercase();
    let trimmed = text.trim_start();
    if trimmed.starts_with("warc/") {
        return Ok(Sniffed::Container(Container::Warc));
    }
    let feed = ["<rss", "<rdf:rdf", "<feed"]
        .iter()
        .any(|t| text.contains(t));
    if trimmed.starts_with('<') && feed && !text.contains("<html") {
        return Ok(Sniffed::Container(Container::Feed));
    }
    Ok(Sniffed::Article(if trimmed.starts_with('{') {
        Format::Jsonl
    } else if trimmed.starts_with('<')
        && ["<html", "<body", "<p", "<div", "<!doctype html", "<article"]
            .iter()
            .any(|t| text.contains(t))
    {
        Format::Html
    } else {
        Format::Text
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        assert_eq!(format_of(Path::new("a/b.txt")), (Some(Format::Text), false));
        assert_eq!(
            format_of(Path::new("b.HTML.gz")),
            (Some(Format::Html), true)
        );
        assert_eq!(
            format_of(Path::new("x.jsonl")),
            (Some(Format::Jsonl), false)
        );
        assert_eq!(format_of(Path::new("README.md")), (None, false));
        assert_eq!(stem_of(Path::new("d/000_ab.txt.gz")), "000_ab");
    }
}
