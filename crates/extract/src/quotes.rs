//! Quotations: direct quotes in straight and curly quotation marks (nested, partial, running
//! across sentences and paragraphs), and indirect speech ("Lavrov said that ..."), each with its
//! speaker resolved to an entity through the cue verb, descriptions and pronouns ("it said" is
//! the organisation quoted last, "he added" the person). Apostrophes are not quotation marks.

use crate::clauses::{MentionIndex, View};
use dateline_core::{Document, Quote, Span, Stage};
use dateline_lexicon::Lexicon;

pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let text = &doc.record.text;
        let index = MentionIndex::build(&doc.record.entities, &doc.tokens);
        let marks = quotation_spans(text, &doc.regions);
        let mut speakers = Speakers::default();
        let mut quotes = Vec::new();
        for s in &doc.record.sentences {
            let view = sentence_view(doc, *s);
            for q in marks.iter().filter(|q| s.contains(q.1) || (q.1 == s.1)) {
                quotes.push(attribute(&view, &index, doc, *q, &mut speakers));
            }
            quotes.extend(indirect(&view, &index, doc, &marks, &mut speakers));
            note_speakers(&view, &index, doc, &mut speakers);
        }
        quotes.sort_by_key(|q: &Quote| q.span);
        doc.record.quotes = quotes;
        Ok(())
    }
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
struct Speakers {
    person: Option<String>,
    organization: Option<String>,
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
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    q: Span,
    speakers: &mut Speakers,
) -> Quote {
    let after = view.tokens.partition_point(|t| t.start < q.1);
    let open = view
        .tokens
        .partition_point(|t| t.start < q.0)
        .saturating_sub(1)
        .max(view.start);
    let found = speech_after(view, after).or_else(|| speech_before(view, open));
    let mut quote = Quote {
        span: q,
        speaker: None,
        speaker_text: None,
        cue: None,
        direct: true,
    };
    if let Some((cue_start, cue_len)) = found {
        quote.cue = Some(
            view.text[view.span(cue_start, cue_start + cue_len).0
                ..view.span(cue_start, cue_start + cue_len).1]
                .to_string(),
        );
        let who = speaker_near(view, index, doc, cue_start, cue_len, open, speakers);
        if let Some((id, text)) = who {
            speakers.note(doc, &id);
            quote.speaker = Some(id);
            quote.speaker_text = Some(text).filter(|t| !t.is_empty());
        }
    } else if let Some((e, t)) = crate::quotes_tree::speaker(view, index, doc, q) {
        let entity = &doc.record.entities[e];
        let mention = entity
            .mentions
            .iter()
            .find(|m| m.contains(view.tokens[t].start));
        quote.speaker = Some(entity.id.clone());
        quote.speaker_text =
            Some(mention.map_or(entity.name.clone(), |m| m.slice(view.text).to_string()));
        speakers.note(doc, &entity.id);
    } else if let Some(id) = speakers.continuing(doc, q) {
        // A quotation with no cue of its own goes on with the last quotation's speaker, in
        // the same or the next paragraph.
        quote.speaker = Some(id);
    }
    if quote.speaker.is_some() {
        speakers.last_quote = Some((quote.speaker.clone().unwrap_or_default(), q.1));
    }
    quote
}

/// A speech verb after the closing mark, in the same sentence: (first token, length).
fn speech_after(view: &View, from: usize) -> Option<(usize, usize)> {
    (from..view.end)
        .take(12)
        .find_map(|k| speech_at(view, k).map(|n| (k, n)))
}

/// A verb before the opening mark ("Lavrov said that ... “deserves condemnation”", "called on
/// Joe Biden “not to delay ...”").
fn speech_before(view: &View, open: usize) -> Option<(usize, usize)> {
    (view.start..open).rev().find_map(|k| {
        speech_at(view, k)
            .or_else(|| other_cue_at(view, k))
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
    (cues[i].frame == "call").then_some(n)
}

/// The speaker next to a cue: the subject before it ("the ministry said"), the name after it
/// ("said Lavrov", "according to the Kremlin"), or a pronoun or "the statement" resolved to the
/// last speaker.
fn speaker_near(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    cue: usize,
    len: usize,
    open: usize,
    speakers: &Speakers,
) -> Option<(String, String)> {
    let floor = if cue > open {
        open.max(view.start)
    } else {
        view.start
    };
    let passive =
        cue > view.start && matches!(view.lower(cue - 1), "was" | "were" | "been" | "is" | "are");
    // A passive cue ("it was stressed") names nobody: the speaker is the organisation quoted
    // last, and the text gives no words for it (an empty speaker text).
    if passive {
        return speakers.organization.clone().map(|id| (id, String::new()));
    }
    if let Some(found) = named_speaker(view, index, doc, cue, len, floor, cue < open) {
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
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    cue: usize,
    len: usize,
    floor: usize,
    before_only: bool,
) -> Option<(String, String)> {
    let entities = &doc.record.entities;
    let speaks = |e: usize| {
        matches!(
            entities[e].kind.as_str(),
            "person" | "organization" | "group" | "country"
        )
    };
    let entity_text = |e: usize, t: usize| {
        let mention = entities[e]
            .mentions
            .iter()
            .find(|m| m.contains(view.tokens[t].start))
            .copied();
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
fn note_speakers(view: &View, index: &MentionIndex, doc: &Document, speakers: &mut Speakers) {
    for k in view.start..view.end {
        if let Some(n) = speech_at(view, k) {
            let inverted = k > view.start && view.word(k - 1) == ",";
            if let Some((id, _)) = named_speaker(view, index, doc, k, n, view.start, !inverted) {
                speakers.note(doc, &id);
            }
        }
    }
}

/// "Lavrov said that ...", "the Foreign Ministry clarified that ...": reported speech outside
/// quotation marks.
fn indirect(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    marks: &[Span],
    speakers: &mut Speakers,
) -> Vec<Quote> {
    let mut out = Vec::new();
    for k in view.start..view.end {
        let Some(n) = speech_at(view, k) else {
            continue;
        };
        if view.lower(k) == "according" || view.lower(k + n) != "that" || k + n + 1 >= view.end {
            continue;
        }
        let inside_quote = marks.iter().any(|m| m.contains(view.tokens[k].start));
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
        if let Some((id, text)) = speaker_near(view, index, doc, k, n, view.end, speakers) {
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
