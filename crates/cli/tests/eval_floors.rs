//! The CI regression guard: the fast evaluation sets must stay above their floors.

mod common;
use common::*;

#[test]
fn fast_evaluation_sets_hold_their_floors() {
    let out = dateline(&[
        "eval",
        "--floors",
        "testdata/eval-floors.tsv",
        "scrapinghub-article-extraction-benchmark",
        "trafilatura-eval-en",
        "htmldate-eval-mediacloud2020",
        "meantime-en",
        "tempeval3-platinum",
        "ucdp-ged",
        "plover-gsr",
    ]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    // Every floor in the file is checked, none skipped.
    let floors = std::fs::read_to_string(root().join("testdata/eval-floors.tsv")).unwrap();
    let count = floors
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    let held = format!("all {count} floors held");
    assert!(stderr(&out).contains(&held), "{}", stderr(&out));
}

#[test]
fn every_data_set_has_a_working_reader() {
    let out = dateline(&["eval", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for dataset in stdout(&dateline(&["eval", "--list"])).lines() {
        assert!(table.contains(dataset), "{dataset} missing from\n{table}");
    }
}
