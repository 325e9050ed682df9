//! Speakers read from the dependency tree, for quotations whose sentence has no cue next to
//! them: a quotation inside a clause ("The bloc “strongly condemns” the air strike", "called the
//! moves “reckless”") is said by the subject of the speech verb it hangs
//! under, or else by the subject of the nearest verb above it.

use crate::clauses::{MentionIndex, View};
use crate::language::{tree, Tree};
use dateline_core::{Document, Span};
use dateline_lexicon::Lexicon;

/// The entity (index into the record's entities) and the subject token that speaks the
/// quotation `q` of the sentence `view`, if the tree says.
pub fn speaker(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    q: Span,
) -> Option<(usize, usize)> {
    let first = view.tokens.partition_point(|t| t.start < q.0);
    if first >= view.end || first < view.start {
        return None;
    }
    let t = tree(view.text, view.tokens, &doc.parse, view.start, view.end)?;
    // What the quotation itself says is not who says it: a subject inside it is passed over
    // ("“The navy's actions are reckless”"), one outside a quoted predicate is the speaker
    // ("The bloc “strongly condemns”").
    let outside = |k: usize| !q.contains(view.tokens[k].start);
    let verbs = verbs_above(view, &t, doc, first);
    // Under a speech verb, its subject speaks or nobody the text names does.
    let candidates: Vec<usize> = match verbs
        .iter()
        .rev()
        .find(|&&v| is_speech(view, v) && outside(v))
    {
        Some(&speech) => vec![speech],
        None => verbs,
    };
    candidates
        .into_iter()
        .find_map(|verb| subject_entity(view, &t, index, verb).filter(|&(_, k)| outside(k)))
}

/// The verbs on the path from token `k` up to the root, nearest first.
fn verbs_above(view: &View, t: &Tree, doc: &Document, mut k: usize) -> Vec<usize> {
    let mut verbs = Vec::new();
    for _ in 0..24 {
        if doc
            .parse
            .tags
            .get(k)
            .is_some_and(|tag| tag.starts_with("VB"))
        {
            verbs.push(k);
        }
        let h = t.head(k);
        if h == k || h < view.start || h >= view.end {
            break;
        }
        k = h;
    }
    verbs
}

fn is_speech(view: &View, k: usize) -> bool {
    Lexicon::global().speech_verbs.contains(view.lower(k))
}

/// The entity named by the subject of `verb` (its own mention or one of its words').
fn subject_entity(
    view: &View,
    t: &Tree,
    index: &MentionIndex,
    verb: usize,
) -> Option<(usize, usize)> {
    let subject = (view.start..view.end)
        .find(|&k| k != verb && t.head(k) == verb && matches!(t.dep(k), "nsubj" | "nsubjpass"))?;
    // The subject's head word, or a word hanging on it ("Qatar's prime minister").
    (view.start..view.end)
        .filter(|&k| k == subject || t.head(k) == subject)
        .find_map(|k| index.entity_at(k).map(|e| (e, k)))
}

#[cfg(test)]
mod tests {
    fn speakers(text: &str) -> Vec<Option<String>> {
        let doc = crate::analysed_up_to(text, "quotes");
        doc.record
            .quotes
            .iter()
            .filter(|q| q.direct)
            .map(|q| {
                let id = q.speaker.as_ref()?;
                doc.record
                    .entities
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| e.name.clone())
            })
            .collect()
    }

    #[test]
    fn a_quotation_inside_a_clause_is_said_by_its_subject() {
        let found = speakers(
            "The Kenyan government “strongly condemns” the attack on the convoy near Garissa.",
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .as_deref()
                .is_some_and(|n| n.contains("government")),
            "{found:?}"
        );
    }

    #[test]
    fn a_quotation_without_a_cue_continues_the_last_speaker() {
        let found = speakers(
            "“The road is closed,” Tamsin Okoro said on Monday. “We cannot reach the villages.”",
        );
        assert_eq!(found.len(), 2);
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Okoro")),
            "{found:?}"
        );
        assert_eq!(found[1], found[0]);
    }
}
