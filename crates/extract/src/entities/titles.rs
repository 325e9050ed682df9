//! Titles read from the dependency tree, for people whose title no lexicon role matched: nouns
//! that modify the name ("relief operations coordinator Ana Reyes", "presidential candidate Tomas
//! Weller"), an apposition after the name ("Ana Reyes, an official in ...") and a name in
//! apposition to a title before it ("the head of the Russian delegation, Oleg Varin").
//! Without the language layer it finds nothing.

use crate::language::Tree;
use dateline_core::{Parse, Token};
use dateline_lexicon::Lexicon;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Last words of the lexicon's roles ("minister", "secretary-general"), lowercased: a proper
/// noun that is one of them heads a title ("Ghana's former President, Dr. Kofi Mensa").
static ROLE_HEADS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    Lexicon::global()
        .roles
        .keys()
        .filter_map(|r| r.split_whitespace().last())
        .map(str::to_lowercase)
        .collect()
});

/// One sentence of a document with its parse.
pub struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Tags and entity tags.
    pub parse: &'a Parse,
    /// The sentence's tree; `titles` needs it, `worth_parsing` does not.
    pub tree: Option<&'a Tree>,
    /// First token of the sentence and the token after its last.
    pub start: usize,
    pub end: usize,
}

/// The longest apposition or modifier phrase kept as a title, in tokens.
const MAX_TITLE: usize = 12;

/// Whether a title could be read from the tree at all: a noun or an abbreviation right
/// before the name, or a comma next to it. Most names have neither, and their sentence need not
/// be parsed.
pub fn worth_parsing(v: &View, first: usize, end: usize) -> bool {
    let (text, tokens, parse) = (v.text, v.tokens, v.parse);
    let tag = |k: usize| {
        if k < v.end {
            parse.tags.get(k).copied().unwrap_or("_")
        } else {
            "_"
        }
    };
    let before = first.checked_sub(1).filter(|&k| k >= v.start);
    let noun_before = before.is_some_and(|k| {
        matches!(tag(k), "NN" | "NNS")
            || tag(k).starts_with("NNP")
                && ROLE_HEADS.contains(&tokens[k].text(text).to_lowercase())
    });
    let dot_before = abbreviation(v, first).is_some();
    // ", an official in ...", ", the group's military spokesperson": a noun phrase follows.
    let phrase_after = tag(end) == ","
        && matches!(
            tag(end + 1),
            "DT" | "JJ" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
        );
    // ", Dr. Kofi Mensa": an honorific may stand between the comma and the name.
    let honorific = before.is_some_and(|k| tokens[k].text(text) == ".") && first >= v.start + 3;
    let comma_before = before.is_some_and(|k| tag(k) == ",") || honorific && tag(first - 3) == ",";
    noun_before || dot_before || phrase_after || comma_before
}

/// Titles of the person named by tokens `first..end`, as written.
pub fn titles(v: &View, first: usize, end: usize) -> Vec<String> {
    if first >= end || first < v.start || end > v.end || !v.parse.has(first) || v.tree.is_none() {
        return Vec::new();
    }
    let head = name_head(v, first, end);
    let found = abbreviation(v, first)
        .or_else(|| modifier(v, head, first))
        .or_else(|| apposition_after(v, head, end))
        .or_else(|| apposition_before(v, head, first));
    found
        .map(|(a, b)| v.text[v.tokens[a].start..v.tokens[b].end].to_string())
        .into_iter()
        .collect()
}

/// The tree of the view; only called from `titles`, which returns early without one.
fn tree_of<'a>(v: &View<'a>) -> &'a Tree {
    static EMPTY: LazyLock<Tree> = LazyLock::new(Tree::default);
    v.tree.unwrap_or(&EMPTY)
}

/// The token of the name the rest of the sentence hangs on.
fn name_head(v: &View, first: usize, end: usize) -> usize {
    (first..end)
        .find(|&k| {
            let h = tree_of(v).head(k);
            h == k || h < first || h >= end
        })
        .unwrap_or(end - 1)
}

/// A common noun, or a proper noun that is a title word.
fn is_title_noun(v: &View, k: usize) -> bool {
    matches!(v.parse.tags[k], "NN" | "NNS")
        || v.parse.tags[k].starts_with("NNP") && ROLE_HEADS.contains(&word(v, k).to_lowercase())
}

fn word<'a>(v: &View<'a>, k: usize) -> &'a str {
    v.tokens[k].text(v.text)
}

/// "Gov. Ana Reyes": an abbreviated title right before the name.
fn abbreviation(v: &View, first: usize) -> Option<(usize, usize)> {
    let dot = first.checked_sub(1)?;
    let abbr = dot.checked_sub(1)?;
    let listed = Lexicon::global().listed("title_abbreviation", &word(v, abbr).to_lowercase());
    (abbr >= v.start && word(v, dot) == "." && listed).then_some((abbr, dot))
}

