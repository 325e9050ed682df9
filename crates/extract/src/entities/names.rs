//! Spelling-variant keys for personal names, so that "Sergey Lavrov" and "Sergei Lavrov",
//! "Abdelfattah Sisi" and "Abdel Fattah el-Sisi", "Riyad al-Maliki" and "Riad Malki" get one key
//! inside an article and across the corpus.

use dateline_lexicon::Lexicon;

/// Consonant skeleton of a transliterated word: ASCII-folded, lowercased, vowels (and y) dropped,
/// doubled letters collapsed. Transliterations differ mostly in vowels and doubling.
pub fn skeleton(word: &str) -> String {
    let ascii = deunicode::deunicode(word).to_lowercase();
    let mut out = String::new();
    for c in ascii.chars().filter(|c| c.is_ascii_alphabetic()) {
        if "aeiouy".contains(c) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Name parts without Arabic and European particles ("el-Sisi" -> "Sisi").
pub fn parts(name: &str) -> Vec<String> {
    let particles = &Lexicon::global().name_words.particles;
    name.split([' ', '\u{a0}'])
        .filter(|p| !p.is_empty())
        .map(|p| strip_particle(p, particles))
        .filter(|p| !p.is_empty() && !particles.contains(p.as_str()))
        .collect()
}

fn strip_particle(part: &str, particles: &dateline_lexicon::Set<String>) -> String {
    match part.split_once(['-', '‐']) {
        Some((head, rest)) if particles.contains(head) && !rest.is_empty() => rest.to_string(),
        _ => part.to_string(),
    }
}

/// `given-skeleton|surname-skeleton`; the given names are joined first so that "Abdel Fattah"
/// and "Abdelfattah" agree.
pub fn person_key(name: &str) -> String {
    let p = parts(name);
    match p.split_last() {
        Some((last, given)) => format!("{}|{}", skeleton(&given.concat()), skeleton(last)),
        None => String::new(),
    }
}

/// "the Senate" to "Senate": mention extents include the article, names and keys do not.
pub fn without_article(s: &str) -> &str {
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
}

/// The surname part of a key.
pub fn surname_of(key: &str) -> &str {
    key.rsplit('|').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_key() {
        assert_eq!(person_key("Sergey Lavrov"), person_key("Sergei Lavrov"));
        assert_eq!(
            person_key("Abdelfattah Sisi"),
            person_key("Abdel Fattah el-Sisi")
        );
        assert_eq!(person_key("Riyad al-Maliki"), person_key("Riad Malki"));
        assert_ne!(person_key("Sergey Lavrov"), person_key("Vladimir Putin"));
        assert_eq!(
            surname_of(&person_key("Riyad al-Maliki")),
            skeleton("Maliki")
        );
    }
}
