//! Row parsers for each built-in table.

use crate::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Stands before a name; its period never ends a sentence.
    Title,
    /// Month or weekday short form.
    Month,
    /// Can end a sentence when a sentence starter follows.
    General,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateWhere {
    Head,
    Tail,
    Line,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoilerplateRule {
    pub place: BoilerplateWhere,
    /// Lowercased phrase.
    pub phrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub name: String,
    pub country: String,
}

pub(crate) fn add_row(lex: &mut Lexicon, table: &str, f: &[&str]) -> Result<(), String> {
    match table {
        "abbreviations.tsv" => {
            let kind = match field(f, 1)? {
                "title" => AbbrevKind::Title,
                "month" => AbbrevKind::Month,
                "general" => AbbrevKind::General,
                other => return Err(format!("unknown abbreviation kind {other:?}")),
            };
            lex.abbreviations.insert(field(f, 0)?.to_string(), kind);
        }
        "sentence_starters.txt" => {
            lex.sentence_starters.insert(field(f, 0)?.to_string());
        }
        "boilerplate.tsv" => {
            let place = match field(f, 0)? {
                "head" => BoilerplateWhere::Head,
                "tail" => BoilerplateWhere::Tail,
                "line" => BoilerplateWhere::Line,
                other => return Err(format!("unknown boilerplate place {other:?}")),
            };
            let phrase = field(f, 1)?.to_lowercase();
            lex.boilerplate.push(BoilerplateRule { place, phrase });
        }
        "agencies.tsv" => {
            let agency = Agency {
                name: field(f, 1)?.to_string(),
                country: field(f, 2)?.to_string(),
            };
            lex.agencies.insert(field(f, 0)?.to_lowercase(), agency);
        }
        "months.tsv" => {
            let raw = field(f, 1)?;
            let month: u8 = raw
                .parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| format!("month number must be 1-12, got {raw:?}"))?;
            lex.months.insert(field(f, 0)?.to_lowercase(), month);
        }
        "languages.tsv" => {
            lex.languages
                .insert(field(f, 0)?.to_string(), field(f, 1)?.to_string());
        }
        "html_date_keys.txt" => lex.html_date_keys.push(field(f, 0)?.to_lowercase()),
        other => return Err(format!("no table is called {other:?}")),
    }
    Ok(())
}

fn field<'a>(fields: &[&'a str], i: usize) -> Result<&'a str, String> {
    fields
        .get(i)
        .copied()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("expected at least {} tab-separated fields", i + 1))
}
