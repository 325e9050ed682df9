//! The article record: one JSON object per article, as documented in `docs/record.md`.

use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// The author a feed names for the item (absent when none is named).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// True when the text is only the summary a feed gave, not the article (absent otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

/// How the publication date was established.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedBasis {
    /// Supplied with the article: HTML meta tags, JSON-LD, a JSON Lines field.
    Metadata,
    /// The dateline of the text, with the year from other evidence.
    Dateline,
    /// A dateline gives day and month but nothing supports a year, so `published` stays empty.
    DatelineWithoutYear,
    /// A crawl header at the top of the text (` date 2024-01-23`).
    Header,
    /// A date line in the body text.
    Text,
    /// The article's url (`/2025/03/02/`, `/20190510-...`).
    Url,
    /// The `--published` command-line argument.
    Argument,
    /// The date a web archive (WARC) record was fetched: the page was published then or before.
    Crawl,
    #[default]
    None,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub place: Option<String>,
    pub agency: Option<String>,
    /// Month and day as written in the dateline, as ISO `--MM-DD`; the year is never guessed here.
    pub month_day: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub code: Option<String>,
    pub mentions: Vec<Span>,
    /// Key that stays the same for this entity across articles and spellings.
    #[serde(default)]
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: Option<String>,
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub span: Span,
    pub kind: String,
    pub count: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: String,
    pub unit: String,
    pub object: Option<String>,
    pub country: Option<String>,
    pub source: Option<String>,
    /// The entity the source names, when it names one ("according to the UN").
    #[serde(default)]
    pub source_entity: Option<String>,
    pub as_of: Option<String>,
    pub evidence: Span,
    /// The GDELT GKG count type for this kind, where GKG has one.
    #[serde(default)]
    pub gkg: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub direct: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    /// Where `date` comes from: `sentence` (a time expression of the event's sentence),
    /// `paragraph` (one earlier in its paragraph), `story` (the day the story opens with, for
    /// its lead or an event told in the present perfect), `published` (the publication day, for
    /// the same), `caption` (a dated photo caption showing it), `meeting` (a dated meeting of the
    /// same parties). Absent when there is no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<String>,
    pub span: Span,
    pub status: EventStatus,
}

/// Whether the reported event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Occurred,
    /// Planned or announced ("plans to", "will").
    Planned,
    /// Said not to have happened.
    Negated,
    /// Only possible ("would", "could", rumours).
    Hypothetical,
}

impl EventStatus {
    /// The name the record and the store use.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Occurred => "occurred",
            EventStatus::Planned => "planned",
            EventStatus::Negated => "negated",
            EventStatus::Hypothetical => "hypothetical",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub actor: String,
    pub issue: String,
    pub stance: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub stage: String,
    pub message: String,
}

/// One article's record. `text` is fixed when ingestion ends; every span points into it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    pub id: String,
    pub source: Source,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_basis: PublishedBasis,
    pub dateline: Option<Dateline>,
    pub language: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    pub sentences: Vec<Span>,
    pub boilerplate: Vec<Span>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpr>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub stances: Vec<Stance>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Record {
    pub fn diagnose(&mut self, stage: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            stage: stage.to_string(),
            message: message.into(),
        });
    }
}
