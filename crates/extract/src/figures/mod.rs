//! Figures: counts of the killed, wounded, displaced, held, arrested, missing, evacuated,
//! destroyed, damaged and affected, each with qualifier ("almost", "more than"), bounds, the
//! counted object, the side (country), the source ("according to the UN") and the date it holds
//! as of. A number is a figure only when a cue word says what it counts, or when it continues a
//! figure of the same sentence ("... 4,000 people: on the Israeli side it has reached 1,400").

mod numbers;

use dateline_core::{Document, Figure, Span, Stage, Token};
use dateline_lexicon::Lexicon;
use numbers::{number_at, Number, Words};
use std::collections::HashMap;

pub struct Figures;

impl Stage for Figures {
    fn name(&self) -> &'static str {
        "figures"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let mentions = mention_index(&doc.record.entities);
        let times: Vec<Span> = doc.record.times.iter().map(|t| t.span).collect();
        let mut figures = Vec::new();
        let mut carried_source: Option<(String, Option<String>)> = None;
        let focus = focus_country(doc);
        let targets = attack_targets(doc, &mentions);
        for s in &doc.record.sentences {
            let view = crate::quotes::sentence_view(doc, *s);
            let sentence = Sentence::of(&view, *s, &mentions);
            let as_of = crate::times::sentence_date(&doc.record.text, &doc.record.times, *s)
                .or_else(|| doc.record.published.clone());
            if doc
                .tokens
                .get(view.start)
                .is_some_and(|t| t.has(Token::PARAGRAPH_BEFORE))
            {
                carried_source = None;
            }
            // Only the sentence's own time expressions can hold its numbers.
            let from = times.partition_point(|t| t.0 < s.0);
            let to = times.partition_point(|t| t.0 < s.1);
            let found = sentence.figures(&times[from..to.max(from)], as_of);
            if found.is_empty() {
                continue;
            }
            let (own_source, carries) = match sentence.source() {
                Some((src, carries)) => (Some(src), carries),
                None => (None, false),
            };
            let source = own_source.clone().or_else(|| carried_source.clone());
            if carries {
                carried_source = own_source;
            }
            let countries = sentence_countries(doc, *s);
            let sentence_country = match countries.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            };
            let finance = finance_sense(doc, *s);
            for mut f in found {
                // "executed the notes", "average lives of 20 years": the words of a death toll
                // in a sentence about money count no dead.
                if finance && f.kind == "KILL" {
                    continue;
                }
                // A count with no side of its own is of the side the attack that caused it
                // struck, of the one country its sentence names, or of the country the article
                // is about.
                if f.country.is_none() {
                    let struck = sentence
                        .aggressor_before(f.span.0)
                        .and_then(|a| struck_side(&a, &countries, &targets));
                    f.country = struck
                        .or_else(|| sentence_country.clone())
                        .or_else(|| focus.clone());
                }
                if let Some((text, entity)) = &source {
                    f.source = Some(text.clone());
                    f.source_entity = entity.clone();
                }
                figures.push(f);
            }
        }
        doc.record.figures = figures;
        Ok(())
    }
}

/// The sentence speaks of contracts and securities with words that elsewhere count the dead
/// ("executed", "lives").
fn finance_sense(doc: &Document, s: Span) -> bool {
    let first = doc.tokens.partition_point(|t| t.start < s.0);
    let last = doc.tokens.partition_point(|t| t.start < s.1);
    let words = || (first..last).map(|k| doc.lower.get(k).map_or("", String::as_str));
    let lexicon = Lexicon::global();
    words().any(|w| matches!(w, "executed" | "lives"))
        && words().any(|w| lexicon.listed("finance_word", w))
}

/// The countries of the countries and places the sentence `s` mentions.
fn sentence_countries(doc: &Document, s: Span) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &doc.record.entities {
        let place = matches!(e.kind.as_str(), "country" | "location");
        if let (true, Some(c)) = (place, e.country.as_deref()) {
            if e.mentions.iter().any(|m| s.contains(m.0)) && !out.iter().any(|x| x == c) {
                out.push(c.to_string());
            }
        }
    }
    out
}

