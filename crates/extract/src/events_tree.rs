//! Who takes part in an event, read from the dependency tree: the subject of a cue verb and its
//! object or "with"/"on"/"against" phrase ("Pakistan lodged a protest with India"), the agent of
//! a passive ("was shelled by the militia"), the possessor, demonym or "by" phrase of a cue noun
//! ("Kenyan drone attack on Kisumu", "strike carried out by the military"), and the subject of
//! the verb a cue noun is the object of ("the ministers held talks"). Coordinated names are all
//! taken ("Kenya and Uganda agreed"); a coordinated verb without a subject of its own
//! shares the first verb's.

use crate::clauses::Clause;
use crate::language::Tree;
use dateline_core::EventStatus;
use dateline_lexicon::Lexicon;

/// The sentence's tree when it names anyone: only then can the tree tell apart who acts and
/// who is acted on better than the clause heuristics do (see `Clause::names_anyone`).
fn named_tree<'a>(clause: &'a Clause) -> Option<&'a Tree> {
    if !clause.names_anyone() {
        return None;
    }
    clause.tree()
}

/// Actors and recipients (entity indexes) of the cue at tokens `k..end`, or None when the tree
/// names nobody for it.
pub fn roles(clause: &Clause, k: usize, end: usize) -> Option<(Vec<usize>, Vec<usize>)> {
    let t = named_tree(clause)?;
    let head = cue_head(clause, t, k, end);
    let verb = tag(clause, head).starts_with("VB");
    let (mut actors, mut recipients) = if verb {
        verb_roles(clause, t, head)
    } else {
        noun_roles(clause, t, head)
    };
    // A capital acting stands for its government: "Washington condemns".
    for a in actors.iter_mut() {
        if let Some(country) = capital_country(clause, *a) {
            *a = country;
        }
    }
    // A place is acted on or is where it happened, never an actor: "the Kisumu attack". A
    // capital whose country the article does not name still acts for its government.
    let entities = &clause.doc.record.entities;
    let (places, acting): (Vec<usize>, Vec<usize>) = actors
        .into_iter()
        .partition(|&e| entities[e].kind == "location" && !is_capital(&entities[e].name));
    actors = acting;
    recipients.extend(places);
    unique(&mut actors);
    recipients.retain(|r| !actors.contains(r));
    unique(&mut recipients);
    (!actors.is_empty() || !recipients.is_empty()).then_some((actors, recipients))
}

/// "held a call", "had a two-hour call", "in a call", "during the call": the noun at `k` is a
/// conversation held, not an appeal ("a call for calm", "his call on Israel").
pub fn conversation_noun(clause: &Clause, k: usize) -> bool {
    let Some(t) = named_tree(clause) else {
        return false;
    };
    if !tag(clause, k).starts_with("NN") {
        return false;
    }
    let lexicon = Lexicon::global();
    let a_day = |w: &str| {
        lexicon.months.contains_key(w)
            || lexicon
                .time_words
                .get(w)
                .is_some_and(|(class, _)| matches!(class.as_str(), "weekday" | "ref" | "deictic"))
    };
    let appeal_preposition = |c: usize| match clause.view.lower(c) {
        "for" | "to" => true,
        "on" => !child(clause, t, c, &["pobj"]).is_some_and(|o| a_day(clause.view.lower(o))),
        _ => false,
    };
    let appeal = children(clause, t, k).any(|c| t.dep(c) == "prep" && appeal_preposition(c))
        && !children(clause, t, k).any(|c| clause.view.lower(c) == "with");
    // "in a two-hour and 17-minute call": a conjunct stands where its first conjunct stands.
    let mut k = k;
    for _ in 0..8 {
        if t.dep(k) != "conj" || t.head(k) == k {
            break;
        }
        k = t.head(k);
    }
    let up = t.head(k);
    let held = t.dep(k) == "dobj"
        && lexicon.listed("support_verb", clause.view.lower(up))
        && matches!(
            clause.view.lower(up),
            "hold" | "holds" | "held" | "holding" | "have" | "has" | "had" | "having"
        );
    let within = t.dep(k) == "pobj" && matches!(clause.view.lower(up), "in" | "during");
    !appeal && (held || within)
}

/// The cue at `k..end` is headed by a noun in the sentence's tree ("the attack", "talks"), not
/// a verb; false when the sentence has no tree.
pub fn noun_cue(clause: &Clause, k: usize, end: usize) -> bool {
    let Some(t) = named_tree(clause) else {
        return false;
    };
    let head = cue_head(clause, t, k, end);
    tag(clause, head).starts_with("NN")
}

/// The entity heading the subject of the sentence's main verb, when it comes before token `x`:
/// "they" in "the union announced that they will strike" is the union, in "ministers discussed
/// aid to Ukraine, where they called for" nobody the article names.
fn main_subject(clause: &Clause, x: usize) -> Option<usize> {
    let t = clause.tree()?;
    let root = (clause.view.start..clause.view.end).find(|&k| t.head(k) == k)?;
    let s = child(clause, t, root, &["nsubj"]).filter(|&s| s < x)?;
    clause.index.entity_at(s)
}

