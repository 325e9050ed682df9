//! The corpus store through the command line: idempotent ingest, near-copies adding mentions not
//! events, alias lookups, exports with their documented column counts, and a killed ingest that
//! leaves a consistent database the next run completes.

mod common;
use common::*;
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn db(name: &str) -> String {
    let dir = scratch(name);
    dir.join("corpus.db").to_string_lossy().into_owned()
}

fn check_counts(db: &str) -> Vec<(String, i64)> {
    let out = dateline(&["check", "--db", db]);
    stdout(&out)
        .lines()
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.trim().parse().unwrap_or(-1)))
        })
        .collect()
}

fn count(db: &str, what: &str) -> i64 {
    check_counts(db)
        .into_iter()
        .find(|(k, _)| k == what)
        .map_or(-1, |(_, v)| v)
}

#[test]
fn ingesting_the_seeds_twice_stores_five_articles() {
    let db = db("twice");
    for _ in 0..2 {
        let out = dateline(&["ingest", "../shared/seeds/seeds.jsonl", "--db", &db]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(count(&db, "articles"), 5);
    assert!(dateline(&["check", "--db", &db]).status.success());
    let second = dateline(&["ingest", "../shared/seeds/seeds.jsonl", "--db", &db]);
    assert!(stderr(&second).contains("0 stored") && stderr(&second).contains("5 already stored"));
}

/// What `events --format json` says happened, when, where, between whom and in which articles,
/// sorted. Left out: the store's ids (a replaced copy's events are stored afresh), the CAMEO
/// code and mode of an event merged from several reports (the first report stored gives them),
/// and the count of sources (the files the copies came from).
fn events_told(db: &str) -> Vec<String> {
    let out = dateline(&["events", "--db", db, "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let mut told: Vec<String> = rows
        .iter()
        .map(|row| {
            let fields = [
                "type",
                "status",
                "date",
                "place",
                "actors",
                "recipients",
                "reported_in",
                "mentions",
            ];
            fields.map(|f| row[f].to_string()).join(" ")
        })
        .collect();
    told.sort();
    told
}

#[test]
fn the_copy_with_more_metadata_wins_whichever_comes_first() {
    // ../shared/seeds holds each story twice: as an undated .txt and as a dated JSON line.
    let dated = db("dated-only");
    let out = dateline(&["ingest", "../shared/seeds/seeds.jsonl", "--db", &dated]);
    assert!(out.status.success(), "{}", stderr(&out));
    let both = db("folder");
    let out = dateline(&["ingest", "../shared/seeds", "--db", &both]);
    assert!(
        // One .txt states its date in a crawl header: a tie, and the first copy stays.
        stderr(&out).contains("5 stored") && stderr(&out).contains("4 replaced"),
        "{}",
        stderr(&out)
    );
    let reversed = db("dated-first");
    let mut paths = vec!["ingest", "../shared/seeds/seeds.jsonl"];
    let txt: Vec<String> = (0..5)
        .map(|i| {
            let name = std::fs::read_dir(root().join("../shared/seeds"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with(&format!("00{i}_")) && n.ends_with(".txt"))
                .unwrap();
            format!("../shared/seeds/{name}")
        })
        .collect();
    paths.extend(txt.iter().map(String::as_str));
    paths.extend(["--db", &reversed]);
    let out = dateline(&paths);
    assert!(
        stderr(&out).contains("5 already stored"),
        "{}",
        stderr(&out)
    );
    let expected = events_told(&dated);
    let dated_events = expected
        .iter()
        .filter(|e| e.split(' ').nth(2) != Some("null"))
        .count();
    assert!(dated_events >= expected.len() / 2, "{expected:#?}");
    for db in [&both, &reversed] {
        assert_eq!(events_told(db), expected);
        let counts = check_counts(db);
        for (name, n) in &counts {
            if name.starts_with("orphan")
                || name.contains("without")
                || name.ends_with("out of step")
            {
                assert_eq!(*n, 0, "{name} in {db}");
            }
        }
        assert!(counts.contains(&("articles".to_string(), 5)), "{counts:?}");
    }
}

#[test]
fn a_near_copy_adds_mentions_not_events() {
    let db = db("near-copy");
    let dir = scratch("near-copy-input");
    let seeds = std::fs::read_to_string(root().join("../shared/seeds/seeds.jsonl")).unwrap();
    let mut first: Value = serde_json::from_str(seeds.lines().next().unwrap()).unwrap();
    first["id"] = "000_copy".into();
    let text = first["text"]
        .as_str()
        .unwrap()
        .replace("have held talks", "held talks")
        + "\n\nThe two ministers will meet again next year.";
    first["text"] = text.into();
    let copy = dir.join("copy.jsonl");
    std::fs::write(&copy, format!("{first}\n")).unwrap();
    let out = dateline(&[
        "ingest",
        "../shared/seeds/seeds.jsonl",
        &copy.to_string_lossy(),
        "--db",
        &db,
    ]);
    assert!(
        stderr(&out).contains("1 near-duplicates"),
        "{}",
        stderr(&out)
    );
    let events: Vec<Value> = serde_json::from_str(&stdout(&dateline(&[
        "events",
        "--actor",
        "Sergei Lavrov",
        "--db",
        &db,
        "--format",
        "json",
    ])))
    .unwrap();
    let moscow: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "CONSULT" && e["place"] == "Moscow")
        .collect();
    assert_eq!(moscow.len(), 1, "one meeting");
    // Typed as the records are: numbers, arrays, null.
    assert_eq!(moscow[0]["mentions"], 2);
    assert_eq!(moscow[0]["articles"], 2);
    let dates: Vec<&str> = events
        .iter()
        .filter_map(|e| e["date"].as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "Lavrov's events come in date order");
    assert!(events
        .iter()
        .all(|e| !e["reported_in"].as_array().unwrap().is_empty()));
}

#[test]
fn queries_resolve_aliases_and_exports_have_their_columns() {
    let db = db("queries");
    assert!(dateline(&[
        "ingest",
        "-q",
        "../shared/seeds/seeds.jsonl",
        "examples",
        "--db",
        &db
    ])
    .status
    .success());
    let actors: Vec<Value> = serde_json::from_str(&stdout(&dateline(&[
        "actors", "--db", &db, "--format", "json",
    ])))
    .unwrap();
    let lavrov = actors
        .iter()
        .find(|a| a["name"] == "Sergey Lavrov")
        .unwrap();
    assert_eq!(lavrov["articles"], 4);
    assert!(lavrov["aliases"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Sergei Lavrov")));
    let search = stdout(&dateline(&[
        "search",
        "\"humanitarian truce\"",
        "--db",
        &db,
        "--format",
        "csv",
    ]));
    assert!(search.contains("[humanitarian truce]"));
    // Ordinary news words search as written; raw syntax errors are told once, in words.
    for words in ["U.N.", "Erdogan's", "\"Security", "*", "cease-fire"] {
        let out = dateline(&["search", words, "--db", &db, "--format", "json"]);
        assert!(out.status.success(), "{words}: {}", stderr(&out));
        let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
        if matches!(words, "*" | "\"Security") {
            assert_eq!(rows.is_empty(), words == "*", "{words}");
        }
    }
    // A place by an alias, a speaker by surname.
    let gaza = stdout(&dateline(&[
        "events", "--place", "Gaza", "--db", &db, "--format", "json",
    ]));
    let gaza: Vec<Value> = serde_json::from_str(&gaza).unwrap();
    assert!(gaza.iter().all(|e| e["place"] == "Gaza Strip") && !gaza.is_empty());
    let by_surname = stdout(&dateline(&[
        "quotes",
        "--speaker",
        "Ghebreyesus",
        "--db",
        &db,
        "--format",
        "json",
    ]));
    let by_surname: Vec<Value> = serde_json::from_str(&by_surname).unwrap();
    assert!(!by_surname.is_empty());
    // Rows use the record's field names and types: `direct` a boolean, `text` the quotation,
    // `article` the record's id (a string).
    let quote = by_surname[0].as_object().unwrap();
    let keys: Vec<&str> = quote.keys().map(String::as_str).collect();
    assert_eq!(keys, ["article", "direct", "published", "speaker", "text"]);
    assert!(
        quote["direct"].is_boolean() && quote["article"].is_string(),
        "{quote:?}"
    );
    let raw = dateline(&["search", "\"Security", "--raw", "--db", &db]);
    assert_eq!(raw.status.code(), Some(2));
    assert_eq!(
        stderr(&raw).matches("unterminated string").count(),
        1,
        "{}",
        stderr(&raw)
    );
    let quotes = stdout(&dateline(&[
        "quotes",
        "--speaker",
        "Kremlin",
        "--db",
        &db,
        "--format",
        "json",
    ]));
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&quotes).unwrap().len(),
        3
    );
    let stances = stdout(&dateline(&[
        "stances",
        "--issue",
        "ceasefire",
        "--db",
        &db,
        "--format",
        "csv",
    ]));
    assert!(stances
        .lines()
        .any(|l| l.starts_with("Sergey Lavrov,ceasefire,call_for")));
    let timeline = stdout(&dateline(&[
        "timeline", "Lavrov", "--db", &db, "--format", "csv",
    ]));
    assert!(timeline.lines().count() > 10);
    let figures: Vec<Value> = serde_json::from_str(&stdout(&dateline(&[
        "figures", "--kind", "KILL", "--db", &db, "--format", "json",
    ])))
    .unwrap();
    assert!(figures
        .iter()
        .any(|f| f["count"] == 33300.0 && f["country"] == "PSE"));
    for row in stdout(&dateline(&["export", "--format", "gkg", "--db", &db])).lines() {
        gkg_row_parses(row);
    }
    for (format, columns) in [("gdelt-events", 61), ("gkg", 27)] {
        let rows = stdout(&dateline(&["export", "--format", format, "--db", &db]));
        assert!(rows.lines().count() > 5);
        assert!(
            rows.lines().all(|l| l.split('\t').count() == columns),
            "{format} rows have {columns} columns"
        );
    }
    // CSV: events that occurred, one line each.
    let csv = stdout(&dateline(&["export", "--format", "csv", "--db", &db]));
    let status = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "status");
    assert_eq!(status, Some(8));
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",occurred,")),
        "{csv}"
    );
    let planned = stdout(&dateline(&[
        "export", "--format", "plover", "--status", "planned", "--db", &db,
    ]));
    let planned: Vec<Value> = planned
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!planned.is_empty() && planned.iter().all(|r| r["context"][0] == "future"));
    let events = dateline(&["export", "--format", "gdelt-events", "--db", &db]);
    for row in stdout(&events).lines() {
        gdelt_event_row_is_whole(row);
    }
    // Mentions: one 16-column row per report of an exported event, timestamps to the second.
    let ids: Vec<String> = stdout(&events)
        .lines()
        .map(|r| r.split('\t').next().unwrap().to_string())
        .collect();
    let mentions = stdout(&dateline(&[
        "export",
        "--format",
        "gdelt-mentions",
        "--db",
        &db,
    ]));
    assert!(mentions.lines().count() >= ids.len());
    for row in mentions.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 16, "{row}");
        assert!(ids.iter().any(|id| id == cols[0]), "{row}");
        assert!(cols[1].len() == 14 && cols[2].len() == 14, "{row}");
        assert!(
            cols[6].parse::<usize>().unwrap() >= 1,
            "SentenceID in {row}"
        );
        assert!(
            cols[9].parse::<usize>().is_ok() && cols[11] == "100",
            "{row}"
        );
    }
    let plover = stdout(&dateline(&["export", "--format", "plover", "--db", &db]));
    assert!(plover.lines().count() > 5);
    for line in plover.lines() {
        plover_record_is_whole(&serde_json::from_str(line).unwrap());
    }
    let records = stdout(&dateline(&["export", "--format", "jsonl", "--db", &db]));
    assert_eq!(records.lines().count(), 5 + 11);
    let unknown = dateline(&["events", "--actor", "Nobody Atall", "--db", &db]);
    assert!(!unknown.status.success() && stderr(&unknown).contains("no actor matches"));
}

