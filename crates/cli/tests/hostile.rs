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
