//! The model file: the three weight tables and their label sets, deflate-compressed. Layout
//! (little-endian): magic `DLNLP2\n`, then compressed: for tags, relations and entity tags a
//! label list (u16 count, each a u8 length and bytes); the word clusters (u32 count, each a u8
//! length, the word's bytes and a u16 cluster); then three tables (u32 bits, u32 classes, per
//! row an f32 scale, and for rows with a non-zero scale `classes` signed bytes).

use crate::clusters::Clusters;
use crate::conllu::{LabelSets, Labels};
use crate::weights::Table;
use crate::{Error, Result};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{Read, Write};

const MAGIC: &[u8] = b"DLNLP2\n";

/// The trained language layer.
#[derive(Debug, Clone)]
pub struct Model {
    pub labels: LabelSets,
    pub clusters: Clusters,
    pub tagger: Table,
    pub ner: Table,
    pub parser: Table,
    /// Which entity tags may follow which, derived from `labels.ents`.
    pub scheme: crate::ner::Scheme,
}

impl Model {
    /// Puts the tables and label sets together, with what is derived from the labels.
    pub fn assemble(
        labels: LabelSets,
        clusters: Clusters,
        tagger: Table,
        ner: Table,
        parser: Table,
    ) -> Model {
        let scheme = crate::ner::Scheme::new(&labels.ents.names);
        Model {
            labels,
            clusters,
            tagger,
            ner,
            parser,
            scheme,
        }
    }
}

impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for set in [&self.labels.tags, &self.labels.deps, &self.labels.ents] {
            write_labels(&mut body, set);
        }
        write_clusters(&mut body, &self.clusters);
        for table in [&self.tagger, &self.ner, &self.parser] {
            write_table(&mut body, table);
        }
        let mut enc = DeflateEncoder::new(MAGIC.to_vec(), Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&body);
        enc.finish().unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| Error::Model("not a dateline language model (bad magic)".into()))?;
        // Decoded as a stream, straight into the tables: no second copy of the weights.
        let mut r = Cursor {
            inner: std::io::BufReader::with_capacity(1 << 16, DeflateDecoder::new(rest)),
        };
        let labels = LabelSets {
            tags: read_labels(&mut r)?,
            deps: read_labels(&mut r)?,
            ents: read_labels(&mut r)?,
        };
        let clusters = read_clusters(&mut r)?;
        let tagger = read_table(&mut r)?;
        let ner = read_table(&mut r)?;
        let parser = read_table(&mut r)?;
        let model = Model::assemble(labels, clusters, tagger, ner, parser);
        model.check()?;
        Ok(model)
    }

    fn check(&self) -> Result<()> {
        let ok = self.tagger.classes == self.labels.tags.len()
            && self.ner.classes == self.labels.ents.len()
            && self.parser.classes == crate::parser::classes(self.labels.deps.len())
            && self.labels.deps.get("ROOT").is_some()
            && self.labels.ents.get("O").is_some();
        if ok {
            Ok(())
        } else {
            Err(Error::Model("tables and label sets disagree".into()))
        }
    }
}

fn write_labels(out: &mut Vec<u8>, labels: &Labels) {
    out.extend_from_slice(&(labels.len() as u16).to_le_bytes());
    for name in &labels.names {
        let bytes = &name.as_bytes()[..name.len().min(255)];
        out.push(bytes.len() as u8);
        out.extend_from_slice(bytes);
    }
}

fn write_clusters(out: &mut Vec<u8>, clusters: &Clusters) {
    let entries = clusters.entries();
    let entries: Vec<_> = entries
        .into_iter()
        .filter(|(w, _)| w.len() <= 255)
        .collect();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (word, cluster) in entries {
        out.push(word.len() as u8);
        out.extend_from_slice(word.as_bytes());
        out.extend_from_slice(&cluster.to_le_bytes());
    }
}

