//! `dateline serve` over a real socket: the JSON rows equal the query commands' `--format json`,
//! every answer carries the security headers, and mistakes are answered in words with a status.

mod common;
use common::*;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;

/// (status, headers lowercased, body) of a GET.
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

fn corpus(name: &str) -> String {
    let db = scratch(name).join("corpus.db");
    let _ = std::fs::remove_file(&db);
    let db = db.to_string_lossy().into_owned();
    let out = dateline(&["ingest", "-q", "examples", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

#[test]
fn the_api_answers_with_the_rows_of_the_query_commands() {
    let db = corpus("serve-rows");
    let server = start(&db);
    for (route, command) in [
        ("/api/events?limit=5", vec!["events", "--limit", "5"]),
        ("/api/actors?limit=7", vec!["actors", "--limit", "7"]),
        (
            "/api/figures?kind=KILL",
            vec!["figures", "--kind", "KILL", "--limit", "100"],
        ),
        ("/api/quotes?limit=3", vec!["quotes", "--limit", "3"]),
    ] {
        let (status, head, body) = get(&server, route);
        assert_eq!(status, 200, "{route}: {body}");
        assert!(
            head.contains("content-security-policy: default-src 'none'"),
            "{head}"
        );
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        let mut args = command.clone();
        args.extend(["--format", "json", "--db", &db]);
        let expected: Value = serde_json::from_str(&stdout(&dateline(&args))).unwrap();
        let served: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(served, expected, "{route}");
    }
    // A page and the count of every matching row.
    let (_, head, body) = get(&server, "/api/events?limit=2&offset=1");
    let page: Vec<Value> = serde_json::from_str(&body).unwrap();
    let all: Vec<Value> = serde_json::from_str(&get(&server, "/api/events?limit=1000").2).unwrap();
    assert_eq!(page, all[1..3].to_vec());
    assert!(
        head.contains(&format!("x-total-count: {}", all.len())),
        "{head}"
    );
}

/// (status, body) of a POST with the given extra headers and body.
fn post(server: &Server, path: &str, headers: &[&str], body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr,
        body.len()
    );
    for h in headers {
        head += &format!("{h}\r\n");
    }
    head += "\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    // A server may refuse before reading the whole body; what it answered is still read.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap();
    (status, body.to_string())
}

/// A multipart/form-data body of (field, file name, content) parts, and its content type.
fn multipart(parts: &[(&str, Option<&str>, &str)]) -> (String, Vec<u8>) {
    let boundary = "dateline-test-boundary-7f3a";
    let mut body = String::new();
    for (field, file, content) in parts {
        body += &format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"");
        if let Some(f) = file {
            body += &format!("; filename=\"{f}\"\r\nContent-Type: application/octet-stream");
        }
        body += &format!("\r\n\r\n{content}\r\n");
    }
    body += &format!("--{boundary}--\r\n");
    (
        format!("Content-Type: multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

#[test]
fn ingest_from_the_page_needs_the_flag_and_the_token_and_says_what_it_skipped() {
    let db = corpus("serve-ingest");
    let story = "NAIROBI, March 3 (Reuters) - Kenya's foreign minister Amina Kiprop met her Ugandan counterpart Daniel Mwangi in Nairobi on Tuesday, a ministry statement said.\n";
    // Off unless asked for.
    let server = start(&db);
    let (status, body) = post(&server, "/api/ingest?name=a.txt", &[], story.as_bytes());
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--allow-ingest"), "{body}");
    drop(server);

    let token = "a-test-token-of-twenty-six";
    let server = start_with(
        &db,
        &["--allow-ingest", "--token", token, "--max-upload", "1"],
    );
    let bearer = format!("Authorization: Bearer {token}");
    for wrong in [vec![], vec!["Authorization: Bearer nope"]] {
        let (status, body) = post(&server, "/api/ingest?name=a.txt", &wrong, story.as_bytes());
        assert_eq!(status, 401, "{body}");
    }
    let (status, body) = post(
        &server,
        "/api/ingest?name=kiprop.txt",
        &[bearer.as_str()],
        story.as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    let report: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["stored"], 1, "{report}");
    let people = rows(&server, "/api/actors?limit=1000");
    assert!(people.iter().any(|p| p["name"] == "Amina Kiprop"));
    // Too large: refused, said.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let (status, body) = post(
        &server,
        "/api/ingest?name=big.txt",
        &[bearer.as_str()],
        &big,
    );
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("--max-upload"), "{body}");
    // The form: files and pasted text, the token as a field; a bad line is named and skipped.
    let feed = "{\"id\": \"ok-1\", \"text\": \"ROME (AP) - Italy's prime minister Giulia Ferri called for calm on Monday.\"}\n{\"id\": \"broken\", \"text\": \n";
    let (kind, body) = multipart(&[
        ("files", Some("feed.jsonl"), feed),
        (
            "text",
            None,
            "LIMA (AP) - Peru's president Rosa Quispe arrived in Quito on Friday.",
        ),
        ("token", None, token),
    ]);
    let (status, page) = post(&server, "/ingest", &[kind.as_str()], &body);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<b>2 stored</b>"), "{page}");
    assert!(page.contains("upload:1-feed.jsonl:2"), "{page}");
    let (kind, body) = multipart(&[("text", None, "Anything."), ("token", None, "wrong")]);
    let (status, page) = post(&server, "/ingest", &[kind.as_str()], &body);
    assert_eq!(status, 401, "{page}");
    assert!(
        page.contains("text/html") || page.contains("<!doctype html>"),
        "{page}"
    );
}

/// The rows of a JSON route.
fn rows(server: &Server, path: &str) -> Vec<Value> {
    let (status, _, body) = get(server, path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn the_views_routes_give_pairs_series_points_evidence_and_facets() {
    let db = corpus("serve-views");
    let out = dateline(&["ingest", "-q", "../shared/seeds", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let server = start(&db);
    // Talks of two who met are one undirected pair; an appeal to someone is directed.
    let pairs = rows(&server, "/api/network?limit=1000");
    let pair = |a: &str, b: &str, kind: &str| {
        pairs.iter().find(|p| {
            p["source"] == a && p["target"] == b && p["type"] == kind
                || p["source"] == b && p["target"] == a && p["type"] == kind
        })
    };
    let talks = pair("Sergey Lavrov", "Fuad Hussein", "CONSULT").expect("the Moscow talks");
    assert_eq!(talks["directed"], false);
    assert!(talks["events"].as_i64().unwrap() >= 1);
    let appeal = pair("Sergey Lavrov", "Joe Biden", "REQUEST").expect("the appeal to Biden");
    assert_eq!(appeal["directed"], true);
    assert_eq!(appeal["source"], "Sergey Lavrov");
    // Only the pairs of a period.
    for p in rows(&server, "/api/network?since=2024-01-01&limit=1000") {
        assert_ne!(p["source"], "Fuad Hussein", "{p}");
    }
    // Every figure is a point, dated by its as-of date or its story's date.
    let figures = rows(&server, "/api/figures?limit=1000");
    let points = rows(&server, "/api/figures/points?limit=1000");
    assert_eq!(points.len(), figures.len());
    assert!(points
        .iter()
        .any(|p| p["dated_by"] == "as of" && p["given_by"] == "the latest official data"));
    // A stance with the words it was read from.
    let evidence = rows(
        &server,
        "/api/stances/evidence?actor=Lavrov&issue=ceasefire",
    );
    assert!(!evidence.is_empty());
    for e in &evidence {
        assert_eq!(e["actor"], "Sergey Lavrov");
        let words = e["evidence"].as_str().unwrap();
        let article = format!("/api/articles/{}", e["article"].as_str().unwrap());
        let record: Value = serde_json::from_str(&get(&server, &article).2).unwrap();
        assert!(
            !words.is_empty() && record["text"].as_str().unwrap().contains(words),
            "{e}"
        );
    }
    // A pair's events, the same rows as `dateline events --actor A --with B`.
    let pair = rows(&server, "/api/events?actor=Lavrov&with=Hussein");
    assert!(!pair.is_empty());
    for e in &pair {
        let actors = e["actors"].to_string() + &e["recipients"].to_string();
        assert!(
            actors.contains("Lavrov") && actors.contains("Hussein"),
            "{e}"
        );
    }
    let args = [
        "events", "--actor", "Lavrov", "--with", "Hussein", "--format", "json", "--db", &db,
    ];
    let command: Vec<Value> = serde_json::from_str(&stdout(&dateline(&args))).unwrap();
    assert_eq!(command, pair);
    // Search narrowed by place and by month, and its facets.
    let gaza = rows(&server, "/api/search?q=Gaza");
    let moscow = rows(&server, "/api/search?q=Gaza&place=Moscow");
    assert!(!moscow.is_empty() && moscow.len() < gaza.len());
    assert!(moscow
        .iter()
        .any(|r| r["article"] == "000_9dad7aee16b2e240"));
    for r in rows(&server, "/api/search?q=Gaza&since=2024-01&until=2024-01") {
        assert!(
            r["published"].as_str().unwrap().starts_with("2024-01"),
            "{r}"
        );
    }
    let facets = rows(&server, "/api/search/facets?q=Gaza");
    for facet in ["month", "outlet", "actor", "type", "place"] {
        assert!(facets.iter().any(|f| f["facet"] == facet), "{facet}");
    }
    let month = facets.iter().find(|f| f["value"] == "2023-10").unwrap();
    let (_, head, _) = get(&server, "/api/search?q=Gaza&since=2023-10&until=2023-10");
    assert!(
        head.contains(&format!("x-total-count: {}", month["articles"])),
        "{head}"
    );
    // Articles, the latest first, counted.
    let (_, head, body) = get(&server, "/api/articles?limit=2");
    let latest: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(latest.len(), 2);
    assert!(latest[0]["published"].as_str() >= latest[1]["published"].as_str());
    let every = rows(&server, "/api/articles?limit=1000").len();
    assert!(every > 10);
    assert!(head.contains(&format!("x-total-count: {every}")), "{head}");
}

#[test]
fn an_article_is_its_stored_record_and_mistakes_are_said() {
    let db = corpus("serve-mistakes");
    let server = start(&db);
    let (status, _, body) = get(&server, "/api/articles/01_cairo_talks");
    assert_eq!(status, 200);
    let record: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(record["id"], "01_cairo_talks");
    for (path, want, words) in [
        ("/api/articles/no-such-story", 404, "no article"),
        (
            "/api/events?since=2023-13-45",
            400,
            "since: \"2023-13-45\" is not a date",
        ),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=5000", 400, "more than the 1000 rows"),
        ("/api/events?type=PARTY", 400, "type"),
        (
            "/api/events?actor=Nobody%20Atall",
            404,
            "GET /api/actors lists them",
        ),
        ("/api/timeline", 400, "\"actor\" is required"),
        ("/api/search?q=AND%20OR&raw=true", 400, "raw=true"),
        ("/api/nothing-here", 404, "GET /api lists them"),
    ] {
        let (status, head, body) = get(&server, path);
        assert_eq!(status, want, "{path}: {body}");
        assert!(head.contains("application/json"), "{head}");
        let error: Value = serde_json::from_str(&body).unwrap();
        let message = error["error"].as_str().unwrap();
        assert!(message.contains(words), "{path}: {message}");
    }
}

#[test]
fn serve_refuses_what_is_not_a_corpus() {
    let dir = scratch("serve-refuse");
    let not_db = dir.join("notes.txt");
    std::fs::write(
        &not_db,
        "these are words, not a database, and long enough to tell",
    )
    .unwrap();
    let out = dateline(&[
        "serve",
        "--db",
        &not_db.to_string_lossy(),
        "--addr",
        "127.0.0.1:0",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not a dateline corpus"),
        "{}",
        stderr(&out)
    );
    let missing = dir.join("missing.db");
    let out = dateline(&["serve", "--db", &missing.to_string_lossy()]);
    assert!(
        stderr(&out).contains("no corpus database"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_article_page_draws_its_annotations_and_runs_nothing_from_the_article() {
    let dir = scratch("serve-page");
    let db = dir.join("corpus.db");
    let _ = std::fs::remove_file(&db);
    let db = db.to_string_lossy().into_owned();
    let hostile = dir.join("hostile.jsonl");
    let text = "GENEVA (Reuters) - Foreign Minister Amina Kiprop said on Monday that \"<script>alert(1)</script> must end\", and \"><img src=x onerror=alert(2)> was seen in Geneva. She met Daniel Mwangi in Geneva.";
    let line = serde_json::json!({
        "id": "hostile",
        "title": "<script>alert(3)</script>\"><img src=x onerror=alert(4)>",
        "url": "javascript:alert(5)",
        "published": "2024-05-06",
        "text": text,
    });
    std::fs::write(&hostile, format!("{line}\n")).unwrap();
    for input in [
        hostile.to_string_lossy().into_owned(),
        "../shared/seeds/seeds.jsonl".into(),
    ] {
        let out = dateline(&["ingest", "-q", &input, "--db", &db]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let server = start(&db);
    let (status, head, page) = get(&server, "/articles/hostile");
    assert_eq!(status, 200, "{page}");
    assert!(
        head.contains("content-security-policy: default-src 'none'; style-src 'self'"),
        "{head}"
    );
    for injected in [
        "<script",
        "<img",
        "javascript:alert(5)\"",
        "href=\"javascript",
    ] {
        assert!(!page.contains(injected), "{injected} in {page}");
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
    // The seed's statement of the Russian Foreign Ministry is marked as its quotation.
    let (status, _, seed) = get(&server, "/articles/001_470f64bd4f1f7dbd");
    assert_eq!(status, 200);
    assert!(
        seed.contains("class=\"quote\" title=\"quotation of Russian Ministry of Foreign Affairs"),
        "{seed}"
    );
    assert!(seed.contains("class=\"event"), "{seed}");
    // The timeline of Lavrov's events shows the seed's talks in Moscow with their report.
    let (status, _, timeline) = get(
        &server,
        "/events?actor=Sergey%20Lavrov&since=2023-10-10&until=2023-10-10",
    );
    assert_eq!(status, 200, "{timeline}");
    for shown in [
        "<time>2023-10-10</time> · CONSULT",
        "Fuad Hussein",
        "Moscow",
        "href=\"/articles/000_",
    ] {
        assert!(timeline.contains(shown), "{shown} not in {timeline}");
    }
    // No page shows the article's markup as markup.
    for path in [
        "/",
        "/events?limit=1000",
        "/figures",
        "/network",
        "/stances",
        "/search?q=Geneva",
    ] {
        let (status, _, all) = get(&server, path);
        assert_eq!(status, 200, "{path}: {all}");
        for injected in ["<script", "<img"] {
            assert!(!all.contains(injected), "{injected} in {path}");
        }
    }
    let (status, head, body) = get(&server, "/events?since=yesterday");
    assert_eq!(status, 400, "{body}");
    // A page's mistake is answered as a page.
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("since: "), "{body}");
    let (status, head, body) = get(&server, "/no-such-page");
    assert_eq!(status, 404, "{body}");
    assert!(
        head.contains("text/html") && body.contains("/no-such-page"),
        "{body}"
    );
    // Search: matches highlighted, the article's markup escaped.
    let (status, _, found) = get(&server, "/search?q=alert");
    assert_eq!(status, 200, "{found}");
    assert!(found.contains("<mark>alert</mark>"), "{found}");
    assert!(found.contains("href=\"/articles/hostile\""), "{found}");
    assert!(
        !found.contains("<script") && !found.contains("<img"),
        "{found}"
    );
    let (status, _, found) = get(&server, "/search?q=Fuad%20Hussein");
    assert_eq!(status, 200);
    assert!(
        found.contains("<mark>Fuad</mark> <mark>Hussein</mark>"),
        "{found}"
    );
    let (status, head, css) = get(&server, "/static/app.css");
    assert_eq!(status, 200);
    assert!(
        head.contains("text/css") && css.contains(".quote"),
        "{head}"
    );
}