/// Is `k` inside the subtree of `root`?
fn descends(v: &View, mut k: usize, root: usize) -> bool {
    for _ in 0..24 {
        if k == root {
            return true;
        }
        let h = tree_of(v).head(k);
        if h == k || h < v.start || h >= v.end {
            return false;
        }
        k = h;
    }
    false
}

/// Nouns right before the name that modify it, back to the first word that does not.
fn modifier(v: &View, head: usize, first: usize) -> Option<(usize, usize)> {
    let mut a = first;
    while a > v.start && joins_left(v, a) && descends(v, a - 1, head) && !stops_title(v, a - 1) {
        a -= 1;
    }
    let has_noun = (a..first).any(|k| is_title_noun(v, k));
    (a < first && first - a <= MAX_TITLE && has_noun).then(|| (a, first - 1))
}

/// A title does not run back across a line break (a caption's time stamp, a headline).
fn joins_left(v: &View, a: usize) -> bool {
    !v.tokens[a].has(Token::NEWLINE_BEFORE)
}

/// Words a title does not run through: articles, possessives, punctuation, other names.
fn stops_title(v: &View, k: usize) -> bool {
    matches!(
        v.parse.tags[k],
        "DT" | "PRP$" | "POS" | "," | "``" | "''" | "-LRB-" | "-RRB-" | ":"
    ) || matches!(tree_of(v).dep(k), "poss" | "det" | "punct" | "case")
        || v.parse.ents[k].ends_with("PERSON")
}

/// ", an official in ...", ", the group's military operations spokesperson," after the name.
fn apposition_after(v: &View, head: usize, end: usize) -> Option<(usize, usize)> {
    let k = (end..v.end).find(|&k| tree_of(v).head(k) == head && tree_of(v).dep(k) == "appos")?;
    is_title_noun(v, k).then(|| phrase(v, k))?
}

/// "the head of the Russian delegation, Oleg Varin": the name is the apposition.
fn apposition_before(v: &View, head: usize, first: usize) -> Option<(usize, usize)> {
    if tree_of(v).dep(head) != "appos" {
        return None;
    }
    let g = tree_of(v).head(head);
    (g < first && g >= v.start && is_title_noun(v, g)).then(|| phrase(v, g))?
}

/// The title phrase headed by noun `g`: its modifiers (without article or possessor) and a
/// short "of"/"for" phrase after it ("high commissioner for peace").
fn phrase(v: &View, g: usize) -> Option<(usize, usize)> {
    let mut a = g;
    while a > v.start && joins_left(v, a) && descends(v, a - 1, g) && !stops_title(v, a - 1) {
        a -= 1;
    }
    let mut b = g;
    if let Some(p) =
        (g + 1..v.end).find(|&k| tree_of(v).head(k) == g && tree_of(v).dep(k) == "prep")
    {
        let mut e = p;
        while e + 1 < v.end && descends(v, e + 1, p) {
            e += 1;
        }
        if p == g + 1 && e - a < MAX_TITLE && matches!(v.parse.tags[p], "IN") {
            b = e;
        }
    }
    (b - a < MAX_TITLE).then_some((a, b))
}

#[cfg(test)]
mod tests {
    /// The titles the whole entity stage links to the person named `who`.
    fn roles_of(text: &str, who: &str) -> Vec<String> {
        crate::analysed_up_to(text, "entities")
            .record
            .entities
            .iter()
            .find(|e| e.name.contains(who))
            .map(|e| e.roles.clone())
            .unwrap_or_default()
    }

    #[test]
    fn a_noun_before_the_name_is_a_title() {
        let roles = roles_of(
            "Regional relief organiser Tamsin Okoro said the road was closed.",
            "Okoro",
        );
        // "organiser" is no lexicon role: the title comes from the tree alone.
        assert!(
            roles.iter().any(|r| r == "regional relief organiser"),
            "{roles:?}"
        );
    }

    #[test]
    fn an_apposition_after_the_name_is_a_title() {
        let roles = roles_of(
            "Tamsin Okoro, an official in the northern district, said the road was closed.",
            "Okoro",
        );
        assert!(roles.iter().any(|r| r.contains("official")), "{roles:?}");
    }

    #[test]
    fn an_abbreviated_title_is_a_title() {
        let roles = roles_of("Lagos Gov. Tamsin Okoro said the road was closed.", "Okoro");
        assert!(roles.iter().any(|r| r == "gov."), "{roles:?}");
    }

    #[test]
    fn a_tree_parsed_for_a_title_is_kept_for_later_stages() {
        let text = "Regional relief organiser Tamsin Okoro said the road was closed. Prices rose.";
        let doc = crate::analysed_up_to(text, "entities");
        let said = doc
            .tokens
            .iter()
            .position(|t| t.text(text) == "said")
            .unwrap();
        let rose = doc
            .tokens
            .iter()
            .position(|t| t.text(text) == "rose")
            .unwrap();
        assert!(doc.parse.has_tree(said));
        assert!(
            !doc.parse.has_tree(rose),
            "only the sentence that needed one"
        );
    }
}
