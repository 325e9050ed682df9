//! Events: who did what to whom, coded as PLOVER 2.0 types and modes with the CAMEO code beside
//! them, from the cue lexicon (`event_cues.tsv`). Actors are the clause's subjects (coordinated,
//! reported after "said that", or carried by "they"/"the two"), recipients follow "with", "on"
//! or the verb; place is "in <place>" after the cue; date is the sentence's own date, else the
//! paragraph's, else the publication date for present-perfect reports. Reports of the same event
//! within an article are merged. A warring party's call to end its own conflict is AGREE.

use crate::clauses::{Clause, MentionIndex, View};
use crate::events_sense::Sense;
use crate::quotes::sentence_view;
use dateline_core::{Document, Entity, Event, EventStatus, Span, Stage, Token};
use dateline_lexicon::{EventCue, Frame, Lexicon};

pub struct Events;

/// Plural references to the participants of the previous event.
const GROUP_REFERENCES: &[&[&str]] = &[
    &["they"],
    &["the", "two"],
    &["both", "sides"],
    &["the", "two", "sides"],
    &["the", "ministers"],
    &["the", "leaders"],
    &["the", "sides"],
];

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let index = MentionIndex::build(&doc.record.entities, &doc.tokens);
        let warring = warring_parties(doc);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut paragraph_date: Option<String> = None;
        let captions = crate::captions::captions(&doc.record.text);
        // The day a wire story's lead tells of: the day it opens with, else its publication.
        let opening_day = story_day(doc);
        let story_basis = if opening_day.is_some() {
            "story"
        } else {
            "published"
        };
        let story_day = opening_day.or_else(|| doc.record.published.clone());
        // What photo captions show: no report of its own, but a date for what the body tells.
        let mut pictured: Vec<Draft> = Vec::new();
        for (n, s) in doc.record.sentences.clone().into_iter().enumerate() {
            let caption = captions.iter().any(|c| c.contains(s.0));
            let view = sentence_view(doc, s);
            if doc
                .tokens
                .get(view.start)
                .is_some_and(|t| t.has(Token::PARAGRAPH_BEFORE))
            {
                paragraph_date = None;
            }
            let sentence_date = crate::times::sentence_date(&doc.record.text, &doc.record.times, s);
            let earlier = drafts
                .iter()
                .rev()
                .find(|d| d.actors.len() + d.recipients.len() >= 2)
                .map(|d| d.actors.iter().chain(&d.recipients).copied().collect())
                .unwrap_or_default();
            let clause = Clause::new(&view, &index, doc).with_earlier(earlier);
            let mut found = sentence_events(&clause, &drafts, &warring);
            share_meeting_place(&mut found);
            place_talks(&mut found, &view, &index, doc);
            // A wire story's headline and lead report the day's news: an event they tell of
            // with no date of its own happened on the publication day.
            let lead = n < 2;
            for mut d in found {
                d.dated_by_text = sentence_date.is_some() || paragraph_date.is_some();
                let told_now = lead || present_perfect(&view, d.cue_tok);
                (d.date, d.date_basis) = if sentence_date.is_some() {
                    (sentence_date.clone(), Some("sentence"))
                } else if paragraph_date.is_some() {
                    (paragraph_date.clone(), Some("paragraph"))
                } else if told_now && story_day.is_some() {
                    (story_day.clone(), Some(story_basis))
                } else {
                    (None, None)
                };
                // A plan's date is when it was announced, not when it happens.
                if d.status == EventStatus::Planned {
                    (d.date, d.date_basis) = (None, None);
                }
                let earlier = told_again(&clause, &d)
                    .then(|| drafts.iter().rposition(|e| e.plover == d.plover))
                    .flatten();
                if caption {
                    pictured.push(d);
                } else if let Some(e) = earlier {
                    // The same event told again: who it names now joins it, and so does what
                    // it was done to when the retelling names nobody acting ("the junta
                    // confirmed the air attack in Kapsabet Village").
                    let shares = shared(&drafts[e], &d, &doc.record.entities) >= 1;
                    if shares || d.actors.is_empty() {
                        join_roles(&mut drafts[e], d);
                    }
                } else {
                    drafts.push(d);
                }
            }
            if !caption {
                paragraph_date = sentence_date.or(paragraph_date);
            }
        }
        let headings = heading_lines(doc);
        let mut drafts = drop_headline_repeats(drafts, headline_end(doc), &doc.tokens, &headings);
        date_by_caption(&mut drafts, &pictured, &doc.record.entities);
        date_by_meeting(&mut drafts, &doc.record.entities);
        doc.record.events = finish(merge(drafts, &doc.record.entities), &doc.record.entities);
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct Draft {
    plover: String,
    mode: Option<String>,
    cameo: String,
    actors: Vec<usize>,
    recipients: Vec<usize>,
    place: Option<usize>,
    date: Option<String>,
    span: Span,
    status: EventStatus,
    cue_tok: usize,
    /// The date comes from the sentence or its paragraph, not from the publication date.
    dated_by_text: bool,
    /// Where the date comes from (the record's `date_basis`).
    date_basis: Option<&'static str>,
}

fn sentence_events(clause: &Clause, earlier: &[Draft], warring: &[String]) -> Vec<Draft> {
    let view = clause.view;
    let cues = &Lexicon::global().event_cues;
    let mut out: Vec<Draft> = Vec::new();
    let mut k = view.start;
    while k < view.end {
        let tags = &clause.doc.parse.tags;
        let found = crate::clauses::EVENT_CUES
            .longest_at(view.lowered, k, view.end)
            .map(|(n, &i)| (n, i))
            .filter(|&(n, _)| !dated_call(view, tags, k, k + n))
            .or_else(|| split_cue(view, k))
            .or_else(|| conversation(clause, k));
        let Some((length, cue_index)) = found else {
            k += 1;
            continue;
        };
        let cue = &cues[cue_index];
        let end = k + length;
        let previous = out
            .iter()
            .rev()
            .chain(earlier.iter().rev())
            .find(|d| d.actors.len() + d.recipients.len() >= 2);
        // An attack word the words around it already deny ("on strike", "shelled peanuts")
        // needs no parse.
        let denied = cue.plover == "ASSAULT"
            && crate::events_sense::word_sense(view, tags, k, end)
                == Some(crate::events_sense::Sense::Nothing);
        if denied {
            k = end;
            continue;
        }
        // The tree only matters where someone is named; parsing is the costliest step.
        let names = clause.names_anyone();
        // "put the number kidnapped at 200", "the number of fighters it has killed": a count,
        // read without the tree.
        let counted = counts(view, &clause.doc.parse.tags, k);
        let cue_says_no =
            counted || names && crate::events_tree::not_an_event(clause, k, end, &cue.cameo);
        if !is_topic(view, k) && !cue_says_no && !inside_name(clause, k, end) {
            if let Some(d) = draft(clause, cue, k, end, previous, warring) {
                out.push(d);
            }
        }
        k = end;
    }
    out
}

