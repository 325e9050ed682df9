//! Sentences: finds sentence boundaries on the token array. Handles abbreviations and initials
//! (from the lexicon), quotations that close after the full stop, ellipses and `<...>` omission
//! marks, paragraph breaks, and headline lines without a full stop. It leaves alone the question
//! of what a sentence says.

use dateline_core::{Document, Span, Stage, Token, TokenKind};
use dateline_lexicon::{AbbrevKind, Lexicon};

pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let title_end = title_line_end(&doc.record.text, doc.record.title.as_deref());
        let (sentences, cut) = split_after(&doc.record.text, &doc.tokens, title_end);
        doc.record.sentences = sentences;
        if cut > 0 {
            doc.record.diagnose(
                "sentences",
                format!("{cut} runs of {MAX_TOKENS} tokens without a sentence end were cut into sentences of that length"),
            );
        }
        Ok(())
    }
}

/// Where the headline line ends when the text opens with the record's title on a line of its
/// own: a headline of any length ends its sentence there ("... kill police officers in
/// Somalia" over the standfirst).
fn title_line_end(text: &str, title: Option<&str>) -> Option<usize> {
    let title = title?.trim();
    let at = text
        .find(title)
        .filter(|&at| at < 200 && !title.is_empty())?;
    let end = at + title.len();
    text[end..].starts_with(['\n', '\r']).then_some(end)
}

/// The most tokens a sentence holds. The longest news sentences run to some 150 tokens; a run
/// without any sentence end (a list, a table, "Moscow Moscow ..." repeated) is cut at this
/// length, which bounds the work every later stage does per sentence.
pub const MAX_TOKENS: usize = 250;

/// Sentence spans over `tokens`, each from its first token's start to its last token's end.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Span> {
    split_after(text, tokens, None).0
}

/// [`split`], with a boundary after the headline line ending at `title_end`; and how many
/// sentences were cut at `MAX_TOKENS`.
fn split_after(text: &str, tokens: &[Token], title_end: Option<usize>) -> (Vec<Span>, usize) {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cut = 0;
    let heading_width = heading_width(text);
    for i in 1..tokens.len() {
        let after_title = title_end.is_some_and(|e| tokens[i - 1].end == e);
        let boundary = after_title || boundary_before(text, tokens, i, heading_width);
        let too_long = i - start >= MAX_TOKENS;
        if boundary || too_long {
            cut += usize::from(!boundary);
            out.push(Span(tokens[start].start, tokens[i - 1].end));
            start = i;
        }
    }
    if let Some(last) = tokens.last() {
        out.push(Span(tokens[start].start, last.end));
    }
    (out, cut)
}

/// How long a line without closing punctuation may be and still end its sentence. Wire copy
/// wrapped at a fixed width breaks most long lines mid-sentence, so there only short lines
/// count (50 bytes); in a text where most long lines end their sentences nothing is wrapped,
/// and a line break before a capital ends the sentence whatever the line's length ("UN
/// accuses troops of waging a campaign", a paragraph cut short before the next).
fn heading_width(text: &str) -> usize {
    let long: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| l.len() >= 50)
        .collect();
    let open = long
        .iter()
        .filter(|l| !l.ends_with(['.', '!', '?', ':', '"', '”', '’']))
        .count();
    if long.len() >= 3 && open * 2 <= long.len() {
        usize::MAX
    } else {
        50
    }
}

fn boundary_before(text: &str, tokens: &[Token], i: usize, heading_width: usize) -> bool {
    let tok = &tokens[i];
    if tok.has(Token::REGION_START) || tok.has(Token::PARAGRAPH_BEFORE) {
        return true;
    }
    if tok.has(Token::NEWLINE_BEFORE) && ends_heading_line(text, tokens, i, heading_width) {
        return true;
    }
    if !tok.has(Token::SPACE_BEFORE) || !opens_sentence(text, tokens, i) {
        return false;
    }
    // Step back over closing quotes and brackets glued to the end of the previous sentence.
    let mut j = i - 1;
    while j > 0 && is_closer(tokens[j].text(text)) && !tokens[j].has(Token::SPACE_BEFORE) {
        j -= 1;
    }
    ends_sentence(text, tokens, j, i)
}

