//! The model file: the three weight tables and their label sets, deflate-compressed. Layout
//! (little-endian): magic `DLNLP1\n`, then compressed: for tags, relations and entity tags a
//! label list (u16 count, each a u8 length and bytes); then three tables (u32 bits, u32 classes,
//! per row an f32 scale, and for rows with a non-zero scale `classes` signed bytes).

use crate::conllu::{LabelSets, Labels};
use crate::weights::Table;
use crate::{Error, Result};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{Read, Write};

const MAGIC: &[u8] = b"DLNLP1\n";

/// The trained language layer.
#[derive(Debug, Clone)]
pub struct Model {
    pub labels: LabelSets,
    pub tagger: Table,
    pub ner: Table,
    pub parser: Table,
    /// Which entity tags may follow which, derived from `labels.ents`.
    pub scheme: crate::ner::Scheme,
}

impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for set in [&self.labels.tags, &self.labels.deps, &self.labels.ents] {
            write_labels(&mut body, set);
        }
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
        let mut body = Vec::new();
        DeflateDecoder::new(rest)
            .read_to_end(&mut body)
            .map_err(|e| Error::Model(format!("cannot decompress: {e}")))?;
        let mut r = Cursor {
            bytes: &body,
            pos: 0,
        };
        let labels = LabelSets {
            tags: read_labels(&mut r)?,
            deps: read_labels(&mut r)?,
            ents: read_labels(&mut r)?,
        };
        let tagger = read_table(&mut r)?;
        let ner = read_table(&mut r)?;
        let parser = read_table(&mut r)?;
        let scheme = crate::ner::Scheme::new(&labels.ents.names);
        let model = Model {
            labels,
            tagger,
            ner,
            parser,
            scheme,
        };
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

fn write_table(out: &mut Vec<u8>, table: &Table) {
    out.extend_from_slice(&table.bits.to_le_bytes());
    out.extend_from_slice(&(table.classes as u32).to_le_bytes());
    for (row, scale) in table.scales.iter().enumerate() {
        out.extend_from_slice(&scale.to_le_bytes());
        if *scale != 0.0 {
            let start = row * table.classes;
            out.extend(
                table.values[start..start + table.classes]
                    .iter()
                    .map(|v| *v as u8),
            );
        }
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        let end = self.pos + n;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| Error::Model("file ends early".into()))?;
        self.pos = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
}

fn read_labels(r: &mut Cursor) -> Result<Labels> {
    let n = r.u16()? as usize;
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.u8()? as usize;
        let name = String::from_utf8(r.take(len)?.to_vec())
            .map_err(|_| Error::Model("label is not UTF-8".into()))?;
        names.push(name);
    }
    Ok(Labels::from_names(names))
}

fn read_table(r: &mut Cursor) -> Result<Table> {
    let bits = r.u32()?;
    let classes = r.u32()? as usize;
    if !(4..=24).contains(&bits) || classes == 0 || classes > 4096 {
        return Err(Error::Model(format!(
            "bad table shape: {bits} bits, {classes} classes"
        )));
    }
    let rows = 1usize << bits;
    let mut scales = Vec::with_capacity(rows);
    let mut values = vec![0i8; rows * classes];
    for row in 0..rows {
        let scale = r.f32()?;
        if !scale.is_finite() {
            return Err(Error::Model("weight scale is not a number".into()));
        }
        scales.push(scale);
        if scale != 0.0 {
            let start = row * classes;
            for (v, b) in values[start..start + classes]
                .iter_mut()
                .zip(r.take(classes)?)
            {
                *v = *b as i8;
            }
        }
    }
    Ok(Table {
        bits,
        classes,
        scales,
        values,
    })
}
