//! Row parsers for each built-in table.

use crate::Lexicon;
use crate::{Map, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Stands before a name; its period never ends a sentence.
    Title,
    /// Month or weekday short form.
    Month,
    /// Can end a sentence when a sentence starter follows.
    General,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateWhere {
    Head,
    Tail,
    Line,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoilerplateRule {
    pub place: BoilerplateWhere,
    /// Lowercased phrase.
    pub phrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub name: String,
    pub country: String,
}

/// A word or phrase that signals an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCue {
    /// Lowercased words.
    pub words: Vec<String>,
    /// A PLOVER 2.0 event type (checked when the table loads).
    pub plover: String,
    pub mode: Option<String>,
    /// A CAMEO code: two to four digits.
    pub cameo: String,
    pub frame: Frame,
}

/// How an event cue relates its participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The participants act together: "held talks", "met".
    Joint,
    /// An actor acts on a recipient: "condemned", "attacked".
    Directed,
    /// A request whose recipient follows "on" and whose content follows "for"/"to".
    Call,
    /// The subject is acted on: "stands accused".
    Passive,
}

/// What a figure counts (`figure_cues.tsv`, the record's `figures[].kind`).
pub const FIGURE_KINDS: &[&str] = &[
    "KILL", "WOUND", "DISPLACE", "EVACUATE", "HOSTAGE", "ARREST", "MISSING", "DESTROY", "DAMAGE",
    "AFFECT", "RELEASE", "SANCTION",
];

/// GDELT GKG count types a figure cue may name.
pub const GKG_COUNTS: &[&str] = &[
    "KILL",
    "WOUND",
    "DISPLACED",
    "REFUGEES",
    "KIDNAP",
    "ARREST",
    "EVACUATION",
    "AFFECT",
];

/// The event types of PLOVER 2.0.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    /// Every name the country goes by, the main one first.
    pub names: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    /// Seats of government used for the government ("Kremlin", "White House").
    pub seats: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub names: Vec<String>,
    pub country: Option<String>,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub name: String,
    pub names: Vec<String>,
    /// "organization" or "group".
    pub kind: String,
    pub country: Option<String>,
    pub sector: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub names: Vec<String>,
    pub country: Option<String>,
    pub sector: String,
    pub role: String,
}

/// Word classes that tell unknown capitalised names apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameWords {
    pub org_heads: Set<String>,
    pub place_heads: Set<String>,
    pub particles: Set<String>,
    pub joiners: Set<String>,
    pub not_names: Set<String>,
    pub event_prefixes: Set<String>,
    /// Organisation head word to the sector of such organisations ("Ministry" to GOV).
    pub org_head_sectors: Map<String, String>,
    pub event_heads: Set<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// Lowercased words of the description, without "the" and a country adjective.
    pub phrase: String,
    pub kind: String,
    /// Lowercased role (or, for organisations, name part) the referent must have; may be empty.
    pub role: String,
}

