//! The learned language layer over each sentence: part of speech, entity tags (BILOU) and the
//! dependency tree, from the model `dateline train` built (crates/nlp). Later stages read them
//! from `doc.parse`; this stage only annotates tokens and adds nothing to the record. In the
//! pipeline only sentences that name a person are parsed (the tree is read for titles);
//! `dateline tag` parses every sentence.

use dateline_core::{Document, Error, Stage};
use dateline_nlp::{Analysis, Atoms, Layers, Scratch};
use std::cell::RefCell;

pub struct Language {
    pub layers: Layers,
}

impl Default for Language {
    /// What the pipeline needs: tags and entities everywhere, trees where people are named.
    fn default() -> Self {
        Language {
            layers: Layers::ParseWherePeople,
        }
    }
}

thread_local! {
    /// Buffers one worker thread reuses across sentences and articles.
    static BUFFERS: RefCell<(Scratch, Analysis, Vec<Atoms>)> = RefCell::default();
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
    use dateline_core::Record;

    fn analysed(text: &str) -> Document {
        let record = Record {
            text: text.to_string(),
            language: "en".to_string(),
            ..Record::default()
        };
        let mut doc = Document::new(record, &[]);
        doc.tokenize();
        crate::sentences::Sentences.run(&mut doc).unwrap();
        Language::default().run(&mut doc).unwrap();
        doc
    }

    #[test]
    fn tags_names_and_parses_sentences_with_people() {
        let doc = analysed("Envoy Tamsin Okoro met officials in Nairobi. Prices rose.");
        let words: Vec<&str> = doc.tokens.iter().map(|t| t.text(doc.text())).collect();
        let at = |w: &str| words.iter().position(|x| *x == w).unwrap();
        assert_eq!(doc.parse.tags.len(), doc.tokens.len());
        assert_eq!(doc.parse.tags[at("met")], "VBD");
        assert!(doc.parse.ents[at("Okoro")].ends_with("PERSON"));
        assert!(doc.parse.ents[at("Nairobi")].ends_with("GPE"));
        // The first sentence names a person and is parsed; the second is not.
        assert!(doc.parse.has_tree(at("met")));
        assert_eq!(doc.parse.deps[at("met")], "ROOT");
        assert!(!doc.parse.has_tree(at("rose")));
        assert_eq!(doc.parse.heads[at("rose")] as usize, at("rose"));
    }

    #[test]
    fn empty_and_tokenless_documents_are_fine() {
        let doc = analysed("");
        assert!(doc.parse.tags.is_empty());
        let doc = analysed("   \n\n  ");
        assert!(doc.parse.ents.is_empty());
    }
}
