//! dateline's knowledge as data: TSV tables compiled into the binary, extendable at run time with
//! `--lexicon DIR` (a file in DIR with the same name as a built-in table adds its rows to it).
//! Tables are parsed once per process; stages read them through [`Lexicon::global`].

mod fxhash;
mod tables;

pub use fxhash::{FxHasher, Map, Set};

pub use tables::{
    AbbrevKind, Agency, BoilerplateRule, BoilerplateWhere, Country, Description, EventCue, Frame,
    NameWords, Org, Person, Place, FIGURE_KINDS, PLOVER_TYPES,
};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{file}:{line}: {reason}")]
    Row {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("cannot read lexicon file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("lexicon directory {0} does not exist or is not a directory")]
    NotADirectory(PathBuf),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Every table, parsed.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub abbreviations: Map<String, AbbrevKind>,
    pub sentence_starters: Set<String>,
    pub boilerplate: Vec<BoilerplateRule>,
    /// Keyed by the lowercased form as written.
    pub agencies: Map<String, Agency>,
    /// Keyed by the lowercased month name or short form.
    pub months: Map<String, u8>,
    /// ISO 639-3 to ISO 639-1.
    pub languages: Map<String, String>,
    /// HTML meta keys carrying a publication date, most trusted first.
    pub html_date_keys: Vec<String>,
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    /// Lowercased role or title to its CAMEO sector.
    pub roles: Map<String, String>,
    pub given_names: Set<String>,
    pub name_words: NameWords,
    pub descriptions: Vec<Description>,
    /// Lowercased number word to (kind, value).
    pub numbers: Map<String, (String, f64)>,
    /// Lowercased time word to (class, value).
    pub time_words: Map<String, (String, String)>,
    /// Lowercased cue phrase to (figure kind, GKG count type or empty).
    pub figure_cues: Map<String, (String, String)>,
    /// Lowercased qualifier phrase to qualifier.
    pub qualifiers: Map<String, String>,
    /// Lowercased speech verbs and phrases ("said", "pointed out").
    pub speech_verbs: Set<String>,
    pub event_cues: Vec<EventCue>,
    /// Lowercased word to (CAMEO code, PLOVER mode) for what a request asks.
    pub request_topics: Map<String, (String, String)>,
    /// (issue, lowercased phrases).
    pub issues: Vec<(String, Vec<String>)>,
    /// Lowercased cue to stance.
    pub stance_cues: Map<String, String>,
    /// Closed word lists by class (`word_lists.tsv`).
    pub word_lists: Map<String, Set<String>>,
}

/// The built-in tables: (file name, contents).
const BUILTIN: &[(&str, &str)] = &[
    (
        "abbreviations.tsv",
        include_str!("../data/abbreviations.tsv"),
    ),
    (
        "sentence_starters.txt",
        include_str!("../data/sentence_starters.txt"),
    ),
    ("boilerplate.tsv", include_str!("../data/boilerplate.tsv")),
    ("agencies.tsv", include_str!("../data/agencies.tsv")),
    ("months.tsv", include_str!("../data/months.tsv")),
    ("languages.tsv", include_str!("../data/languages.tsv")),
    (
        "html_date_keys.txt",
        include_str!("../data/html_date_keys.txt"),
    ),
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
    (
        "organizations.tsv",
        include_str!("../data/organizations.tsv"),
    ),
    ("people.tsv", include_str!("../data/people.tsv")),
    ("roles.tsv", include_str!("../data/roles.tsv")),
    ("given_names.txt", include_str!("../data/given_names.txt")),
    ("name_words.tsv", include_str!("../data/name_words.tsv")),
    ("descriptions.tsv", include_str!("../data/descriptions.tsv")),
    ("numbers.tsv", include_str!("../data/numbers.tsv")),
    ("time_words.tsv", include_str!("../data/time_words.tsv")),
    ("figure_cues.tsv", include_str!("../data/figure_cues.tsv")),
    ("qualifiers.tsv", include_str!("../data/qualifiers.tsv")),
    ("speech_verbs.txt", include_str!("../data/speech_verbs.txt")),
    ("event_cues.tsv", include_str!("../data/event_cues.tsv")),
    (
        "request_topics.tsv",
        include_str!("../data/request_topics.tsv"),
    ),
    ("issues.tsv", include_str!("../data/issues.tsv")),
    ("stance_cues.tsv", include_str!("../data/stance_cues.tsv")),
    ("word_lists.tsv", include_str!("../data/word_lists.tsv")),
];

static GLOBAL: OnceLock<Lexicon> = OnceLock::new();

impl Lexicon {
    /// The built-in tables only.
    pub fn builtin() -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (name, contents) in BUILTIN {
            lex.add_table(name, contents)?;
        }
        Ok(lex)
    }

    /// The built-in tables extended with the same-named files found in `dir`.
    pub fn with_extensions(dir: &Path) -> Result<Lexicon> {
        if !dir.is_dir() {
            return Err(Error::NotADirectory(dir.to_path_buf()));
        }
        let mut lex = Lexicon::builtin()?;
        for (name, _) in BUILTIN {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            let contents = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            lex.add_table(&path.display().to_string(), &contents)?;
        }
        Ok(lex)
    }

    /// Makes `lex` the process-wide lexicon. Must run before the first [`Lexicon::global`] call;
    /// returns false if a lexicon was already in use.
    pub fn install(lex: Lexicon) -> bool {
        GLOBAL.set(lex).is_ok()
    }

    /// Whether `word` (lowercase) is in the closed word list `class`.
    pub fn listed(&self, class: &str, word: &str) -> bool {
        self.word_lists
            .get(class)
            .is_some_and(|set| set.contains(word))
    }

    /// The process-wide lexicon (the built-in one unless [`Lexicon::install`] ran first).
    pub fn global() -> &'static Lexicon {
        GLOBAL.get_or_init(|| {
            // The built-in tables are checked by this crate's tests, so they always parse.
            Lexicon::builtin().unwrap_or_default()
        })
    }

    fn add_table(&mut self, file: &str, contents: &str) -> Result<()> {
        let base = Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(file);
        for (line_no, fields) in rows(contents) {
            let at = |reason: String| Error::Row {
                file: file.to_string(),
                line: line_no,
                reason,
            };
            tables::add_row(self, base, &fields).map_err(at)?;
        }
        Ok(())
    }
}