/// The status the verbs above the cue give it: "trying to persuade the general to return to
/// talks", "it is necessary to come back to negotiations", "would not agree to meet". The walk
/// goes up through complements and prepositions, never into the clause a speech verb reports.
pub fn governed_status(clause: &Clause, k: usize, end: usize) -> Option<EventStatus> {
    let t = named_tree(clause)?;
    let lexicon = Lexicon::global();
    let mut at = cue_head(clause, t, k, end);
    for _ in 0..8 {
        let up = t.head(at);
        // Also from a clause a noun introduces ("rumors that the US had launched a strike"),
        // never through a verb of saying.
        let noun_clause = matches!(t.dep(at), "ccomp" | "acl") && tag(clause, up).starts_with("NN");
        let climbs = noun_clause
            || matches!(
                t.dep(at),
                "xcomp" | "pcomp" | "prep" | "pobj" | "dobj" | "acomp" | "conj" | "advmod"
            );
        if up == at || !climbs || !(clause.view.start..clause.view.end).contains(&up) {
            return None;
        }
        let words = std::iter::once(up).chain(
            children(clause, t, up).filter(|&c| matches!(t.dep(c), "aux" | "neg" | "acomp")),
        );
        for w in words {
            let word = clause.view.lower(w);
            for (class, status) in [
                ("negated", EventStatus::Negated),
                ("planned", EventStatus::Planned),
                ("hypothetical", EventStatus::Hypothetical),
            ] {
                if lexicon.listed(class, word) {
                    return Some(status);
                }
            }
        }
        at = up;
    }
    None
}

/// Token `t` hangs on token `head` through prepositions and objects, within the clause `head`
/// heads ("killed 12 guards in the raid": "raid" on "killed"); false without a tree.
pub fn hangs_on(clause: &Clause, t: usize, head: usize) -> bool {
    let Some(tree) = named_tree(clause) else {
        return false;
    };
    let mut at = t;
    for _ in 0..6 {
        if !matches!(tree.dep(at), "pobj" | "prep" | "dobj" | "npadvmod") {
            return false;
        }
        at = tree.head(at);
        if at == head {
            return true;
        }
    }
    false
}

/// "Russia said that Sudan must return the helicopter": a "must" reported under a verb of saying
/// is that speaker's demand on the subject of "must". Returns (actors, recipients), or None
/// when "must" is not reported under another verb.
pub fn demand_roles(clause: &Clause, k: usize) -> Option<(Vec<usize>, Vec<usize>)> {
    let t = named_tree(clause)?;
    let verb = t.head(k);
    if verb == k || t.dep(k) != "aux" || t.dep(verb) != "ccomp" {
        return None;
    }
    let told = t.head(verb);
    let demanded = child(clause, t, verb, &["nsubj", "nsubjpass"])
        .map(|s| phrase(clause, t, s))
        .unwrap_or_default();
    let by = match subject(clause, t, told) {
        Some((s, false)) => phrase(clause, t, s),
        _ => Vec::new(),
    };
    (!by.is_empty()).then_some((by, demanded))
}

/// The cue at `k..end` is a passive verb in the sentence's tree ("had been freed"); false when
/// the sentence has no tree.
pub fn passive_cue(clause: &Clause, k: usize, end: usize) -> bool {
    let Some(t) = named_tree(clause) else {
        return false;
    };
    let head = cue_head(clause, t, k, end);
    tag(clause, head).starts_with("VB") && child(clause, t, head, &["auxpass"]).is_some()
}

/// Who a pronoun stands for: "he", "she", "his", "her" the latest person named before it, in
/// its sentence or before; "it", "its" the latest organisation, group or country; "they",
/// "their" the latest of those in its own sentence ("the union announced that they will
/// strike"), never a guess across sentences.
fn pronoun(clause: &Clause, x: usize) -> Option<usize> {
    let word = clause.view.lower(x);
    let personal = match word {
        "he" | "she" | "his" | "her" => true,
        "it" | "its" | "they" | "their" => false,
        _ => return None,
    };
    let entities = &clause.doc.record.entities;
    let fits = |e: usize| {
        let kind = entities[e].kind.as_str();
        if personal {
            kind == "person"
        } else {
            matches!(kind, "organization" | "group" | "country")
        }
    };
    if matches!(word, "they" | "their") {
        return main_subject(clause, x).filter(|&e| fits(e));
    }
    let within = (clause.view.start..x)
        .rev()
        .filter_map(|k| clause.index.entity_at(k))
        .find(|&e| fits(e));
    within.or_else(|| {
        clause
            .index
            .latest_before(entities, clause.view.start, personal)
    })
}

/// The article's entity for the country whose capital entity `e` is.
fn is_capital(name: &str) -> bool {
    crate::clauses::capital_country(name).is_some()
}

fn capital_country(clause: &Clause, e: usize) -> Option<usize> {
    let entities = &clause.doc.record.entities;
    let place = &entities[e];
    if place.kind != "location" {
        return None;
    }
    let iso = crate::clauses::capital_country(&place.name)?;
    entities
        .iter()
        .position(|x| x.kind == "country" && x.country.as_deref() == Some(iso))
}

/// Keeps the first of each entity, in order.
fn unique(list: &mut Vec<usize>) {
    let mut seen = Vec::new();
    list.retain(|e| {
        let new = !seen.contains(e);
        seen.push(*e);
        new
    });
}