/// True when token `j` ends a sentence, given that token `next` could open one.
fn ends_sentence(text: &str, tokens: &[Token], j: usize, next: usize) -> bool {
    let t = tokens[j].text(text);
    let next_word = first_word(text, tokens, next);
    match t {
        "!" | "?" | "…" | "..." | "...." => true,
        "." => !protected_period(text, tokens, j, next_word),
        _ if t.starts_with(['<', '[', '(']) => false,
        // Words that swallowed their period ("U.S.", "a.m.") end a sentence only before a
        // word that typically starts one.
        _ if tokens[j].kind == TokenKind::Word && t.ends_with('.') => starter(next_word),
        _ => false,
    }
}

/// A full stop that belongs to an abbreviation or an initial rather than ending the sentence.
fn protected_period(text: &str, tokens: &[Token], dot: usize, next_word: &str) -> bool {
    if dot == 0 || tokens[dot].has(Token::SPACE_BEFORE) {
        return false;
    }
    let prev = &tokens[dot - 1];
    let word = prev.text(text);
    if prev.kind != TokenKind::Word {
        return false;
    }
    let single_capital = word.chars().count() == 1 && prev.has(Token::CAPITALIZED);
    if single_capital {
        return !starter(next_word);
    }
    match Lexicon::global().abbreviations.get(word) {
        Some(AbbrevKind::Title) => true,
        Some(AbbrevKind::Month) => {
            next_word.starts_with(|c: char| c.is_ascii_digit()) || !starter(next_word)
        }
        Some(AbbrevKind::General) => !starter(next_word),
        None => false,
    }
}

fn starter(word: &str) -> bool {
    Lexicon::global().sentence_starters.contains(word)
}

/// The first word of the sentence that would start at token `i` (past opening quotes).
fn first_word<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    tokens[i..]
        .iter()
        .take(3)
        .map(|t| t.text(text))
        .find(|w| !is_opener(w))
        .unwrap_or("")
}

/// Token `i` can open a sentence: a capital, a digit, or an opening quote or bracket before one.
fn opens_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    while k < tokens.len() && k < i + 3 && is_opener(tokens[k].text(text)) {
        k += 1;
    }
    tokens.get(k).is_some_and(|t| {
        let w = t.text(text);
        t.has(Token::CAPITALIZED) || w.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
    })
}

fn is_opener(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "'" | "(" | "[" | "«")
}