/// A GDELT 2.0 event row as the codebook defines the columns dateline fills: a whole day in
/// SQLDATE, MonthYear, Year and FractionDate, a Goldstein value in range, DATEADDED as
/// YYYYMMDDHHMMSS, a source, and an actor country that agrees with the actor code.
fn gdelt_event_row_is_whole(row: &str) {
    let cols: Vec<&str> = row.split('\t').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    assert!(digits(cols[1], 8), "SQLDATE in {row}");
    assert_eq!((cols[2], cols[3]), (&cols[1][..6], &cols[1][..4]), "{row}");
    let fraction: f64 = cols[4].parse().expect("FractionDate");
    assert_eq!(
        fraction.trunc() as i64,
        cols[3].parse::<i64>().unwrap(),
        "{row}"
    );
    let goldstein: f64 = cols[30].parse().expect("GoldsteinScale");
    assert!((-10.0..=10.0).contains(&goldstein), "{row}");
    assert!(
        ["1", "2", "3", "4"].contains(&cols[29]),
        "QuadClass in {row}"
    );
    assert_eq!(cols[34], "0", "AvgTone in {row}");
    assert!(digits(cols[59], 14), "DATEADDED in {row}");
    assert!(!cols[60].is_empty(), "SOURCEURL in {row}");
    if !cols[51].is_empty() {
        let kind: u8 = cols[51].parse().expect("ActionGeo_Type");
        assert!(
            (1..=5).contains(&kind) && !cols[53].is_empty(),
            "ActionGeo in {row}"
        );
        for coordinate in [cols[56], cols[57]].into_iter().filter(|c| !c.is_empty()) {
            coordinate.parse::<f64>().expect("ActionGeo coordinates");
        }
    }
    for (code, country) in [(cols[5], cols[7]), (cols[15], cols[17])] {
        if code.len() >= 3 && !country.is_empty() && !code.starts_with("IGO") {
            assert!(
                code.starts_with(country) || country.len() != 3,
                "{code} with {country} in {row}"
            );
        }
    }
}