/// Where the event at the cue `k..end` took place, by the tree: an "in"/"at" phrase on the cue
/// ("negotiations in Geneva", "concluded in Arusha"), on the verb a cue noun hangs on, the "to"
/// of a journey the cue completes ("travelled to Doha to meet"), or the place attacked.
pub fn place(
    clause: &Clause,
    k: usize,
    end: usize,
    recipients: &[usize],
    attack: bool,
) -> Option<usize> {
    let t = named_tree(clause)?;
    let head = cue_head(clause, t, k, end);
    let mut at = head;
    for _ in 0..3 {
        if let Some(p) = place_phrase(clause, t, at, &["in", "at"]) {
            return Some(p);
        }
        let up = t.head(at);
        if up == at || !(clause.view.start..clause.view.end).contains(&up) {
            break;
        }
        let journey = Lexicon::global().listed("journey_verb", clause.view.lower(up));
        if journey {
            if let Some(p) = place_phrase(clause, t, up, &["to", "in", "at"]) {
                return Some(p);
            }
        }
        if !matches!(
            t.dep(at),
            "pobj" | "prep" | "nsubj" | "dobj" | "xcomp" | "advcl" | "conj"
        ) {
            break;
        }
        at = up;
    }
    let entities = &clause.doc.record.entities;
    attack
        .then(|| {
            recipients
                .iter()
                .copied()
                .find(|&e| entities[e].kind == "location")
        })
        .flatten()
}

/// A place named by a preposition (one of `words`) hanging on token `h`.
fn place_phrase(clause: &Clause, t: &Tree, h: usize, words: &[&str]) -> Option<usize> {
    let entities = &clause.doc.record.entities;
    children(clause, t, h)
        .filter(|&c| t.dep(c) == "prep" && words.contains(&clause.view.lower(c)))
        .filter_map(|c| child(clause, t, c, &["pobj"]))
        .find_map(|p| {
            // The object itself, its modifiers, or an "of" phrase ("the city of Kisumu"); not
            // what hangs further on ("in response to the Israeli actions" is no place).
            let mut words = vec![p];
            for c in children(clause, t, p) {
                match t.dep(c) {
                    "compound" | "amod" | "nmod" | "appos" | "poss" => words.push(c),
                    "prep" if clause.view.lower(c) == "of" => {
                        words.extend(child(clause, t, c, &["pobj"]));
                    }
                    _ => {}
                }
            }
            words
                .into_iter()
                .filter_map(|w| clause.index.entity_at(w))
                .find(|&e| matches!(entities[e].kind.as_str(), "location" | "country"))
        })
}

/// Why the cue at `k..end` reports no event, by the tree: an event noun modifying another noun
/// ("sanctions experts", "ceasefire talks" keep "talks"), a count of victims with nobody
/// acting ("200 children have been killed" is a figure), or something sent that is no aid
/// ("sent 79 drones").
pub fn not_an_event(clause: &Clause, k: usize, end: usize, cameo: &str) -> bool {
    let Some(t) = clause.tree() else {
        return false;
    };
    let head = cue_head(clause, t, k, end);
    if t.dep(head) == "compound" && !tag(clause, head).starts_with("VB") {
        return true;
    }
    let lexicon = Lexicon::global();
    if discussed(clause, t, head) {
        return true;
    }
    let subject_word = child(clause, t, head, &["nsubj", "nsubjpass"])
        .or_else(|| subject(clause, t, head).map(|(s, _)| s))
        .map(|s| clause.view.lower(s));
    // "the number kidnapped rose to 200": a count, not an event.
    if subject_word.is_some_and(|w| lexicon.listed("count_noun", w)) {
        return true;
    }
    // "a crash which killed 520 people", "an earthquake struck": nobody attacked.
    let relative = subject_word.is_some_and(|w| matches!(w, "which" | "that"));
    let agent_word = if relative && matches!(t.dep(head), "relcl") {
        Some(clause.view.lower(t.head(head)))
    } else {
        subject_word
    };
    let accident =
        |w: &str| lexicon.listed("accident_noun", w) || lexicon.listed("natural_force", w);
    let violent = cameo.starts_with("18") || cameo.starts_with("19");
    if violent && agent_word.is_some_and(accident) {
        return true;
    }
    // "refugees arrived in Kenya": people fleeing pay no visit.
    let visit = cameo.starts_with("042") || cameo.starts_with("043");
    let fleeing = |w: &str| lexicon.listed("people_noun", w) || lexicon.listed("displaced_noun", w);
    if visit && subject_word.is_some_and(fleeing) {
        return true;
    }
    if let Some(s) = child(clause, t, head, &["nsubjpass"]) {
        let counted = children(clause, t, s).any(|c| t.dep(c) == "nummod");
        let agent = child(clause, t, head, &["agent"]).is_some();
        if counted && !agent {
            return true;
        }
    }
    // "the number kidnapped", "the people killed": a participle describing the counted, with
    // nobody acting, is a figure's word, not an event.
    // Aid "sent through the crossing" is still aid on its way.
    let describes = matches!(t.dep(head), "acl" | "amod")
        && tag(clause, head) == "VBN"
        && !cameo.starts_with("07");
    if describes && child(clause, t, head, &["agent"]).is_none() {
        return true;
    }
    let gives = cameo.starts_with("07") && tag(clause, head).starts_with("VB");
    if gives {
        if let Some(o) = child(clause, t, head, &["dobj"]) {
            let words = t.subtree(o, 24, |_| true);
            let aid = words
                .iter()
                .any(|&w| Lexicon::global().listed("aid_noun", clause.view.lower(w)));
            return !aid;
        }
    }
    false
}