/// The side an attack by `aggressor` struck: the one other country its sentence names, else
/// the country the article says that aggressor attacks ("Israel's bombardment of Gaza").
fn struck_side(
    aggressor: &str,
    countries: &[String],
    targets: &[(String, String)],
) -> Option<String> {
    let others: Vec<&String> = countries.iter().filter(|c| *c != aggressor).collect();
    if let [one] = others.as_slice() {
        return Some((*one).clone());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, target) in targets.iter().filter(|(a, _)| a == aggressor) {
        match counts.iter_mut().find(|(t, _)| *t == target) {
            Some((_, n)) => *n += 1,
            None => counts.push((target, 1)),
        }
    }
    let best = counts.iter().max_by_key(|c| c.1)?;
    let tied = counts.iter().filter(|c| c.1 == best.1).count() > 1;
    (!tied).then(|| best.0.to_string())
}

/// (aggressor, target) country of every attack the article states with both sides: "Israel's
/// ongoing bombardment of Gaza", "a military offensive against the Gaza Strip" after "Israel".
fn attack_targets(doc: &Document, mentions: &MentionMap) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &doc.record.sentences {
        let view = crate::quotes::sentence_view(doc, *s);
        let sentence = Sentence::of(&view, *s, mentions);
        for k in view.start..view.end {
            if !sentence.attack_noun(k) {
                continue;
            }
            let aggressor = sentence.aggressor_of(k);
            let target = sentence.target_of(k);
            if let (Some(a), Some(t)) = (aggressor, target) {
                if a != t {
                    out.push((a, t));
                }
            }
        }
    }
    out
}

/// The country of a demonym ("Israeli"); a country's name is an entity mention instead.
fn demonym_country(word: &str) -> Option<String> {
    crate::clauses::demonym_country(word).map(str::to_string)
}

/// The country the article is about: the one its countries and places name most, at least
/// twice as often as any other.
fn focus_country(doc: &Document) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in &doc.record.entities {
        if !matches!(e.kind.as_str(), "country" | "location") {
            continue;
        }
        let Some(c) = e.country.as_deref() else {
            continue;
        };
        match counts.iter_mut().find(|(x, _)| *x == c) {
            Some((_, n)) => *n += e.mentions.len(),
            None => counts.push((c, e.mentions.len())),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (top, n) = *counts.first()?;
    let second = counts.get(1).map_or(0, |c| c.1);
    (n >= 2 && n >= 2 * second).then(|| top.to_string())
}

/// Token start offset of every entity mention to (entity id, kind, country, mention span).
type MentionMap = HashMap<usize, (String, String, Option<String>, Span)>;

fn mention_index(entities: &[dateline_core::Entity]) -> MentionMap {
    let mut out = HashMap::new();
    for e in entities {
        for m in &e.mentions {
            out.insert(m.0, (e.id.clone(), e.kind.clone(), e.country.clone(), *m));
        }
    }
    out
}

struct Sentence<'a> {
    w: Words<'a>,
    start: usize,
    span: Span,
    mentions: &'a MentionMap,
}

impl<'a> Sentence<'a> {
    fn of(view: &crate::clauses::View<'a>, span: Span, mentions: &'a MentionMap) -> Self {
        Sentence {
            w: Words::of(view),
            start: view.start,
            span,
            mentions,
        }
    }

    fn figures(&self, times: &[Span], as_of: Option<String>) -> Vec<Figure> {
        let mut out: Vec<Figure> = Vec::new();
        let mut last_number_end = self.start;
        let mut i = self.start;
        while i < self.w.end {
            let Some(n) = number_at(&self.w, i, times) else {
                i += 1;
                continue;
            };
            let previous = out.last().cloned();
            if let Some(f) = self.figure(&n, last_number_end, previous.as_ref(), as_of.clone()) {
                out.push(f);
            }
            last_number_end = n.end;
            i = n.end.max(i + 1);
        }
        out
    }

