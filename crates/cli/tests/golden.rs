//! Whole records compared with the golden files in testdata/golden. `BLESS=1 cargo test` rewrites
//! them; read the diff before committing. Seed goldens leave the article text out (`--no-text`):
//! the seeds' prose belongs to their publishers.

mod common;
use common::*;

fn check_golden(name: &str, args: &[&str]) {
    let out = dateline(args);
    assert!(out.status.success(), "dateline failed: {}", stderr(&out));
    let actual = stdout(&out);
    let path = root().join("testdata/golden").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run BLESS=1 cargo test", path.display()));
    if actual != expected {
        let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
        let first = a
            .iter()
            .zip(&e)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(e.len()));
        panic!(
            "{name} differs from the golden file at record {first}\n--- expected\n{}\n+++ actual\n{}\n(BLESS=1 rewrites after you have read the diff)",
            e.get(first).unwrap_or(&""),
            a.get(first).unwrap_or(&"")
        );
    }
}

#[test]
fn examples_match_golden() {
    check_golden("examples.jsonl", &["analyze", "-q", "examples"]);
}

#[test]
fn seed_texts_match_golden() {
    let seeds: Vec<String> = (0..5)
        .map(|i| {
            let dir = root().join("../shared/seeds");
            let name = std::fs::read_dir(&dir)
                .expect("../shared/seeds is present")
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with(&format!("00{i}_")) && n.ends_with(".txt"))
                .expect("seed file");
            format!("../shared/seeds/{name}")
        })
        .collect();
    let mut args = vec!["analyze", "-q", "--no-text"];
    args.extend(seeds.iter().map(String::as_str));
    check_golden("seeds.jsonl", &args);
}

#[test]
fn seed_jsonl_matches_golden() {
    check_golden(
        "seeds-jsonl.jsonl",
        &["analyze", "-q", "--no-text", "../shared/seeds/seeds.jsonl"],
    );
}
