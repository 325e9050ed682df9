//! The learned language layer over each sentence: part of speech, entity tags (BILOU) and the
//! dependency tree, from the model `dateline train` built (crates/nlp). Later stages read them
//! from `doc.parse`; this stage only annotates tokens and adds nothing to the record. In the
//! pipeline the stage tags and recognises every sentence, and a stage that needs a sentence's
//! tree asks [`tree`] for it (the parser is the costly layer, and few sentences need one);
//! `dateline tag` parses every sentence here.

use dateline_core::{Document, Error, Parse, Stage, Token};
use dateline_nlp::{Analysis, Atoms, Layers, Scratch};
use std::cell::RefCell;

pub struct Language {
    pub layers: Layers,
}

impl Default for Language {
    /// What the pipeline needs: tags and entities everywhere, trees on demand.
    fn default() -> Self {
        Language {
            layers: Layers::TagsAndEntities,
        }
    }
}

thread_local! {
    /// Buffers one worker thread reuses across sentences and articles.
    static BUFFERS: RefCell<(Scratch, Analysis, Vec<Atoms>)> = RefCell::default();
    /// Buffers for trees asked for by later stages.
    static TREE_BUFFERS: RefCell<TreeBuffers> = RefCell::default();
}

/// Model scratch space, token features, tag numbers and relation numbers of one sentence.
type TreeBuffers = (Scratch, Vec<Atoms>, Vec<u16>, Vec<u16>);

/// The dependency tree of the sentence made of tokens `first..last`: each token's head
/// (a document token index; the token itself for a root) and relation.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub first: usize,
    pub heads: Vec<u32>,
    pub deps: Vec<&'static str>,
}

impl Tree {
    pub fn head(&self, token: usize) -> usize {
        self.heads[token - self.first] as usize
    }
    pub fn dep(&self, token: usize) -> &'static str {
        self.deps[token - self.first]
    }

    /// The tokens under `head` (itself first), breadth first, at most `limit` of them, going
    /// down only into the children `enter` accepts.
    pub fn subtree(&self, head: usize, limit: usize, enter: impl Fn(usize) -> bool) -> Vec<usize> {
        let tokens = self.first..self.first + self.heads.len();
        let mut out = vec![head];
        let mut next = 0;
        while next < out.len() && out.len() < limit {
            let h = out[next];
            next += 1;
            out.extend(
                tokens
                    .clone()
                    .filter(|&k| k != h && self.head(k) == h && enter(k)),
            );
        }
        out
    }
}

/// Stores a tree parsed on demand in the document's parse, where [`tree`] finds it next time.
pub fn keep_tree(parse: &mut Parse, tree: &Tree) {
    let end = tree.first + tree.heads.len();
    if end <= parse.heads.len() && end <= parse.deps.len() {
        parse.heads[tree.first..end].copy_from_slice(&tree.heads);
        parse.deps[tree.first..end].copy_from_slice(&tree.deps);
    }
}

/// The tree of one sentence: read from `parse` when the language stage parsed it, else parsed
/// now from the tags the stage left. None without the language layer.
pub fn tree(
    text: &str,
    tokens: &[Token],
    parse: &Parse,
    first: usize,
    last: usize,
) -> Option<Tree> {
    if first >= last || last > tokens.len() || !parse.has(first) || last > parse.tags.len() {
        return None;
    }
    if parse.has_tree(first) {
        return Some(Tree {
            first,
            heads: parse.heads[first..last].to_vec(),
            deps: parse.deps[first..last].to_vec(),
        });
    }
    let model = dateline_nlp::model().ok()?;
    TREE_BUFFERS.with_borrow_mut(|(scratch, atoms, tags, deps)| {
        atoms.clear();
        atoms.extend(
            tokens[first..last]
                .iter()
                .map(|t| model.parse_atoms(t.text(text))),
        );
        tags.clear();
        tags.extend(
            parse.tags[first..last]
                .iter()
                .map(|t| model.labels.tags.get(t).unwrap_or(0)),
        );
        let mut heads = Vec::with_capacity(last - first);
        model.parse_tagged(atoms, tags, &mut heads, deps, scratch);
        Some(Tree {
            first,
            heads: heads.iter().map(|h| first as u32 + h).collect(),
            deps: deps
                .iter()
                .map(|&d| label(&model.labels.deps.names, d))
                .collect(),
        })
    })
}

