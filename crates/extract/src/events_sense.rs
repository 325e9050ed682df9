//! Word sense for attack cues: the same words name labour strikes, earthquakes, share raids,
//! product launches, heart attacks and political "attacks" on a budget. An attack cue stands
//! for an attack only with someone who can fight or a place to hit, and not in those senses.
//! The word lists are in `word_lists.tsv` (labour_strike, labour_context, natural_force,
//! not_an_attack_before, weapon_noun, weapon_use, firearm_cue, figurative_target, struck_object,
//! launch_verb, violence).

use crate::clauses::View;
use dateline_core::Entity;
use dateline_lexicon::Lexicon;

/// What an attack cue at tokens `k..end` reports.
#[derive(Debug, PartialEq, Eq)]
pub enum Sense {
    /// An attack, as the lexicon codes it.
    Attack,
    /// A labour strike: PLOVER PROTEST, CAMEO 143 (conduct a strike or boycott).
    LabourStrike,
    /// No event: an earthquake struck, a share raid, a heart attack, attacking a deficit.
    Nothing,
}

fn listed(class: &str, word: &str) -> bool {
    Lexicon::global().listed(class, word)
}

/// The sense of the attack cue at `k..end` in `view`, given the participants found for it.
pub fn attack_sense(
    view: &View,
    tags: &[&str],
    k: usize,
    end: usize,
    participants: &[usize],
    entities: &[Entity],
) -> Sense {
    if let Some(sense) = word_sense(view, tags, k, end) {
        return sense;
    }
    // Someone who can fight, or a place to hit, takes part; else the sentence speaks of arms.
    let able = participants.iter().any(|&e| {
        let entity = &entities[e];
        matches!(entity.kind.as_str(), "country" | "group" | "location")
            || matches!(
                entity.sector.as_deref(),
                Some("MIL" | "COP" | "REB" | "GOV")
            )
    });
    if able || violence_near(view, k, view.start, view.end - view.start) {
        Sense::Attack
    } else {
        Sense::Nothing
    }
}

/// The sense the words around the cue decide before anyone is known to take part, or None
/// when it depends on who does. "Nothing" here spares the cue its parse.
pub fn word_sense(view: &View, tags: &[&str], k: usize, end: usize) -> Option<Sense> {
    let word = view.lower(k);
    if matches!(word, "strike" | "strikes") && labour_strike(view, k, end) {
        return Some(Sense::LabourStrike);
    }
    // "shelled peanuts": an adjective, not an act, whatever the tagger says.
    let food_after = (end..(end + 2).min(view.end)).any(|t| listed("shelled_food", view.lower(t)));
    if tags.get(k).is_some_and(|t| *t == "JJ") || (word == "shelled" && food_after) {
        return Some(Sense::Nothing);
    }
    // "an agreement struck last year", "struck a deal", "will strike an agreement".
    let near = k.saturating_sub(4).max(view.start)..(end + 4).min(view.end);
    let strike = matches!(word, "struck" | "strike" | "strikes" | "striking");
    if near.clone().any(|t| listed("struck_object", view.lower(t))) && strike {
        return Some(Sense::Nothing);
    }
    // Retaliation in a trade dispute and "the first shot in a trade war" are no attacks.
    let trade = (view.start..view.end).any(|t| listed("labour_context", view.lower(t)));
    if trade && !violence_near(view, k, view.start, view.end - view.start) {
        return Some(Sense::Nothing);
    }
    let before = |n: usize| (k.saturating_sub(n).max(view.start)..k).map(|t| view.lower(t));
    // "an earthquake struck", "the storm struck the coast", "a heart attack", "a share raid".
    if before(3).any(|w| listed("natural_force", w)) {
        return Some(Sense::Nothing);
    }
    // "struck by lightning", "hit by a landslide": nature is the agent.
    let agent = (end..(end + 4).min(view.end)).skip_while(|&t| view.lower(t) != "by");
    if agent
        .skip(1)
        .any(|t| listed("natural_force", view.lower(t)))
    {
        return Some(Sense::Nothing);
    }
    if before(1).any(|w| listed("not_an_attack_before", w)) {
        return Some(Sense::Nothing);
    }
    // A weapon named is no attack unless it is used: "fired missiles", not "a treaty on
    // intermediate-range missiles".
    if listed("weapon_noun", word) {
        let near = k.saturating_sub(4).max(view.start)..(end + 4).min(view.end);
        return Some(
            if near.clone().any(|t| listed("weapon_use", view.lower(t))) {
                Sense::Attack
            } else {
                Sense::Nothing
            },
        );
    }
    // "launching a bond", "fighting to recover", "attacked the budget proposals".
    let next = view.lower(end);
    if listed("launch_verb", word) && !violence_near(view, k, end, 4) {
        return Some(Sense::Nothing);
    }
    if word == "fighting"
        && (next == "to" || next.ends_with("ing") || listed("figurative_target", next))
    {
        return Some(Sense::Nothing);
    }
    // Firearms words have other senses ("shot up", "a shot at", "fired an executive"): they
    // report shooting only where the sentence speaks of violence.
    if listed("firearm_cue", word) {
        let particle = matches!(next, "up" | "down" | "at");
        let from = k.saturating_sub(6).max(view.start);
        return Some(if !particle && violence_near(view, k, from, 13) {
            Sense::Attack
        } else {
            Sense::Nothing
        });
    }
    // The target may come a few words on: "fighting the company's takeover plan".
    let target_abstract = (end..(end + 7).min(view.end))
        .map(|t| view.lower(t))
        .any(|w| listed("figurative_target", w));
    if target_abstract && !violence_near(view, k, view.start, view.end - view.start) {
        return Some(Sense::Nothing);
    }
    None
}