    fn figure(
        &self,
        n: &Number,
        prev_end: usize,
        previous: Option<&Figure>,
        as_of: Option<String>,
    ) -> Option<Figure> {
        let (qualifier, q_start) = self.qualifier(n.start, prev_end);
        let object_end = self.object_end(n);
        let inherit = |p: &Figure| (p.kind.clone(), p.gkg.clone().unwrap_or_default());
        let listed = q_start > self.start && matches!(self.w.get(q_start - 1), "," | "and");
        let first_number = prev_end == self.start;
        let (mut kind, mut gkg) = self
            .cue_right_before(q_start, prev_end)
            .or_else(|| self.cue_after(n.end, 12, false))
            .or_else(|| previous.filter(|_| listed).map(inherit))
            .or_else(|| self.cue_after(n.end, 12, true))
            .or_else(|| {
                if first_number {
                    self.cue_before(q_start, prev_end, 12)
                } else {
                    None
                }
            })
            .or_else(|| {
                previous
                    .filter(|_| self.continues(prev_end, q_start))
                    .map(inherit)
            })?;
        let mut object = self.object(n.end, object_end).or_else(|| self.cue_noun(n));
        let of_people = object.as_deref().is_some_and(|o| {
            let first = o.split(' ').next().unwrap_or("").to_lowercase();
            Lexicon::global().listed("people_noun", &first)
        });
        // People are not destroyed: "500 people could be buried" are missing under rubble or
        // mud; with another destruction word the number counts something else.
        if of_people && matches!(kind.as_str(), "DESTROY" | "DAMAGE") {
            let buried =
                (n.end..(object_end + 6).min(self.w.end)).any(|k| self.w.lower(k) == "buried");
            if !buried {
                return None;
            }
            kind = "MISSING".to_string();
            gkg = String::new();
        }
        let mut country = self.side(n, q_start, prev_end, object_end);
        if object.is_none() {
            if let Some(p) = previous {
                object = p.object.clone();
                country = country.or(p.country.clone());
            }
        }
        // "killed at least 10 soldiers and 12 civilians": the qualifier of a list covers the
        // members that share its cue ("over 200 killed and 1,100 injured" share none).
        let own_cue = self.cue_right_before(q_start, prev_end).is_some()
            || self.cue_after(n.end, 12, false).is_some();
        let qualifier = match previous {
            Some(p) if listed && !own_cue && qualifier == "exact" && p.qualifier != "range" => {
                p.qualifier.clone()
            }
            _ => qualifier,
        };
        let count = n.value;
        let (low, high) = bounds(&qualifier, count, n.low);
        let (qualifier, low, high) = match n.high {
            Some(high) => ("range".to_string(), n.low, Some(high)),
            None => (qualifier, low, high),
        };
        let unit = if n.percent {
            "percent"
        } else if matches!(kind.as_str(), "DESTROY" | "DAMAGE") {
            "items"
        } else {
            "people"
        };
        let span = Span(self.w.tokens[q_start].start, self.w.tokens[n.end - 1].end);
        Some(Figure {
            span,
            kind,
            count,
            low,
            high,
            qualifier,
            unit: unit.to_string(),
            object,
            country,
            source: None,
            source_entity: None,
            as_of,
            evidence: self.span,
            gkg: Some(gkg).filter(|g| !g.is_empty()),
        })
    }

    /// "50 hostages": a cue that is a noun names what is counted.
    fn cue_noun(&self, n: &Number) -> Option<String> {
        let word = self.w.get(n.end);
        (self.cue_at(n.end).is_some() && word.ends_with('s')).then(|| word.to_string())
    }

    /// The number continues the previous figure's count ("..., 34,000 residential units, and 35
    /// hospitals", ": on the Israeli side it has reached 1,400") rather than starting another
    /// kind of number ("in exchange for 150 prisoners").
    fn continues(&self, prev_end: usize, from: usize) -> bool {
        from.saturating_sub(prev_end) <= 12
            && (prev_end..from).all(|k| {
                !matches!(
                    self.w.lower(k),
                    "for" | "exchange" | "against" | "per" | "than"
                )
            })
    }

    /// The qualifier phrase ending right before the number, and where the figure's span starts.
    fn qualifier(&self, start: usize, floor: usize) -> (String, usize) {
        let quals = &Lexicon::global().qualifiers;
        for len in (1..=3).rev() {
            if start < floor + len {
                continue;
            }
            let phrase: Vec<&str> = (start - len..start).map(|k| self.w.lower(k)).collect();
            if let Some(q) = quals.get(&phrase.join(" ")) {
                return (q.clone(), start - len);
            }
        }
        ("exact".to_string(), start)
    }

