//! dateline's learned language layer: a part-of-speech tagger, an entity recogniser and a
//! dependency parser, each a linear model (averaged perceptron) over hashed features, trained
//! by the project's own code (`dateline train`) from silver CoNLL-U files and shipped as one
//! compact model file compiled into the binary. No Python, no network, no native runtime.

pub mod clusters;
pub mod conllu;
pub mod features;
pub mod hash;
pub mod model;
pub mod ner;
pub mod parser;
pub mod tagger;
pub mod train;
pub mod weights;

pub use features::Atoms;
pub use model::Model;

use std::path::Path;
use std::sync::LazyLock;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    Format {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("language model: {0}")]
    Model(String),
    #[error("training: {0}")]
    Training(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The model file shipped in the repository (`crates/nlp/model/en.dlm`), rebuilt by
/// `dateline train` (see docs/language.md).
static EMBEDDED: &[u8] = include_bytes!("../model/en.dlm");

static MODEL: LazyLock<std::result::Result<Model, String>> = LazyLock::new(|| {
    features::warm_up();
    Model::from_bytes(EMBEDDED).map_err(|e| e.to_string())
});

/// The shipped model, loaded once per process.
pub fn model() -> std::result::Result<&'static Model, &'static str> {
    MODEL.as_ref().map_err(String::as_str)
}

/// One sentence's analysis, by token: tag, head (token index; the token itself for a root),
/// relation and BILOU entity tag numbers into the model's label sets.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tags: Vec<u16>,
    pub heads: Vec<u32>,
    pub deps: Vec<u16>,
    pub ents: Vec<u16>,
}

/// Buffers one thread reuses from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    tagger: tagger::Scratch,
    ner: ner::Scratch,
    parser: parser::Scratch,
}

/// Which layers run over a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layers {
    /// Tags, entities and a parse (`dateline tag`, evaluation).
    Everything,
    /// Tags and entities only; stages that need a tree ask for one sentence at a time
    /// ([`Model::parse_tagged`]), because the parser is the costly layer.
    TagsAndEntities,
}

impl Model {
    /// What the models see of one word form.
    pub fn atoms(&self, form: &str) -> Atoms {
        features::atoms(form, &self.clusters)
    }

    /// The atoms [`Model::parse_tagged`] reads, cheaper than [`Model::atoms`].
    pub fn parse_atoms(&self, form: &str) -> Atoms {
        features::parse_atoms(form)
    }

    /// Tags, recognises entities in, and (as `layers` asks) parses one sentence. Without a
    /// parse, `out.heads` and `out.deps` are left empty.
    pub fn analyze(
        &self,
        atoms: &[Atoms],
        layers: Layers,
        out: &mut Analysis,
        scratch: &mut Scratch,
    ) {
        tagger::tag(&self.tagger, atoms, &mut out.tags, &mut scratch.tagger);
        ner::decode(
            &self.ner,
            &self.scheme,
            atoms,
            &out.tags,
            &mut out.ents,
            &mut scratch.ner,
        );
        out.heads.clear();
        out.deps.clear();
        if layers == Layers::Everything {
            self.parse_tagged(atoms, &out.tags, &mut out.heads, &mut out.deps, scratch);
        }
    }

    /// Parses a sentence already tagged: `heads[i]` is the index of token i's head in the
    /// sentence (i itself for a root), `deps[i]` its relation number.
    pub fn parse_tagged(
        &self,
        atoms: &[Atoms],
        tags: &[u16],
        heads: &mut Vec<u32>,
        deps: &mut Vec<u16>,
        scratch: &mut Scratch,
    ) {
        let root = self.labels.deps.get("ROOT").unwrap_or(0) as usize;
        parser::parse(
            &self.parser,
            root,
            atoms,
            tags,
            heads,
            deps,
            &mut scratch.parser,
        );
    }
}