/// The cue is a word of a longer name: "strike" in "the Teachers Strike Council", "attack"
/// in "the Attack Helicopter Regiment".
fn inside_name(clause: &Clause, k: usize, end: usize) -> bool {
    let index = clause.index;
    let Some(e) = index.entity_at(k) else {
        return false;
    };
    let before = k > clause.view.start && index.entity_at(k - 1) == Some(e);
    let after = end < clause.view.end && index.entity_at(end) == Some(e);
    before || after
}

/// The cue tells what a count counts: right after a count noun ("the number kidnapped"), or a
/// verb after "number of ..." in its clause ("the number of fighters it has killed"; "a
/// number of agreements" are agreements).
fn counts(view: &View, tags: &[&str], k: usize) -> bool {
    let lex = Lexicon::global();
    if k > view.start && lex.listed("count_noun", view.lower(k - 1)) {
        return true;
    }
    if !tags.get(k).is_some_and(|t| t.starts_with("VB")) {
        return false;
    }
    let from = view.clause_start(k).max(k.saturating_sub(6));
    (from..k.saturating_sub(1))
        .any(|t| lex.listed("count_noun", view.lower(t)) && view.lower(t + 1) == "of")
}

/// "held a two-hour call", "had a call", "in a call that lasted two hours": the noun "call" as
/// a conversation takes the cue of a phone call (the tree says which "call" it is).
fn conversation(clause: &Clause, k: usize) -> Option<(usize, usize)> {
    if !matches!(clause.view.lower(k), "call" | "calls")
        || !crate::events_tree::conversation_noun(clause, k)
    {
        return None;
    }
    let phone_call = ["phone".to_string(), "call".to_string()];
    let (_, &i) = crate::clauses::EVENT_CUES.longest_at(&phone_call, 0, 2)?;
    Some((1, i))
}

/// "held a two-hour call on Thursday": the noun "call" followed by "on" and a day is a
/// conversation on that day, not an appeal to someone ("his call on Israel to..."). The call
/// itself is told by other cues when it is one ("phone call", "held talks").
fn dated_call(view: &View, tags: &[&str], k: usize, end: usize) -> bool {
    let lexicon = Lexicon::global();
    let noun = tags.get(k).is_some_and(|t| t.starts_with("NN"));
    let on = end > k + 1 && view.lower(end - 1) == "on";
    let day = end < view.end && {
        let w = view.lower(end);
        lexicon.months.contains_key(w)
            || lexicon
                .time_words
                .get(w)
                .is_some_and(|(class, _)| matches!(class.as_str(), "weekday" | "ref" | "deictic"))
    };
    noun && on && day && view.lower(k).starts_with("call")
}

/// A cue of several words split by a day or an adverb: "called Friday for", "met again with".
/// Returns the tokens it covers, the gap included, and the cue.
fn split_cue(view: &View, k: usize) -> Option<(usize, usize)> {
    let lexicon = Lexicon::global();
    let gap_word = |t: usize| {
        let w = view.lower(t);
        lexicon.listed("cue_gap", w)
            || lexicon
                .time_words
                .get(w)
                .is_some_and(|(class, _)| class == "weekday")
    };
    let gap = (1..=2)
        .take_while(|&g| k + g < view.end && gap_word(k + g))
        .last()?;
    let rest = k + 1 + gap;
    let mut words: Vec<String> = vec![view.lower(k).to_string()];
    words.extend((rest..(rest + 4).min(view.end)).map(|t| view.lower(t).to_string()));
    let (n, &i) = crate::clauses::EVENT_CUES.longest_at(&words, 0, words.len())?;
    (n >= 2).then_some((n + gap, i))
}

