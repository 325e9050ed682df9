//! Core of dateline: the article record (the JSON contract of `docs/record.md`), byte spans into a
//! fixed text, the token array, and the stage pipeline. This crate does no I/O.

pub mod calendar;
mod error;
mod pipeline;
mod record;
mod span;
mod tokens;

pub use error::{Error, Result};
pub use pipeline::{complement, Document, Parse, Pipeline, Stage};
pub use record::*;
pub use span::Span;
pub use tokens::{tokenize, Token, TokenKind};

/// The schema tag every record carries; bump it when a field changes meaning.
pub const SCHEMA: &str = "dateline/1";
