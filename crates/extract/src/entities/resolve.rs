//! From mentions to entities: lexicon entries and full names become entities keyed so that
//! spelling variants meet; surnames, acronyms and descriptions join the entity they stand for;
//! roles give sector, country and CAMEO-style code.

use super::gazetteer::Entry;
use super::mentions::{Kind, Mention};
use super::names::{person_key, skeleton, surname_of, without_article};
use dateline_core::{Entity, Span};
use dateline_lexicon::Lexicon;
use std::collections::HashMap;

/// An entity being built.
struct Draft {
    key: String,
    kind: Kind,
    name: String,
    forms: Vec<String>,
    roles: Vec<String>,
    country: Option<String>,
    sector: Option<String>,
    code: Option<String>,
    mentions: Vec<Span>,
    /// Token index of the latest mention, for recency.
    last_tok: usize,
}

pub fn build(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut assigned: Vec<Option<usize>> = vec![None; mentions.len()];
    // Full names and lexicon entries first, so that surnames and descriptions can find them
    // wherever they stand.
    for (i, m) in mentions.iter().enumerate() {
        if m.description.is_some() || m.acronym_of.is_some() || is_bare_surname(m, text) {
            continue;
        }
        let key = key_of(m, text);
        let d = *by_key.entry(key.clone()).or_insert_with(|| {
            drafts.push(new_draft(key, m, text));
            drafts.len() - 1
        });
        assigned[i] = Some(d);
    }
    let mut single_counts: HashMap<&str, usize> = HashMap::new();
    for m in mentions.iter().filter(|m| m.end_tok - m.first_tok == 1) {
        *single_counts.entry(m.span.slice(text)).or_default() += 1;
    }
    // People by surname skeleton, kept up to date as drafts are added: a look-up per bare
    // surname instead of a pass over every draft (quadratic on a long article).
    let mut people = SurnameIndex::default();
    for d in 0..drafts.len() {
        people.add(&drafts, d);
    }
    for (i, m) in mentions.iter().enumerate() {
        if assigned[i].is_some() {
            continue;
        }
        assigned[i] = if let Some(of) = m.acronym_of {
            assigned[of]
        } else if m.description.is_some() {
            resolve_description(m, &drafts)
        } else {
            resolve_surname(m, text, &people)
        };
        // "Police said ...", "the army said ...": a state body named by its common noun is an
        // actor even when the article names no police or army before it.
        let state_body = m.kind == Kind::Organization
            && m.description
                .as_deref()
                .is_some_and(|role| Lexicon::global().listed("standalone_body", role));
        if assigned[i].is_none()
            && (state_body || m.description.is_none() && keep_unresolved(m, text, &single_counts))
        {
            let key = key_of(m, text);
            let before = drafts.len();
            let d = *by_key.entry(key.clone()).or_insert_with(|| {
                drafts.push(new_draft(key, m, text));
                drafts.len() - 1
            });
            if drafts.len() > before {
                people.add(&drafts, d);
            }
            assigned[i] = Some(d);
        }
        if let Some(d) = assigned[i] {
            drafts[d].last_tok = drafts[d].last_tok.max(m.first_tok);
        }
    }
    merge_countryless_orgs(&mut drafts, &mut assigned);
    merge_places_read_as_orgs(&drafts, &mut assigned);
    for (i, m) in mentions.iter().enumerate() {
        if let Some(d) = assigned[i] {
            absorb(&mut drafts[d], m, text, mentions, &assigned);
        }
    }
    resolve_counterparts(&mut drafts);
    finish(drafts)
}

/// A lone capitalised word no full name explains is kept when it names a place ("in Kharkiv"),
/// is an acronym, or recurs (a company or body the article keeps naming, "Boeing ... Boeing").
fn keep_unresolved(m: &Mention, text: &str, single_counts: &HashMap<&str, usize>) -> bool {
    if m.weak && !is_bare_surname(m, text) {
        return false;
    }
    if !is_bare_surname(m, text) || m.kind == Kind::Location || (m.acts && !m.weak) {
        return true;
    }
    single_counts.get(m.span.slice(text)).copied().unwrap_or(0) >= 2
}

/// A single capitalised word that may be the surname of a full name elsewhere in the text.
fn is_bare_surname(m: &Mention, text: &str) -> bool {
    // "Kenya’s military": a lowercase state body with its country is no surname.
    let lowercase = m.span.slice(text).chars().all(|c| !c.is_uppercase());
    m.entry.is_none()
        && !lowercase
        && m.end_tok - m.first_tok == 1
        && matches!(m.kind, Kind::Person | Kind::Organization | Kind::Location)
        && !m.span.slice(text).chars().all(|c| c.is_uppercase())
}