/// "a|b|c" to its non-empty parts.
fn list(field: Option<&&str>) -> Vec<String> {
    field
        .map(|f| {
            f.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn optional(field: Option<&&str>) -> Option<String> {
    field
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(str::to_string)
}

/// The main name followed by the other names.
fn names(main: &str, others: Option<&&str>) -> Vec<String> {
    let mut all = vec![main.to_string()];
    all.extend(list(others));
    all
}

fn add_entity_row(lex: &mut Lexicon, table: &str, f: &[&str]) -> Result<bool, String> {
    match table {
        "countries.tsv" => {
            let name = field(f, 1)?;
            lex.countries.push(Country {
                iso3: field(f, 0)?.to_string(),
                name: name.to_string(),
                names: names(name, f.get(2)),
                demonyms: list(f.get(3)),
                capitals: list(f.get(4)),
                seats: list(f.get(5)),
            });
        }
        "places.tsv" => {
            let name = field(f, 0)?;
            lex.places.push(Place {
                name: name.to_string(),
                names: names(name, f.get(1)),
                country: optional(f.get(2)),
                kind: optional(f.get(3)).unwrap_or_else(|| "place".to_string()),
            });
        }
        "organizations.tsv" => {
            let name = field(f, 0)?;
            let kind = field(f, 2)?;
            if kind != "organization" && kind != "group" {
                return Err(format!("kind must be organization or group, got {kind:?}"));
            }
            lex.orgs.push(Org {
                name: name.to_string(),
                names: names(name, f.get(1)),
                kind: kind.to_string(),
                country: optional(f.get(3)),
                sector: field(f, 4)?.to_string(),
                code: field(f, 5)?.to_string(),
            });
        }
        "people.tsv" => {
            let name = field(f, 0)?;
            lex.people.push(Person {
                name: name.to_string(),
                names: names(name, f.get(1)),
                country: optional(f.get(2)),
                sector: field(f, 3)?.to_string(),
                role: optional(f.get(4)).unwrap_or_default(),
            });
        }
        "roles.tsv" => {
            lex.roles
                .insert(field(f, 0)?.to_lowercase(), field(f, 1)?.to_string());
        }
        "given_names.txt" => {
            lex.given_names.insert(field(f, 0)?.to_string());
        }
        "name_words.tsv" => {
            let word = field(f, 1)?.to_string();
            let w = &mut lex.name_words;
            if let Some(sector) = optional(f.get(2)) {
                w.org_head_sectors.insert(word.clone(), sector);
            }
            let set = match field(f, 0)? {
                "org_head" => &mut w.org_heads,
                "place_head" => &mut w.place_heads,
                "particle" => &mut w.particles,
                "joiner" => &mut w.joiners,
                "not_name" => &mut w.not_names,
                "event_prefix" => &mut w.event_prefixes,
                "event_head" => &mut w.event_heads,
                other => return Err(format!("unknown word class {other:?}")),
            };
            set.insert(word);
        }
        "descriptions.tsv" => {
            lex.descriptions.push(Description {
                phrase: field(f, 0)?.to_lowercase(),
                kind: field(f, 1)?.to_string(),
                role: optional(f.get(2)).unwrap_or_default().to_lowercase(),
            });
        }
        "numbers.tsv" => {
            let raw = field(f, 2)?;
            let value: f64 = raw
                .parse()
                .map_err(|_| format!("{raw:?} is not a number"))?;
            let kind = field(f, 1)?;
            if !matches!(kind, "cardinal" | "ordinal" | "scale" | "vague") {
                return Err(format!("unknown number kind {kind:?}"));
            }
            lex.numbers
                .insert(field(f, 0)?.to_lowercase(), (kind.to_string(), value));
        }
        "figure_cues.tsv" => {
            let kind = field(f, 1)?;
            if !FIGURE_KINDS.contains(&kind) {
                return Err(format!("unknown figure kind {kind:?}"));
            }
            let gkg = optional(f.get(2)).unwrap_or_default();
            if !gkg.is_empty() && !GKG_COUNTS.contains(&gkg.as_str()) {
                return Err(format!("unknown GKG count type {gkg:?}"));
            }
            lex.figure_cues
                .insert(field(f, 0)?.to_lowercase(), (kind.to_string(), gkg));
        }
        "qualifiers.tsv" => {
            let q = field(f, 1)?;
            if !matches!(
                q,
                "almost" | "about" | "more_than" | "at_least" | "less_than" | "at_most"
            ) {
                return Err(format!("unknown qualifier {q:?}"));
            }
            lex.qualifiers
                .insert(field(f, 0)?.to_lowercase(), q.to_string());
        }
        "word_lists.tsv" => {
            let class = field(f, 0)?.to_string();
            lex.word_lists
                .entry(class)
                .or_default()
                .insert(field(f, 1)?.to_lowercase());
        }
        "speech_verbs.txt" => {
            lex.speech_verbs.insert(field(f, 0)?.to_lowercase());
        }
        "event_cues.tsv" => {
            let frame = match field(f, 4)? {
                "joint" => Frame::Joint,
                "directed" => Frame::Directed,
                "call" => Frame::Call,
                "passive" => Frame::Passive,
                other => return Err(format!("unknown frame {other:?}")),
            };
            let plover = field(f, 1)?;
            if !PLOVER_TYPES.contains(&plover) {
                return Err(format!("unknown PLOVER type {plover:?}"));
            }
            let cameo = field(f, 3)?;
            let code = (2..=4).contains(&cameo.len()) && cameo.bytes().all(|b| b.is_ascii_digit());
            if !code {
                return Err(format!("{cameo:?} is no CAMEO code"));
            }
            lex.event_cues.push(EventCue {
                words: field(f, 0)?
                    .to_lowercase()
                    .split(' ')
                    .map(str::to_string)
                    .collect(),
                plover: plover.to_string(),
                mode: optional(f.get(2)),
                cameo: cameo.to_string(),
                frame,
            });
        }
        "request_topics.tsv" => {
            let mode = optional(f.get(2)).unwrap_or_default();
            lex.request_topics.insert(
                field(f, 0)?.to_lowercase(),
                (field(f, 1)?.to_string(), mode),
            );
        }
        "issues.tsv" => {
            let phrases = list(f.get(1))
                .into_iter()
                .map(|p| p.to_lowercase())
                .collect();
            lex.issues.push((field(f, 0)?.to_string(), phrases));
        }
        "stance_cues.tsv" => {
            let stance = field(f, 1)?;
            if !matches!(stance, "call_for" | "support" | "oppose") {
                return Err(format!("unknown stance {stance:?}"));
            }
            lex.stance_cues
                .insert(field(f, 0)?.to_lowercase(), stance.to_string());
        }
        "time_words.tsv" => {
            let class = field(f, 0)?.to_string();
            lex.time_words.insert(
                field(f, 1)?.to_lowercase(),
                (class, field(f, 2)?.to_string()),
            );
        }
        _ => return Ok(false),
    }
    Ok(true)
}

pub(crate) fn add_row(lex: &mut Lexicon, table: &str, f: &[&str]) -> Result<(), String> {
    match table {
        "abbreviations.tsv" => {
            let kind = match field(f, 1)? {
                "title" => AbbrevKind::Title,
                "month" => AbbrevKind::Month,
                "general" => AbbrevKind::General,
                other => return Err(format!("unknown abbreviation kind {other:?}")),
            };
            lex.abbreviations.insert(field(f, 0)?.to_string(), kind);
        }
        "sentence_starters.txt" => {
            lex.sentence_starters.insert(field(f, 0)?.to_string());
        }
        "boilerplate.tsv" => {
            let place = match field(f, 0)? {
                "head" => BoilerplateWhere::Head,
                "tail" => BoilerplateWhere::Tail,
                "line" => BoilerplateWhere::Line,
                other => return Err(format!("unknown boilerplate place {other:?}")),
            };
            let phrase = field(f, 1)?.to_lowercase();
            lex.boilerplate.push(BoilerplateRule { place, phrase });
        }
        "agencies.tsv" => {
            let agency = Agency {
                name: field(f, 1)?.to_string(),
                country: field(f, 2)?.to_string(),
            };
            lex.agencies.insert(field(f, 0)?.to_lowercase(), agency);
        }
        "months.tsv" => {
            let raw = field(f, 1)?;
            let month: u8 = raw
                .parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| format!("month number must be 1-12, got {raw:?}"))?;
            lex.months.insert(field(f, 0)?.to_lowercase(), month);
        }
        "languages.tsv" => {
            lex.languages
                .insert(field(f, 0)?.to_string(), field(f, 1)?.to_string());
        }
        "html_date_keys.txt" => lex.html_date_keys.push(field(f, 0)?.to_lowercase()),
        other => {
            if !add_entity_row(lex, other, f)? {
                return Err(format!("no table is called {other:?}"));
            }
        }
    }
    Ok(())
}

fn field<'a>(fields: &[&'a str], i: usize) -> Result<&'a str, String> {
    fields
        .get(i)
        .copied()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("expected at least {} tab-separated fields", i + 1))
}
