//! Feeds and web archives as inputs: each feed item and each HTML response of a WARC is an
//! article with the metadata its container gives; what is not an article is named and the rest
//! of the file goes on. Test files are the team's own (testdata/feeds, testdata/warc, made by
//! scripts/make-warc.py from examples/).

mod common;
use common::*;
use serde_json::Value;

fn strip_origin(mut r: Value) -> Value {
    // What the container adds: where the article came from and its id.
    for key in ["id", "source"] {
        r.as_object_mut().unwrap().remove(key);
    }
    r
}

#[test]
fn a_feed_gives_one_article_an_item_with_its_date_author_and_summary_mark() {
    let out = dateline(&[
        "analyze",
        "testdata/feeds/harbour_post.rss",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = records(&out);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["id"], "hp-2024-0304-ferry");
    // The date as the feed writes it (23:30 at UTC-5 is still March 4th there).
    assert_eq!(r[0]["published"], "2024-03-04");
    assert_eq!(r[0]["published_basis"], "metadata");
    assert_eq!(r[0]["source"]["author"], "Lena Ortiz");
    assert_eq!(r[0]["source"]["outlet"], "Harbour Post");
    assert_eq!(
        r[0]["source"]["url"],
        "https://harbourpost.example/2024/03/04/ferry-talks"
    );
    assert!(r[0]["source"].get("summary_only").is_none());
    assert!(!r[0]["events"].as_array().unwrap().is_empty());
    assert_eq!(r[1]["source"]["summary_only"], true);
    assert!(r[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("Eastmark's foreign ministry"));
    let err = stderr(&out);
    assert!(
        err.contains("harbour_post.rss#3: feed item with neither content nor a summary"),
        "{err}"
    );
    // Gzipped, and found in a directory walk.
    let dir = scratch("feeds-walk");
    let gz = dir.join("harbour.rss.gz");
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(
        &mut e,
        &std::fs::read(root().join("testdata/feeds/harbour_post.rss")).unwrap(),
    )
    .unwrap();
    std::fs::write(&gz, e.finish().unwrap()).unwrap();
    let out = dateline(&["analyze", &dir.to_string_lossy(), "--format", "json"]);
    assert_eq!(records(&out).len(), 2, "{}", stderr(&out));
    // Not a feed: named, and the rest of the batch goes on.
    std::fs::write(
        dir.join("sitemap.xml"),
        "<urlset><url><loc>x</loc></url></urlset>",
    )
    .unwrap();
    let out = dateline(&["analyze", &dir.to_string_lossy(), "--format", "json"]);
    assert_eq!(records(&out).len(), 2);
    assert!(
        stderr(&out).contains("sitemap.xml: not a feed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_web_archive_gives_its_html_pages_with_their_url_and_names_the_rest() {
    let out = dateline(&["analyze", "testdata/warc/crawl.warc.gz", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = records(&out);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["source"]["url"], "https://news.example/pages/1");
    let err = stderr(&out);
    assert!(err.contains("logo.png>: not HTML (image/png)"), "{err}");
    assert!(err.contains("gone>: HTTP status 404"), "{err}");
    // The pages are analysed exactly as the same HTML files are.
    let files = dateline(&[
        "analyze",
        "examples/08_ankara_visit.html",
        "examples/09_security_council.html",
        "--format",
        "json",
    ]);
    let files: Vec<Value> = records(&files).into_iter().map(strip_origin).collect();
    let pages: Vec<Value> = r.into_iter().map(strip_origin).collect();
    assert_eq!(pages, files);
    // Stored: the WARC's pages are articles of the corpus, with their url.
    let db = scratch("warc-store").join("corpus.db");
    let _ = std::fs::remove_file(&db);
    let db = db.to_string_lossy().into_owned();
    let out = dateline(&["ingest", "testdata/warc/crawl.warc.gz", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 stored"), "{}", stderr(&out));
}

#[test]
fn a_page_without_a_date_of_its_own_is_dated_by_its_fetch() {
    let dir = scratch("warc-crawl-date");
    let page = "<html><head><title>Bridge reopens</title></head><body><p>The bridge over the Vell reopened to traffic, the transport ministry said. Engineers had inspected it for two weeks.</p></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://n.example/bridge\r\nWARC-Date: 2024-06-02T10:00:00Z\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let path = dir.join("one.warc");
    std::fs::write(&path, warc).unwrap();
    let out = dateline(&["analyze", &path.to_string_lossy(), "--format", "json"]);
    let r = records(&out);
    assert_eq!(r.len(), 1, "{}", stderr(&out));
    assert_eq!(r[0]["published"], "2024-06-02");
    assert_eq!(r[0]["published_basis"], "crawl");
}

#[test]
fn stored_records_make_the_store_that_ingesting_the_articles_makes() {
    let dir = scratch("records-ingest");
    let records = dir.join("records.jsonl");
    let out = dateline(&["analyze", "examples", "--format", "json", "--threads", "1"]);
    let mut lines = String::from_utf8(out.stdout).unwrap();
    lines.push_str("{\"not\": \"a record\"\n");
    std::fs::write(&records, lines).unwrap();
    let (a, b) = (dir.join("a.db"), dir.join("b.db"));
    for db in [&a, &b] {
        let _ = std::fs::remove_file(db);
    }
    let out = dateline(&[
        "ingest",
        "examples",
        "--db",
        &a.to_string_lossy(),
        "-j",
        "1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(&[
        "ingest",
        "--records",
        &records.to_string_lossy(),
        "--db",
        &b.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("records.jsonl:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a record"), "{}", stderr(&out));
    let events = |db: &std::path::Path| {
        stdout(&dateline(&[
            "events",
            "--db",
            &db.to_string_lossy(),
            "--format",
            "json",
        ]))
    };
    assert_eq!(events(&a), events(&b));
}