fn draft(
    clause: &Clause,
    cue: &EventCue,
    k: usize,
    end: usize,
    previous: Option<&Draft>,
    warring: &[String],
) -> Option<Draft> {
    let (view, index, doc) = (clause.view, clause.index, clause.doc);
    // The tree's reading when it names an actor; else the clause heuristics, which also carry
    // "they" and "the two sides" over from the previous event.
    // "stands accused" is passive in the lexicon's frame; the clause heuristics swap it below.
    let tree_roles = (cue.frame != Frame::Passive)
        .then(|| crate::events_tree::roles(clause, k, end))
        .flatten();
    let demand = (cue.words.len() == 1 && cue.words[0] == "must")
        .then(|| crate::events_tree::demand_roles(clause, k))
        .flatten();
    let (mut actors, mut recipients) = match tree_roles {
        // "Russia said that Sudan must return it": Russia demands, of Sudan.
        _ if demand.is_some() => demand.unwrap_or_default(),
        Some((actors, recipients)) if !actors.is_empty() && !recipients.is_empty() => {
            (actors, recipients)
        }
        // "She and the president have been detained": a passive names who was acted on.
        Some((actors, recipients))
            if actors.is_empty() && crate::events_tree::passive_patient(clause, k, end) =>
        {
            (actors, recipients)
        }
        Some((actors, _)) if !actors.is_empty() => {
            let (_, recipients) = participants(view, index, doc, cue, k, end, previous);
            (actors, recipients)
        }
        // An event noun whose tree names nobody acting: the subject of some other verb of the
        // sentence is not its actor ("spoke out against upholding an embargo imposed on X",
        // "investigating shipments of rockets").
        // A passive verb with no "by" phrase names nobody acting: "the governor said all hostages
        // had been freed" does not make the governor the one who freed them.
        found if cue.frame != Frame::Passive && crate::events_tree::passive_cue(clause, k, end) => {
            found.unwrap_or_default()
        }
        found if crate::events_tree::noun_cue(clause, k, end) => {
            let mut roles: (Vec<usize>, Vec<usize>) =
                found.map(|(_, r)| (Vec::new(), r)).unwrap_or_default();
            // "killed in a car bombing in central Kabul": the place an attack hit.
            if roles.1.is_empty() && cue.plover == "ASSAULT" {
                roles
                    .1
                    .extend(crate::events_tree::place(clause, k, end, &[], true));
            }
            roles
        }
        // Without a tree, "they were released" still names who was acted on; only a "by"
        // phrase names who acted.
        _ if cue.frame != Frame::Passive && lexical_passive(view, &doc.parse.tags, k) => {
            let (subjects, mut recipients) = participants(view, index, doc, cue, k, end, previous);
            let by = by_agent(view, index, end);
            recipients.extend(subjects.into_iter().filter(|e| !by.contains(e)));
            (by, recipients)
        }
        _ => participants(view, index, doc, cue, k, end, previous),
    };
    let mut sense_type = None;
    if cue.plover == "ASSAULT" {
        let participants: Vec<usize> = actors.iter().chain(&recipients).copied().collect();
        let tags = &doc.parse.tags;
        match crate::events_sense::attack_sense(
            view,
            tags,
            k,
            end,
            &participants,
            &doc.record.entities,
        ) {
            Sense::Attack => {}
            Sense::LabourStrike => sense_type = Some(("PROTEST", "143")),
            Sense::Nothing => return None,
        }
    }
    // A government that protests lodges a diplomatic protest: "Kenya protests Uganda's
    // border violation" criticises; people in the streets demonstrate, whatever country
    // they demonstrate in.
    let protesting_state = k > view.start
        && view.lower(k).starts_with("protest")
        && doc.parse.tags.get(k).is_some_and(|t| t.starts_with("VB"))
        && index.entity_at(k - 1).is_some_and(|e| states(doc, e));
    if cue.plover == "PROTEST" && sense_type.is_none() && protesting_state {
        sense_type = Some(("ACCUSE", "111"));
    }
    if cue.frame == Frame::Joint {
        // Who meets or talks is never a place: "discussed the situation in Gaza".
        recipients.retain(|&e| doc.record.entities[e].kind != "location");
    }
    if cue.frame == Frame::Passive {
        std::mem::swap(&mut actors, &mut recipients);
    }
    recipients.retain(|r| !actors.contains(r));
    if actors.is_empty() && recipients.is_empty() {
        return None;
    }
    // A bare noun ("negotiations", "talks") is an event only with its participants named.
    let bare_noun = cue.words.len() == 1
        && matches!(
            cue.words[0].as_str(),
            "talks" | "negotiations" | "meeting" | "consultations"
        );
    if bare_noun && recipients.is_empty() && actors.len() < 2 {
        return None;
    }
    let (mut plover, mut mode, mut cameo) =
        (cue.plover.clone(), cue.mode.clone(), cue.cameo.clone());
    if let Some((kind, code)) = sense_type {
        (plover, mode, cameo) = (kind.to_string(), None, code.to_string());
    }
    if plover == "REQUEST" {
        if let Some((code, m)) = request_topic(view, end) {
            cameo = code;
            mode = Some(m).filter(|m| !m.is_empty());
        }
        let own_conflict = actors.iter().any(|a| {
            doc.record.entities[*a]
                .country
                .as_ref()
                .is_some_and(|c| warring.contains(c))
                && matches!(
                    doc.record.entities[*a].sector.as_deref(),
                    Some("GOV" | "MIL" | "REB")
                )
        });
        if cameo == "1056" && own_conflict {
            (plover, mode, cameo) = ("AGREE".into(), Some("military".into()), "0356".into());
        }
    }
    let place = crate::events_tree::place(clause, k, end, &recipients, plover == "ASSAULT")
        .or_else(|| place_after(view, index, doc, end))
        .or_else(|| place_of_subject(view, index, doc, k));
    // The place an attack hit is its target when no one else is named as one.
    if plover == "ASSAULT" && recipients.is_empty() {
        recipients.extend(place.filter(|p| !actors.contains(p)));
    }
    if plover == "CONSULT" && mode.is_none() {
        (mode, cameo) = consult_mode(doc, &actors, &recipients, place, cameo);
    }
    // A visit to a city is a visit to its country: CAMEO codes the host. Checked after the
    // meeting's mode, which finds visits the cue did not name ("arrived in Nairobi").
    if cameo == "042" {
        let hosts: Vec<usize> = recipients
            .iter()
            .filter_map(|&r| country_of_place(doc, r))
            .filter(|c| !recipients.contains(c) && !actors.contains(c))
            .collect();
        recipients.extend(hosts);
    }
    Some(Draft {
        plover,
        mode,
        cameo,
        actors,
        recipients,
        place,
        date: None,
        date_basis: None,
        span: view.span(view.start, view.end),
        status: match status(view, k) {
            EventStatus::Occurred => {
                crate::events_tree::governed_status(clause, k, end).unwrap_or(EventStatus::Occurred)
            }
            lexical => lexical,
        },
        cue_tok: k,
        dated_by_text: false,
    })
}

