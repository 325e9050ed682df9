//! One tokenisation per document: words, numbers and punctuation with byte offsets and shape flags.
//! Later stages walk this array instead of running their own regexes over the text.

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("al-Maliki", "U.S.", "don't").
    Word,
    /// Digits with inner separators ("33,300", "1.2", "2024-01-23").
    Number,
    /// One punctuation character, or an ellipsis ("...", "…", "<...>").
    Punct,
    /// Anything else that is not whitespace (symbols, emoji).
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub flags: u16,
}

impl Token {
    /// First character is an uppercase letter.
    pub const CAPITALIZED: u16 = 1;
    /// Every letter is uppercase and there are at least two letters.
    pub const ALL_CAPS: u16 = 2;
    /// Whitespace separates this token from the previous one.
    pub const SPACE_BEFORE: u16 = 4;
    /// A line break separates this token from the previous one.
    pub const NEWLINE_BEFORE: u16 = 8;
    /// A blank line (paragraph break) separates this token from the previous one.
    pub const PARAGRAPH_BEFORE: u16 = 16;
    /// First token of a content region (after boilerplate or a dateline was cut out).
    pub const REGION_START: u16 = 32;

    pub fn span(&self) -> Span {
        Span(self.start, self.end)
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// Tokenises the parts of `text` covered by `regions` (sorted, non-overlapping, in bounds).
pub fn tokenize(text: &str, regions: &[Span]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for region in regions {
        let Some(slice) = text.get(region.0..region.1) else {
            continue;
        };
        let first = tokens.len();
        tokenize_region(slice, region.0, &mut tokens);
        if let Some(t) = tokens.get_mut(first) {
            t.flags |= Token::REGION_START;
        }
    }
    tokens
}

fn tokenize_region(slice: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = slice.as_bytes();
    let mut pos = 0;
    let mut gap_flags = 0u16;
    let mut newlines = 0;
    while pos < slice.len() {
        let c = next_char(slice, pos);
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            gap_flags |= Token::SPACE_BEFORE;
            pos += c.len_utf8();
            continue;
        }
        if newlines > 0 {
            gap_flags |= Token::NEWLINE_BEFORE;
        }
        if newlines > 1 {
            gap_flags |= Token::PARAGRAPH_BEFORE;
        }
        let (end, kind) = scan_token(slice, bytes, pos, c);
        let flags = gap_flags | shape_flags(&slice[pos..end], kind);
        out.push(Token {
            start: base + pos,
            end: base + end,
            kind,
            flags,
        });
        pos = end;
        gap_flags = 0;
        newlines = 0;
    }
}

fn next_char(s: &str, pos: usize) -> char {
    s[pos..].chars().next().unwrap_or(' ')
}

fn scan_token(s: &str, bytes: &[u8], pos: usize, c: char) -> (usize, TokenKind) {
    if c.is_alphabetic() {
        return (scan_word(s, pos), TokenKind::Word);
    }
    if c.is_ascii_digit() {
        return (scan_number(s, bytes, pos), TokenKind::Number);
    }
    if let Some(end) = scan_ellipsis(s, pos) {
        return (end, TokenKind::Punct);
    }
    let kind = if c.is_alphanumeric() {
        TokenKind::Word
    } else if is_punct(c) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (pos + c.len_utf8(), kind)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '‘' | '’' | '“' | '”' | '«' | '»' | '—' | '–' | '…' | '„' | '‹' | '›' | '·'
        )
}

/// Letters and digits, joined by single inner apostrophes, hyphens or periods when a letter
/// follows. A word that is a run of single letters with periods ("U.S.", "a.m.") keeps its
/// final period, because that period belongs to the abbreviation.
fn scan_word(s: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = s[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + i + c.len_utf8();
            continue;
        }
        let joiner = matches!(c, '\'' | '’' | '-' | '.' | '‐');
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if joiner && next_is_letter {
            continue;
        }
        break;
    }
    if is_dotted_initials(&s[start..end]) && s[end..].starts_with('.') {
        end += 1;
    }
    end
}

/// "U.S", "a.m", "U.N": single letters separated by periods.
fn is_dotted_initials(w: &str) -> bool {
    w.contains('.')
        && w.split('.').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
        })
}

/// Digits with inner "," "." ":" "-" "/" followed by a digit ("33,300", "1.2", "10:30", "2024-01-23").
fn scan_number(s: &str, bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            i += 1;
            end = i;
        } else if matches!(b, b',' | b'.' | b':' | b'-' | b'/')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    // A number glued to letters ("1967-borders" aside) such as "4th" or "10km" stays one token.
    let rest = &s[end..];
    let letters: usize = rest
        .char_indices()
        .take_while(|(_, c)| c.is_alphabetic())
        .map(|(_, c)| c.len_utf8())
        .sum();
    end + letters
}

/// "...", "…", "<...>", "[...]", "(...)" as one token.
fn scan_ellipsis(s: &str, pos: usize) -> Option<usize> {
    let rest = &s[pos..];
    for form in ["<...>", "[...]", "(...)", "<…>", "[…]", "(…)", "...", "…"] {
        if rest.starts_with(form) {
            let mut end = pos + form.len();
            while s[end..].starts_with('.') {
                end += 1;
            }
            return Some(end);
        }
    }
    None
}

fn shape_flags(word: &str, kind: TokenKind) -> u16 {
    if kind != TokenKind::Word {
        return 0;
    }
    let mut flags = 0;
    if word.chars().next().is_some_and(char::is_uppercase) {
        flags |= Token::CAPITALIZED;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        flags |= Token::ALL_CAPS;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &[Span(0, text.len())])
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            words("Lavrov met al-Maliki, 33,300 dead."),
            ["Lavrov", "met", "al-Maliki", ",", "33,300", "dead", "."]
        );
    }

    #[test]
    fn keeps_abbreviation_periods_and_ellipses() {
        assert_eq!(words("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(words("we <...> go..."), ["we", "<...>", "go", "..."]);
        assert_eq!(
            words("authorities’ actions"),
            ["authorities", "’", "actions"]
        );
        assert_eq!(words("don't"), ["don't"]);
    }

    #[test]
    fn marks_shapes_and_gaps() {
        let text = "MOSCOW said\n\nIt";
        let toks = tokenize(text, &[Span(0, text.len())]);
        assert!(toks[0].has(Token::ALL_CAPS) && toks[0].has(Token::CAPITALIZED));
        assert!(toks[1].has(Token::SPACE_BEFORE) && !toks[1].has(Token::CAPITALIZED));
        assert!(toks[2].has(Token::PARAGRAPH_BEFORE));
    }

    #[test]
    fn tokenizes_only_regions() {
        let text = "skip keep this";
        let toks = tokenize(text, &[Span(5, 14)]);
        assert_eq!(toks.len(), 2);
        assert!(toks[0].has(Token::REGION_START));
    }
}
