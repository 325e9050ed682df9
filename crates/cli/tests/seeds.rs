//! The founding example: what issue 2 promises about the five seed articles.

mod common;
use common::*;
use serde_json::Value;

fn seed_records(args: &[&str]) -> Vec<Value> {
    let out = dateline(args);
    assert!(out.status.success(), "{}", stderr(&out));
    records(&out)
}

fn text_of(id: &str) -> String {
    let dir = root().join("../shared/seeds");
    std::fs::read_to_string(dir.join(format!("{id}.txt"))).unwrap()
}

fn slice(text: &str, span: &Value) -> String {
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    text[s..e].to_string()
}

#[test]
fn seed_directory_gives_five_records_with_their_metadata() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds"]);
    assert_eq!(
        recs.len(),
        5,
        "the .jsonl copies share the ids and are not written twice"
    );
    let r000 = &recs[0];
    assert_eq!(r000["dateline"]["place"], "Moscow");
    assert_eq!(r000["dateline"]["agency"], "TASS");
    assert_eq!(r000["dateline"]["month_day"], "--10-10");
    assert_eq!(r000["published"], Value::Null);
    assert_eq!(r000["published_basis"], "dateline_without_year");
    let r001 = &recs[1];
    assert_eq!(r001["published"], "2024-01-23");
    assert_eq!(r001["published_basis"], "header");
    let t003 = text_of("003_9fe883c82c48b5f8");
    let boiler: Vec<String> = recs[3]["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&t003, s))
        .collect();
    assert_eq!(boiler.len(), 1);
    assert!(boiler[0].starts_with("Leave a Reply"));
    assert!(boiler[0].ends_with("Back to top button"));
    assert_eq!(
        recs[3]["title"],
        "Putin held talks with the presidents of Syria, Iran, Egypt and Palestine"
    );
}

#[test]
fn sentences_of_the_seeds_are_right() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds"]);
    let t000 = text_of("000_9dad7aee16b2e240");
    let s000: Vec<String> = recs[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&t000, s))
        .collect();
    assert!(
        s000[0].starts_with("Russian Foreign Minister Sergey Lavrov"),
        "dateline is not a sentence"
    );
    assert!(s000[1].starts_with("\"Lavrov and Hussein emphasized"));
    assert!(s000[3].ends_with("the Russian Foreign Ministry said in a statement."));
    let t001 = text_of("001_470f64bd4f1f7dbd");
    let s001: Vec<String> = recs[1]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&t001, s))
        .collect();
    assert!(
        s001[0].starts_with("Russian Foreign Minister Sergei"),
        "crawl header is not a sentence"
    );
    assert!(s001.iter().any(|s| s == "Earlier that day, Lavrov called on US President Joe Biden “not to delay the creation of a Palestinian state.”"));
    let t003 = text_of("003_9fe883c82c48b5f8");
    let s003: Vec<String> = recs[3]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&t003, s))
        .collect();
    assert!(s003
        .iter()
        .any(|s| s.contains("<...>") && s.starts_with("In this context")));
    assert!(s003.iter().all(|s| !s.contains("Leave a Reply")));
}

#[test]
fn seed_jsonl_takes_the_supplied_dates() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let dates: Vec<&str> = recs
        .iter()
        .map(|r| r["published"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2023-10-10",
            "2024-01-23",
            "2024-04-11",
            "2023-10-17",
            "2023-11-09"
        ]
    );
    assert!(recs.iter().all(|r| r["published_basis"] == "metadata"));
    assert!(
        recs[0]["diagnostics"].as_array().unwrap().is_empty(),
        "dateline agrees with the date"
    );
}

#[test]
fn published_argument_overrides() {
    let recs = seed_records(&[
        "analyze",
        "-q",
        "--published",
        "2023-10-10",
        "../shared/seeds/000_9dad7aee16b2e240.txt",
    ]);
    assert_eq!(recs[0]["published"], "2023-10-10");
    assert_eq!(recs[0]["published_basis"], "argument");
}

fn entities_of(rec: &Value, kind: &str) -> Vec<String> {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

fn entity<'a>(rec: &'a Value, name: &str) -> &'a Value {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} not found"))
}