/// A past participle after a form of "be" ("were released", "had been arrested"), with at
/// most an adverb between.
fn lexical_passive(view: &View, tags: &[&str], k: usize) -> bool {
    if tags.get(k) != Some(&"VBN") {
        return false;
    }
    let be = |t: usize| {
        matches!(
            view.lower(t),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    };
    let adverb = |t: usize| tags.get(t).is_some_and(|x| x.starts_with("RB"));
    (k > view.start && be(k - 1)) || (k > view.start + 1 && adverb(k - 1) && be(k - 2))
}

/// The entity of a "by" phrase right after the cue: "were released by the army".
fn by_agent(view: &View, index: &MentionIndex, end: usize) -> Vec<usize> {
    if view.lower(end) != "by" {
        return Vec::new();
    }
    index
        .mentions_in(end + 1, (end + 6).min(view.end))
        .into_iter()
        .take(1)
        .map(|(e, _)| e)
        .collect()
}

/// A country or its government: the actors whose protest is diplomatic.
fn states(doc: &Document, e: usize) -> bool {
    let entity = &doc.record.entities[e];
    entity.kind == "country" || entity.sector.as_deref() == Some("GOV")
}

/// Where the headline ends in the text, when the record has one and the text opens with it.
fn headline_end(doc: &Document) -> Option<usize> {
    let title = doc.record.title.as_deref()?.trim();
    let at = doc.record.text.find(title).filter(|&at| at < 200)?;
    Some(at + title.len())
}

/// Sentences that are headings rather than prose: a short line of its own with no full stop
/// ("Two killed in drone attacks on Ruvala", a sub-heading, a related story's link).
fn heading_lines(doc: &Document) -> Vec<Span> {
    let text = &doc.record.text;
    let mut found: Vec<Span> = standfirst(doc).into_iter().collect();
    let unfinished = |line: &str| !line.trim_end().ends_with(['.', '!', '?', '"', '”', '’']);
    let sentences = doc.record.sentences.iter();
    sentences
        .filter(|s| {
            let body = s.slice(text).trim();
            // A line of its own: a line break follows (a text cut short is no heading), and
            // none inside (wire copy wraps its sentences at a fixed width).
            let own_line = text[s.1..]
                .trim_start_matches([' ', '\t'])
                .starts_with(['\n', '\r'])
                && !body.contains('\n');
            own_line && body.split_whitespace().count() <= 15 && unfinished(body)
        })
        .for_each(|s| found.push(*s));
    found
}

/// The standfirst under a headline: one sentence on the line right after it, with a blank line
/// before the body ("Group claims responsibility after eight officers die in raid."). It
/// sums up what the body tells.
fn standfirst(doc: &Document) -> Option<Span> {
    let text = &doc.record.text;
    let end = headline_end(doc)?;
    let after = &text[end..];
    let gap = after.len() - after.trim_start_matches([' ', '\t', '\r']).len();
    let start = end + gap;
    if !text[start..].starts_with('\n') || text[start + 1..].starts_with(['\n', '\r']) {
        return None;
    }
    let first = doc.record.sentences.iter().find(|s| s.0 > start)?;
    let rest = &text[first.1..];
    let line_ends = rest
        .trim_start_matches([' ', '\t'])
        .starts_with(['\n', '\r']);
    let blank_after = rest
        .trim_start_matches([' ', '\t', '\r'])
        .starts_with("\n\n")
        || rest.trim_start_matches([' ', '\t']).starts_with("\r\n\r\n");
    (line_ends && blank_after && !first.slice(text).contains('\n')).then_some(*first)
}

/// A headline, and any heading, tells in short what the body reports: its events give way to
/// the body's events of the same type, and stay only when the body has none.
fn drop_headline_repeats(
    drafts: Vec<Draft>,
    headline_end: Option<usize>,
    tokens: &[Token],
    headings: &[Span],
) -> Vec<Draft> {
    let end = headline_end.unwrap_or(0);
    let in_headline = |d: &Draft| {
        tokens.get(d.cue_tok).is_some_and(|t| t.start < end) || headings.contains(&d.span)
    };
    let body_types: Vec<String> = drafts
        .iter()
        .filter(|d| !in_headline(d))
        .map(|d| d.plover.clone())
        .collect();
    // A headline that names nobody acting ("Freed students taken to Kisumu") summarises what
    // the body tells with its participants.
    let summary = |d: &Draft| d.actors.is_empty() && !body_types.is_empty();
    drafts
        .into_iter()
        .filter(|d| !in_headline(d) || !(body_types.contains(&d.plover) || summary(d)))
        .collect()
}

/// The day the story's news happened when the text says what came "earlier" that day:
/// "Earlier on May 3, ... said the president plans further calls" puts the calls the
/// headline and lead report on May 3, not on the day of publication.
fn story_day(doc: &Document) -> Option<String> {
    let text = &doc.record.text;
    doc.record.times.iter().find_map(|t| {
        let before = text[..t.span.0].trim_end();
        let opener = before.strip_suffix("on").unwrap_or(before).trim_end();
        let starts_sentence = opener.strip_suffix("Earlier").is_some_and(|rest| {
            rest.trim_end().is_empty() || rest.trim_end().ends_with(['.', '\n'])
        });
        let value = t.value.as_deref().filter(|v| v.len() == 10)?;
        // A day of a known year only ("XXXX-10-16" dates nothing).
        value.as_bytes()[0].is_ascii_digit().then_some(())?;
        let not_after = doc.record.published.as_deref().is_none_or(|p| value <= p);
        (starts_sentence && not_after).then(|| value.to_string())
    })
}

/// An undated event of the body that a dated caption pictures ("arrives for a meeting with
/// ..., May 3, 2024" beside "is scheduled to meet") took place on the caption's day.
fn date_by_caption(drafts: &mut [Draft], pictured: &[Draft], entities: &[Entity]) {
    for d in drafts.iter_mut().filter(|d| d.date.is_none()) {
        let shown = pictured.iter().find(|c| {
            c.plover == d.plover
                && c.dated_by_text
                && c.status == EventStatus::Occurred
                && shared(c, d, entities) >= 2
        });
        if let Some(c) = shown {
            d.date = c.date.clone();
            d.date_basis = Some("caption");
            d.status = EventStatus::Occurred;
        }
    }
}

/// What two parties of a dated meeting do together with no date of their own ("Lavrov and
/// Wennesland met on Wednesday ... have called for a ceasefire") happened at the meeting.
fn date_by_meeting(drafts: &mut [Draft], entities: &[Entity]) {
    let meetings: Vec<Draft> = drafts
        .iter()
        .filter(|d| d.plover == "CONSULT" && d.dated_by_text && d.date.is_some())
        .cloned()
        .collect();
    for d in drafts.iter_mut() {
        if d.dated_by_text || d.plover == "CONSULT" || d.status != EventStatus::Occurred {
            continue;
        }
        if let Some(m) = meetings.iter().find(|m| shared(m, d, entities) >= 2) {
            d.date = m.date.clone();
            d.date_basis = Some("meeting");
        }
    }
}

/// Where the actors are, as the subject says it: "The military junta in Ruvala, on Friday,
/// ordered ...", "Protesters in Mombasa marched ...".
fn place_of_subject(view: &View, index: &MentionIndex, doc: &Document, k: usize) -> Option<usize> {
    let from = view.clause_start(k);
    // The subject ends at the clause's first verb: "discussed the situation in Gaza" is a topic.
    let tags = &doc.parse.tags;
    let verb = (from..k).find(|&t| tags.get(t).is_some_and(|g| g.starts_with("VB")));
    (from..verb.unwrap_or(k)).find_map(|t| {
        // "the situation in the Middle East" names a topic, not where anyone is.
        let topic = t > 0 && Lexicon::global().listed("topic_noun", view.lower(t - 1));
        if view.lower(t) != "in" || t == from || topic {
            return None;
        }
        let e = index.entity_at(t + 1)?;
        matches!(doc.record.entities[e].kind.as_str(), "location" | "country").then_some(e)
    })
}

/// The cue is a noun for an event the text has told of already: "the attack", "its attack",
/// "Tuesday's attack", "the reported recent air strikes", "the 7 October attack". A second
/// report of the same kind names no new event (the first one stands).
/// The sentence tells again an event of the draft's kind: its cue is a noun with a determiner,
/// or such a noun of the same kind hangs on its cue ("his fighters killed 12 officers in the
/// raid"); "met X, noting that the meeting discussed" tells of a meeting of its own.
fn told_again(clause: &Clause, d: &Draft) -> bool {
    let (view, doc) = (clause.view, clause.doc);
    told_before(view, doc, d.cue_tok)
        || (view.start..view.end).any(|t| {
            t != d.cue_tok
                && crate::clauses::EVENT_CUES
                    .longest_at(view.lowered, t, view.end)
                    .is_some_and(|(_, &i)| Lexicon::global().event_cues[i].plover == d.plover)
                && told_before(view, doc, t)
                && crate::events_tree::hangs_on(clause, t, d.cue_tok)
        })
}

fn told_before(view: &View, doc: &Document, k: usize) -> bool {
    let noun = doc.parse.tags.get(k).is_some_and(|t| t.starts_with("NN"));
    if !noun {
        return false;
    }
    let lex = Lexicon::global();
    // Back past the modifiers of the noun ("recent", "reported", "7 October", "drone") to a
    // determiner or a possessor.
    for t in (view.start.max(k.saturating_sub(4))..k).rev() {
        let word = view.lower(t);
        if word.ends_with("'s") || word.ends_with("’s") {
            return true;
        }
        if matches!(
            word,
            "the" | "this" | "that" | "these" | "those" | "its" | "their"
        ) {
            return true;
        }
        let tag = doc.parse.tags.get(t).copied().unwrap_or("");
        // "the latest round of talks": through the measure of the event.
        let measure_of =
            word == "of" && t > view.start && lex.listed("measure_noun", view.lower(t - 1));
        let modifier = matches!(
            tag,
            "JJ" | "JJS" | "JJR" | "VBN" | "CD" | "NN" | "NNP" | "NNS"
        ) || lex.listed("event_adjective", word)
            || measure_of;
        if !modifier {
            return false;
        }
    }
    false
}

/// Talks with no place of their own happen where the sentence's meeting noun says: "talks
/// between Kenya and Uganda ..., following the second round of negotiations in
/// Geneva" (a bare "negotiations" names no parties and makes no event of its own).
fn place_talks(found: &mut [Draft], view: &View, index: &MentionIndex, doc: &Document) {
    let meeting_noun = |k: usize| {
        matches!(
            view.lower(k),
            "talks" | "negotiations" | "meeting" | "round" | "summit" | "consultations"
        )
    };
    let place = (view.start..view.end)
        .filter(|&k| meeting_noun(k))
        .find_map(|k| place_after(view, index, doc, k + 1));
    for d in found
        .iter_mut()
        .filter(|d| d.plover == "CONSULT" && d.place.is_none())
    {
        d.place = place.filter(|p| !d.actors.contains(p) && !d.recipients.contains(p));
    }
}

/// What the parties of a meeting do in the same sentence happens where they meet: "held talks
/// in Moscow and called for a ceasefire".
fn share_meeting_place(found: &mut [Draft]) {
    let meeting = found
        .iter()
        .find(|d| d.plover == "CONSULT" && d.place.is_some())
        .map(|d| (d.place, d.actors.clone()));
    let Some((place, actors)) = meeting else {
        return;
    };
    for d in found.iter_mut().filter(|d| d.place.is_none()) {
        if d.actors.iter().any(|a| actors.contains(a)) {
            d.place = place;
        }
    }
}

/// "the need to lift the blockade", "the population under blockade": the cue names a topic, not
/// an event.
fn is_topic(view: &View, k: usize) -> bool {
    (k.saturating_sub(2).max(view.start)..k)
        .any(|t| Lexicon::global().listed("topic_before", view.lower(t)))
}

/// (actors, recipients) of the cue at tokens `k..end`.
fn participants(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    cue: &EventCue,
    k: usize,
    end: usize,
    previous: Option<&Draft>,
) -> (Vec<usize>, Vec<usize>) {
    let entities = &doc.record.entities;
    let clause_end = clause_end(view, end);
    let mut actors = nominal_agent(view, index, doc, k, end, clause_end)
        .unwrap_or_else(|| view.subjects(index, entities, k));
    if actors.is_empty() {
        actors = group_reference(view, k, previous).unwrap_or_default();
    }
    if actors.is_empty() {
        actors = pronoun(view, index, entities, k).into_iter().collect();
    }
    if actors.is_empty() && view.clause_start(k) == k {
        // "Calling for an immediate halt ..., the Russian minister urged ...": the subject
        // follows the opening participle clause.
        let comma = (end..view.end).find(|&t| view.word(t) == ",");
        if let Some(c) = comma {
            actors = index
                .mentions_in(c + 1, (c + 6).min(view.end))
                .into_iter()
                .take(1)
                .map(|(e, _)| e)
                .collect();
        }
    }
    let infinitive = view.lower(end) == "to"
        && !matches!(view.lower(end + 1), "the" | "a" | "an")
        && !view
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.has(Token::CAPITALIZED));
    let content_follows =
        cue.frame == Frame::Call && (matches!(view.lower(end), "for" | "that") || infinitive);
    let mut recipients = match cue.frame {
        Frame::Joint => with_phrase(view, index, entities, end, clause_end),
        _ if content_follows || cue.words.last().is_some_and(|w| w == "for") => Vec::new(),
        _ => object_of(view, index, doc, end, clause_end),
    };
    let agent_by_noun = nominal_agent(view, index, doc, k, end, clause_end).is_some();
    if cue.frame != Frame::Joint && !agent_by_noun {
        // "Hamas subjected Israel to rocket fire": an entity between subject and cue is acted on.
        let from = view.clause_start(k);
        for (e, t) in index.mentions_in(from, k) {
            let kind = entities[e].kind.as_str();
            let affiliation =
                crate::clauses::starts_role(view.lower(view.mention_end(index, e, t)));
            let after_subject = actors
                .first()
                .is_some_and(|a| index.mentions_in(from, t).iter().any(|(x, _)| x == a));
            if after_subject
                && !actors.contains(&e)
                && !affiliation
                && !view.after_preposition(t, from)
                && kind != "location"
                && !recipients.contains(&e)
            {
                recipients.push(e);
            }
        }
    }
    (actors, recipients)
}

