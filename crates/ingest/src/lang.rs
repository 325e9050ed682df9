//! Language identification, so that English extraction never runs on other languages.

use dateline_lexicon::Lexicon;

/// Words so frequent in English prose that their share tells English from other languages when
/// the trigram detector is unsure (short texts, many names).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was", "said", "by",
    "as", "at", "from", "has", "have", "it", "be", "are", "he", "his", "an", "its",
];

/// The ISO 639-1 code of the text's language, and whether the call was confident.
pub fn identify(sample: &str) -> (String, bool) {
    let words: Vec<String> = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(400)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return ("en".to_string(), false);
    }
    let function = words
        .iter()
        .filter(|w| ENGLISH_FUNCTION_WORDS.contains(&w.as_str()))
        .count();
    let english_share = function as f64 / words.len() as f64;
    // Most input is English prose, where function words alone settle it; the trigram detector
    // (the costliest step of ingestion) runs only on the rest.
    if words.len() >= 15 && english_share >= 0.15 {
        return ("en".to_string(), true);
    }
    // Tables of figures and headline fragments ("Shr 45 cts vs 58 cts") fool trigram detectors;
    // only running prose is judged, and anything else is taken as the English the tool expects.
    if !is_prose(sample) {
        return ("en".to_string(), false);
    }
    match whatlang::detect(sample) {
        Some(info) if info.lang() == whatlang::Lang::Eng => ("en".to_string(), true),
        Some(info) if info.is_reliable() && english_share < 0.08 => (code(info.lang()), true),
        _ => ("en".to_string(), english_share >= 0.12),
    }
}

/// Enough letters, and few digits among them, to be running text.
fn is_prose(sample: &str) -> bool {
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    let digits = sample.chars().filter(|c| c.is_numeric()).count();
    letters >= 80 && digits * 8 < letters
}

fn code(lang: whatlang::Lang) -> String {
    let three = lang.code();
    Lexicon::global()
        .languages
        .get(three)
        .cloned()
        .unwrap_or_else(|| three.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_others() {
        let en = "Russian Foreign Minister Sergey Lavrov and his Iraqi counterpart held talks in Moscow on the situation in the Middle East.";
        assert_eq!(identify(en).0, "en");
        let de = "Der russische Außenminister traf sich am Dienstag in Moskau mit seinem irakischen Amtskollegen, um über die Lage im Nahen Osten zu sprechen.";
        assert_eq!(identify(de).0, "de");
        let fr = "Le ministre russe des Affaires étrangères a rencontré mardi à Moscou son homologue irakien pour discuter de la situation au Proche-Orient.";
        assert_eq!(identify(fr).0, "fr");
        let table = "Shr 45 cts vs 58 cts Net 1.1 mln vs 829,000 Sales 7.9 mln vs 9.4 mln Avg shrs 2,332,397 vs 1,428,000 Year Shr 1.22 dlrs vs 1.06 dlrs";
        assert_eq!(identify(table).0, "en");
    }
}
