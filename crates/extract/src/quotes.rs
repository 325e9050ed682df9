//! Quotations: direct quotes in straight and curly quotation marks (nested, partial, running
//! across sentences and paragraphs), and indirect speech ("Lavrov said that ..."), each with its
//! speaker resolved to an entity through the cue verb, descriptions and pronouns ("it said" is
//! the organisation quoted last, "he added" the person). Apostrophes are not quotation marks.

use crate::clauses::{Clause, MentionIndex, View};
use crate::language::keep_tree;
use crate::quotes_tree::{cue_speaker, Speaker};
use dateline_core::{Document, Quote, Span, Stage};
use dateline_lexicon::{Frame, Lexicon};

pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let index = MentionIndex::build(&doc.record.entities, &doc.tokens);
        let marks = quotation_spans(&doc.record.text, &doc.regions);
        let mut speakers = Speakers::default();
        let mut quotes = Vec::new();
        let mut trees = Vec::new();
        for s in &doc.record.sentences {
            let view = sentence_view(doc, *s);
            // The quotations that close in this sentence or at its end (marks are in text order).
            let from = marks.partition_point(|q| q.1 < s.0);
            let to = marks.partition_point(|q| q.1 <= s.1);
            let closing: Vec<Span> = marks[from..to.max(from)].to_vec();
            let clause = Clause::new(&view, &index, doc);
            for q in closing {
                // A quotation opened in an earlier sentence may have its cue there: "Jonathan
                // said “We arrived this afternoon. We will continue ...”".
                let opened = Span::containing(&doc.record.sentences, q.0).filter(|o| o.0 < s.0);
                let opening_view = opened.map(|o| sentence_view(doc, o));
                let opening = opening_view.as_ref().map(|v| Clause::new(v, &index, doc));
                quotes.push(attribute(&clause, opening.as_ref(), q, &mut speakers));
            }
            quotes.extend(indirect(&clause, &marks, &mut speakers));
            note_speakers(&clause, &mut speakers);
            trees.extend(clause.into_tree());
        }
        for t in &trees {
            keep_tree(&mut doc.parse, t);
        }
        quotes.sort_by_key(|q: &Quote| q.span);
        doc.record.quotes = quotes;
        Ok(())
    }
}

/// "Lavrov said that": the speaker whose name ends right before the cue, with no tree needed.
fn named_just_before(clause: &Clause, cue: usize) -> Option<(String, String)> {
    let before = cue.checked_sub(1).filter(|&k| k >= clause.view.start)?;
    let e = clause.index.entity_at(before)?;
    let kind = clause.doc.record.entities[e].kind.as_str();
    let speaks = matches!(kind, "person" | "organization" | "group" | "country");
    speaks.then(|| named(clause, (e, before)))
}

pub fn sentence_view<'a>(doc: &'a Document, s: Span) -> View<'a> {
    let (text, tokens) = (doc.record.text.as_str(), doc.tokens.as_slice());
    View {
        lowered: &doc.lower,
        text,
        tokens,
        start: tokens.partition_point(|t| t.start < s.0),
        end: tokens.partition_point(|t| t.start < s.1),
    }
}

/// The last speakers, for pronouns and for quotations that continue.
#[derive(Default)]
pub struct Speakers {
    pub person: Option<String>,
    pub organization: Option<String>,
    /// The speaker of the latest sentence that names a statement, for "the statement said".
    pub statement: Option<String>,
    /// The speaker of the last attributed quotation and where it ended.
    last_quote: Option<(String, usize)>,
}

impl Speakers {
    /// The last quotation's speaker, if at most one paragraph break lies between it and `q`.
    fn continuing(&self, doc: &Document, q: Span) -> Option<String> {
        let (id, end) = self.last_quote.as_ref()?;
        let between = doc.record.text.get(*end..q.0)?;
        let breaks = between.matches("\n\n").count();
        (breaks <= 1 && between.len() < 400).then(|| id.clone())
    }