/// An event noun that is what others talk about: "exchanged views on the situation, including
/// Israeli attacks on Syria", "discussed the blockade", "talks on the prisoner exchange".
fn discussed(clause: &Clause, t: &Tree, noun: usize) -> bool {
    if !tag(clause, noun).starts_with("NN") {
        return false;
    }
    let lexicon = Lexicon::global();
    let mut at = noun;
    for _ in 0..6 {
        let dep = t.dep(at);
        if !matches!(dep, "pobj" | "prep" | "conj" | "appos" | "dobj") {
            return false;
        }
        // "during talks" is when, not what: only a topic's preposition leads to the talking.
        let word = clause.view.lower(at);
        if dep == "prep" && !Lexicon::global().listed("talk_topic_preposition", word) {
            return false;
        }
        let up = t.head(at);
        if up == at || !(clause.view.start..clause.view.end).contains(&up) {
            return false;
        }
        if lexicon.listed("discussion_word", clause.view.lower(up)) {
            return true;
        }
        at = up;
    }
    false
}

/// The cue is a passive verb whose subject names who was acted on and counts nobody: "the
/// president was detained", not "900 people were killed" (a figure, not an event).
pub fn passive_patient(clause: &Clause, k: usize, end: usize) -> bool {
    let Some(t) = named_tree(clause) else {
        return false;
    };
    let head = cue_head(clause, t, k, end);
    if child(clause, t, head, &["auxpass"]).is_none() {
        return false;
    }
    let Some(s) = child(clause, t, head, &["nsubjpass", "nsubj"]) else {
        return false;
    };
    let counted = children(clause, t, s).any(|c| t.dep(c) == "nummod");
    !counted && !phrase(clause, t, s).is_empty()
}

/// The word of a multi-word cue whose head lies outside it: "talks" of "held talks" hangs on
/// "held", so "held" heads the cue.
fn cue_head(clause: &Clause, t: &Tree, k: usize, end: usize) -> usize {
    (k..end)
        .find(|&w| !(k..end).contains(&t.head(w)) || t.head(w) == w)
        .filter(|_| end <= clause.view.end)
        .unwrap_or(k)
}

fn tag<'a>(clause: &'a Clause, k: usize) -> &'a str {
    clause.doc.parse.tags.get(k).copied().unwrap_or("")
}

fn children<'a>(clause: &'a Clause, t: &'a Tree, h: usize) -> impl Iterator<Item = usize> + 'a {
    (clause.view.start..clause.view.end).filter(move |&k| k != h && t.head(k) == h)
}

fn child(clause: &Clause, t: &Tree, h: usize, deps: &[&str]) -> Option<usize> {
    children(clause, t, h).find(|&k| deps.contains(&t.dep(k)))
}

/// Subject, objects and agent of a cue verb.
fn verb_roles(clause: &Clause, t: &Tree, verb: usize) -> (Vec<usize>, Vec<usize>) {
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    match subject(clause, t, verb) {
        Some((s, false)) => actors = phrase(clause, t, s),
        Some((s, true)) => recipients = phrase(clause, t, s),
        None => {}
    }
    // "ordered the ambassador to leave": the object of the verb above is the one acted on.
    let up = t.head(verb);
    if t.dep(verb) == "xcomp" && up != verb {
        if let Some(o) = child(clause, t, up, &["dobj"]) {
            recipients.extend(phrase(clause, t, o));
        }
    }
    let cue = cue_span(clause, t, verb);
    for c in children(clause, t, verb).collect::<Vec<_>>() {
        match t.dep(c) {
            // "held telephone conversations with ...": the noun of the cue carries the phrase.
            "dobj" if cue.contains(&c) => recipients.extend(noun_roles(clause, t, c).1),
            "dobj" | "dative" => recipients.extend(phrase(clause, t, c)),
            "agent" => {
                if let Some(p) = child(clause, t, c, &["pobj"]) {
                    actors.extend(phrase(clause, t, p));
                }
            }
            "prep" => recipients.extend(participant_object(clause, t, c)),
            _ => {}
        }
    }
    (actors, recipients)
}

/// The tokens of the cue a verb heads ("held talks"): the verb and the cue words after it.
fn cue_span(clause: &Clause, t: &Tree, verb: usize) -> std::ops::Range<usize> {
    let _ = t;
    let view = clause.view;
    let words = crate::clauses::EVENT_CUES
        .longest_at(view.lowered, verb, view.end)
        .map_or(1, |(n, _)| n);
    verb..verb + words
}

/// The subject of `verb` and whether it is passive; a verb with none borrows the subject of the
/// verb it is coordinated with or completes ("travelled to Doha to meet", "and called on").
fn subject(clause: &Clause, t: &Tree, verb: usize) -> Option<(usize, bool)> {
    let mut v = verb;
    for _ in 0..4 {
        if let Some(s) = child(clause, t, v, &["nsubj"]) {
            // With a passive auxiliary ("have been detained") the subject is acted on, whatever
            // label the parser gave it.
            let passive = child(clause, t, v, &["auxpass"]).is_some();
            return Some((s, passive && v == verb));
        }
        if let Some(s) = child(clause, t, v, &["nsubjpass"]) {
            // Without a passive auxiliary ("officials have called on") the label is a slip
            // of the parser and the subject acts.
            let passive = child(clause, t, v, &["auxpass"]).is_some();
            return Some((s, passive && v == verb));
        }
        let up = t.head(v);
        // "it is prepared to impose": through the adjective to the subject of "is".
        let borrows = matches!(t.dep(v), "conj" | "xcomp" | "advcl" | "acomp");
        if !borrows || up == v || !(clause.view.start..clause.view.end).contains(&up) {
            return None;
        }
        v = up;
    }
    None
}