/// A PLOVER record with the manual's required fields and shapes: `id`, `date` as YYYY-MM-DD,
/// `source` a list of actor objects with a 3-letter `code`, `event` a list; a recipient for
/// the categories that require one; a quad code from 1 to 4; modes from the manual's lists.
fn plover_record_is_whole(r: &Value) {
    assert!(r["id"].is_string(), "{r}");
    let date = r["date"].as_str().expect("date");
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "{r}"
    );
    let source = r["source"].as_array().expect("source list");
    assert!(
        !source.is_empty()
            && source
                .iter()
                .all(|a| a["code"].as_str().is_some_and(|c| c.len() == 3)),
        "{r}"
    );
    let event = r["event"].as_array().expect("event list");
    let category = event[0].as_str().unwrap();
    if matches!(category, "COOPERATE" | "AID" | "SANCTION") {
        assert!(
            r["recipient"].as_array().is_some_and(|a| !a.is_empty()),
            "{r}"
        );
    }
    assert!(
        (1..=4).contains(&r["quad_code"].as_u64().unwrap_or(0)),
        "{r}"
    );
    assert!(r["cite_info"]["language"] == "en", "{r}");
    assert!(
        r.get("target").is_none() && r.get("location").is_none(),
        "{r}"
    );
    if let Some(mode) = r.get("mode") {
        let mode = mode[0].as_str().unwrap();
        let allowed = match category {
            "CONSULT" => "visit third-party multilateral phone",
            "ASSAULT" => "abduct beat torture execute sexual assassinate destroy primitive firearms explosives suicide-attack heavy-weapons",
            "DEMAND" => "economic military humanitarian asylum assist change yield meet",
            "REJECT" => "assist change yield meet",
            "RETREAT" => "withdraw release return disarm ceasefire access resign",
            "AID" => "economic military humanitarian asylum",
            _ => "",
        };
        assert!(
            allowed.split(' ').any(|m| m == mode)
                || !["CONSULT", "ASSAULT", "DEMAND", "REJECT", "RETREAT", "AID"]
                    .contains(&category),
            "{category} mode {mode}"
        );
    }
}