    fn note(&mut self, doc: &Document, id: &str) {
        match doc
            .record
            .entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.kind.as_str())
        {
            Some("person") => self.person = Some(id.to_string()),
            Some(_) => self.organization = Some(id.to_string()),
            None => {}
        }
    }
}

/// Inner spans of quotations: "“...”" and "\"...\"" pairs; a quotation left open at the end of a
/// paragraph continues when the next paragraph opens with a quotation mark, else ends there.
pub fn quotation_spans(text: &str, regions: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for r in regions {
        let Some(slice) = text.get(r.0..r.1) else {
            continue;
        };
        let mut open: Option<usize> = None;
        let mut straight_open = false;
        let mut prev = ' ';
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            let at = r.0 + i;
            let next = chars.get(n + 1).map_or(' ', |x| x.1);
            match c {
                '“' if open.is_none() => open = Some(at + c.len_utf8()),
                '”' => close(&mut open, at, &mut out),
                '"' if open.is_none()
                    && (prev.is_whitespace() || "([—–-".contains(prev))
                    && !next.is_whitespace() =>
                {
                    open = Some(at + 1);
                    straight_open = true;
                }
                '"' if straight_open => {
                    close(&mut open, at, &mut out);
                    straight_open = false;
                }
                '\n' if next == '\n' || open.is_some() && paragraph_ends(slice, i) => {
                    if let Some(start) = open {
                        let continues = slice[i..].trim_start().starts_with(['“', '"']);
                        if !continues {
                            out.push(Span(start, at));
                            open = None;
                            straight_open = false;
                        }
                    }
                }
                _ => {}
            }
            prev = c;
        }
        if let Some(start) = open {
            out.push(Span(start, r.1));
        }
    }
    merge_continued(text, out)
}

fn paragraph_ends(slice: &str, i: usize) -> bool {
    slice[i + 1..].starts_with('\n')
}

fn close(open: &mut Option<usize>, at: usize, out: &mut Vec<Span>) {
    if let Some(start) = open.take() {
        if at > start {
            out.push(Span(start, at));
        }
    }
}