fn is_closer(w: &str) -> bool {
    matches!(w, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// A line break ends a heading-like line: short, without closing punctuation, before a capital.
fn ends_heading_line(text: &str, tokens: &[Token], i: usize, width: usize) -> bool {
    let prev = tokens[i - 1].text(text);
    if matches!(prev, "," | ";" | "-" | "(" | "–") || !opens_sentence(text, tokens, i) {
        return false;
    }
    // A line ending in "the", "to" or "by" was wrapped mid-sentence ("Cyprus has protested to
    // the United" over "Nations ..."), whatever the next word.
    let lex = Lexicon::global();
    if lex.listed("function_word", &prev.to_lowercase()) {
        return false;
    }
    let line_start = text[..tokens[i - 1].end].rfind('\n').map_or(0, |p| p + 1);
    let line_len = tokens[i - 1].end - line_start;
    line_len < width || prev.ends_with(['.', '!', '?', ':', '"', '”'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text, &[Span(0, text.len())]);
        split(text, &tokens).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn a_run_without_sentence_ends_is_cut_at_the_most_tokens_a_sentence_holds() {
        let text = "Nairobi ".repeat(1000);
        let doc = crate::analysed_up_to(&text, "sentences");
        let lengths: Vec<usize> = doc
            .record
            .sentences
            .iter()
            .map(|s| doc.tokens.iter().filter(|t| s.contains(t.start)).count())
            .collect();
        assert_eq!(lengths, [MAX_TOKENS, MAX_TOKENS, MAX_TOKENS, MAX_TOKENS]);
        assert!(doc.record.diagnostics[0]
            .message
            .starts_with("3 runs of 250 tokens"));
        // Ordinary prose is not touched.
        assert_eq!(sentences("Talks ended. They resume on Monday.").len(), 2);
    }

    #[test]
    fn the_title_line_ends_its_sentence_whatever_its_length() {
        let text = "Armed fighters kill eleven police officers in Ruvala\nThe group claims the raid on a post.\n\nBody.";
        let tokens = tokenize(text, &[Span(0, text.len())]);
        let title = "Armed fighters kill eleven police officers in Ruvala";
        let end = title_line_end(text, Some(title));
        let got: Vec<&str> = split_after(text, &tokens, end)
            .0
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got[0], title);
        // Without the title, the long first line runs into the next (wrapped wire text).
        assert!(sentences(text)[0].contains("claims"));
    }

    #[test]
    fn a_long_line_without_a_stop_is_a_heading_where_lines_are_not_wrapped() {
        let text = "Kenya and Uganda agree to reopen the border at Busia after long talks.\n\
                    Ministers accuse smugglers of undermining trade across the whole region\n\
                    The border at Busia will reopen on Monday, officials in both countries said.\n\
                    Traders welcomed the news, which ends a closure of more than three months.";
        let found = sentences(text);
        assert_eq!(found.len(), 4, "{found:?}");
        // There a paragraph cut short before its stop ends where the next line begins.
        let cut = format!("{text}\nTraders in Busia said the closure had cost them dearly, the chamber said\nAfter the talks, ministers flew home.");
        assert_eq!(sentences(&cut).len(), 6, "{:?}", sentences(&cut));
        // Wrapped wire copy: most long lines stop mid-sentence, and so may this one.
        let wrapped = "Kenya and Uganda agreed on Monday to reopen the border crossing at\n\
                       Busia after long talks between the two trade ministers, officials\n\
                       Said on Tuesday. The border will reopen next week, traders said.";
        assert_eq!(sentences(wrapped).len(), 2, "{:?}", sentences(wrapped));
    }

    #[test]
    fn a_short_line_ending_in_a_function_word_was_wrapped() {
        assert_eq!(
            sentences("Cyprus has protested to the\nUnited Nations over the move.\nIt said so."),
            [
                "Cyprus has protested to the\nUnited Nations over the move.",
                "It said so."
            ]
        );
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("He met. She left! Why? Yes."),
            ["He met.", "She left!", "Why?", "Yes."]
        );
    }

    #[test]
    fn respects_abbreviations_and_initials() {
        assert_eq!(
            sentences("Dr. Smith met the U.S. envoy on Jan. 7 in Washington. J. K. Rowling wrote."),
            [
                "Dr. Smith met the U.S. envoy on Jan. 7 in Washington.",
                "J. K. Rowling wrote."
            ]
        );
        assert_eq!(
            sentences("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
        assert_eq!(
            sentences("Growth was 1.2 percent. It fell."),
            ["Growth was 1.2 percent.", "It fell."]
        );
    }

    #[test]
    fn quotations_close_after_the_stop() {
        assert_eq!(
            sentences(
                "“It is over. We go home,” the ministry said. He left.\n\n\"Next,\" he said."
            ),
            [
                "“It is over.",
                "We go home,” the ministry said.",
                "He left.",
                "\"Next,\" he said."
            ]
        );
        assert_eq!(
            sentences("Biden “not to delay the state.” The head also called."),
            ["Biden “not to delay the state.”", "The head also called."]
        );
    }

    #[test]
    fn ellipses_and_omission_marks() {
        assert_eq!(
            sentences("We are <...> ready. Wait... and see."),
            ["We are <...> ready.", "Wait... and see."]
        );
        assert_eq!(
            sentences("It ended... Then came more."),
            ["It ended...", "Then came more."]
        );
    }

    #[test]
    fn headlines_and_paragraphs() {
        assert_eq!(
            sentences("Putin held talks\n\nRussian President spoke.\nA second line."),
            [
                "Putin held talks",
                "Russian President spoke.",
                "A second line."
            ]
        );
        assert_eq!(
            sentences("The company said its profit for the year rose\nsharply to 12 mln dlrs."),
            ["The company said its profit for the year rose\nsharply to 12 mln dlrs."]
        );
    }
}
