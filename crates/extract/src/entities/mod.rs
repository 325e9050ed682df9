//! Entities: every person, organisation, country, place and armed group an article names, with
//! each mention's span, the titles the article gives people, country, sector and a CAMEO-style
//! actor code. Knowledge comes from the lexicon tables; capitalised names no table knows are
//! classified by their words and context. Pronouns are left to the quotation stage.

mod gazetteer;
mod mentions;
pub mod names;
mod nominal;
mod recognised;
mod resolve;
mod titles;

use dateline_core::{Document, Stage};

pub struct Entities;

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let text = &doc.record.text;
        let (found, trees) = mentions::find(text, &doc.tokens, &doc.record.sentences, &doc.parse);
        doc.record.entities = resolve::build(text, &found);
        for tree in &trees {
            crate::language::keep_tree(&mut doc.parse, tree);
        }
        Ok(())
    }
}