    /// A cue directly before the figure, past only "of" and articles: "killing at least five",
    /// "destruction of 221".
    fn cue_right_before(&self, from: usize, floor: usize) -> Option<(String, String)> {
        let mut k = from;
        while k > floor.max(self.start) {
            k -= 1;
            if let Some(c) = self.cue_at(k) {
                return Some(c);
            }
            if !matches!(self.w.lower(k), "of" | "the" | "a" | "an") {
                return None;
            }
        }
        None
    }

    /// A cue within `window` tokens before the number (never past the previous number).
    fn cue_before(&self, from: usize, floor: usize, window: usize) -> Option<(String, String)> {
        let lowest = from.saturating_sub(window).max(floor).max(self.start);
        (lowest..from).rev().find_map(|k| {
            if matches!(self.w.get(k), ":" | ";") {
                return Some(None);
            }
            self.cue_at(k).map(Some)
        })?
    }

    /// A cue within `window` tokens after the number, before the next number or clause break.
    /// With `past_coordinated`, the scan goes on past a coordinated number ("170 fighters and
    /// about 20 civilians have been killed").
    fn cue_after(
        &self,
        from: usize,
        window: usize,
        past_coordinated: bool,
    ) -> Option<(String, String)> {
        for k in from..(from + window).min(self.w.end) {
            let coordinated = past_coordinated
                && (k > 0 && self.w.lower(k - 1) == "and" || k > 1 && self.w.lower(k - 2) == "and");
            let number = self.w.tokens[k].kind == dateline_core::TokenKind::Number
                || Lexicon::global()
                    .numbers
                    .get(self.w.lower(k))
                    .is_some_and(|(kind, _)| kind == "cardinal" && k > from);
            if matches!(self.w.get(k), ":" | ";") || (number && !coordinated) {
                return None;
            }
            if let Some(c) = self.cue_at(k) {
                return Some(c);
            }
        }
        None
    }

    /// A cue phrase (up to three words) starting or ending at token k.
    fn cue_at(&self, k: usize) -> Option<(String, String)> {
        let cues = &Lexicon::global().figure_cues;
        (1..=3).rev().find_map(|len| {
            let words: Vec<&str> = (k..k + len).map(|j| self.w.lower(j)).collect();
            cues.get(&words.join(" ")).cloned()
        })
    }