/// Non-empty, non-comment lines split on tabs, with 1-based line numbers.
fn rows(contents: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    contents.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').map(str::trim).collect()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse() {
        let lex = Lexicon::builtin().expect("built-in tables parse");
        assert_eq!(lex.abbreviations.get("Dr"), Some(&AbbrevKind::Title));
        assert_eq!(lex.months.get("october"), Some(&10));
        assert_eq!(lex.agencies["tass"].name, "TASS");
        assert_eq!(lex.languages["eng"], "en");
        assert!(lex.sentence_starters.contains("The"));
        assert!(!lex.boilerplate.is_empty());
        assert!(
            lex.countries.len() > 190,
            "every UN member and observer, got {}",
            lex.countries.len()
        );
        let rus = lex.countries.iter().find(|c| c.iso3 == "RUS").unwrap();
        assert!(rus.demonyms.contains(&"Russian".to_string()));
        assert!(rus.seats.contains(&"Kremlin".to_string()));
        assert_eq!(lex.roles["foreign minister"], "GOV");
        assert!(lex
            .people
            .iter()
            .any(|p| p.names.contains(&"Sergei Lavrov".to_string())));
        assert!(lex.name_words.org_heads.contains("Ministry"));
        assert!(lex.given_names.contains("Sergey"));
    }

    #[test]
    fn extension_directory_adds_rows() {
        let dir = std::env::temp_dir().join(format!("dateline-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("agencies.tsv"),
            "Novosti Wire\tNovosti Wire\tRUS\n",
        )
        .unwrap();
        let lex = Lexicon::with_extensions(&dir).unwrap();
        assert_eq!(lex.agencies["novosti wire"].country, "RUS");
        assert!(lex.agencies.contains_key("tass"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let mut lex = Lexicon::default();
        let err = lex
            .add_table("x/months.tsv", "# c\nJanuary\tone\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x/months.tsv:2: month number must be 1-12, got \"one\""
        );
    }

    /// The message of the error loading one row of `file` gives.
    fn load_error(file: &str, row: &str) -> String {
        let mut lex = Lexicon::default();
        match lex.add_table(file, row) {
            Err(e) => e.to_string(),
            Ok(()) => panic!("{file}: {row:?} loaded"),
        }
    }

    #[test]
    fn event_cues_are_checked_when_they_load() {
        let cues = "x/event_cues.tsv";
        assert!(load_error(cues, "stormed\tRAID\t\t190\tdirected\n")
            .contains("unknown PLOVER type \"RAID\""));
        assert!(
            load_error(cues, "stormed\tASSAULT\t\t19a\tdirected\n").contains("is no CAMEO code")
        );
        assert!(load_error(cues, "stormed\tASSAULT\t\t190\taimed\n").contains("unknown frame"));
        let mut lex = Lexicon::default();
        lex.add_table(cues, "stormed\tASSAULT\t\t190\tdirected\n")
            .unwrap();
        assert_eq!(lex.event_cues[0].frame, Frame::Directed);
    }

    #[test]
    fn figure_cues_are_checked_when_they_load() {
        let cues = "x/figure_cues.tsv";
        assert_eq!(
            load_error(cues, "slain\tDEAD\tKILL\n"),
            "x/figure_cues.tsv:1: unknown figure kind \"DEAD\""
        );
        assert!(load_error(cues, "slain\tKILL\tDEATHS\n").contains("unknown GKG count type"));
        let mut lex = Lexicon::default();
        lex.add_table(cues, "slain\tKILL\tKILL\n").unwrap();
        assert_eq!(lex.figure_cues["slain"].0, "KILL");
    }
}
