//! GDELT GKG 2.1 rows, one per stored article, in the codebook's field layouts: built from the
//! stored record, so offsets, counts, quotations and dates come from the annotations themselves.
//! Offsets are in characters, as GDELT counts them. docs/exports.md maps every column.

use crate::export::{Exported, GKG_COLUMNS};
use crate::{Result, Store};
use dateline_core::Record;
use std::io::Write;

/// What one article needs beyond its record.
struct Article {
    record: Record,
    published: String,
    outlet: Option<String>,
    url: Option<String>,
    path: Option<String>,
}

/// GKG 2.1 rows; an article without a publication date to the day has no V2.1DATE and is left
/// out (counted).
pub fn gkg(store: &Store, out: &mut dyn Write) -> Result<Exported> {
    let conn = store.connection();
    let mut stmt = conn.prepare(
        "SELECT record_id, record, COALESCE(published, ''), outlet, url, path FROM articles ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let (mut written, mut left_out) = (0, 0);
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let json: String = row.get(1)?;
        let record: Record = serde_json::from_str(&json).map_err(|e| crate::Error::Record {
            id,
            reason: format!("the stored record does not parse ({e}): see `dateline check`"),
        })?;
        let article = Article {
            record,
            published: row.get(2)?,
            outlet: row.get(3)?,
            url: row.get(4)?,
            path: row.get(5)?,
        };
        let Some(date) = day_stamp(&article.published) else {
            left_out += 1;
            continue;
        };
        written += 1;
        crate::export::write_row(out, &columns(&article, &date, written))?;
    }
    Ok(Exported {
        rows: written,
        left_out,
        why_left_out: "articles without a publication date to the day (GKG's V2.1DATE)",
    })
}

/// `YYYYMMDD000000` from an ISO day.
fn day_stamp(published: &str) -> Option<String> {
    let day = dateline_core::calendar::Date::parse(published).filter(|_| published.len() == 10)?;
    Some(format!(
        "{:04}{:02}{:02}000000",
        day.year, day.month, day.day
    ))
}

fn columns(a: &Article, date: &str, n: usize) -> Vec<String> {
    let r = &a.record;
    let chars = CharOffsets::of(&r.text);
    let mut cols = vec![String::new(); GKG_COLUMNS];
    cols[0] = format!("{date}-{n}");
    cols[1] = date.to_string();
    cols[2] = "1".into();
    cols[3] = common_name(a);
    cols[4] = document(a);
    cols[5] = counts(r, &chars, false);
    cols[6] = counts(r, &chars, true);
    cols[9] = locations(r, &chars, false);
    cols[10] = locations(r, &chars, true);
    cols[11] = names(r, &["person"], None);
    cols[12] = names(r, &["person"], Some(&chars));
    cols[13] = names(r, &["organization", "group"], None);
    cols[14] = names(r, &["organization", "group"], Some(&chars));
    cols[15] = tone(r);
    cols[16] = dates(r, &chars);
    cols[22] = quotations(r, &chars);
    cols[23] = names(
        r,
        &["person", "organization", "group", "location", "country"],
        Some(&chars),
    );
    cols[24] = amounts(r, &chars);
    cols[26] = extras(r);
    cols
}

/// Byte offsets to character offsets, for one text.
struct CharOffsets(Vec<usize>);

impl CharOffsets {
    fn of(text: &str) -> CharOffsets {
        let mut at = vec![0; text.len() + 1];
        let mut chars = 0;
        for (i, c) in text.char_indices() {
            for slot in &mut at[i..i + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        at[text.len()] = chars;
        CharOffsets(at)
    }

    fn at(&self, byte: usize) -> usize {
        self.0.get(byte).copied().unwrap_or(0)
    }
}

/// A value with GKG's separators (`;` `,` `#` `|` and line breaks) made spaces.
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if ";,#|\t\r\n".contains(c) { ' ' } else { c })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value with the separators of a `#`-separated location made spaces; commas stay, as in
/// GDELT's own full names ("Geneva, Switzerland").
fn clean_field(s: &str) -> String {
    s.chars()
        .map(|c| if ";#|\t\r\n".contains(c) { ' ' } else { c })
        .collect()
}

/// The host of a url without `www.` ("example.com"), GDELT's name for a web source.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.trim_start_matches("www.").to_string())
}

