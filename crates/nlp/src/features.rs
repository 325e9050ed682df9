//! What each model sees of a token, computed once per token: hashes of the word, its lowercase
//! form, prefix, suffixes and shape, and classes from the lexicon that carry to names never seen
//! in training (given names, name particles, titles, organisation and place head words,
//! countries and demonyms).

use crate::clusters::Clusters;
use crate::hash::hash_str;
use dateline_lexicon::Lexicon;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One token's atomic features.
#[derive(Debug, Clone, Copy, Default)]
pub struct Atoms {
    pub word: u64,
    pub lower: u64,
    pub prefix: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    pub shape: u64,
    /// Lexicon class bits (see [`LexClass`]).
    pub lex: u64,
    /// Word cluster plus one; 0 for a word without a cluster.
    pub cluster: u64,
    /// Capitalised first letter.
    pub cap: bool,
}

/// Lexicon classes, as bits of [`Atoms::lex`].
pub struct LexClass;

impl LexClass {
    pub const GIVEN_NAME: u64 = 1;
    pub const PARTICLE: u64 = 2;
    pub const ROLE: u64 = 4;
    pub const ORG_HEAD: u64 = 8;
    pub const PLACE_HEAD: u64 = 16;
    pub const COUNTRY: u64 = 32;
    pub const DEMONYM: u64 = 64;
}

/// Lowercased lexicon words and their classes, built once.
static LEX_WORDS: LazyLock<HashMap<String, u64>> = LazyLock::new(|| {
    let lex = Lexicon::global();
    let mut map: HashMap<String, u64> = HashMap::new();
    let mut add = |word: &str, class: u64| {
        for part in word.split_whitespace() {
            *map.entry(part.to_lowercase()).or_default() |= class;
        }
    };
    for n in &lex.given_names {
        add(n, LexClass::GIVEN_NAME);
    }
    let words = &lex.name_words;
    for w in &words.particles {
        add(w, LexClass::PARTICLE);
    }
    for w in &words.org_heads {
        add(w, LexClass::ORG_HEAD);
    }
    for w in &words.place_heads {
        add(w, LexClass::PLACE_HEAD);
    }
    for role in lex.roles.keys() {
        // Only the last word of a title says "title" reliably ("foreign minister").
        if let Some(last) = role.split_whitespace().last() {
            add(last, LexClass::ROLE);
        }
    }
    for c in &lex.countries {
        for n in &c.names {
            if !n.contains(' ') {
                add(n, LexClass::COUNTRY);
            }
        }
        for d in &c.demonyms {
            add(d, LexClass::DEMONYM);
        }
    }
    map
});

/// Forces the lexicon classes to be built (so the first article does not pay for it).
pub fn warm_up() {
    LazyLock::force(&LEX_WORDS);
}

/// The atomic features of one word form. Prefix and suffixes are hashed from slices of the
/// lowercased form and the shape as it is made: every token of every article passes here, and
/// a string for each would cost more than the hashing.
pub fn atoms(form: &str, clusters: &Clusters) -> Atoms {
    LOWER.with_borrow_mut(|lower| atoms_with(form, clusters, lower))
}

thread_local! {
    /// The lowercased form, one buffer per thread instead of a string per token.
    static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn atoms_with(form: &str, clusters: &Clusters, buffer: &mut String) -> Atoms {
    buffer.clear();
    if form.is_ascii() {
        buffer.push_str(form);
        buffer.make_ascii_lowercase();
    } else {
        // Final sigma and other context rules: only the library's lowercasing knows them.
        buffer.push_str(&form.to_lowercase());
    }
    let lower = buffer.as_str();
    let n = lower.chars().count();
    // Byte offset of the `k`th character of `lower`.
    let at = |k: usize| lower.char_indices().nth(k).map_or(lower.len(), |(i, _)| i);
    let tail = |k: usize| hash_str(&lower[at(n.saturating_sub(k))..]);
    let lex = LEX_WORDS.get(lower).copied().unwrap_or(0);
    Atoms {
        word: hash_str(form),
        lower: hash_str(lower),
        prefix: hash_str(&lower[..at(n.min(3))]),
        suffix2: tail(2),
        suffix3: tail(3),
        suffix4: tail(4),
        shape: shape_hash(form),
        lex,
        cluster: clusters.of(form).map_or(0, |c| u64::from(c) + 1),
        cap: form.chars().next().is_some_and(char::is_uppercase),
    }
}

/// The atoms the parser reads (the lowercased form and the shape), the rest left zero: a tree
/// asked for after tagging needs no more, and the other lookups cost as much as the parse.
pub fn parse_atoms(form: &str) -> Atoms {
    Atoms {
        lower: hash_str(&form.to_lowercase()),
        shape: shape_hash(form),
        ..Atoms::default()
    }
}

/// `hash_str(&shape(form))` without building the string.
fn shape_hash(form: &str) -> u64 {
    let mut hash = crate::hash::Fnv::new();
    let mut buf = [0u8; 4];
    for_each_shape_char(form, |c| hash.write(c.encode_utf8(&mut buf).as_bytes()));
    hash.finish()
}

/// Word shape with runs cut to two: "Lavrov" -> "Xxx", "U.S." -> "X.X.", "1,200" -> "d,dd",
/// "al-Assad" -> "xx-Xxx".
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    for_each_shape_char(form, |c| out.push(c));
    out
}

/// The characters of a form's shape, in order.
fn for_each_shape_char(form: &str, mut emit: impl FnMut(char)) {
    let mut last = None;
    let mut run = 0;
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if Some(class) == last {
            run += 1;
            if run > 1 {
                continue;
            }
        } else {
            run = 0;
        }
        emit(class);
        last = Some(class);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_short() {
        assert_eq!(shape("Lavrov"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,200"), "d,dd");
        assert_eq!(shape("al-Assad"), "xx-Xxx");
    }

    #[test]
    fn hashed_pieces_match_the_strings() {
        let none = Clusters::default();
        for form in [
            "Lavrov",
            "U.S.",
            "1,200",
            "al-Assad",
            "Ürümqi",
            "a",
            "",
            "Köln’s",
        ] {
            let a = atoms(form, &none);
            let lower = form.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            let n = chars.len();
            let tail =
                |k: usize| hash_str(&chars[n.saturating_sub(k)..].iter().collect::<String>());
            assert_eq!(a.shape, hash_str(&shape(form)), "{form}");
            assert_eq!(
                a.prefix,
                hash_str(&chars[..n.min(3)].iter().collect::<String>())
            );
            assert_eq!(
                (a.suffix2, a.suffix3, a.suffix4),
                (tail(2), tail(3), tail(4))
            );
            let p = parse_atoms(form);
            assert_eq!((p.lower, p.shape), (a.lower, a.shape), "{form}");
        }
    }

    #[test]
    fn lexicon_classes() {
        let none = Clusters::default();
        let a = atoms("Sergei", &none);
        let b = atoms("minister", &none);
        assert!(a.cap && !b.cap);
        assert_eq!(a.suffix2, atoms("Andrei", &none).suffix2);
        assert_eq!(a.cluster, 0);
        assert_ne!(b.lex & LexClass::ROLE, 0);
    }
}