/// "he", "his", "it", "its" before the cue: the latest person, or organisation or country,
/// named before it.
fn pronoun(view: &View, index: &MentionIndex, entities: &[Entity], k: usize) -> Option<usize> {
    let from = view.clause_start(k);
    let word = (from..k)
        .map(|t| view.lower(t))
        .find(|w| matches!(*w, "he" | "his" | "she" | "her" | "it" | "its"))?;
    let personal = matches!(word, "he" | "his" | "she" | "her");
    index.latest_before(entities, from, personal)
}

/// "the 7 October attack by Hamas", "Israel’s ongoing bombardment of Gaza", "Israeli attacks on
/// Syria": agents of nouns.
fn nominal_agent(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    k: usize,
    end: usize,
    clause_end: usize,
) -> Option<Vec<usize>> {
    let entities = &doc.record.entities;
    if view.lower(end) == "by" {
        let found = index.mentions_in(end + 1, (end + 7).min(clause_end));
        let group = found
            .iter()
            .find(|(e, _)| entities[*e].kind == "group")
            .or(found.first());
        if let Some(&(e, _)) = group {
            return Some(vec![e]);
        }
    }
    let mut t = k;
    while t > view.start && Lexicon::global().listed("event_adjective", view.lower(t - 1)) {
        t -= 1;
    }
    let p = t.checked_sub(1).filter(|p| *p >= view.start)?;
    let word = view.word(p);
    if word.ends_with("’s") || word.ends_with("'s") {
        return index.entity_at(p).map(|e| vec![e]);
    }
    country_of_demonym(doc, word).map(|e| vec![e])
}