/// The entities of a preposition's object when the preposition marks a participant.
fn participant_object(clause: &Clause, t: &Tree, prep: usize) -> Vec<usize> {
    let word = clause.view.lower(prep);
    if !Lexicon::global().listed("participant_preposition", word) {
        return Vec::new();
    }
    child(clause, t, prep, &["pobj"])
        .map(|p| phrase(clause, t, p))
        .unwrap_or_default()
}

/// Participants of a cue noun: its possessor, demonym or name modifier, its "by" phrase or the
/// agent of the participle on it, its "with"/"on"/"between" phrase, and the subject of the verb
/// it is the object of.
fn noun_roles(clause: &Clause, t: &Tree, noun: usize) -> (Vec<usize>, Vec<usize>) {
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    for c in children(clause, t, noun).collect::<Vec<_>>() {
        match t.dep(c) {
            "poss" | "compound" | "amod" | "nmod" => actors.extend(modifier(clause, t, c)),
            "prep" if clause.view.lower(c) == "by" => {
                if let Some(p) = child(clause, t, c, &["pobj"]) {
                    actors.extend(phrase(clause, t, p));
                }
            }
            "prep" if clause.view.lower(c) == "between" => {
                if let Some(p) = child(clause, t, c, &["pobj"]) {
                    actors.extend(phrase(clause, t, p));
                }
            }
            "prep" => recipients.extend(participant_object(clause, t, c)),
            "acl" => {
                let (a, r) = verb_roles(clause, t, c);
                actors.extend(a);
                recipients.extend(r);
            }
            _ => {}
        }
    }
    // "Negotiations between the delegation headed by A, and the one headed by B": the parse
    // may hang the second party on the noun itself.
    let between =
        children(clause, t, noun).any(|c| t.dep(c) == "prep" && clause.view.lower(c) == "between");
    if between {
        for c in children(clause, t, noun)
            .filter(|&c| t.dep(c) == "conj")
            .collect::<Vec<_>>()
        {
            actors.extend(phrase(clause, t, c));
        }
    }
    if actors.is_empty() {
        actors = governing_subject(clause, t, noun);
    }
    // "killed a civilian in the shelling": who the verb of what it did was done to.
    if recipients.is_empty() {
        recipients.extend(victims(clause, t, noun));
    }
    // "Kenyan airstrikes hit a neighbourhood in Kampala": what the event noun's verb acts on.
    let up = t.head(noun);
    if recipients.is_empty()
        && t.dep(noun) == "nsubj"
        && up != noun
        && tag(clause, up).starts_with("VB")
    {
        for c in children(clause, t, up).collect::<Vec<_>>() {
            match t.dep(c) {
                "dobj" => recipients.extend(phrase(clause, t, c)),
                "prep" => recipients.extend(participant_object(clause, t, c)),
                _ => {}
            }
        }
    }
    (actors, recipients)
}

/// "the ministers held talks", "arrived for talks with": the subject of the verb the noun is
/// the object of, directly or through a preposition.
fn governing_subject(clause: &Clause, t: &Tree, noun: usize) -> Vec<usize> {
    let mut k = noun;
    // "in a two-hour and 17-minute call": a conjunct is governed as its first conjunct is.
    for _ in 0..8 {
        if t.dep(k) != "conj" || t.head(k) == k || !tag(clause, t.head(k)).starts_with("NN") {
            break;
        }
        k = t.head(k);
    }
    for _ in 0..5 {
        let up = t.head(k);
        if up == k || !(clause.view.start..clause.view.end).contains(&up) {
            return Vec::new();
        }
        let through = matches!(t.dep(k), "dobj" | "pobj" | "prep");
        if !through {
            return Vec::new();
        }
        if let Some(who) = occasion_subject(clause, t, k, up) {
            return who;
        }
        // "blamed Israel for the bombing", "accused the army of shelling": the one blamed.
        let blamed = t.dep(k) == "prep"
            && matches!(clause.view.lower(k), "for" | "of")
            && Lexicon::global().listed("blame_verb", clause.view.lower(up));
        if blamed {
            return child(clause, t, up, &["dobj"])
                .map(|o| phrase(clause, t, o))
                .unwrap_or_default();
        }
        if tag(clause, up).starts_with("VB") {
            // Only a verb that stages the event lends its subject: "held talks", not "the
            // attack deserves condemnation".
            let view = clause.view;
            // A verb of the same kind lends its subject too: "discussed ... in a telephone
            // conversation"; "condemned the strike" does not make the critic the attacker.
            let kind = |k: usize| {
                crate::clauses::EVENT_CUES
                    .longest_at(view.lowered, k, view.end)
                    .map(|(_, &i)| Lexicon::global().event_cues[i].plover.as_str())
            };
            let stages = Lexicon::global().listed("support_verb", view.lower(up))
                || kind(up).is_some_and(|verb| {
                    (noun.saturating_sub(2).max(view.start)..=noun).any(|k| kind(k) == Some(verb))
                });
            if !stages {
                return Vec::new();
            }
            return match subject(clause, t, up) {
                Some((s, false)) => phrase(clause, t, s),
                _ => Vec::new(),
            };
        }
        // Through "a round of talks" or "days of fighting", not through another event:
        // "launched an investigation into the attack" makes no one the attacker.
        let other_noun = tag(clause, up).starts_with("NN")
            && !Lexicon::global().listed("measure_noun", clause.view.lower(up));
        if other_noun {
            return Vec::new();
        }
        k = up;
    }
    Vec::new()
}