/// A GKG 2.1 row read field by field as the codebook lays them out; every part that must be a
/// number is one.
fn gkg_row_parses(row: &str) {
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols.len(), 27, "{row}");
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (id, date) = cols[0].split_once('-').expect("GKGRECORDID");
    assert!(
        number(id) && id.len() == 14 && number(date),
        "GKGRECORDID {}",
        cols[0]
    );
    assert!(
        number(cols[1]) && cols[1].len() == 14,
        "V2.1DATE {}",
        cols[1]
    );
    assert!(
        !cols[3].is_empty() && !cols[4].is_empty(),
        "source name and document in {row}"
    );
    let each = |field: &str, sep: char| -> Vec<Vec<String>> {
        field
            .split(sep)
            .filter(|b| !b.is_empty())
            .map(|b| b.split('#').map(str::to_string).collect())
            .collect()
    };
    for c in each(cols[5], ';') {
        assert!(c.len() == 10 && number(&c[1]), "V1COUNTS {c:?}");
    }
    for c in each(cols[6], ';') {
        assert!(
            c.len() == 11 && number(&c[1]) && number(&c[10]),
            "V2.1COUNTS {c:?}"
        );
    }
    for l in each(cols[9], ';') {
        assert!(
            l.len() == 7 && ["1", "2", "3", "4", "5"].contains(&l[0].as_str()),
            "V1LOCATIONS {l:?}"
        );
        let coordinates = [&l[4], &l[5]];
        assert!(
            coordinates
                .iter()
                .all(|c| c.is_empty() || c.parse::<f64>().is_ok()),
            "V1LOCATIONS coordinates {l:?}"
        );
    }
    for l in each(cols[10], ';') {
        assert!(l.len() == 9 && number(&l[8]), "V2ENHANCEDLOCATIONS {l:?}");
    }
    for field in [cols[12], cols[14], cols[23]] {
        for p in field.split(';').filter(|p| !p.is_empty()) {
            let (name, offset) = p.rsplit_once(',').expect("name,offset");
            assert!(!name.is_empty() && number(offset), "enhanced name {p}");
        }
    }
    let tone: Vec<&str> = cols[15].split(',').collect();
    assert!(
        tone.len() == 7 && tone.iter().all(|t| t.parse::<f64>().is_ok()),
        "V1.5TONE {}",
        cols[15]
    );
    for d in each(cols[16], ';') {
        assert!(
            d.len() == 5 && d.iter().all(|p| number(p)),
            "V2.1ENHANCEDDATES {d:?}"
        );
    }
    for q in cols[22].split('#').filter(|q| !q.is_empty()) {
        let parts: Vec<&str> = q.split('|').collect();
        assert!(
            parts.len() == 4 && number(parts[0]) && number(parts[1]),
            "V2.1QUOTATIONS {q}"
        );
    }
    for a in cols[24].split(';').filter(|a| !a.is_empty()) {
        let parts: Vec<&str> = a.split(',').collect();
        assert!(
            parts.len() == 3 && number(parts[0]) && number(parts[2]),
            "V2.1AMOUNTS {a}"
        );
    }
}