impl Stage for Language {
    fn name(&self) -> &'static str {
        "language"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let model = dateline_nlp::model().map_err(|message| Error::Stage {
            stage: "language",
            message: message.to_string(),
        })?;
        let n = doc.tokens.len();
        let parse = &mut doc.parse;
        parse.tags = vec!["_"; n];
        parse.heads = (0..n as u32).collect();
        parse.deps = vec!["_"; n];
        parse.ents = vec!["O"; n];
        let text = &doc.record.text;
        BUFFERS.with_borrow_mut(|(scratch, out, atoms)| {
            for sentence in &doc.record.sentences {
                let first = doc.tokens.partition_point(|t| t.start < sentence.0);
                let last = doc.tokens.partition_point(|t| t.start < sentence.1);
                if first == last {
                    continue;
                }
                atoms.clear();
                atoms.extend(
                    doc.tokens[first..last]
                        .iter()
                        .map(|t| model.atoms(t.text(text))),
                );
                model.analyze(atoms, self.layers, out, scratch);
                let labels = &model.labels;
                for k in 0..last - first {
                    let i = first + k;
                    parse.tags[i] = label(&labels.tags.names, out.tags[k]);
                    parse.ents[i] = label(&labels.ents.names, out.ents[k]);
                    if let (Some(&head), Some(&dep)) = (out.heads.get(k), out.deps.get(k)) {
                        parse.heads[i] = first as u32 + head;
                        parse.deps[i] = label(&labels.deps.names, dep);
                    }
                }
            }
        });
        Ok(())
    }
}

/// The model's name for a label number (the model lives for the whole process).
fn label(names: &'static [String], id: u16) -> &'static str {
    names.get(id as usize).map_or("_", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(text: &str) -> Document {
        crate::analysed_up_to(text, "language")
    }

    #[test]
    fn tags_and_names_every_sentence_and_parses_on_demand() {
        let doc = analysed("Envoy Tamsin Okoro met officials in Nairobi. Prices rose.");
        let words: Vec<&str> = doc.tokens.iter().map(|t| t.text(doc.text())).collect();
        let at = |w: &str| words.iter().position(|x| *x == w).unwrap();
        assert_eq!(doc.parse.tags.len(), doc.tokens.len());
        assert_eq!(doc.parse.tags[at("met")], "VBD");
        assert!(doc.parse.ents[at("Okoro")].ends_with("PERSON"));
        assert!(doc.parse.ents[at("Nairobi")].ends_with("GPE"));
        // No tree until a stage asks for one.
        assert!(!doc.parse.has_tree(at("met")));
        let first = at("Envoy");
        let last = at("Prices");
        let tree = tree(doc.text(), &doc.tokens, &doc.parse, first, last).unwrap();
        assert_eq!(tree.dep(at("met")), "ROOT");
        assert_eq!(tree.head(at("met")), at("met"));
        assert_eq!(tree.head(at("Okoro")), at("met"));
        assert!((first..last).all(|k| (first..last).contains(&tree.head(k))));
    }

    #[test]
    fn a_tree_parsed_by_the_stage_is_read_back() {
        let mut doc = analysed("Envoy Tamsin Okoro met officials in Nairobi.");
        Language {
            layers: Layers::Everything,
        }
        .run(&mut doc)
        .unwrap();
        let n = doc.tokens.len();
        assert!(doc.parse.has_tree(0));
        let t = tree(doc.text(), &doc.tokens, &doc.parse, 0, n).unwrap();
        assert_eq!(t.heads, doc.parse.heads);
    }

    #[test]
    fn empty_and_tokenless_documents_are_fine() {
        let doc = analysed("");
        assert!(doc.parse.tags.is_empty());
        let doc = analysed("   \n\n  ");
        assert!(doc.parse.ents.is_empty());
    }
}
