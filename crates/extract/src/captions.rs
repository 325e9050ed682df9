//! Photo captions left in the text of a web page: a line ending with a credit ("... May 3,
//! 2024. (Reuters Photo)", "... in Ruvala on Sunday. Ana Reyes /AFP"), a line followed by a
//! credit line of its own ("(AP Photo/...)"), and an image's text repeated on the next line (alt
//! text, then caption). A caption describes a picture of what the story reports; the events
//! stage does not count it as a report of its own. Its dates stay: they still anchor the story.

use dateline_core::Span;
use dateline_lexicon::Lexicon;

/// The caption lines of `text`.
pub fn captions(text: &str) -> Vec<Span> {
    let lines = Span::lines_of(text);
    let mut out = Vec::new();
    for (n, &line) in lines.iter().enumerate() {
        let here = line.slice(text).trim();
        let next = lines.get(n + 1).map(|l| l.slice(text).trim());
        let previous = n.checked_sub(1).map(|p| lines[p].slice(text).trim());
        let repeated = next == Some(here) || previous == Some(here);
        let credited = ends_with_credit(here) || next.is_some_and(is_credit_line);
        if (credited || repeated) && here.split_whitespace().count() >= 4 {
            out.push(line);
        }
    }
    out
}

/// "(Reuters Photo)", "(AP Photo/Ana Reyes)" at the end, or "Ana Reyes /AFP".
fn ends_with_credit(line: &str) -> bool {
    if let Some(open) = line.strip_suffix(')').and_then(|l| l.rfind('(')) {
        return line[open..].to_lowercase().contains("photo");
    }
    let Some((_, agency)) = line.rsplit_once('/') else {
        return false;
    };
    Lexicon::global().listed("photo_agency", agency.trim().to_lowercase().as_str())
}

/// A line that is only a credit: "(AP Photo/Jose Luis Magana)", "Photo: Reuters".
fn is_credit_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    let bracketed = line.starts_with('(') && line.ends_with(')') && lower.contains("photo");
    bracketed || lower.starts_with("photo:") || lower.starts_with("photo by ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        captions(text)
            .iter()
            .map(|s| s.slice(text).trim())
            .collect()
    }

    #[test]
    fn credits_mark_captions() {
        let text = "Strikes hit Ruvala\n\nA man walks past a damaged shop in Ruvala, May 3, 2024. (Reuters Photo)\n\nStrikes hit the capital on Friday, officials said.\n\nPeople run from tear gas fired by police in Ruvala on Sunday. Ana Reyes /AFP\n\nA former minister hugs her son at the airport on Thursday.\n(AP Photo/Ana Reyes)\n";
        assert_eq!(
            found(text),
            [
                "A man walks past a damaged shop in Ruvala, May 3, 2024. (Reuters Photo)",
                "People run from tear gas fired by police in Ruvala on Sunday. Ana Reyes /AFP",
                "A former minister hugs her son at the airport on Thursday.",
            ]
        );
    }

    #[test]
    fn a_line_repeated_at_once_is_an_image_text() {
        let text = "Talks go on\n\nSmoke rises over the port of Ruvala after a strike\nSmoke rises over the port of Ruvala after a strike\n\nTalks went on, the minister said.";
        assert_eq!(found(text).len(), 2);
        // Plain paragraphs, a parenthesis without a credit and short lines are no captions.
        assert!(found("Talks resumed (the third round).\nThey said so.\nOK\nOK").is_empty());
    }
}