fn key_of(m: &Mention, text: &str) -> String {
    let lex = Lexicon::global();
    match m.entry {
        Some(Entry::Country(c)) => format!("country:{}", lex.countries[c].iso3),
        Some(Entry::Capital(c)) => format!("place:{}", lex.countries[c].capitals[0].to_lowercase()),
        Some(Entry::Seat(c)) => format!("org:{}GOV", lex.countries[c].iso3),
        Some(Entry::Place(p)) => format!("place:{}", lex.places[p].name.to_lowercase()),
        Some(Entry::Org(o)) => format!("org:{}", lex.orgs[o].name.to_lowercase()),
        Some(Entry::Person(p)) => format!("person:{}", person_key(&lex.people[p].name)),
        Some(Entry::Demonym(c)) => format!("country:{}", lex.countries[c].iso3),
        None => match m.kind {
            Kind::Person => format!("person:{}", person_key(m.span.slice(text))),
            Kind::Location => format!(
                "place:{}",
                without_article(m.span.slice(text)).to_lowercase()
            ),
            _ => format!(
                "org:{}{}",
                m.country
                    .as_deref()
                    .map(|c| format!("{c}:"))
                    .unwrap_or_default(),
                org_name_key(m, text)
            ),
        },
    }
}

/// "Ministry of Foreign Affairs" and "Foreign Ministry" are one name.
fn org_name_key(m: &Mention, text: &str) -> String {
    let mut name = without_article(m.span.slice(text)).to_lowercase();
    if let Some(c) = &m.country {
        let lex = Lexicon::global();
        if let Some(country) = lex.countries.iter().find(|x| &x.iso3 == c) {
            for d in country.demonyms.iter().chain(&country.names) {
                if let Some(rest) = name.strip_prefix(&format!("{} ", d.to_lowercase())) {
                    name = rest.to_string();
                }
            }
        }
    }
    if let Some(rest) = name.strip_prefix("ministry of ") {
        name = format!("{} ministry", rest.trim_end_matches(" affairs"));
    }
    name
}

fn new_draft(key: String, m: &Mention, text: &str) -> Draft {
    let lex = Lexicon::global();
    let (name, country, sector, code, roles) = match m.entry {
        Some(Entry::Country(c) | Entry::Demonym(c)) => (
            lex.countries[c].name.clone(),
            Some(lex.countries[c].iso3.clone()),
            None,
            Some(lex.countries[c].iso3.clone()),
            vec![],
        ),
        Some(Entry::Capital(c)) => (
            lex.countries[c].capitals[0].clone(),
            Some(lex.countries[c].iso3.clone()),
            None,
            None,
            vec![],
        ),
        Some(Entry::Seat(c)) => {
            let iso = lex.countries[c].iso3.clone();
            (
                without_article(m.span.slice(text)).to_string(),
                Some(iso.clone()),
                Some("GOV".to_string()),
                Some(format!("{iso}GOV")),
                vec![],
            )
        }
        Some(Entry::Place(p)) => (
            lex.places[p].name.clone(),
            lex.places[p].country.clone(),
            None,
            None,
            vec![],
        ),
        Some(Entry::Org(o)) => {
            let org = &lex.orgs[o];
            (
                org.name.clone(),
                org.country.clone(),
                Some(org.sector.clone()),
                Some(org.code.clone()),
                vec![],
            )
        }
        Some(Entry::Person(p)) => {
            let person = &lex.people[p];
            let roles = if person.role.is_empty() {
                vec![]
            } else {
                vec![person.role.clone()]
            };
            (
                person.name.clone(),
                person.country.clone(),
                Some(person.sector.clone()),
                None,
                roles,
            )
        }
        None => (
            without_article(m.span.slice(text)).to_string(),
            m.country.clone(),
            org_sector(m, text),
            None,
            vec![],
        ),
    };
    let kind = if m.entry.is_none() && m.kind == Kind::Person && m.end_tok - m.first_tok == 1 {
        Kind::Organization
    } else {
        m.kind
    };
    Draft {
        key,
        kind,
        name,
        forms: Vec::new(),
        roles,
        country,
        sector,
        code,
        mentions: Vec::new(),
        last_tok: m.first_tok,
    }
}