/// The source's short name: the url's host, else the outlet, else `file` for a local file.
fn common_name(a: &Article) -> String {
    let host = a.url.as_deref().and_then(host_of);
    clean(
        &host
            .or_else(|| a.outlet.clone())
            .unwrap_or_else(|| "file".into()),
    )
}

/// The article's url, else `file:` and the path it was read from, else its id.
fn document(a: &Article) -> String {
    match (&a.url, &a.path) {
        (Some(url), _) => url.replace(['\t', '\n', '\r'], " "),
        (None, Some(path)) => format!("file:{}", path.replace(['\t', '\n', '\r'], " ")),
        (None, None) => format!("dateline:{}", a.record.id),
    }
}

/// V1COUNTS (`TYPE#NUMBER#OBJECT#LOCTYPE#LOCNAME#LOCCC#ADM1#LAT#LONG#FEATUREID`) for figures
/// with a GKG count type; with `offsets`, V2.1COUNTS (the same and `#OFFSET`).
fn counts(r: &Record, chars: &CharOffsets, offsets: bool) -> String {
    r.figures
        .iter()
        .filter_map(|f| {
            let kind = f.gkg.as_deref()?;
            let number = f.count.or(f.low).or(f.high)?;
            let mut parts = vec![
                clean(kind),
                format!("{}", number.round() as i64),
                clean(f.object.as_deref().unwrap_or("")),
            ];
            parts.extend(std::iter::repeat_n(String::new(), 7));
            if offsets {
                parts.push(chars.at(f.span.0).to_string());
            }
            Some(parts.join("#"))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// V1LOCATIONS (`TYPE#FULLNAME#CC#ADM1#LAT#LONG#FEATUREID`, once per place) or, with
/// `offsets`, V2ENHANCEDLOCATIONS (`TYPE#FULLNAME#CC#ADM1#ADM2#LAT#LONG#FEATUREID#OFFSET`, at
/// each mention), with the geography table's type, FIPS code, ADM1 code, coordinates and
/// feature id (crate::geo); a place the table does not know has type 1 (a country) or 4 (any
/// other place) and its name only.
fn locations(r: &Record, chars: &CharOffsets, offsets: bool) -> String {
    let mut out = Vec::new();
    for e in r
        .entities
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "location" | "country"))
    {
        let place = match crate::geo::place(&e.name) {
            Some(g) => format!(
                "{}#{}#{}#{}",
                g.kind,
                clean_field(&g.full_name),
                g.fips,
                g.adm1
            ),
            None => {
                let kind = if e.kind == "country" { "1" } else { "4" };
                format!("{kind}#{}##", clean(&e.name))
            }
        };
        let (lat, lon, id) = crate::geo::place(&e.name).map_or(("", "", ""), |g| {
            (
                g.latitude.as_str(),
                g.longitude.as_str(),
                g.feature_id.as_str(),
            )
        });
        if offsets {
            for m in &e.mentions {
                out.push(format!("{place}##{lat}#{lon}#{id}#{}", chars.at(m.0)));
            }
        } else {
            out.push(format!("{place}#{lat}#{lon}#{id}"));
        }
    }
    out.join(";")
}

/// Names of the entities of these kinds: V1 (`name;name`) or, with offsets, enhanced
/// (`name,offset;...` at each mention).
fn names(r: &Record, kinds: &[&str], offsets: Option<&CharOffsets>) -> String {
    let mut out = Vec::new();
    for e in r
        .entities
        .iter()
        .filter(|e| kinds.contains(&e.kind.as_str()))
    {
        let name = clean(&e.name);
        match offsets {
            None => out.push(name),
            Some(chars) => out.extend(
                e.mentions
                    .iter()
                    .map(|m| format!("{name},{}", chars.at(m.0))),
            ),
        }
    }
    out.join(";")
}

/// V1.5TONE: tone, positive, negative, polarity, activity and self/group reference densities,
/// word count. dateline has no tone lexicon yet: the scores are 0 and the word count is real.
fn tone(r: &Record) -> String {
    let words = r
        .sentences
        .iter()
        .map(|s| s.slice(&r.text).split_whitespace().count())
        .sum::<usize>();
    format!("0,0,0,0,0,0,{words}")
}

/// V2.1ENHANCEDDATES: `RESOLUTION#MONTH#DAY#YEAR#OFFSET` per dated expression; resolution 4 a
/// whole date, 3 month and day without a year, 2 a month, 1 a year.
fn dates(r: &Record, chars: &CharOffsets) -> String {
    r.times
        .iter()
        .filter_map(|t| {
            let value = t.value.as_deref()?;
            let parts: Vec<&str> = value.split('-').collect();
            let number = |s: &str| s.parse::<u32>().ok();
            let (resolution, year, month, day) = match parts.as_slice() {
                [y, m, d] if d.len() == 2 => match (number(y), number(m), number(d)) {
                    (Some(y), Some(m), Some(d)) => (4, y, m, d),
                    (None, Some(m), Some(d)) if *y == "XXXX" => (3, 0, m, d),
                    _ => return None,
                },
                [y, m] if m.len() == 2 => (2, number(y)?, number(m)?, 0),
                [y] if y.len() == 4 => (1, number(y)?, 0, 0),
                _ => return None,
            };
            Some(format!(
                "{resolution}#{month}#{day}#{year}#{}",
                chars.at(t.span.0)
            ))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// V2.1QUOTATIONS: `OFFSET|LENGTH|VERB|QUOTE`, `#`-separated, for quotations in marks.
fn quotations(r: &Record, chars: &CharOffsets) -> String {
    r.quotes
        .iter()
        .filter(|q| q.direct)
        .map(|q| {
            let length = chars.at(q.span.1) - chars.at(q.span.0);
            let verb = q
                .cue
                .as_deref()
                .and_then(|c| c.split_whitespace().next())
                .unwrap_or("");
            format!(
                "{}|{length}|{}|{}",
                chars.at(q.span.0),
                clean(verb),
                clean(q.span.slice(&r.text))
            )
        })
        .collect::<Vec<_>>()
        .join("#")
}

/// V2.1AMOUNTS: `AMOUNT,OBJECT,OFFSET` for every figure with a number.
fn amounts(r: &Record, chars: &CharOffsets) -> String {
    r.figures
        .iter()
        .filter_map(|f| {
            let number = f.count.or(f.low).or(f.high)?;
            let object = clean(f.object.as_deref().unwrap_or(&f.unit));
            Some(format!(
                "{},{object},{}",
                number.round() as i64,
                chars.at(f.span.0)
            ))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// V2EXTRASXML: dateline's finer figure kinds, which GKG's count types do not have
/// (`<DATELINE_COUNTS>KIND#NUMBER#QUALIFIER#OBJECT;...</DATELINE_COUNTS>`).
fn extras(r: &Record) -> String {
    let counts: Vec<String> = r
        .figures
        .iter()
        .filter_map(|f| {
            let number = f.count.or(f.low).or(f.high)?;
            Some(format!(
                "{}#{}#{}#{}",
                clean(&f.kind),
                number.round() as i64,
                clean(&f.qualifier),
                clean(f.object.as_deref().unwrap_or(""))
            ))
        })
        .collect();
    if counts.is_empty() {
        return String::new();
    }
    let escaped = counts
        .join(";")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<DATELINE_COUNTS>{escaped}</DATELINE_COUNTS>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_not_bytes() {
        let chars = CharOffsets::of("Kyiv’s mayor said");
        // "’" is three bytes: "mayor" starts at byte 9, character 7.
        assert_eq!(chars.at(9), 7);
        assert_eq!(chars.at(0), 0);
    }

    #[test]
    fn separators_inside_values_become_spaces() {
        assert_eq!(clean("A;B,C#D|E\nF"), "A B C D E F");
    }
}