/// The article's country entity for the country a place entity lies in.
fn country_of_place(doc: &Document, place: usize) -> Option<usize> {
    let entities = &doc.record.entities;
    let p = &entities[place];
    let iso = p.country.as_deref().filter(|_| p.kind == "location")?;
    entities
        .iter()
        .position(|e| e.kind == "country" && e.country.as_deref() == Some(iso))
}

/// The country entity an adjective such as "Israeli" or "Iraqi" points to, if the article names it.
pub fn country_of_demonym(doc: &Document, word: &str) -> Option<usize> {
    let iso = crate::clauses::demonym_country(word)?;
    doc.record
        .entities
        .iter()
        .position(|e| e.kind == "country" && e.country.as_deref() == Some(iso))
}

/// "They", "the two sides", "the ministers": the participants of the previous event.
fn group_reference(view: &View, k: usize, previous: Option<&Draft>) -> Option<Vec<usize>> {
    let from = view.clause_start(k);
    let refers = GROUP_REFERENCES.iter().any(|words| {
        let w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        (from..k).any(|t| view.spells(t, &w))
    });
    let p = previous.filter(|_| refers)?;
    let mut all = p.actors.clone();
    all.extend(p.recipients.iter().copied());
    Some(all)
}

/// Entities of the phrase after "with" (or "between"): "talks with X", "conversations with the
/// presidents of ... A, B, C and D", up to the verb or speech clause that ends it; entities after
/// "for", "in", "on" or "about" inside it are topics, not participants.
fn with_phrase(
    view: &View,
    index: &MentionIndex,
    entities: &[Entity],
    end: usize,
    clause_end: usize,
) -> Vec<usize> {
    let cue_ends_with = end > 0 && view.lower(end - 1) == "with";
    let w = if cue_ends_with {
        end - 1
    } else {
        match (end..clause_end.min(end + 4)).find(|&t| matches!(view.lower(t), "with" | "between"))
        {
            Some(w) => w,
            None => return Vec::new(),
        }
    };
    let speech = &Lexicon::global().speech_verbs;
    let stop = (w + 1..clause_end)
        .find(|&t| {
            let word = view.lower(t);
            let verb = view.tokens[t].kind == dateline_core::TokenKind::Word
                && !view.tokens[t].has(Token::CAPITALIZED)
                && word.ends_with("ed");
            verb || speech.contains(word)
                || (word == ","
                    && (t + 1..(t + 4).min(view.end)).any(|x| speech.contains(view.lower(x))))
        })
        .unwrap_or(clause_end);
    index
        .mentions_in(w + 1, stop)
        .into_iter()
        .filter(|(e, t)| entities[*e].kind != "location" && !topic_preposition(view, w + 1, *t))
        .map(|(e, _)| e)
        .collect()
}