#[test]
fn seed_people_are_found_with_titles_and_codes() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let people: Vec<Vec<String>> = recs.iter().map(|r| entities_of(r, "person")).collect();
    assert_eq!(people[0], ["Sergey Lavrov", "Fuad Hussein"]);
    assert_eq!(
        people[1],
        [
            "Sergey Lavrov",
            "Riyad al-Maliki",
            "Joe Biden",
            "Nabil Abu Rudeina"
        ]
    );
    assert_eq!(
        people[2],
        ["Sergey Lavrov", "Tor Wennesland", "Mikhail Bogdanov"]
    );
    assert_eq!(
        people[3],
        [
            "Vladimir Putin",
            "Bashar al-Assad",
            "Ebrahim Raisi",
            "Abdel Fattah el-Sisi",
            "Mahmoud Abbas",
            "Yuri Ushakov",
            "Benjamin Netanyahu"
        ]
    );
    assert_eq!(
        people[4],
        ["Sergey Lavrov", "Salem Abdullah al-Jaber al-Sabah"]
    );
    let hussein = entity(&recs[0], "Fuad Hussein");
    assert_eq!(hussein["code"], "IRQGOV");
    let roles: Vec<&str> = hussein["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(roles.contains(&"deputy prime minister") && roles.contains(&"foreign minister"));
    assert_eq!(entity(&recs[1], "Riyad al-Maliki")["code"], "PSEGOV");
    assert_eq!(entity(&recs[2], "Tor Wennesland")["code"], "IGOUNO");
    assert_eq!(
        entity(&recs[2], "Tor Wennesland")["roles"][0],
        "special coordinator"
    );
    assert_eq!(
        entity(&recs[1], "Nabil Abu Rudeina")["roles"][0],
        "spokesman"
    );
    assert_eq!(
        entity(&recs[4], "Salem Abdullah al-Jaber al-Sabah")["country"],
        "KWT"
    );
    assert_eq!(entity(&recs[3], "Israel Defense Forces")["code"], "ISRMIL");
    assert_eq!(entity(&recs[3], "Hamas")["code"], "PSEREB");
    assert_eq!(entity(&recs[2], "United Nations")["code"], "IGOUNO");
}

#[test]
fn spellings_and_descriptions_resolve_to_one_entity() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let l000 = entity(&recs[0], "Sergey Lavrov");
    let l001 = entity(&recs[1], "Sergey Lavrov");
    assert_eq!(
        l000["key"], l001["key"],
        "Sergey and Sergei share the cross-article key"
    );
    assert!(l001["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Sergei Lavrov"));
    let text = |r: &Value| r["text"].as_str().unwrap().to_string();
    let forms = |r: &Value, name: &str| -> Vec<String> {
        let t = text(r);
        entity(r, name)["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| slice(&t, s))
            .collect()
    };
    let lavrov_004 = forms(&recs[4], "Sergey Lavrov");
    for description in ["top diplomat", "Russian official", "Russian minister"] {
        assert!(
            lavrov_004.iter().any(|f| f == description),
            "{description} in {lavrov_004:?}"
        );
    }
    assert!(forms(&recs[1], "Sergey Lavrov")
        .iter()
        .any(|f| f == "head of the Russian Foreign Ministry"));
    assert!(
        forms(&recs[2], "Russian Foreign Ministry")
            .iter()
            .filter(|f| *f == "ministry")
            .count()
            >= 2
    );
    assert_eq!(
        forms(&recs[3], "Abdel Fattah el-Sisi"),
        ["Abdelfattah Sisi", "Sisi"]
    );
    let maliki = forms(&recs[1], "Riyad al-Maliki");
    assert_eq!(maliki, ["Riyad al-Maliki", "al-Maliki"]);
    // "Ministry of Foreign Affairs", "Foreign Ministry" and "Russian Foreign Ministry" are one body.
    assert_eq!(
        entities_of(&recs[1], "organization"),
        ["Russian Ministry of Foreign Affairs"]
    );
}

#[test]
fn no_word_that_is_not_a_name_becomes_an_entity() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    for r in &recs {
        for e in r["entities"].as_array().unwrap() {
            let name = e["name"].as_str().unwrap();
            for bad in [
                "Palestinian-Israeli",
                "Israeli-Palestinian",
                "Russian-",
                "Six-Day",
                "Iron Swords",
                "Peace Process",
                "Middle Eastern",
                "MOSCOW",
                "Leave",
                "Wednesday",
            ] {
                assert!(!name.contains(bad), "{name} is not an entity ({})", r["id"]);
            }
        }
    }
}

