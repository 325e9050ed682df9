//! Training and evaluation sentences from CoNLL-U files: FORM, XPOS (the tag), HEAD, DEPREL and
//! the entity tag in MISC as `NER=B-PERSON` (what `scripts/silver/` and `dateline tag` write).

use crate::clusters::Clusters;
use crate::features::{atoms, Atoms};
use crate::{Error, Result};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// A closed set of label names with their numbers.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub names: Vec<String>,
    index: HashMap<String, u16>,
}

impl Labels {
    pub fn from_names(names: Vec<String>) -> Labels {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u16))
            .collect();
        Labels { names, index }
    }

    /// The number of `name`, adding it when `grow` is set.
    pub fn id(&mut self, name: &str, grow: bool) -> Option<u16> {
        if let Some(&i) = self.index.get(name) {
            return Some(i);
        }
        if !grow || self.names.len() >= u16::MAX as usize {
            return None;
        }
        let i = self.names.len() as u16;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        Some(i)
    }

    pub fn get(&self, name: &str) -> Option<u16> {
        self.index.get(name).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// One annotated sentence. `heads` are 1-based with 0 for the root, as in CoNLL-U.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub atoms: Vec<Atoms>,
    pub tags: Vec<u16>,
    pub heads: Vec<u32>,
    pub deps: Vec<u16>,
    pub ents: Vec<u16>,
}

/// The label sets a corpus is read against.
#[derive(Debug, Clone, Default)]
pub struct LabelSets {
    pub tags: Labels,
    pub deps: Labels,
    pub ents: Labels,
}

/// Reads every sentence of a CoNLL-U file. Labels not yet known are added when `grow` is set;
/// otherwise a sentence with an unknown label is skipped.
pub fn read(
    path: &Path,
    labels: &mut LabelSets,
    grow: bool,
    clusters: &Clusters,
) -> Result<Vec<Sentence>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = std::io::BufReader::new(file);
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut valid = true;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.is_empty() {
            if !current.atoms.is_empty() && valid {
                sentences.push(std::mem::take(&mut current));
            }
            current = Sentence::default();
            valid = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::Format {
                path: path.display().to_string(),
                line: n + 1,
                reason: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let ent = cols[9]
            .split('|')
            .find_map(|f| f.strip_prefix("NER="))
            .unwrap_or("O");
        let head: u32 = cols[6].parse().unwrap_or(0);
        let ids = (
            labels.tags.id(cols[4], grow),
            labels.deps.id(cols[7], grow),
            labels.ents.id(ent, grow),
        );
        let (Some(tag), Some(dep), Some(ent)) = ids else {
            valid = false;
            continue;
        };
        current.atoms.push(atoms(cols[1], clusters));
        current.tags.push(tag);
        current.heads.push(head);
        current.deps.push(dep);
        current.ents.push(ent);
    }
    if !current.atoms.is_empty() && valid {
        sentences.push(current);
    }
    Ok(sentences)
}

/// The word forms of every sentence of a CoNLL-U file (for learning clusters).
pub fn forms(path: &Path) -> Result<Vec<Vec<String>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
        } else if !line.starts_with('#') {
            if let Some(form) = line.split('\t').nth(1) {
                current.push(form.to_string());
            }
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}