/// "Lavrov and Maliki, during a meeting held ..., stressed": a meeting noun under "during" or
/// "at" (token `k` is the preposition, `up` what it hangs on) had the subject it hangs on, or
/// the subject of the verb it hangs on, as its participants.
fn occasion_subject(clause: &Clause, t: &Tree, k: usize, up: usize) -> Option<Vec<usize>> {
    let lexicon = Lexicon::global();
    let word = clause.view.lower(k);
    // "after the talks", "after days of fighting" lend the parties of something done together;
    // "condemned it after the attack" does not make the critic the attacker.
    let view = clause.view;
    // Within the phrase the preposition opens ("in a two-hour and 17-minute call").
    let joint = (k + 1..view.end.min(k + 10)).any(|n| {
        crate::clauses::EVENT_CUES
            .longest_at(view.lowered, n, view.end)
            .is_some_and(|(_, &i)| lexicon.event_cues[i].frame == dateline_lexicon::Frame::Joint)
            || (matches!(view.lower(n), "call" | "calls") && conversation_noun(clause, n))
    });
    // "guerrillas wounded two soldiers in a bomb attack": a verb of what the event does lends
    // its subject to an event done alone; "received a report during the protests" does not.
    let acts_it_out = lexicon.figure_cues.contains_key(view.lower(up));
    let occasion = t.dep(k) == "prep"
        && lexicon.listed("occasion_preposition", word)
        && (joint || acts_it_out && matches!(word, "during" | "in" | "at"));
    if !occasion {
        return None;
    }
    if tag(clause, up).starts_with("VB") {
        // "Troops took the town after days of fighting, police said": the parse hung the
        // phrase on the trailing speech verb, but it belongs to the clause reported. A speech
        // verb heading the sentence keeps it: "Putin, during talks with ..., noted that".
        let mut up = up;
        let spoken = lexicon.speech_verbs.contains(view.lower(up));
        if spoken && t.head(up) != up {
            up = reported_clause(clause, t, up)?;
        }
        let mut who = match subject(clause, t, up) {
            Some((s, false)) => phrase(clause, t, s),
            _ => return None,
        };
        // "Kiprop warned Mwangi in a phone call", "told him during talks": the one spoken to
        // in a conversation took part in it.
        if spoken && joint {
            if let Some(o) = child(clause, t, up, &["dobj", "dative"]) {
                who.extend(phrase(clause, t, o));
            }
        }
        return Some(who);
    }
    if matches!(t.dep(up), "nsubj" | "nsubjpass") {
        return Some(phrase(clause, t, up));
    }
    // "had a contentious exchange ... in a call": the occasion hangs on what the verb's subject
    // had, so that subject took part.
    let verb = t.head(up);
    if t.dep(up) == "dobj" && verb != up && tag(clause, verb).starts_with("VB") {
        return match subject(clause, t, verb) {
            Some((s, false)) => Some(phrase(clause, t, s)),
            _ => None,
        };
    }
    None
}

/// The verb of the clause a trailing speech verb reports: the verb it hangs on ("Troops took
/// the town, police said").
fn reported_clause(clause: &Clause, t: &Tree, speech: usize) -> Option<usize> {
    let up = t.head(speech);
    let inside = (clause.view.start..clause.view.end).contains(&up);
    let trailing = matches!(t.dep(speech), "advcl" | "parataxis" | "ccomp");
    (up != speech && inside && trailing && tag(clause, up).starts_with("VB")).then_some(up)
}

/// The object of the verb of what an event did, for an event noun under "in" or "during" on
/// it ("killed a civilian in the firing").
fn victims(clause: &Clause, t: &Tree, noun: usize) -> Vec<usize> {
    let prep = t.head(noun);
    let verb = t.head(prep);
    let on_verb = t.dep(noun) == "pobj"
        && t.dep(prep) == "prep"
        && matches!(clause.view.lower(prep), "in" | "during")
        && (clause.view.start..clause.view.end).contains(&verb)
        && Lexicon::global()
            .figure_cues
            .contains_key(clause.view.lower(verb));
    if !on_verb {
        return Vec::new();
    }
    child(clause, t, verb, &["dobj"])
        .map(|o| phrase(clause, t, o))
        .unwrap_or_default()
}