/// "the Foreign Ministry" after "the Russian Foreign Ministry": an organisation named without a
/// country joins the one organisation of that name that has one.
fn merge_countryless_orgs(drafts: &mut [Draft], assigned: &mut [Option<usize>]) {
    for d in 0..drafts.len() {
        let Some(name) = drafts[d].key.strip_prefix("org:").map(str::to_string) else {
            continue;
        };
        if name.contains(':') {
            continue;
        }
        let suffix = format!(":{name}");
        let targets: Vec<usize> = (0..drafts.len())
            .filter(|&t| {
                t != d && drafts[t].key.starts_with("org:") && drafts[t].key.ends_with(&suffix)
            })
            .collect();
        if let [t] = targets.as_slice() {
            for a in assigned.iter_mut() {
                if *a == Some(d) {
                    *a = Some(*t);
                }
            }
        }
    }
}

/// A name the article uses for a place is that place wherever it stands: "Qarinabad" read as
/// an organisation in "the shelling of Qarinabad" is the town named before.
fn merge_places_read_as_orgs(drafts: &[Draft], assigned: &mut [Option<usize>]) {
    for (d, draft) in drafts.iter().enumerate() {
        if draft.kind != Kind::Organization {
            continue;
        }
        let same_place = |p: &Draft| p.kind == Kind::Location && p.name == draft.name;
        let Some(place) = drafts.iter().position(same_place) else {
            continue;
        };
        for a in assigned.iter_mut().filter(|a| **a == Some(d)) {
            *a = Some(place);
        }
    }
}

/// "his Palestinian counterpart": a counterpart holds the title of the person just named.
fn resolve_counterparts(drafts: &mut [Draft]) {
    let order: Vec<usize> = {
        let mut v: Vec<usize> = (0..drafts.len())
            .filter(|&d| drafts[d].kind == Kind::Person)
            .collect();
        v.sort_by_key(|&d| drafts[d].mentions.iter().min().copied());
        v
    };
    for (pos, &d) in order.iter().enumerate() {
        if !drafts[d].roles.iter().any(|r| r == "counterpart") {
            continue;
        }
        // The person named last before "his counterpart" (not the one first named earliest):
        // "Kenyan Prime Minister Okoro to his Ugandan counterpart Daniel Mwangi".
        let at = drafts[d].mentions.iter().min().copied();
        let before = |p: usize| {
            drafts[p]
                .mentions
                .iter()
                .filter(|m| at.is_some_and(|a| **m < a))
                .max()
                .copied()
        };
        let title = order[..pos]
            .iter()
            .filter_map(|&p| {
                let role = drafts[p].roles.iter().find(|r| *r != "counterpart")?;
                Some((before(p)?, role.clone()))
            })
            .max()
            .map(|(_, role)| role);
        drafts[d].roles.retain(|r| r != "counterpart");
        if let Some(t) = title {
            if !drafts[d].roles.contains(&t) {
                drafts[d].roles.insert(0, t);
            }
        }
    }
}

/// Sector of an organisation no table knows, from its head word ("Foreign Ministry": GOV).
fn org_sector(m: &Mention, text: &str) -> Option<String> {
    if !matches!(m.kind, Kind::Organization | Kind::Group) {
        return None;
    }
    let heads = &Lexicon::global().name_words.org_head_sectors;
    m.span.slice(text).split(' ').rev().find_map(|w| {
        let w = super::gazetteer::strip_possessive(w);
        // Nominal organisations write the head word in lowercase ("interior ministry").
        let mut capital: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
        capital.push_str(
            w.get(w.chars().next().map_or(0, char::len_utf8)..)
                .unwrap_or(""),
        );
        heads.get(w).or_else(|| heads.get(&capital)).cloned()
    })
}

/// The person drafts under each surname skeleton.
#[derive(Default)]
struct SurnameIndex(HashMap<String, Vec<usize>>);

impl SurnameIndex {
    fn add(&mut self, drafts: &[Draft], d: usize) {
        if drafts[d].kind == Kind::Person {
            let surname = surname_of(drafts[d].key.trim_start_matches("person:"));
            self.0.entry(surname.to_string()).or_default().push(d);
        }
    }
}