/// Kills an ingest while it runs, checks the database is consistent and holds only whole
/// articles, then lets a second ingest complete it.
#[test]
fn a_killed_ingest_loses_nothing_stored_and_the_next_run_completes_it() {
    let db = db("kill");
    let dir = scratch("kill-input");
    let mut feed = String::new();
    let total = 1500;
    for i in 0..total {
        let text = format!(
            "GENEVA, March 4 (Reuters) - Delegation {i} met officials of the World Health Organization in Geneva on Monday and called for a ceasefire in the Gaza Strip. \
             Officials said more than {} people had been killed and {} wounded in the district of case {i}.",
            100 + i,
            300 + i
        );
        feed += &format!(
            "{}\n",
            serde_json::json!({"id": format!("k{i}"), "text": text, "published": "2024-03-04"})
        );
    }
    let input = dir.join("feed.jsonl");
    std::fs::write(&input, feed).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["ingest", "-q", &input.to_string_lossy(), "--db", &db])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut killed_midway = false;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(40));
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::path::Path::new(&db).exists() && count(&db, "articles") > 0 {
            child.kill().unwrap();
            killed_midway = true;
            break;
        }
    }
    let _ = child.wait();
    let after_kill = count(&db, "articles");
    eprintln!(
        "killed midway: {killed_midway}, {after_kill} articles stored after {:?}",
        started.elapsed()
    );
    assert!(
        dateline(&["check", "--db", &db]).status.success(),
        "consistent after the kill: {:?}",
        check_counts(&db)
    );
    if killed_midway {
        assert!(after_kill > 0 && after_kill <= total, "{after_kill}");
        assert_eq!(
            after_kill % 200,
            0,
            "only whole batches are stored ({after_kill})"
        );
    }
    let out = dateline(&["ingest", "-q", &input.to_string_lossy(), "--db", &db]);
    assert!(out.status.success());
    assert_eq!(count(&db, "articles"), total);
    assert_eq!(count(&db, "search rows"), total);
    assert!(dateline(&["check", "--db", &db]).status.success());
}