    /// Where the counted object may end: the first stop word, cue, number or punctuation.
    fn object_end(&self, n: &Number) -> usize {
        let mut k = n.end;
        if n.percent && self.w.lower(k) == "of" {
            k += 1;
        }
        let limit = (k + 5).min(self.w.end);
        while k < limit {
            let word = self.w.lower(k);
            let is_word = self.w.tokens[k].kind == dateline_core::TokenKind::Word;
            let next = self.w.lower(k + 1);
            let next_counts = Lexicon::global().numbers.contains_key(next)
                || matches!(
                    next,
                    "about"
                        | "around"
                        | "some"
                        | "nearly"
                        | "almost"
                        | "over"
                        | "more"
                        | "at"
                        | "up"
                        | "less"
                        | "fewer"
                );
            let and_continues = word == "and"
                && self
                    .w
                    .tokens
                    .get(k + 1)
                    .is_some_and(|t| t.kind == dateline_core::TokenKind::Word)
                && self.cue_at(k + 1).is_none()
                && !next_counts;
            let number_word = Lexicon::global()
                .numbers
                .get(word)
                .is_some_and(|(kind, _)| kind == "cardinal");
            let participle =
                k > n.end && word.ends_with("ed") && self.w.get(k).starts_with(char::is_lowercase);
            let stops = Lexicon::global().listed("object_stop", word) || word == "and";
            if (!is_word && word != "’s")
                || (stops && !and_continues)
                || self.cue_at(k).is_some()
                || number_word
                || participle
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// "Palestinians", "soldiers and civilians", "Gaza’s population", "residential units".
    fn object(&self, from: usize, to: usize) -> Option<String> {
        let mut start = from;
        while start < to && matches!(self.w.lower(start), "of" | "the") {
            start += 1;
        }
        let mut end = to;
        while end > start && self.w.lower(end - 1) == "and" {
            end -= 1;
        }
        (end > start).then(|| {
            self.w.text[self.w.tokens[start].start..self.w.tokens[end - 1].end].to_string()
        })
    }

    /// The side counted: a country or place in the object ("Palestinians", "Gaza’s population"),
    /// or "on the Israeli side" just before the number.
    fn side(&self, n: &Number, q_start: usize, floor: usize, object_end: usize) -> Option<String> {
        for k in n.end..object_end {
            if let Some((_, kind, country, _)) = self.mentions.get(&self.w.tokens[k].start) {
                if matches!(kind.as_str(), "country" | "location") && country.is_some() {
                    return country.clone();
                }
            }
            if let Some(c) = demonym_country(self.w.get(k)) {
                return Some(c);
            }
        }
        let lowest = q_start.saturating_sub(8).max(floor).max(self.start);
        let next_number = (object_end..self.w.end)
            .find(|&k| {
                self.w.tokens[k].kind == dateline_core::TokenKind::Number
                    || matches!(self.w.get(k), ":" | ";" | ",")
            })
            .unwrap_or(self.w.end);
        let highest = (object_end + 10).min(next_number);
        let is_side =
            |k: usize| self.w.lower(k + 1) == "side" && self.w.lower(k.saturating_sub(1)) == "the";
        (lowest..q_start)
            .chain(object_end..highest)
            .find_map(|k| is_side(k).then(|| demonym_country(self.w.get(k))).flatten())
            .or_else(|| self.place_side())
    }

    /// The country of the place where the counted thing happened, as the sentence says it: a
    /// country or place right after a place preposition ("in Lebanon", "in western Korvella"),
    /// or a demonym before a place noun ("the Ukrainian city of"); the word lists are in
    /// `word_lists.tsv`. The first one in the sentence counts.
    fn place_side(&self) -> Option<String> {
        let lex = Lexicon::global();
        let listed = |class: &str, k: usize| lex.listed(class, self.w.lower(k));
        (self.start..self.w.end).find_map(|k| {
            if listed("place_noun", k) && k > self.start {
                if let Some(c) = demonym_country(self.w.get(k - 1)) {
                    return Some(c);
                }
            }
            if !listed("place_preposition", k) {
                return None;
            }
            let j = (k + 1..self.w.end).find(|&j| !listed("direction", j))?;
            let (_, kind, country, _) = self.mentions.get(&self.w.tokens[j].start)?;
            matches!(kind.as_str(), "country" | "location")
                .then(|| country.clone())
                .flatten()
        })
    }

    fn attack_noun(&self, k: usize) -> bool {
        Lexicon::global().listed("attack_noun", self.w.lower(k))
    }

    /// The country of a country word or of the entity mentioned at token k.
    fn country_at(&self, k: usize) -> Option<String> {
        if let Some((_, _, Some(country), _)) = self.mentions.get(&self.w.tokens[k].start) {
            return Some(country.clone());
        }
        demonym_country(self.w.get(k))
    }

    /// Who carried out the attack named at token k: a country word just before it ("the
    /// Israeli aggression", "Israel's ongoing bombardment") or after "by" ("an attack by the
    /// Palestinian group Hamas").
    fn aggressor_of(&self, k: usize) -> Option<String> {
        let lowest = k.saturating_sub(3).max(self.start);
        let before = (lowest..k).rev().find_map(|j| self.country_at(j));
        before.or_else(|| {
            (self.w.lower(k + 1) == "by")
                .then(|| (k + 2..(k + 6).min(self.w.end)).find_map(|j| self.country_at(j)))
                .flatten()
        })
    }

    /// What the attack named at token k struck: a country or place after "on", "against",
    /// "of" or "in" right after it ("bombardment of Gaza", "offensive against the Gaza Strip").
    fn target_of(&self, k: usize) -> Option<String> {
        let lex = Lexicon::global();
        let word = self.w.lower(k + 1);
        if !matches!(word, "on" | "against" | "of" | "in" | "into") {
            return None;
        }
        (k + 2..(k + 5).min(self.w.end))
            .take_while(|&j| !lex.listed("object_stop", self.w.lower(j)) || j == k + 2)
            .find_map(|j| {
                let (_, kind, country, _) = self.mentions.get(&self.w.tokens[j].start)?;
                matches!(kind.as_str(), "country" | "location")
                    .then(|| country.clone())
                    .flatten()
            })
    }

    /// The aggressor of the last attack the sentence names before byte `at`.
    fn aggressor_before(&self, at: usize) -> Option<String> {
        (self.start..self.w.end)
            .take_while(|&k| self.w.tokens[k].start < at)
            .filter(|&k| self.attack_noun(k))
            .last()
            .and_then(|k| self.aggressor_of(k))
    }

    /// "according to the latest official data", "according to the UN", "claimed by Israel";
    /// the flag says whether the source also covers the next sentences ("according to" does, a
    /// claim does not).
    fn source(&self) -> Option<((String, Option<String>), bool)> {
        for k in self.start..self.w.end {
            let (phrase_end, carries) = match (self.w.lower(k), self.w.lower(k + 1)) {
                ("according", "to") => (k + 2, true),
                ("claimed", "by") | ("reported", "by") => (k + 2, false),
                _ => continue,
            };
            let mut end = phrase_end;
            while end < self.w.end && !matches!(self.w.get(end), "," | "." | ";" | ":" | "”" | "\"")
            {
                if !carries
                    && end > phrase_end
                    && Lexicon::global().listed("object_stop", self.w.lower(end))
                {
                    break;
                }
                end += 1;
            }
            if end == phrase_end {
                continue;
            }
            let span = Span(self.w.tokens[phrase_end].start, self.w.tokens[end - 1].end);
            let entity = (phrase_end..end).find_map(|j| {
                self.mentions
                    .get(&self.w.tokens[j].start)
                    .map(|m| m.0.clone())
            });
            return Some(((span.slice(self.w.text).to_string(), entity), carries));
        }
        None
    }
}

/// Bounds implied by the qualifier: "more than 900" has a low of 900, "almost 800" a high of 800.
fn bounds(
    qualifier: &str,
    count: Option<f64>,
    vague_low: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    match qualifier {
        "more_than" | "at_least" => (count, None),
        "almost" | "less_than" | "at_most" => (None, count),
        _ => (vague_low, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::tokenize;

    fn figures(text: &str) -> Vec<Figure> {
        let tokens = tokenize(text, &[Span(0, text.len())]);
        let lowered: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
        let mentions = HashMap::new();
        let s = Sentence {
            w: Words {
                text,
                tokens: &tokens,
                lowered: &lowered,
                end: tokens.len(),
            },
            start: 0,
            span: Span(0, text.len()),
            mentions: &mentions,
        };
        s.figures(&[], Some("2023-10-10".into()))
    }

    fn brief(f: &Figure) -> (String, Option<f64>, String, Option<String>, Option<String>) {
        (
            f.kind.clone(),
            f.count,
            f.qualifier.clone(),
            f.object.clone(),
            f.country.clone(),
        )
    }

    #[test]
    fn elided_coordination_shares_object_and_side() {
        let f = figures("The clashes left almost 800 Palestinians dead and over 4,000 wounded.");
        assert_eq!(
            brief(&f[0]),
            (
                "KILL".into(),
                Some(800.0),
                "almost".into(),
                Some("Palestinians".into()),
                Some("PSE".into())
            )
        );
        assert_eq!(
            brief(&f[1]),
            (
                "WOUND".into(),
                Some(4000.0),
                "more_than".into(),
                Some("Palestinians".into()),
                Some("PSE".into())
            )
        );
        assert_eq!((f[0].high, f[1].low), (Some(800.0), Some(4000.0)));
    }

    #[test]
    fn tolls_continue_across_a_colon() {
        let f = figures("The death toll has exceeded 4,000 people: on the Israeli side it has reached 1,400 people, on the Palestinian side it has exceeded 2,670.");
        assert_eq!(f.len(), 3);
        assert_eq!(
            brief(&f[0]),
            (
                "KILL".into(),
                Some(4000.0),
                "more_than".into(),
                Some("people".into()),
                None
            )
        );
        assert_eq!(
            brief(&f[1]),
            (
                "KILL".into(),
                Some(1400.0),
                "at_least".into(),
                Some("people".into()),
                Some("ISR".into())
            )
        );
        assert_eq!(brief(&f[2]).2, "more_than");
        assert_eq!(f[2].country.as_deref(), Some("PSE"));
    }

    #[test]
    fn damage_lists_and_percentages() {
        let f = figures("It resulted in the destruction of 221 educational institutions, 34,000 residential units, and 35 hospitals rendered non-operational, with 55% of the healthcare sector ceasing to function.");
        let kinds: Vec<&str> = f.iter().map(|x| x.kind.as_str()).collect();
        assert_eq!(kinds, ["DESTROY", "DESTROY", "DAMAGE", "DAMAGE"]);
        assert_eq!(f[1].object.as_deref(), Some("residential units"));
        assert_eq!(f[3].unit, "percent");
    }

    #[test]
    fn numbers_without_cues_are_not_figures() {
        assert!(figures(
            "The Israeli war, now on day 186, goes on. Trade rose to $30 billion with 12 partners."
        )
        .is_empty());
    }

    #[test]
    fn the_place_where_it_happened_gives_the_side() {
        let run = |text: &str| {
            crate::analysed_up_to(text, "figures")
                .record
                .figures
                .iter()
                .map(|f| f.country.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            run("Three people were killed in western Sudan on Sunday."),
            [Some("SDN".to_string())]
        );
        assert_eq!(
            run("A drone strike on the Ukrainian city of Korvella killed two people."),
            [Some("UKR".to_string())]
        );
        // A place further on is not where it happened; with two countries named the side stays
        // open.
        assert_eq!(
            run("Two people were killed on Sunday, Kenya and Uganda later confirmed."),
            [None]
        );
        // With one country named it is that country's toll.
        assert_eq!(
            run("Two people were killed on Sunday, Kenya later confirmed."),
            [Some("KEN".to_string())]
        );
    }

    #[test]
    fn ranges_and_buried_people() {
        let f = figures("The governor said 500 to 1,000 people could be buried.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].kind.as_str(), f[0].qualifier.as_str()),
            ("MISSING", "range")
        );
        assert_eq!(
            (f[0].count, f[0].low, f[0].high),
            (None, Some(500.0), Some(1000.0))
        );
        let f = figures("At least 100 homes were buried and 12 people were trapped.");
        let got: Vec<(&str, Option<f64>)> = f.iter().map(|f| (f.kind.as_str(), f.count)).collect();
        assert_eq!(got, [("DESTROY", Some(100.0)), ("MISSING", Some(12.0))]);
    }

    #[test]
    fn casualties_of_an_attack_are_of_the_side_it_struck() {
        let side = |text: &str| {
            let doc = crate::analysed_up_to(text, "figures");
            let f = &doc.record.figures;
            assert_eq!(f.len(), 1, "{f:?}");
            f[0].country.clone()
        };
        // The other country of the sentence.
        assert_eq!(
            side("Ethiopia has fought Eritrea since a raid by Eritrean troops, which killed 40 people."),
            Some("ETH".to_string())
        );
        // The country the article says the aggressor attacks.
        assert_eq!(
            side(
                "Officials in Cairo and Rome condemned Ethiopia's shelling of Eritrea. \
                 The Ethiopian offensive has destroyed 300 homes."
            ),
            Some("ERI".to_string())
        );
    }

    #[test]
    fn a_count_without_a_side_is_of_the_country_the_article_is_about() {
        let doc = crate::analysed_up_to(
            "Floods hit Kenya on Monday. Kenya's interior ministry said roads were closed across Kenya. Officials later said 12 people had died.",
            "figures",
        );
        let f = &doc.record.figures;
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].country.as_deref(), Some("KEN"));
    }

    #[test]
    fn releases_and_sanctions_are_counted() {
        let doc = crate::analysed_up_to(
            "Authorities freed 222 political prisoners. The bloc sanctioned 10 officials.",
            "figures",
        );
        let kinds: Vec<(&str, Option<f64>)> = doc
            .record
            .figures
            .iter()
            .map(|f| (f.kind.as_str(), f.count))
            .collect();
        assert_eq!(kinds, [("RELEASE", Some(222.0)), ("SANCTION", Some(10.0))]);
    }
}