/// A bare surname joins the person whose surname skeleton it shares (unique), or stays a
/// candidate name of its own kind.
fn resolve_surname(m: &Mention, text: &str, people: &SurnameIndex) -> Option<usize> {
    let word = super::gazetteer::strip_possessive(m.span.slice(text));
    let sk = super::names::parts(word)
        .last()
        .map(|p| skeleton(p))
        .unwrap_or_default();
    match people.0.get(&sk).map(Vec::as_slice) {
        Some([one]) => Some(*one),
        _ => None,
    }
}

/// A description joins the most salient entity that fits it: most mentions, then most recent.
fn resolve_description(m: &Mention, drafts: &[Draft]) -> Option<usize> {
    let role = m.description.as_deref().unwrap_or("");
    let candidates: Vec<usize> = (0..drafts.len())
        .filter(|&d| description_fits(m, role, &drafts[d]))
        .collect();
    candidates
        .into_iter()
        .max_by_key(|&d| (drafts[d].forms.len(), drafts[d].last_tok))
}

fn description_fits(m: &Mention, role: &str, d: &Draft) -> bool {
    let kind_ok = d.kind == m.kind || (m.kind == Kind::Organization && d.kind == Kind::Group);
    let role_ok = role.is_empty()
        || d.roles.iter().any(|r| r.contains(role))
        || (m.kind != Kind::Person && d.name.to_lowercase().contains(role));
    let country_ok = m
        .country
        .as_ref()
        .is_none_or(|c| d.country.as_ref() == Some(c));
    kind_ok && role_ok && country_ok && d.last_tok <= m.first_tok
}

/// Adds a mention's span, surface form, roles and country to its entity.
fn absorb(d: &mut Draft, m: &Mention, text: &str, all: &[Mention], assigned: &[Option<usize>]) {
    d.mentions.push(m.span);
    if m.description.is_none() {
        d.forms
            .push(without_article(m.span.slice(text)).to_string());
    }
    for r in &m.roles {
        let norm = r.to_lowercase();
        if !d.roles.contains(&norm) {
            d.roles.push(norm);
        }
    }
    if d.country.is_none() {
        d.country = m.country.clone();
    }
    if let Some(a) = m.affiliation {
        let org = &all[a];
        if let (Some(Entry::Org(o)), None) =
            (org.entry, assigned.get(a).copied().flatten().map(|_| ()))
        {
            let _ = o;
        }
        if let Some(Entry::Org(o)) = org.entry {
            let lex = Lexicon::global();
            d.code.get_or_insert(lex.orgs[o].code.clone());
            if d.country.is_none() {
                d.country = lex.orgs[o].country.clone();
            }
        }
    }
}

/// The country an organisation's name ends with: "the Government of Kenya", "Central Bank of
/// Uganda".
fn country_in_name(name: &str) -> Option<String> {
    let (_, last) = name.rsplit_once(" of ")?;
    let last = last.strip_prefix("the ").unwrap_or(last);
    Lexicon::global()
        .countries
        .iter()
        .find(|c| c.names.iter().any(|n| n == last))
        .map(|c| c.iso3.clone())
}

fn finish(drafts: Vec<Draft>) -> Vec<Entity> {
    let roles_table = &Lexicon::global().roles;
    let mut kept: Vec<Draft> = drafts
        .into_iter()
        .filter(|d| !d.mentions.is_empty())
        .collect();
    kept.sort_by_key(|d| d.mentions.iter().min().copied());
    kept.into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            d.mentions.sort();
            d.mentions.dedup();
            if d.country.is_none() && d.kind == Kind::Organization {
                d.country = country_in_name(&d.name);
            }
            if d.sector.is_none() {
                d.sector = d.roles.iter().find_map(|r| roles_table.get(r).cloned());
            }
            if d.code.is_none() {
                d.code = match (&d.country, &d.sector) {
                    (Some(c), Some(s)) if s != "IGO" => Some(format!("{c}{s}")),
                    (None, Some(s)) if s == "IGO" => Some("IGO".to_string()),
                    (Some(c), None) if d.kind == Kind::Country => Some(c.clone()),
                    _ => None,
                };
            }
            let mut aliases: Vec<String> =
                d.forms.iter().filter(|f| **f != d.name).cloned().collect();
            aliases.sort();
            aliases.dedup();
            Entity {
                id: format!("e{}", i + 1),
                kind: d.kind.as_str().to_string(),
                name: d.name,
                aliases,
                roles: d.roles,
                country: d.country,
                sector: d.sector,
                code: d.code,
                mentions: d.mentions,
                key: Some(d.key),
            }
        })
        .collect()
}