/// The nearest preposition before token t (after `floor`) introduces a topic.
fn topic_preposition(view: &View, floor: usize, t: usize) -> bool {
    (floor..t).any(|x| {
        matches!(
            view.lower(x),
            "for" | "in" | "on" | "about" | "from" | "at" | "to"
        )
    })
}

/// The entity acted on: "called on X", "condemned X", "support for the Iraqi authorities",
/// "attack ... on the territory of Israel"; a person is preferred to the country before it
/// ("called on US President Joe Biden").
fn object_of(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    end: usize,
    clause_end: usize,
) -> Vec<usize> {
    let entities = &doc.record.entities;
    let mut t = end;
    if view.lower(t) == "by" {
        // "attack by Hamas ... on Israel": the agent is not the target.
        while t < clause_end && !matches!(view.lower(t), "on" | "against") {
            t += 1;
        }
    }
    while t < clause_end
        && matches!(
            view.lower(t),
            "on" | "for" | "of" | "against" | "the" | "to" | "with" | "a" | "an"
        )
    {
        t += 1;
    }
    let window = (t + 5).min(clause_end);
    let found: Vec<(usize, usize)> = index
        .mentions_in(t, window)
        .into_iter()
        .filter(|(_, m)| !(t..*m).any(|x| matches!(view.lower(x), "from" | "during" | "since")))
        .collect();
    let person = found.iter().find(|(e, _)| entities[*e].kind == "person");
    if let Some(&(e, _)) = person.or(found.first()) {
        return vec![e];
    }
    if let Some(e) = (t..window).find_map(|x| country_of_demonym(doc, view.word(x))) {
        return vec![e];
    }
    (end..(end + 10).min(clause_end))
        .find(|&x| matches!(view.lower(x), "on" | "against"))
        .and_then(|x| {
            index
                .mentions_in(x + 1, (x + 6).min(clause_end))
                .first()
                .map(|&(e, _)| vec![e])
        })
        .unwrap_or_default()
}

/// Where the clause after the cue ends: ";", ":", a quotation mark, or the end of the sentence.
fn clause_end(view: &View, from: usize) -> usize {
    (from..view.end)
        .find(|&t| matches!(view.word(t), ";" | ":" | "“" | "”" | "\"" | "."))
        .unwrap_or(view.end)
}

/// What a request asks for ("called for a ceasefire" → 1056).
fn request_topic(view: &View, end: usize) -> Option<(String, String)> {
    let topics = &Lexicon::global().request_topics;
    (end..clause_end(view, end).min(end + 10)).find_map(|t| {
        let two = format!("{} {}", view.lower(t), view.lower(t + 1));
        topics
            .get(&two)
            .or_else(|| topics.get(view.lower(t)))
            .cloned()
    })
}

/// "in Moscow", "in New York": a place right after the cue, not the topic ("the situation in
/// Gaza").
fn place_after(view: &View, index: &MentionIndex, doc: &Document, end: usize) -> Option<usize> {
    let limit = (end + 10).min(clause_end(view, end));
    (end..limit).find_map(|t| {
        if !matches!(view.lower(t), "in" | "at") || t == 0 {
            return None;
        }
        let topic = Lexicon::global().listed("topic_noun", view.lower(t - 1));
        let e = index.entity_at(t + 1).or_else(|| index.entity_at(t + 2))?;
        let kind = doc.record.entities[e].kind.as_str();
        (!topic && matches!(kind, "location" | "country")).then_some(e)
    })
}

/// A meeting in one participant's country is a visit; in none of theirs, a third-party meeting.
fn consult_mode(
    doc: &Document,
    actors: &[usize],
    recipients: &[usize],
    place: Option<usize>,
    cameo: String,
) -> (Option<String>, String) {
    let Some(p) = place.and_then(|p| doc.record.entities[p].country.clone()) else {
        return (None, cameo);
    };
    let countries: Vec<Option<String>> = actors
        .iter()
        .chain(recipients)
        .map(|e| doc.record.entities[*e].country.clone())
        .collect();
    if countries.iter().any(|c| c.as_ref() == Some(&p)) {
        (Some("visit".into()), "042".into())
    } else if countries.iter().all(Option::is_some) {
        (Some("third-party".into()), "044".into())
    } else {
        (None, cameo)
    }
}

fn status(view: &View, k: usize) -> EventStatus {
    let from = view.clause_start(k).max(k.saturating_sub(4));
    let words: Vec<&str> = (from..k).map(|t| view.lower(t)).collect();
    let has = |class: &str| words.iter().any(|w| Lexicon::global().listed(class, w));
    if has("negated") {
        EventStatus::Negated
    } else if has("planned")
        || (words.last().is_some_and(|w| *w == "to") && words.contains(&"ready"))
    {
        EventStatus::Planned
    } else if has("hypothetical") || any_before(view, k) {
        EventStatus::Hypothetical
    } else {
        EventStatus::Occurred
    }
}

/// "Any Iranian attack on Soviet ships will bring ...": "any" right before the cue noun, or
/// one word before it, speaks of no attack that happened.
fn any_before(view: &View, k: usize) -> bool {
    (k.saturating_sub(2).max(view.start)..k).any(|t| view.lower(t) == "any")
}

/// "have held talks", "has submitted": a present-perfect report of a recent event.
fn present_perfect(view: &View, k: usize) -> bool {
    (view.clause_start(k)..=k).any(|t| matches!(view.lower(t), "has" | "have"))
}