fn time_values(rec: &Value) -> Vec<(String, String)> {
    rec["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_dates_resolve_to_the_calendar() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let t000 = time_values(&recs[0]);
    assert_eq!(
        t000[0],
        ("October 10".to_string(), "2023-10-10".to_string()),
        "the dateline's date"
    );
    assert!(t000.contains(&("October 7".to_string(), "2023-10-07".to_string())));
    let t001 = time_values(&recs[1]);
    assert!(t001.contains(&("January 23".to_string(), "2024-01-23".to_string())));
    assert!(t001.contains(&("January 20".to_string(), "2024-01-20".to_string())));
    assert!(
        t001.contains(&(
            "the morning of October 7".to_string(),
            "2023-10-07TMO".to_string()
        )),
        "not 2024: {t001:?}"
    );
    assert!(t001.contains(&("That same day".to_string(), "2023-10-07".to_string())));
    assert!(t001
        .iter()
        .all(|(text, _)| !text.contains("1967") && !text.contains("Six-Day")));
    let t002 = time_values(&recs[2]);
    assert_eq!(
        t002[0],
        ("Wednesday evening".to_string(), "2024-04-10TEV".to_string())
    );
    assert!(
        t002.iter().all(|(text, _)| !text.contains("186")),
        "day 186 is not a date"
    );
    let t003 = time_values(&recs[3]);
    assert!(t003.contains(&("October 16".to_string(), "2023-10-16".to_string())));
}

fn figure_rows(rec: &Value) -> Vec<String> {
    rec["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {}",
                f["kind"].as_str().unwrap(),
                f["qualifier"].as_str().unwrap(),
                f["count"]
                    .as_f64()
                    .map_or("-".to_string(), |c| c.to_string()),
                f["object"].as_str().unwrap_or("-"),
                f["country"].as_str().unwrap_or("-"),
                f["source"].as_str().unwrap_or("-"),
            )
        })
        .collect()
}