fn write_table(out: &mut Vec<u8>, table: &Table) {
    out.extend_from_slice(&table.bits.to_le_bytes());
    out.extend_from_slice(&(table.classes as u32).to_le_bytes());
    for row in 0..table.rows() {
        let (scale, values) = table.row(row);
        out.extend_from_slice(&scale.to_le_bytes());
        if scale != 0.0 {
            out.extend(values.iter().map(|v| *v as u8));
        }
    }
}

struct Cursor<R: Read> {
    inner: R,
}

impl<R: Read> Cursor<R> {
    fn take(&mut self, n: usize) -> Result<Vec<u8>> {
        let mut buf = vec![0; n];
        self.fill(&mut buf)?;
        Ok(buf)
    }
    fn fill(&mut self, buf: &mut [u8]) -> Result<()> {
        self.inner.read_exact(buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => Error::Model("file ends early".into()),
            _ => Error::Model(format!("cannot decompress: {e}")),
        })
    }
    fn u8(&mut self) -> Result<u8> {
        let mut b = [0; 1];
        self.fill(&mut b)?;
        Ok(b[0])
    }
    fn u16(&mut self) -> Result<u16> {
        let mut b = [0; 2];
        self.fill(&mut b)?;
        Ok(u16::from_le_bytes(b))
    }
    fn u32(&mut self) -> Result<u32> {
        let mut b = [0; 4];
        self.fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
}

fn read_labels<R: Read>(r: &mut Cursor<R>) -> Result<Labels> {
    let n = r.u16()? as usize;
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.u8()? as usize;
        let name = String::from_utf8(r.take(len)?)
            .map_err(|_| Error::Model("label is not UTF-8".into()))?;
        names.push(name);
    }
    Ok(Labels::from_names(names))
}

fn read_clusters<R: Read>(r: &mut Cursor<R>) -> Result<Clusters> {
    let n = r.u32()? as usize;
    let mut entries = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let len = r.u8()? as usize;
        let word = String::from_utf8(r.take(len)?)
            .map_err(|_| Error::Model("cluster word is not UTF-8".into()))?;
        entries.push((word, r.u16()?));
    }
    Ok(Clusters::from_entries(entries))
}

fn read_table<R: Read>(r: &mut Cursor<R>) -> Result<Table> {
    let bits = r.u32()?;
    let classes = r.u32()? as usize;
    if !(4..=24).contains(&bits) || classes == 0 || classes > 4096 {
        return Err(Error::Model(format!(
            "bad table shape: {bits} bits, {classes} classes"
        )));
    }
    let mut table = Table::zeros(bits, classes);
    let mut values = vec![0i8; classes];
    let mut bytes = vec![0u8; classes];
    for row in 0..table.rows() {
        let scale = r.f32()?;
        if !scale.is_finite() {
            return Err(Error::Model("weight scale is not a number".into()));
        }
        if scale != 0.0 {
            r.fill(&mut bytes)?;
            for (v, b) in values.iter_mut().zip(&bytes) {
                *v = *b as i8;
            }
            table.set_row(row, scale, &values);
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads_and_survives_a_round_trip() {
        let model = crate::model().expect("the shipped model loads");
        assert!(model.labels.tags.get("NNP").is_some());
        assert!(!model.clusters.is_empty());
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        let words = [
            "Foreign", "Minister", "Anna", "Berg", "visited", "Oslo", ".",
        ];
        let atoms: Vec<_> = words.iter().map(|w| model.atoms(w)).collect();
        let (mut a, mut b) = (crate::Analysis::default(), crate::Analysis::default());
        let mut scratch = crate::Scratch::default();
        model.analyze(&atoms, crate::Layers::Everything, &mut a, &mut scratch);
        again.analyze(&atoms, crate::Layers::Everything, &mut b, &mut scratch);
        assert_eq!((a.tags, a.ents, a.heads), (b.tags, b.ents, b.heads));
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        let err = Model::from_bytes(b"not a model").unwrap_err().to_string();
        assert!(err.contains("bad magic"), "{err}");
        let bytes = crate::model().unwrap().to_bytes();
        let cut = &bytes[..bytes.len() / 2];
        assert!(Model::from_bytes(cut).is_err());
    }
}