/// Countries at war in the article: the sides of "Palestinian-Israeli conflict", "war between
/// Israel and Hamas".
fn warring_parties(doc: &Document) -> Vec<String> {
    let lex = Lexicon::global();
    let mut out = Vec::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = t.text(&doc.record.text);
        let next = doc
            .tokens
            .get(i + 1)
            .map(|n| n.text(&doc.record.text).to_lowercase())
            .unwrap_or_default();
        if !w.contains('-')
            || !matches!(
                next.as_str(),
                "conflict" | "war" | "fighting" | "clashes" | "hostilities"
            )
        {
            continue;
        }
        let parts: Vec<Option<&str>> = w
            .split('-')
            .map(|p| {
                lex.countries
                    .iter()
                    .find(|c| c.demonyms.iter().any(|d| d == p))
                    .map(|c| c.iso3.as_str())
            })
            .collect();
        if parts.len() == 2 && parts.iter().all(Option::is_some) {
            out.extend(parts.into_iter().flatten().map(str::to_string));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reports of one event within the article ("held talks" in the lead, "discussed" later) are
/// one event: same type, compatible dates, and at least two shared participants (a country and
/// the person who leads it count as shared).
fn merge(drafts: Vec<Draft>, entities: &[Entity]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    for d in drafts {
        // Told again with nobody acting, of the same parties: "has lodged protest with the
        // Government of Uganda" after "Kenya lodged a protest with Uganda".
        let retold = |e: &Draft| {
            d.actors.is_empty()
                && !d.recipients.is_empty()
                && d.recipients.iter().all(|r| {
                    e.actors
                        .iter()
                        .chain(&e.recipients)
                        .any(|p| same_party(*p, *r, entities))
                })
        };
        let same = out.iter_mut().find(|e| {
            let participants: Vec<usize> = e.actors.iter().chain(&e.recipients).copied().collect();
            let same_sentence = e.span == d.span && (e.actors == d.actors || d.actors.is_empty())
                || (d.recipients.is_empty()
                    && !d.actors.is_empty()
                    && d.actors.iter().all(|a| participants.contains(a))
                    && e.plover == "CONSULT");
            let joint = e.plover == "CONSULT" || e.actors.iter().any(|a| d.actors.contains(a));
            e.plover == d.plover
                && e.status == d.status
                && (e.date.is_none() || d.date.is_none() || e.date == d.date)
                && (same_sentence || retold(e) || (joint && shared(e, &d, entities) >= 2))
        });
        match same {
            Some(e) => absorb(e, d),
            None => out.push(d),
        }
    }
    out
}

fn absorb(e: &mut Draft, d: Draft) {
    for a in d.actors.iter().chain(&d.recipients) {
        if !e.actors.contains(a) && !e.recipients.contains(a) {
            e.recipients.push(*a);
        }
    }
    if e.date.is_none() {
        (e.date, e.date_basis) = (d.date, d.date_basis);
    }
    e.place = e.place.or(d.place);
    if e.mode.is_none() {
        e.mode = d.mode;
        e.cameo = d.cameo;
    }
}

/// Adds what a second report of an event names to the first, each in its role.
fn join_roles(e: &mut Draft, d: Draft) {
    for a in d.actors {
        if !e.actors.contains(&a) && !e.recipients.contains(&a) {
            e.actors.push(a);
        }
    }
    for r in d.recipients {
        if !e.actors.contains(&r) && !e.recipients.contains(&r) {
            e.recipients.push(r);
        }
    }
    if e.date.is_none() {
        (e.date, e.date_basis) = (d.date, d.date_basis);
    }
    e.place = e.place.or(d.place);
}

/// The same party: one entity, or a country and an organisation of that country ("Uganda",
/// "the Government of Uganda").
fn same_party(a: usize, b: usize, entities: &[Entity]) -> bool {
    if a == b {
        return true;
    }
    let (x, y) = (&entities[a], &entities[b]);
    let state = |e: &Entity| e.kind == "country" || e.kind == "organization";
    let one_country = x.kind == "country" || y.kind == "country";
    one_country && state(x) && state(y) && x.country.is_some() && x.country == y.country
}

fn shared(a: &Draft, b: &Draft, entities: &[Entity]) -> usize {
    let all = |d: &Draft| {
        d.actors
            .iter()
            .chain(&d.recipients)
            .copied()
            .collect::<Vec<usize>>()
    };
    let (pa, pb) = (all(a), all(b));
    let ids = pa.iter().filter(|x| pb.contains(x)).count();
    let countries_of = |p: &[usize], kind: &str| -> Vec<String> {
        p.iter()
            .filter(|e| entities[**e].kind == kind)
            .filter_map(|e| entities[*e].country.clone())
            .collect()
    };
    let cross = |x: &[usize], y: &[usize]| {
        let c = countries_of(x, "country");
        countries_of(y, "person")
            .iter()
            .filter(|p| c.contains(p))
            .count()
    };
    ids + cross(&pa, &pb) + cross(&pb, &pa)
}

/// Drops a country among the participants when the person who represents it is there too, and
/// turns drafts into records.
fn finish(drafts: Vec<Draft>, entities: &[Entity]) -> Vec<Event> {
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let people: Vec<Option<String>> = d
                .actors
                .iter()
                .chain(&d.recipients)
                .filter(|e| entities[**e].kind == "person")
                .map(|e| entities[*e].country.clone())
                .collect();
            // A country beside its own person says nothing more ("Kenya" with Kenya's
            // speaker), except as the host of a visit, which CAMEO codes.
            let visit = d.cameo == "042";
            let keep = |e: &usize| {
                visit || !(entities[*e].kind == "country" && people.contains(&entities[*e].country))
            };
            let ids = |list: &[usize]| {
                list.iter()
                    .filter(|e| keep(e))
                    .map(|e| entities[*e].id.clone())
                    .collect::<Vec<String>>()
            };
            Event {
                id: format!("v{}", i + 1),
                kind: d.plover,
                mode: d.mode,
                cameo: Some(d.cameo),
                actors: ids(&d.actors),
                recipients: ids(&d.recipients),
                place: d.place.map(|p| entities[p].name.clone()),
                date_basis: d.date.as_ref().and(d.date_basis).map(String::from),
                date: d.date,
                span: d.span,
                status: d.status,
            }
        })
        .collect()
}
