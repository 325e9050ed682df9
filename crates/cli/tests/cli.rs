//! Command-line behaviour: bad input, exit codes, stdin, gzip, order, help.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = scratch("bad-inputs");
    std::fs::write(
        dir.join("a_good.txt"),
        "The ministers met in Cairo on Monday. They called for calm.",
    )
    .unwrap();
    std::fs::write(dir.join("b_image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    std::fs::write(dir.join("c_empty.txt"), "").unwrap();
    std::fs::write(dir.join("d_feed.jsonl"), "{\"id\":\"x1\",\"text\":\"Talks began in Doha.\"}\nnot json\n{\"id\":\"x2\",\"text\":\"Talks ended.\"}\n").unwrap();
    std::fs::write(dir.join("e_broken.html"), "<html><body><p>Unclosed <div><p>Officials said the talks in Amman would resume next week after a pause").unwrap();
    let d = dir.to_string_lossy().into_owned();
    let out = dateline(&["analyze", &d, "--threads", "2"]);
    assert!(out.status.success());
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a_good", "x1", "x2", "e_broken"]);
    let err = stderr(&out);
    assert!(
        err.contains("b_image.txt: binary file (PNG image), skipped"),
        "{err}"
    );
    assert!(err.contains("c_empty.txt: empty, skipped"), "{err}");
    assert!(err.contains("d_feed.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("4 articles analysed, 3 skipped"), "{err}");
}

#[test]
fn exit_status_is_nonzero_only_when_nothing_was_read() {
    let out = dateline(&["analyze", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/file.txt: no such file or directory"));
    let out = dateline(&["analyze", "no/such/file.txt", "examples/01_cairo_talks.txt"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn reads_standard_input_and_gzip() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["analyze", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"s1\",\"text\":\"One.\"}\n{\"id\":\"s2\",\"text\":\"Two.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["s1", "s2"]);

    let dir = scratch("gzip");
    let path = dir.join("story.txt.gz");
    let mut gz = flate2_writer(&path);
    gz.write_all(b"GAZA CITY, 12 March - Residents fled south on foot.")
        .unwrap();
    drop(gz);
    let out = dateline(&["analyze", "-q", &path.to_string_lossy()]);
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "story");
    assert_eq!(recs[0]["dateline"]["place"], "Gaza City");
}

/// Writes a gzip file with the system's gzip-compatible encoder from flate2 (a dev dependency of
/// the ingest crate is not visible here, so shell out to `gzip` when present, else write stored).
fn flate2_writer(path: &std::path::Path) -> impl Write {
    struct Gz(std::path::PathBuf, Vec<u8>);
    impl Write for Gz {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.1.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl Drop for Gz {
        fn drop(&mut self) {
            let mut child = Command::new("gzip")
                .arg("-c")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("gzip is installed");
            child.stdin.take().unwrap().write_all(&self.1).unwrap();
            let out = child.wait_with_output().unwrap();
            std::fs::write(&self.0, out.stdout).unwrap();
        }
    }
    Gz(path.to_path_buf(), Vec::new())
}

#[test]
fn output_keeps_input_order_on_many_threads() {
    let dir = scratch("order");
    let mut feed = String::new();
    for i in 0..500 {
        let body = "The council met again and issued a statement. ".repeat(1 + (i * 7) % 40);
        feed += &format!("{{\"id\":\"n{i}\",\"text\":{:?}}}\n", body);
    }
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, feed).unwrap();
    let out = dateline(&["analyze", "-q", "--threads", "4", &path.to_string_lossy()]);
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..500).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn oversized_inputs_are_skipped() {
    let dir = scratch("big");
    std::fs::write(dir.join("big.txt"), "word ".repeat(1000)).unwrap();
    let out = dateline(&[
        "analyze",
        "--max-bytes",
        "100",
        &dir.join("big.txt").to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("5000 bytes is over the 100-byte limit"));
}

#[test]
fn out_file_and_pretty() {
    let dir = scratch("out");
    let path = dir.join("records.jsonl");
    let out = dateline(&[
        "analyze",
        "-q",
        "--out",
        &path.to_string_lossy(),
        "examples/01_cairo_talks.txt",
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written.lines().count(), 1);
    let out = dateline(&["analyze", "-q", "--pretty", "examples/01_cairo_talks.txt"]);
    assert!(stdout(&out).contains("\n  \"schema\": \"dateline/1\""));
}

#[test]
fn a_digest_shows_who_did_what_to_whom_and_pipes_get_json() {
    let out = dateline(&[
        "analyze",
        "-q",
        "--format",
        "digest",
        "examples/08_ankara_visit.html",
    ]);
    assert!(out.status.success());
    let digest = stdout(&out);
    assert!(digest.starts_with("08_ankara_visit  "), "{digest}");
    assert!(!digest.contains('{'), "{digest}");
    for part in [
        "People",
        "Hakan Fidan (foreign minister, TUR)",
        " → CONSULT (visit) → ",
        "Quotes",
    ] {
        assert!(digest.contains(part), "{part} missing from\n{digest}");
    }
    // Standard output is a pipe here: without --format the records are JSON Lines.
    let out = dateline(&["analyze", "-q", "examples/08_ankara_visit.html"]);
    assert!(stdout(&out).starts_with("{\"schema\":\"dateline/1\""));
}

#[test]
fn help_documents_every_flag() {
    let help = stdout(&dateline(&["analyze", "--help"]));
    for flag in [
        "--out",
        "--format",
        "--pretty",
        "--no-text",
        "--published",
        "--threads",
        "--max-bytes",
        "--quiet",
        "--lexicon",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
    // Lexicon extensions change analysis, so only the commands that analyse offer them.
    for command in ["ingest", "tag", "eval", "bench"] {
        assert!(
            stdout(&dateline(&[command, "--help"])).contains("--lexicon"),
            "{command}"
        );
    }
    for command in ["events", "actors", "search", "export", "check"] {
        assert!(
            !stdout(&dateline(&[command, "--help"])).contains("--lexicon"),
            "{command}"
        );
    }
}

#[test]
fn bad_published_date_is_an_error() {
    let out = dateline(&["analyze", "--published", "soon", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--published: bad date \"soon\""));
}

#[test]
fn non_english_is_recorded_but_not_analysed() {
    let out = dateline(&["analyze", "-q", "examples/07_lettre_paris.txt"]);
    let r = &records(&out)[0];
    assert_eq!(r["language"], "fr");
    assert_eq!(r["sentences"].as_array().unwrap().len(), 0);
    assert!(r["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not English"));
}

#[test]
fn lexicon_directory_extends_tables() {
    let dir = scratch("lexicon");
    std::fs::write(dir.join("agencies.tsv"), "NOVA\tNova Wire\tITA\n").unwrap();
    let story = dir.join("s.txt");
    std::fs::write(&story, "ROME, May 3 (NOVA) - The minister spoke.").unwrap();
    let s = story.to_string_lossy().into_owned();
    let without = records(&dateline(&["analyze", "-q", &s]));
    assert_eq!(without[0]["dateline"]["agency"], serde_json::Value::Null);
    let with = records(&dateline(&[
        "analyze",
        "--lexicon",
        &dir.to_string_lossy(),
        "-q",
        &s,
    ]));
    assert_eq!(with[0]["dateline"]["agency"], "Nova Wire");
}

#[test]
fn bench_reports_every_step() {
    let dir = scratch("bench");
    let json = dir.join("bench.json");
    let out = dateline(&[
        "bench",
        "examples",
        "--threads",
        "2",
        "--json",
        &json.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let names: Vec<&str> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    let mut want = vec!["ingest".to_string(), "tokenize".to_string()];
    want.extend(
        dateline_extract::pipeline()
            .stage_names()
            .iter()
            .map(|n| format!("stage: {n}")),
    );
    want.extend(["serialize", "whole pipeline", "whole pipeline"].map(String::from));
    assert_eq!(names, want);
    assert_eq!(report["articles"], 11);
    assert!(report["peak_rss_mb"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_person_added_to_a_lexicon_file_is_found_without_recompiling() {
    let dir = scratch("lexicon-person");
    let story = dir.join("s.txt");
    std::fs::write(
        &story,
        "Officials said Zorbek Quillan would arrive in Geneva on Monday.",
    )
    .unwrap();
    let s = story.to_string_lossy().into_owned();
    let person = |recs: &[serde_json::Value]| -> Option<serde_json::Value> {
        recs[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "person")
            .cloned()
    };
    // The recogniser finds the name; only the lexicon knows who it is.
    let without = person(&records(&dateline(&["analyze", "-q", &s])));
    assert!(
        without.as_ref().is_none_or(|p| p["code"] != "KAZGOV"),
        "no identity without the lexicon: {without:?}"
    );
    std::fs::write(
        dir.join("people.tsv"),
        "Zorbek Quillan\tZ. Quillan\tKAZ\tGOV\tenvoy\n",
    )
    .unwrap();
    let with = records(&dateline(&[
        "analyze",
        "--lexicon",
        &dir.to_string_lossy(),
        "-q",
        &s,
    ]));
    let found = person(&with).expect("a person");
    assert_eq!(found["name"], "Zorbek Quillan");
    assert_eq!(found["code"], "KAZGOV");
}

#[test]
fn tag_prints_conllu_with_spans_into_the_article() {
    let dir = scratch("tag");
    let text =
        "Foreign Minister Anna Berg met Karl Olsen in Oslo on Monday. \"We agree,\" she said.\n";
    let story = dir.join("t.txt");
    std::fs::write(&story, text).unwrap();
    let out = dateline(&["tag", "-q", &story.to_string_lossy()]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("# newdoc id = t\n"));
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 15);
    for cols in &rows {
        assert_eq!(cols.len(), 10, "{cols:?}");
        let (span, ner) = cols[9].split_once('|').unwrap();
        let (a, b) = span.trim_start_matches("Span=").split_once(':').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(&text[a..b], cols[1], "the span points at the form");
        assert!(ner.starts_with("NER="));
        assert_ne!(cols[4], "_", "every token is tagged");
        assert_ne!(cols[7], "_", "every sentence is parsed");
    }
    let roots = rows.iter().filter(|c| c[6] == "0").count();
    assert!(roots >= 2, "one root per sentence at least");
    let person = |name: &str| rows.iter().any(|c| c[1] == name && c[9].contains("PERSON"));
    assert!(person("Berg") && person("Olsen"));
}

#[test]
fn train_rebuilds_a_model_and_reports_agreement() {
    let dir = scratch("train");
    let model = dir.join("tiny.dlm");
    let data = format!(
        "{}/../../testdata/conllu/tiny.conllu",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = dateline(&[
        "train",
        &data,
        "--dev",
        &data,
        "--out",
        &model.to_string_lossy(),
        "--bits",
        "12",
        "--epochs",
        "8",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&model).unwrap();
    assert!(bytes.starts_with(b"DLNLP2\n"));
    let loaded = dateline_nlp::Model::from_bytes(&bytes).unwrap();
    assert!(loaded.labels.ents.get("B-PERSON").is_some());
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("POS accuracy 1.0000"), "{report}");
    // The same files give the same model, byte for byte.
    let again = dir.join("again.dlm");
    let out = dateline(&[
        "train",
        &data,
        "--out",
        &again.to_string_lossy(),
        "--bits",
        "12",
        "--epochs",
        "8",
    ]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

#[test]
fn train_names_a_file_it_cannot_read() {
    let out = dateline(&["train", "/no/such/silver.conllu", "--out", "/tmp/x.dlm"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/silver.conllu"), "{err}");
}

#[test]
fn query_filters_are_checked_before_the_database_is_read() {
    // No database is needed to refuse a filter that cannot match anything.
    let cases: [(&[&str], &str); 9] = [
        (&["events", "--since", "2024-13-45"], "is not a date"),
        (&["events", "--since", "03/01/1987"], "is not a date"),
        (
            &["events", "--limit", "18446744073709551615"],
            "out of range: give a number from 1 to 1000000000",
        ),
        (&["actors", "--limit", "3.5"], "is not a whole number"),
        (&["analyze", "-j", "0", "examples"], "out of range"),
        (&["events", "--until", "yesterday"], "is not a date"),
        (&["events", "--type", "CONSLT"], "unknown event type"),
        (&["figures", "--kind", "KIL"], "unknown figure kind"),
        (
            &["export", "--format", "nope"],
            "possible values: jsonl, plover",
        ),
    ];
    for (args, says) in cases {
        let out = dateline(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    for good in ["2023", "2023-10", "2024-02-29"] {
        let out = dateline(&["events", "--since", good, "--db", "/nonexistent/x.db"]);
        assert!(
            stderr(&out).contains("no corpus database"),
            "{good}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_run_with_no_article_says_why_and_ingest_leaves_no_database() {
    let dir = scratch("no-articles");
    std::fs::write(dir.join("notes.docx"), "not an article").unwrap();
    let d = dir.to_string_lossy().into_owned();
    let out = dateline(&["analyze", "-q", &d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article format"),
        "{}",
        stderr(&out)
    );
    let db = dir.join("corpus.db");
    let out = dateline(&["ingest", &d, "--db", &db.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not created"), "{}", stderr(&out));
    assert!(!db.exists());
}
