//! Ingest from the page (`dateline serve --allow-ingest`): files uploaded or text pasted are
//! stored as `dateline ingest` stores files, and the answer tells what was stored and, input by
//! input, what was skipped and why.
//!
//! Only with `--allow-ingest`, and then only with the bearer token (given with `--token`, or
//! generated and printed at start): in an `Authorization: Bearer` header, or in the form's
//! `token` field (so the page works without script, and a page elsewhere cannot post here).
//! Request bodies are limited (`--max-upload`); one ingest runs at a time.

use crate::corpus_cmd::{self, Seen};
use dateline_ingest::Options;
use dateline_store::Store;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What an ingest from the server did, as its JSON answer.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub inputs: Vec<String>,
    pub analysed: usize,
    pub stored: usize,
    pub already_stored: usize,
    pub replaced: usize,
    pub near_duplicates: usize,
    /// Each input (or line of one) skipped, named as uploaded, with the reason.
    pub skipped: Vec<String>,
    /// Files that are not an article format.
    pub ignored: Vec<String>,
}

/// One input: the name it was uploaded under and its bytes.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The token an ingest must carry: the one given, or 32 hex digits from the system's random
/// source.
pub fn token(given: Option<String>) -> anyhow::Result<String> {
    if let Some(t) = given {
        anyhow::ensure!(
            t.len() >= 16,
            "--token: a token of at least 16 characters is required (it guards writing to the corpus)"
        );
        return Ok(t);
    }
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| {
            anyhow::anyhow!(
                "generating an ingest token from /dev/urandom: {e} (give one with --token)"
            )
        })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `offered` is the token, compared in constant time so its prefix cannot be guessed
/// from answer times.
pub fn token_matches(token: &str, offered: &str) -> bool {
    let (a, b) = (token.as_bytes(), offered.as_bytes());
    let mut diff = (a.len() != b.len()) as u8;
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// A file name safe to write in the upload folder, keeping its extension (the format is read
/// from it): the base name, other characters than letters, digits, '.', '-' and '_' replaced.
pub fn safe_name(index: usize, name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .take(100)
        .map(
            |c| match c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                true => c,
                false => '_',
            },
        )
        .collect();
    let clean = clean.trim_start_matches('.');
    match clean.is_empty() {
        true => format!("{index}-upload.txt"),
        false => format!("{index}-{clean}"),
    }
}

/// Collects what the ingest tells, the folder's paths turned back into the uploaded names.
struct Collected<'a> {
    report: &'a mut Report,
    folder: String,
}

impl Collected<'_> {
    fn named(&self, message: &str) -> String {
        message.replace(&self.folder, "upload:")
    }
}

impl Seen for Collected<'_> {
    fn analyzed(&mut self, _english: bool) {
        self.report.analysed += 1;
    }
    fn skip(&mut self, _class: &'static str, message: &str) {
        let named = self.named(message);
        self.report.skipped.push(named);
    }
    fn ignored(&mut self, path: &Path) {
        let named = self.named(&path.display().to_string());
        self.report.ignored.push(named);
    }
}

/// Writes the uploads to a fresh folder, ingests them into the store at `db`, removes the
/// folder, and reports. Errors are the store's (it cannot be opened or written).
pub fn ingest(db: &Path, uploads: Vec<Upload>) -> anyhow::Result<Report> {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let folder = std::env::temp_dir().join(format!(
        "dateline-upload-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&folder)?;
    let result = ingest_in(db, &folder, uploads);
    let _ = std::fs::remove_dir_all(&folder);
    result
}

fn ingest_in(db: &Path, folder: &Path, uploads: Vec<Upload>) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let mut paths: Vec<String> = Vec::new();
    for (i, upload) in uploads.into_iter().enumerate() {
        let path: PathBuf = folder.join(safe_name(i + 1, &upload.name));
        std::fs::write(&path, &upload.bytes)?;
        report.inputs.push(upload.name);
        paths.push(path.to_string_lossy().into_owned());
    }
    let mut store = Store::open(db)?;
    store.ready_to_write(db)?;
    let options = Options {
        published: None,
        max_bytes: 32 * 1024 * 1024,
    };
    let shown = format!("{}/", folder.display());
    let mut seen = Collected {
        report: &mut report,
        folder: shown,
    };
    // Names in messages read "upload:3-name.txt": the number is the input's place in the
    // request.
    let (totals, failure) = corpus_cmd::store_inputs(&mut store, &paths, &options, 1, &mut seen);
    report.stored = totals.stored;
    report.already_stored = totals.already;
    report.replaced = totals.replaced;
    report.near_duplicates = totals.near;
    match failure {
        Some(e) => Err(e.context(format!(
            "storing ({} articles stored before the failure, kept)",
            report.stored
        ))),
        None => Ok(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_cannot_leave_the_folder_and_keep_their_extension() {
        assert_eq!(safe_name(1, "../../etc/passwd"), "1-passwd");
        assert_eq!(
            safe_name(2, "C:\\news\\wire feed.jsonl"),
            "2-wire_feed.jsonl"
        );
        assert_eq!(safe_name(3, ".."), "3-upload.txt");
        assert_eq!(safe_name(4, ""), "4-upload.txt");
        assert_eq!(safe_name(5, "<script>.html"), "5-_script_.html");
    }

    #[test]
    fn tokens_match_only_whole() {
        let t = token(None).unwrap();
        assert_eq!(t.len(), 32);
        assert_ne!(t, token(None).unwrap());
        assert!(token_matches(&t, &t));
        assert!(!token_matches(&t, &t[..31]));
        assert!(!token_matches(&t, ""));
        assert!(!token_matches(&t, &format!("{t}0")));
        assert!(token(Some("short".into())).is_err());
    }
}