#[test]
fn seed_figures_have_count_qualifier_kind_object_side_and_source() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    assert_eq!(
        figure_rows(&recs[0]),
        [
            "KILL almost 800 Palestinians PSE the latest official data",
            "WOUND more_than 4000 Palestinians PSE the latest official data",
            "KILL more_than 900 Israelis ISR the latest official data",
            "WOUND about 2600 Israelis ISR the latest official data",
        ]
    );
    assert_eq!(
        figure_rows(&recs[2]),
        [
            "KILL less_than 1200 people ISR -",
            "KILL exact 1139 soldiers and civilians ISR Israel",
            "KILL more_than 33300 Palestinians PSE -",
            "WOUND almost 76000 Palestinians PSE -",
            "DISPLACE exact 85 Gaza’s population PSE the UN",
            "DAMAGE exact 60 enclave’s infrastructure PSE the UN",
        ]
    );
    assert_eq!(
        figure_rows(&recs[3]),
        [
            "KILL more_than 4000 people - the latest data",
            "KILL at_least 1400 people ISR the latest data",
            "KILL more_than 2670 people PSE the latest data",
        ]
    );
    assert_eq!(
        figure_rows(&recs[4]),
        [
            "DESTROY exact 221 educational institutions PSE -",
            "DESTROY exact 34000 residential units PSE -",
            "DAMAGE exact 35 hospitals PSE -",
            "DAMAGE exact 55 healthcare sector PSE -",
        ]
    );
    let un = &recs[2]["figures"][4];
    assert_eq!(un["unit"], "percent");
    assert!(
        un["source_entity"].is_string(),
        "the UN is named as an entity"
    );
    assert!(recs.iter().all(|r| r["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["as_of"] == r["published"])));
    assert_eq!(recs[0]["figures"][0]["high"], 800.0);
    assert_eq!(recs[0]["figures"][1]["low"], 4000.0);
}

/// Entity names of a list of ids.
fn names(rec: &Value, ids: &Value) -> Vec<String> {
    ids.as_array()
        .unwrap()
        .iter()
        .map(|id| {
            rec["entities"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == *id)
                .unwrap()["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn events_of<'a>(rec: &'a Value, kind: &str) -> Vec<&'a Value> {
    rec["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == kind)
        .collect()
}

#[test]
fn lead_meetings_and_calls_are_one_event_each() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let consult = |i: usize| events_of(&recs[i], "CONSULT");
    let c000 = consult(0);
    assert_eq!(
        c000.len(),
        1,
        "talks and the later 'discussed' are one meeting"
    );
    assert_eq!(
        names(&recs[0], &c000[0]["actors"]),
        ["Sergey Lavrov", "Fuad Hussein"]
    );
    assert_eq!(
        (c000[0]["place"].as_str(), c000[0]["date"].as_str()),
        (Some("Moscow"), Some("2023-10-10"))
    );
    let c001 = consult(1);
    assert_eq!(c001.len(), 1);
    assert_eq!(
        names(&recs[1], &c001[0]["actors"]),
        ["Sergey Lavrov", "Riyad al-Maliki"]
    );
    assert_eq!(
        (
            c001[0]["place"].as_str(),
            c001[0]["date"].as_str(),
            c001[0]["mode"].as_str()
        ),
        (Some("New York"), Some("2024-01-23"), Some("third-party"))
    );
    let c002 = &consult(2)[0];
    assert_eq!(
        names(&recs[2], &c002["actors"]),
        ["Sergey Lavrov", "Tor Wennesland"]
    );
    assert_eq!(c002["date"], "2024-04-10");
    let c003 = consult(3);
    let call = c003.iter().find(|e| e["status"] == "occurred").unwrap();
    assert_eq!(call["mode"], "phone");
    assert_eq!(names(&recs[3], &call["actors"]), ["Vladimir Putin"]);
    assert_eq!(
        names(&recs[3], &call["recipients"]),
        [
            "Bashar al-Assad",
            "Ebrahim Raisi",
            "Abdel Fattah el-Sisi",
            "Mahmoud Abbas"
        ]
    );
    let planned = c003.iter().find(|e| e["status"] == "planned").unwrap();
    assert_eq!(
        names(&recs[3], &planned["recipients"]),
        ["Benjamin Netanyahu"],
        "a plan is not a call that happened"
    );
    let c004 = &consult(4)[0];
    assert_eq!(
        names(&recs[4], &c004["recipients"]),
        ["Salem Abdullah al-Jaber al-Sabah"]
    );
}

#[test]
fn calls_for_a_ceasefire_are_requests_by_the_right_actors() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let ceasefire = |i: usize| -> Vec<Vec<String>> {
        events_of(&recs[i], "REQUEST")
            .iter()
            .filter(|e| e["cameo"] == "1056")
            .map(|e| names(&recs[i], &e["actors"]))
            .collect()
    };
    assert_eq!(ceasefire(0), [vec!["Sergey Lavrov", "Fuad Hussein"]]);
    assert_eq!(ceasefire(2), [vec!["Sergey Lavrov", "Tor Wennesland"]]);
    assert_eq!(ceasefire(4), [vec!["Sergey Lavrov"]]);
    let biden = events_of(&recs[1], "REQUEST")
        .into_iter()
        .find(|e| names(&recs[1], &e["recipients"]) == ["Joe Biden"])
        .unwrap();
    assert_eq!(names(&recs[1], &biden["actors"]), ["Sergey Lavrov"]);
}

#[test]
fn every_quotation_has_its_speaker() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let speakers = |i: usize| -> Vec<String> {
        recs[i]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["direct"] == true)
            .map(|q| names(&recs[i], &Value::Array(vec![q["speaker"].clone()]))[0].clone())
            .collect()
    };
    assert_eq!(speakers(0), vec!["Russian Foreign Ministry"; 4]);
    assert_eq!(
        speakers(1),
        ["Russian Ministry of Foreign Affairs", "Sergey Lavrov"]
    );
    assert_eq!(
        speakers(2),
        [
            "Russian Foreign Ministry",
            "Sergey Lavrov",
            "Russian Foreign Ministry",
            "Russian Foreign Ministry"
        ]
    );
    assert_eq!(speakers(3), vec!["Kremlin"; 3]);
    assert_eq!(speakers(4), vec!["Sergey Lavrov"; 2]);
    let indirect: Vec<&Value> = recs[1]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["direct"] == false)
        .collect();
    assert_eq!(
        names(
            &recs[1],
            &Value::Array(vec![indirect[0]["speaker"].clone()])
        ),
        ["Nabil Abu Rudeina"],
        "'he also pointed out'"
    );
}

#[test]
fn stances_on_ceasefire_two_states_and_borders() {
    let recs = seed_records(&["analyze", "-q", "../shared/seeds/seeds.jsonl"]);
    let holds = |i: usize, issue: &str, stance: &str| -> Vec<String> {
        let ids: Vec<Value> = recs[i]["stances"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["issue"] == issue && s["stance"] == stance)
            .map(|s| s["actor"].clone())
            .collect();
        names(&recs[i], &Value::Array(ids))
    };
    for (i, who) in [
        (0, vec!["Sergey Lavrov", "Fuad Hussein"]),
        (2, vec!["Sergey Lavrov", "Tor Wennesland"]),
    ] {
        for actor in &who {
            assert!(
                holds(i, "ceasefire", "call_for").contains(&actor.to_string()),
                "{i}: {actor} ceasefire"
            );
            assert!(
                holds(i, "two-state solution", "support").contains(&actor.to_string()),
                "{i}: {actor} two states"
            );
            assert!(
                holds(i, "1967 borders", "support").contains(&actor.to_string()),
                "{i}: {actor} 1967"
            );
        }
    }
    assert!(holds(4, "ceasefire", "call_for").contains(&"Sergey Lavrov".to_string()));
    assert!(holds(4, "1967 borders", "support").contains(&"Sergey Lavrov".to_string()));
    assert!(
        holds(1, "displacement of palestinians", "oppose").contains(&"Sergey Lavrov".to_string())
    );
}
