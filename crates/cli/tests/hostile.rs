//! Hostile and broken inputs: whatever one input does, the run goes on, in bounded time and
//! memory, and says what happened to it.

mod common;
use common::*;

fn deep_html(levels: usize) -> String {
    format!(
        "<html><body>{}Talks ended in Nairobi.{}</body></html>",
        "<span>".repeat(levels),
        "</span>".repeat(levels)
    )
}

#[test]
fn html_nested_a_hundred_thousand_deep_is_flattened_in_a_file_and_in_a_json_line() {
    let dir = scratch("deep-html");
    std::fs::write(dir.join("a_deep.html"), deep_html(100_000)).unwrap();
    let line = serde_json::json!({"id": "b_deep", "html": deep_html(100_000)});
    std::fs::write(dir.join("b_feed.jsonl"), format!("{line}\n")).unwrap();
    std::fs::write(
        dir.join("c_plain.txt"),
        "Talks resumed in Kampala on Monday.",
    )
    .unwrap();
    let out = dateline(&["analyze", &dir.to_string_lossy(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a_deep", "b_deep", "c_plain"]);
    for deep in &records[..2] {
        assert!(deep["text"]
            .as_str()
            .unwrap()
            .contains("Talks ended in Nairobi."));
        let diagnostics = deep["diagnostics"].to_string();
        assert!(
            diagnostics.contains("nested deeper than 256"),
            "{diagnostics}"
        );
    }
}

/// A named pipe in a walked directory would block the run forever: it is named and skipped.
/// Two links back up the tree are followed once each, not exponentially, and every file is
/// read once.
#[cfg(unix)]
#[test]
fn a_walk_skips_pipes_and_follows_each_directory_once() {
    let dir = scratch("walk");
    std::fs::write(dir.join("a.txt"), "Talks resumed in Kampala on Monday.").unwrap();
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("b.txt"), "Talks ended in Nairobi on Friday.").unwrap();
    for (link, to) in [("up1", ".."), ("up2", ".."), ("self", ".")] {
        let _ = std::fs::remove_file(sub.join(link));
        std::os::unix::fs::symlink(to, sub.join(link)).unwrap();
    }
    let pipe = dir.join("pipe.txt");
    let _ = std::fs::remove_file(&pipe);
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    let started = std::time::Instant::now();
    let out = dateline(&["analyze", &dir.to_string_lossy(), "--format", "json"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let err = stderr(&out);
    if made.is_ok_and(|s| s.success()) {
        assert!(
            err.contains("pipe.txt: a named pipe (FIFO), not a regular file, skipped"),
            "{err}"
        );
    }
    assert_eq!(err.matches("directory already walked").count(), 3, "{err}");
}

/// A line far over --max-bytes inside a gzipped JSON Lines file is skipped as it streams (the
/// reader never holds it whole) and the next line is read.
#[test]
fn an_over_long_line_is_skipped_while_streaming() {
    use std::io::Write;
    let dir = scratch("long-line");
    let path = dir.join("feed.jsonl.gz");
    let file = std::fs::File::create(&path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    gz.write_all(b"{\"id\":\"huge\",\"text\":\"").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\"}\n{\"id\":\"after\",\"text\":\"Talks ended in Nairobi.\"}\n")
        .unwrap();
    gz.finish().unwrap();
    let out = dateline(&[
        "analyze",
        &path.to_string_lossy(),
        "--max-bytes",
        "1000000",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["after"]);
    let err = stderr(&out);
    assert!(
        err.contains("feed.jsonl.gz:1: 67108888 bytes is over the 1000000-byte limit"),
        "{err}"
    );
}

/// The count `check` gives for records that do not parse.
fn unparsed(report: &str) -> usize {
    report
        .lines()
        .find_map(|l| l.strip_prefix("records that do not parse: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn examples_store(name: &str) -> std::path::PathBuf {
    let db = scratch(name).join("corpus.db");
    let _ = std::fs::remove_file(&db);
    let out = dateline(&["ingest", "-q", "examples", "--db", &db.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

/// Damage is reported by `check` (exit 1, no bare error), refused by `ingest` before it
/// analyses anything, and never exported as invalid JSON.
#[test]
fn a_damaged_store_is_reported_and_refused() {
    let db = examples_store("damaged");
    let clean = std::fs::read(&db).unwrap();
    let path = db.to_string_lossy().into_owned();
    // Every stored record loses its JSON shape, the pages stay readable.
    let needle = b"\"published_basis\":";
    let mut broken = clean.clone();
    let mut at = 0;
    // A record whose field name straddles two pages stays whole, and a stale copy in free
    // space breaks nothing: most records, not all, are broken.
    let mut damaged = 0;
    while let Some(i) = broken[at..].windows(needle.len()).position(|w| w == needle) {
        broken[at + i..at + i + needle.len()].fill(b'}');
        at += i + needle.len();
        damaged += 1;
    }
    assert!(damaged >= 8, "{damaged}");
    std::fs::write(&db, &broken).unwrap();
    let out = dateline(&["check", "--db", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(unparsed(&stdout(&out)) >= 8, "{}", stdout(&out));
    let out = dateline(&["export", "--format", "jsonl", "--db", &path]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("not valid JSON"), "{}", stderr(&out));
    // 4 KB overwritten in the middle of the file: SQLite's own check fails.
    let mut broken = clean.clone();
    broken[8192..12288].fill(0xab);
    std::fs::write(&db, &broken).unwrap();
    let out = dateline(&["check", "--db", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("integrity ok: 0"), "{}", stdout(&out));
    let out = dateline(&["ingest", "examples/01_cairo_talks.txt", "--db", &path]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("is damaged") && !err.contains("analysed"),
        "{err}"
    );
}

/// A full disk stops the run at once with one message and status 3, for records and reports.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_the_run_with_one_message() {
    let db = examples_store("full-disk");
    let full = || std::fs::File::create("/dev/full").unwrap();
    for args in [
        vec!["analyze", "examples", "--format", "json"],
        vec!["check", "--db", db.to_str().unwrap()],
        vec!["actors", "--db", db.to_str().unwrap()],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(&args)
            .current_dir(root())
            .stdout(full())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        let errors: Vec<&str> = err.lines().filter(|l| l.contains("error")).collect();
        assert_eq!(errors.len(), 1, "{err}");
        assert!(errors[0].contains("No space left on device"), "{err}");
    }
}

/// A reader that closes the pipe early (`| head -1`) ends the run quietly and soon.
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args([
            "analyze", "examples", "examples", "examples", "--format", "json",
        ])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("error"));
}