/// The entity a modifier of a cue noun names: "Israel's", "Russian", "Hamas".
fn modifier(clause: &Clause, t: &Tree, m: usize) -> Vec<usize> {
    if let Some(e) = clause.index.entity_at(m).filter(|&e| takes_part(clause, e)) {
        return vec![e];
    }
    // "US Predator attacks": the name may modify the modifier.
    if let Some(e) = children(clause, t, m)
        .filter(|&c| t.dep(c) == "compound")
        .find_map(|c| clause.index.entity_at(c).filter(|&e| takes_part(clause, e)))
    {
        return vec![e];
    }
    // "its investigation", "his visit": who the pronoun stands for.
    if let Some(e) = pronoun(clause, m) {
        return vec![e];
    }
    crate::events::country_of_demonym(clause.doc, clause.view.word(m))
        .into_iter()
        .collect()
}

/// The entities a noun phrase headed by `h` names: its own, each coordinated one's, or the
/// ones inside it ("the delegation headed by the defence minister", "a spokesman for Hamas").
fn phrase(clause: &Clause, t: &Tree, h: usize) -> Vec<usize> {
    let mut heads = vec![h];
    let mut i = 0;
    while i < heads.len() && heads.len() < 12 {
        let x = heads[i];
        i += 1;
        heads.extend(children(clause, t, x).filter(|&c| t.dep(c) == "conj"));
    }
    let mut out = Vec::new();
    for x in heads {
        if let Some(e) = pronoun(clause, x) {
            out.push(e);
            continue;
        }
        if group_reference(clause, t, x) {
            out.extend(clause.earlier.iter().copied());
            continue;
        }
        let own = clause.index.entity_at(x).filter(|&e| takes_part(clause, e));
        let person = |e: usize| clause.doc.record.entities[e].kind == "person";
        if let Some(group) = own.is_none().then(|| their_group(clause, t, x)).flatten() {
            out.push(group);
            continue;
        }
        if let Some(p) = own.is_none().then(|| role_holder(clause, t, x)).flatten() {
            out.push(p);
            continue;
        }
        // A title's affiliation gives way to the person who holds it: "UN Special Coordinator
        // Tor Wennesland" is Wennesland.
        if let Some(p) = title_holder(clause, t, x) {
            out.push(p);
            continue;
        }
        match own {
            Some(e) if person(e) => out.push(e),
            _ => {
                let found = holders_of_role(clause, x, inside(clause, t, x));
                match own {
                    _ if found.first().is_some_and(|&p| person(p)) => out.extend(found),
                    Some(e) => out.push(e),
                    None => out.extend(found),
                }
            }
        }
    }
    out.dedup();
    out
}

/// "They", "the parties", "both sides" with no one in the sentence to stand for: the
/// participants of the event told before.
fn group_reference(clause: &Clause, t: &Tree, x: usize) -> bool {
    let word = clause.view.lower(x);
    if matches!(word, "they" | "their") {
        return true;
    }
    let group = Lexicon::global().listed("group_noun", word);
    group
        && children(clause, t, x).any(|c| {
            matches!(t.dep(c), "det" | "nummod" | "predet")
                && matches!(clause.view.lower(c), "the" | "both" | "two")
        })
}

/// "killed a civilian" where the article names one person as a civilian ("the casualty of a
/// 60-year-old civilian Amos Lindqvist"): that person, before or after; none when two fit.
fn role_holder(clause: &Clause, t: &Tree, x: usize) -> Option<usize> {
    let word = clause.view.lower(x);
    if !tag(clause, x).starts_with("NN") || !Lexicon::global().roles.contains_key(word) {
        return None;
    }
    let determined = children(clause, t, x)
        .any(|c| t.dep(c) == "det" && matches!(clause.view.lower(c), "a" | "an" | "the"));
    if !determined {
        return None;
    }
    let entities = &clause.doc.record.entities;
    let holds = |e: &dateline_core::Entity| {
        e.kind == "person"
            && e.roles
                .iter()
                .any(|r| r == word || r.ends_with(&format!(" {word}")))
    };
    let mut holders = entities.iter().enumerate().filter(|(_, e)| holds(e));
    let (first, _) = holders.next()?;
    holders.next().is_none().then_some(first)
}

/// "his fighters" said by "the militia's spokesman": the group whose members a pronoun's person
/// speaks for, read from the person's roles.
fn their_group(clause: &Clause, t: &Tree, x: usize) -> Option<usize> {
    if !Lexicon::global().listed("member_noun", clause.view.lower(x)) {
        return None;
    }
    let owner = child(clause, t, x, &["poss"])?;
    let person = pronoun(clause, owner)?;
    let entities = &clause.doc.record.entities;
    let roles = &entities[person].roles;
    entities.iter().position(|e| {
        let name = e.name.to_lowercase();
        matches!(e.kind.as_str(), "organization" | "group")
            && name.len() > 2
            && roles.iter().any(|r| r.contains(&name))
    })
}

/// The person holding a title the parse split from the name: "UN Special Coordinator for the
/// Middle East Peace Process Tor Wennesland" with "Coordinator" as the phrase's head.
fn title_holder(clause: &Clause, t: &Tree, x: usize) -> Option<usize> {
    let (view, index) = (clause.view, clause.index);
    if index
        .entity_at(x)
        .is_some_and(|e| clause.doc.record.entities[e].kind == "person")
    {
        return None;
    }
    let titled = crate::clauses::starts_role(view.lower(x))
        || children(clause, t, x)
            .any(|c| t.dep(c) == "compound" && crate::clauses::starts_role(view.lower(c)));
    if !titled {
        return None;
    }
    (x + 1..(x + 12).min(view.end))
        .take_while(|&k| !matches!(view.word(k), "," | ";" | ":") && view.lower(k) != "and")
        .filter_map(|k| index.entity_at(k))
        .find(|&p| clause.doc.record.entities[p].kind == "person")
}