/// A quotation reopened at the next paragraph without having been closed is one quotation.
fn merge_continued(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut() {
            let between = text.get(last.1..s.0).unwrap_or("");
            let unclosed = !text[..last.1.min(text.len())].ends_with(['”', '"'])
                && !between.starts_with(['”', '"']);
            if unclosed
                && between.trim().chars().all(|c| c == '“' || c == '"')
                && between.contains('\n')
            {
                last.1 = s.1;
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Finds who said the quotation `q` whose closing mark lies in this sentence.
fn attribute(
    closing: &Clause,
    opening: Option<&Clause>,
    q: Span,
    speakers: &mut Speakers,
) -> Quote {
    let open_at = |c: &Clause| {
        c.view
            .tokens
            .partition_point(|t| t.start < q.0)
            .saturating_sub(1)
            .max(c.view.start)
    };
    let after = closing.view.tokens.partition_point(|t| t.start < q.1);
    // The cue after the closing mark, else before the opening mark in the sentence it opens in.
    let (clause, found) = match speech_after(closing, after) {
        Some(cue) => (closing, Some(cue)),
        None => {
            let c = opening.unwrap_or(closing);
            (c, speech_before(c.view, open_at(c)))
        }
    };
    let view = clause.view;
    let open = open_at(clause);
    let mut quote = Quote {
        span: q,
        speaker: None,
        speaker_text: None,
        cue: None,
        direct: true,
    };
    let who = if let Some((cue_start, cue_len)) = found {
        quote.cue = Some(
            view.span(cue_start, cue_start + cue_len)
                .slice(view.text)
                .to_string(),
        );
        cue_owner(clause, q, cue_start, speakers)
            .or_else(|| speaker_near(clause, cue_start, cue_len, open, speakers))
    } else {
        crate::quotes_tree::speaker(clause, q, speakers).map(|found| identify(clause, found))
    };
    if let Some((id, text)) = who {
        speakers.note(clause.doc, &id);
        if mentions_statement(view) {
            speakers.statement = Some(id.clone());
        }
        quote.speaker = Some(id);
        quote.speaker_text = Some(text).filter(|t| !t.is_empty());
    } else if found.is_none() {
        // A quotation with no cue of its own goes on with the last quotation's speaker, in
        // the same or the next paragraph.
        quote.speaker = speakers.continuing(clause.doc, q);
    }
    if let Some(id) = &quote.speaker {
        speakers.last_quote = Some((id.clone(), q.1));
    }
    quote
}

/// The speaker of a cue by the tree. Words quoted under a verb of their own with a subject are
/// that subject's ("X decried the moves as “reckless”", "X called for ... “to withdraw”,
/// according to Y"), else the cue's subject speaks.
fn cue_owner(
    clause: &Clause,
    q: Span,
    cue: usize,
    speakers: &Speakers,
) -> Option<(String, String)> {
    // A cue after the quotation with its speaker's name or a pronoun right before it ("“...,”
    // Lavrov said", "he added") needs no tree; parsing is the costliest step of the stage.
    let view = clause.view;
    if view.tokens[cue].start >= q.1 {
        if let Some(found) = named_just_before(clause, cue) {
            return Some(found);
        }
        let before = cue.saturating_sub(1);
        if before >= view.start && matches!(view.lower(before), "he" | "she" | "it") {
            return None;
        }
    }
    // A cue between the verb the tree hangs the quotation on and the quotation is nearer to
    // it, and the tree is wrong there more often than the word order.
    let opens = view.tokens.partition_point(|t| t.start < q.0);
    let verb = crate::quotes_tree::governing_verb(clause, q)
        .filter(|&g| !(g < cue && cue < opens))
        .unwrap_or(cue);
    let found = cue_speaker(clause, verb, speakers).or_else(|| {
        (verb != cue)
            .then(|| cue_speaker(clause, cue, speakers))
            .flatten()
    })?;
    Some(identify(clause, found))
}

fn identify(clause: &Clause, found: Speaker) -> (String, String) {
    match found {
        Speaker::Named(e, t) => named(clause, (e, t)),
        Speaker::Salient(id) => (id, String::new()),
        Speaker::Referred(id, t) => (id, clause.view.word(t).to_string()),
    }
}

/// The sentence names a statement ("said in a statement"): its speaker issued it.
fn mentions_statement(view: &View) -> bool {
    let lexicon = Lexicon::global();
    (view.start..view.end).any(|k| lexicon.listed("statement_noun", view.lower(k)))
}

/// The id of entity `e` and the words of its mention at token `t`.
fn named(clause: &Clause, (e, t): (usize, usize)) -> (String, String) {
    let entity = &clause.doc.record.entities[e];
    let at = clause.view.tokens[t].start;
    let mention = Span::containing(&entity.mentions, at);
    (
        entity.id.clone(),
        mention.map_or(entity.name.clone(), |m| {
            m.slice(clause.view.text).to_string()
        }),
    )
}

/// A speech verb after the closing mark, in the same sentence: (first token, length). Quotations
/// between them share it ("was “impeded” and “encircled” by ..., the coastguard said").
fn speech_after(clause: &Clause, from: usize) -> Option<(usize, usize)> {
    let view = clause.view;
    (from..view.end).find_map(|k| {
        let passive = k > view.start && is_be(view.lower(k - 1));
        speech_at(view, k)
            .filter(|_| !passive && verb_tagged(clause, k))
            .map(|n| (k, n))
    })
}

fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "been" | "be" | "being"
    )
}

/// Token `k` is no noun before the clause's verb: "the member states said" has its cue in
/// "said". A tag alone is not trusted; "the statement emphasizes" is read as a noun at times.
fn verb_tagged(clause: &Clause, k: usize) -> bool {
    let tags = &clause.doc.parse.tags;
    let noun = tags.get(k).is_some_and(|tag| tag.starts_with("NN"));
    let verb_next = tags.get(k + 1).is_some_and(|tag| tag.starts_with("VB"));
    !(noun && verb_next)
}

/// A verb before the opening mark ("Lavrov said that ... “deserves condemnation”", "called on
/// Joe Biden “not to delay ...”").
fn speech_before(view: &View, open: usize) -> Option<(usize, usize)> {
    (view.start..open).rev().find_map(|k| {
        speech_at(view, k)
            .or_else(|| other_cue_at(view, k))
            .or_else(|| {
                Lexicon::global()
                    .listed("quoting_verb", view.lower(k))
                    .then_some(1)
            })
            .map(|n| (k, n))
    })
}

fn speech_at(view: &View, k: usize) -> Option<usize> {
    if view.lower(k) == "according" && view.lower(k + 1) == "to" {
        return Some(2);
    }
    crate::clauses::SPEECH
        .longest_at(view.lowered, k, view.end)
        .map(|(n, _)| n)
}

fn other_cue_at(view: &View, k: usize) -> Option<usize> {
    let cues = &Lexicon::global().event_cues;
    let (n, &i) = crate::clauses::EVENT_CUES.longest_at(view.lowered, k, view.end)?;
    (cues[i].frame == Frame::Call).then_some(n)
}

/// The speaker next to a cue: the subject before it ("the ministry said"), the name after it
/// ("said Lavrov", "according to the Kremlin"), or a pronoun or "the statement" resolved to the
/// last speaker.
fn speaker_near(
    clause: &Clause,
    cue: usize,
    len: usize,
    open: usize,
    speakers: &Speakers,
) -> Option<(String, String)> {
    let (view, index, doc) = (clause.view, clause.index, clause.doc);
    let floor = if cue > open {
        open.max(view.start)
    } else {
        view.start
    };
    let passive = cue > view.start && is_be(view.lower(cue - 1));
    // A passive cue ("it was stressed") names nobody: the speaker is the organisation quoted
    // last, and the text gives no words for it (an empty speaker text).
    if passive {
        return speakers.organization.clone().map(|id| (id, String::new()));
    }
    if let Some(found) = named_speaker(clause, cue, len, floor, cue < open) {
        return Some(found);
    }
    let pronoun = (cue.saturating_sub(3).max(floor)..cue)
        .rev()
        .map(|k| view.lower(k))
        .find(|w| matches!(*w, "it" | "he" | "she" | "statement"))?;
    let id = match pronoun {
        "he" | "she" => speakers
            .person
            .clone()
            .or_else(|| last_person_before(index, doc, cue)),
        _ => speakers.organization.clone(),
    }?;
    Some((id, pronoun.to_string()))
}

/// The entity next to a speech cue: its subject before it ("the ministry said"), or, unless the
/// words after the cue are what was said, the name after it ("said Lavrov").
fn named_speaker(
    clause: &Clause,
    cue: usize,
    len: usize,
    floor: usize,
    before_only: bool,
) -> Option<(String, String)> {
    let (view, index, doc) = (clause.view, clause.index, clause.doc);
    let entities = &doc.record.entities;
    let speaks = |e: usize| {
        matches!(
            entities[e].kind.as_str(),
            "person" | "organization" | "group" | "country"
        )
    };
    let entity_text = |e: usize, t: usize| {
        let mention = Span::containing(&entities[e].mentions, view.tokens[t].start);
        (
            entities[e].id.clone(),
            mention.map_or(entities[e].name.clone(), |m| m.slice(view.text).to_string()),
        )
    };
    let after = index.mentions_in(cue + len, (cue + len + 6).min(view.end));
    let named_after = after
        .iter()
        .find(|(e, _)| speaks(*e))
        .map(|&(e, t)| entity_text(e, t));
    // ", reported Kremlin press service": after a comma the name follows the verb.
    let inverted = cue > view.start && view.word(cue - 1) == ",";
    if inverted && !before_only && named_after.is_some() {
        return named_after;
    }
    let subjects = view.subjects(index, entities, cue);
    let before = index.mentions_in(view.clause_start(cue).max(floor), cue);
    if let Some(&(e, t)) = before
        .iter()
        .rev()
        .find(|(e, _)| subjects.contains(e) && speaks(*e))
    {
        return Some(entity_text(e, t));
    }
    if before_only {
        return None;
    }
    named_after
}

/// The latest person named before token `cue`, for "he" when nobody has spoken yet.
fn last_person_before(index: &MentionIndex, doc: &Document, cue: usize) -> Option<String> {
    (0..cue)
        .rev()
        .find_map(|t| {
            index
                .entity_at(t)
                .filter(|e| doc.record.entities[*e].kind == "person")
        })
        .map(|e| doc.record.entities[e].id.clone())
}

/// Every speech verb with a named subject ("the Foreign Ministry clarified", "reported Kremlin
/// press service") makes that entity the latest speaker, for "the statement said" and "it said".
fn note_speakers(clause: &Clause, speakers: &mut Speakers) {
    let (view, doc) = (clause.view, clause.doc);
    for k in view.start..view.end {
        if let Some(n) = speech_at(view, k) {
            let inverted = k > view.start && view.word(k - 1) == ",";
            if let Some((id, _)) = named_speaker(clause, k, n, view.start, !inverted) {
                speakers.note(doc, &id);
            }
        }
    }
}

/// "Lavrov said that ...", "the Foreign Ministry clarified that ...": reported speech outside
/// quotation marks.
fn indirect(clause: &Clause, marks: &[Span], speakers: &mut Speakers) -> Vec<Quote> {
    let (view, doc) = (clause.view, clause.doc);
    let mut out = Vec::new();
    for k in view.start..view.end {
        let Some(n) = speech_at(view, k) else {
            continue;
        };
        if view.lower(k) == "according" || view.lower(k + n) != "that" || k + n + 1 >= view.end {
            continue;
        }
        let inside_quote = Span::containing(marks, view.tokens[k].start).is_some();
        if inside_quote {
            continue;
        }
        let mut end = view.end;
        while end > k + n + 1 && matches!(view.word(end - 1), "." | "!" | "?" | "”" | "\"") {
            end -= 1;
        }
        let span = view.span(k + n + 1, end);
        let cue = view.span(k, k + n).slice(view.text).to_string();
        let mut quote = Quote {
            span,
            speaker: None,
            speaker_text: None,
            cue: Some(cue),
            direct: false,
        };
        // The clause heuristics first: reported speech is common and the tree is costly; it
        // decides when they find nobody.
        let who = named_just_before(clause, k)
            .or_else(|| speaker_near(clause, k, n, view.end, speakers))
            .or_else(|| cue_speaker(clause, k, speakers).map(|found| identify(clause, found)));
        if let Some((id, text)) = who {
            speakers.note(doc, &id);
            quote.speaker = Some(id);
            quote.speaker_text = Some(text).filter(|t| !t.is_empty());
        }
        out.push(quote);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        quotation_spans(text, &[Span(0, text.len())])
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn finds_curly_straight_and_partial_quotes() {
        assert_eq!(
            spans("“We go,” he said. She said \"no\" twice."),
            ["We go,", "no"]
        );
        assert_eq!(
            spans("the authorities’ actions “deserve condemnation” but"),
            ["deserve condemnation"]
        );
    }

    #[test]
    fn quotes_continue_across_paragraphs() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(spans(text), ["First part.\n\n“Second part,"]);
        assert_eq!(
            spans("“Unclosed line\n\nNext paragraph."),
            ["Unclosed line"]
        );
    }
}