/// "on strike", "a nationwide strike", "strike at its plant", "a strike by pilots".
fn labour_strike(view: &View, k: usize, end: usize) -> bool {
    let before: Vec<&str> = (k.saturating_sub(6).max(view.start)..k)
        .map(|t| view.lower(t))
        .collect();
    let after: Vec<&str> = (end..(end + 3).min(view.end))
        .map(|t| view.lower(t))
        .collect();
    // Without a word of violence in its sentence, a strike among words of trade and work
    // ("the strike is hurting exports", "a settlement of the strike") is a labour strike.
    let trade = (view.start..view.end).any(|t| listed("labour_context", view.lower(t)));
    let violent = violence_near(view, k, view.start, view.end - view.start);
    before.last() == Some(&"on")
        || before.iter().any(|w| listed("labour_strike", w))
        || after.iter().any(|w| listed("labour_strike", w))
        || (trade && !violent)
}

/// A word of armed violence within `n` tokens from `from`, other than the cue at `k`; a "trade
/// war" or "price war" is none.
fn violence_near(view: &View, k: usize, from: usize, n: usize) -> bool {
    (from..(from + n).min(view.end)).any(|t| {
        let figurative = t > view.start && listed("labour_context", view.lower(t - 1));
        t != k && listed("violence", view.lower(t)) && !figurative
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sense(text: &str) -> Vec<Sense> {
        let doc = crate::analysed_up_to(text, "quotes");
        let index = crate::clauses::MentionIndex::build(&doc.record.entities, &doc.tokens);
        let view = crate::quotes::sentence_view(&doc, doc.record.sentences[0]);
        let cues = [
            "strike",
            "struck",
            "attack",
            "attacked",
            "launching",
            "fighting",
            "raid",
        ];
        (view.start..view.end)
            .filter(|&k| cues.contains(&view.lower(k)))
            .map(|k| {
                let participants: Vec<usize> = index
                    .mentions_in(view.start, view.end)
                    .into_iter()
                    .map(|(e, _)| e)
                    .collect();
                attack_sense(
                    &view,
                    &doc.parse.tags,
                    k,
                    k + 1,
                    &participants,
                    &doc.record.entities,
                )
            })
            .collect()
    }

    #[test]
    fn labour_strikes_are_protests() {
        assert_eq!(
            sense("Dock workers at Mombasa began a strike on Monday."),
            [Sense::LabourStrike]
        );
        assert_eq!(
            sense("Pilots at the airline have been on strike since May."),
            [Sense::LabourStrike]
        );
    }

    #[test]
    fn quakes_raids_and_budgets_are_no_attacks() {
        assert_eq!(
            sense("A strong earthquake struck southern Peru on Sunday."),
            [Sense::Nothing]
        );
        assert_eq!(
            sense("The senator attacked the budget proposals on Tuesday."),
            [Sense::Nothing]
        );
        assert_eq!(
            sense("Acme Corp is launching a new bond in Zurich."),
            [Sense::Nothing]
        );
    }

    #[test]
    fn armed_attacks_stay_attacks() {
        assert_eq!(
            sense("Militants attacked a police post in northern Kenya."),
            [Sense::Attack]
        );
        assert_eq!(
            sense("Troops repelled a raid near the border with Uganda."),
            [Sense::Attack]
        );
    }
}
