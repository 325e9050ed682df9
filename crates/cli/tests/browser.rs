//! The pages in a real browser: headless Chromium loads each page of a store built from
//! `examples/` and the seeds, and the DOM it builds is checked — the seed's Moscow talks on the
//! timeline, the figure chart's series, the network, the stances grid, the quotation of the
//! Russian Foreign Ministry marked on its article — and an article written to inject markup
//! leaves no element of its own in any page.
//!
//! Chromium is found as `$DATELINE_CHROMIUM`, `chromium`, `chromium-browser` or
//! `google-chrome`. Without one the tests say so and pass, unless `DATELINE_BROWSER_TESTS` is
//! `required` (as `.ci/run` sets it after installing Debian's `chromium`), when they fail.

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("DATELINE_CHROMIUM").map(PathBuf::from);
    let found = named.into_iter().chain(
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .filter_map(|name| {
                std::env::var_os("PATH").and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|dir| dir.join(name))
                        .find(|p| p.is_file())
                })
            }),
    );
    let browser = found.into_iter().next();
    if browser.is_none() {
        let required = std::env::var("DATELINE_BROWSER_TESTS").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "DATELINE_BROWSER_TESTS=required but no chromium was found"
        );
        eprintln!("browser tests skipped: no chromium (set DATELINE_CHROMIUM or install chromium)");
    }
    browser
}

/// The DOM Chromium builds from a page, serialised.
fn dom(browser: &PathBuf, server: &Server, path: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--timeout=20000",
            "--dump-dom",
        ])
        .arg(format!("http://{}{path}", server.addr))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("</html>"),
        "chromium built no page for {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// The parts of a DOM that begin with `start` (up to the next one).
fn elements<'a>(dom: &'a str, start: &str) -> Vec<&'a str> {
    dom.split(start).skip(1).collect()
}

fn store(name: &str, inputs: &[&str]) -> String {
    let db = scratch(name).join("corpus.db");
    let _ = std::fs::remove_file(&db);
    let db = db.to_string_lossy().into_owned();
    for input in inputs {
        let out = dateline(&["ingest", "-q", input, "--db", &db]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    db
}

#[test]
fn the_pages_show_the_seed_events_figures_network_and_quotation() {
    let Some(browser) = chromium() else {
        return;
    };
    let db = store("browser-pages", &["examples", "../shared/seeds"]);
    let server = start(&db);

    // The timeline: one event holds Lavrov and Hussein, talks, Moscow and 2023-10-10.
    let timeline = dom(&browser, &server, "/events?actor=Lavrov");
    let talks = elements(&timeline, "<section class=\"event-entry\"")
        .into_iter()
        .find(|e| {
            [
                "Sergey Lavrov",
                "Fuad Hussein",
                "CONSULT",
                "Moscow",
                "2023-10-10",
            ]
            .iter()
            .all(|w| e.contains(w))
        });
    assert!(talks.is_some(), "no Moscow talks in {timeline}");
    assert!(talks
        .unwrap()
        .contains("href=\"/articles/000_9dad7aee16b2e240\""));

    // The figures: charts with their series lines, each line with its points.
    let figures = dom(&browser, &server, "/figures");
    let charts = elements(&figures, "<svg class=\"chart\"");
    assert!(charts.len() >= 3, "{figures}");
    let lines = elements(&figures, "<g class=\"series-line\"");
    assert!(lines.len() >= charts.len(), "{figures}");
    assert!(lines.iter().all(|l| l.contains("class=\"point")));
    assert!(figures.contains("data-source=\"the latest official data\""));

    // The network: actors as nodes, pairs as edges; the overview shows all four parts.
    let network = dom(&browser, &server, "/network");
    assert!(
        elements(&network, "<a class=\"node\"").len() >= 10,
        "{network}"
    );
    assert!(
        elements(&network, "<a class=\"edge\"").len() >= 10,
        "{network}"
    );
    let overview = dom(&browser, &server, "/");
    for part in [
        "<time>2024-04-11</time>",
        "<svg class=\"chart\"",
        "<svg class=\"network\"",
        "href=\"/articles/",
    ] {
        assert!(overview.contains(part), "{part} not in {overview}");
    }

    // The stances grid: Lavrov calls for a ceasefire, with the words behind the cell.
    let stances = dom(&browser, &server, "/stances?actor=Lavrov");
    assert!(
        stances.contains("<th scope=\"row\">Sergey Lavrov</th>"),
        "{stances}"
    );
    assert!(stances.contains("Sergey Lavrov on ceasefire"), "{stances}");

    // The article: the Russian Foreign Ministry's statement marked as its quotation.
    let article = dom(&browser, &server, "/articles/001_470f64bd4f1f7dbd");
    let quotes: Vec<&str> = elements(&article, "<span class=\"quote")
        .into_iter()
        .filter(|q| q.contains("quotation of Russian Ministry of Foreign Affairs"))
        .collect();
    assert!(!quotes.is_empty(), "{article}");

    // Search: the facets and a highlighted match.
    let search = dom(&browser, &server, "/search?q=Moscow");
    assert!(search.contains("<mark>Moscow</mark>"), "{search}");
    assert!(search.contains("data-facet=\"type\""), "{search}");
}

#[test]
fn no_page_runs_or_shows_markup_from_an_article() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = scratch("browser-xss");
    let hostile = dir.join("hostile.jsonl");
    let text = "GENEVA (Reuters) - Foreign Minister Amina Kiprop said on Monday that \"<script>alert(1)</script> must end\", and \"><img src=x onerror=alert(2)> was seen in Geneva. She accused <b onmouseover=alert(6)>Daniel Mwangi</b> of lying. At least 12 people were killed in Geneva, the \"><svg onload=alert(7)> ministry said.";
    let line = serde_json::json!({
        "id": "hostile\"><img src=x onerror=alert(8)>",
        "title": "<script>alert(3)</script>\"><img src=x onerror=alert(4)>",
        "url": "javascript:alert(5)",
        "published": "2024-05-06",
        "text": text,
    });
    std::fs::write(&hostile, format!("{line}\n")).unwrap();
    let db = store("browser-xss-db", &[&hostile.to_string_lossy()]);
    let server = start(&db);
    let article = format!(
        "/articles/{}",
        "hostile%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(8)%3E"
    );
    for path in [
        "/",
        article.as_str(),
        "/events",
        "/figures",
        "/network",
        "/stances",
        "/search?q=alert",
        "/search?q=%3Cscript%3E",
    ] {
        let page = dom(&browser, &server, path);
        for injected in [
            "<script",
            "<img",
            "<svg onload",
            "<b onmouseover",
            "href=\"javascript",
        ] {
            assert!(
                !page.contains(injected),
                "{injected} in the DOM of {path}: {page}"
            );
        }
    }
    // The words are shown, as words.
    let page = dom(&browser, &server, &article);
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}