/// "The foreign ministers of Venezuela and Guyana": the people the article names in that role
/// for those countries, else the countries.
fn holders_of_role(clause: &Clause, head: usize, found: Vec<usize>) -> Vec<usize> {
    let word = clause.view.lower(head);
    let role = word.strip_suffix('s').unwrap_or(word);
    if !Lexicon::global().roles.contains_key(role) {
        return found;
    }
    let entities = &clause.doc.record.entities;
    found
        .into_iter()
        .map(|e| {
            let country = entities[e]
                .country
                .as_deref()
                .filter(|_| entities[e].kind == "country");
            let holder = country.and_then(|c| {
                entities.iter().position(|p| {
                    p.kind == "person"
                        && p.country.as_deref() == Some(c)
                        && p.roles.iter().any(|r| r.ends_with(role))
                })
            });
            holder.unwrap_or(e)
        })
        .collect()
}

/// The entities inside a phrase: its people if it names any ("the delegation, headed by
/// Rustem Umerov", "the presidents of ... Bashar al-Assad, Ebrahim Raisi"), else its
/// organisations and countries ("the presidents of Syria, Iran and Egypt", "Russian forces").
fn inside(clause: &Clause, t: &Tree, h: usize) -> Vec<usize> {
    // "the group Hamas on Israel": what "on", "against", "with" or "between" adds is another
    // party; "linked to the military" stays inside the phrase.
    let other_party = |c: usize| {
        t.dep(c) == "prep" && Lexicon::global().listed("party_preposition", clause.view.lower(c))
    };
    let mut found = t.subtree(h, 32, |c| {
        !matches!(t.dep(c), "relcl" | "ccomp" | "advcl") && !other_party(c)
    });
    found.sort_unstable();
    let mut entities: Vec<usize> = found
        .iter()
        .filter_map(|&x| clause.index.entity_at(x))
        .filter(|&e| takes_part(clause, e))
        .collect();
    entities.dedup();
    let kind = |e: &usize| clause.doc.record.entities[*e].kind.as_str();
    let people: Vec<usize> = entities
        .iter()
        .copied()
        .filter(|e| kind(e) == "person")
        .collect();
    if !people.is_empty() {
        return people;
    }
    if entities.is_empty() {
        return found
            .iter()
            .find_map(|&x| crate::events::country_of_demonym(clause.doc, clause.view.word(x)))
            .into_iter()
            .collect();
    }
    entities
}

/// Entities that can act or be acted on in an event; a place only as a target.
fn takes_part(clause: &Clause, e: usize) -> bool {
    matches!(
        clause.doc.record.entities[e].kind.as_str(),
        "person" | "organization" | "group" | "country" | "location"
    )
}

#[cfg(test)]
mod tests {
    /// (type, actor names, recipient names) of each event.
    fn events(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let doc = crate::analysed_up_to(text, "events");
        let name = |id: &String| {
            doc.record
                .entities
                .iter()
                .find(|e| &e.id == id)
                .map_or(String::new(), |e| e.name.clone())
        };
        doc.record
            .events
            .iter()
            .map(|e| {
                let actors = e.actors.iter().map(name).collect();
                let recipients = e.recipients.iter().map(name).collect();
                (e.kind.clone(), actors, recipients)
            })
            .collect()
    }

    #[test]
    fn a_visit_to_a_capital_is_a_visit_to_its_country_even_beside_its_people() {
        let found = events(
            "Fighting in Kenya went on. Envoy Amos Lindqvist arrived in Nairobi on Tuesday for a \
             meeting with Kenyan President Daniel Mwangi.",
        );
        let visit = found.iter().find(|e| e.0 == "CONSULT").expect("a visit");
        assert!(visit.2.iter().any(|n| n == "Kenya"), "{found:?}");
        assert!(visit.2.iter().any(|n| n.contains("Mwangi")), "{found:?}");
    }

    #[test]
    fn a_passive_subject_is_acted_on() {
        let found = events("Tamsin Okoro and Daniel Mwangi have been detained by Kenyan police.");
        let arrest = found.iter().find(|e| e.0 == "COERCE").expect("an arrest");
        assert!(arrest.2.iter().any(|n| n.contains("Okoro")), "{found:?}");
        assert!(!arrest.1.iter().any(|n| n.contains("Okoro")), "{found:?}");
    }

    #[test]
    fn a_day_inside_a_cue_does_not_hide_it() {
        let found = events(
            "The UN Security Council called Friday for Kenya and Uganda to end the fighting.",
        );
        assert!(
            found
                .iter()
                .any(|e| e.0 == "REQUEST" && e.1.iter().any(|n| n.contains("Security Council"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_noun_cue_takes_its_demonym_and_object() {
        let found = events(
            "Kenyan airstrikes hit a neighbourhood in Kampala on Tuesday, officials in Kenya said.",
        );
        let attack = found.iter().find(|e| e.0 == "ASSAULT").expect("an attack");
        assert!(attack.1.iter().any(|n| n == "Kenya"), "{found:?}");
        assert!(attack.2.iter().any(|n| n == "Kampala"), "{found:?}");
    }
}
