//! Near-duplicate detection: MinHash signatures over word 5-shingles, banded for locality-
//! sensitive hashing (16 bands of 4 rows: pairs with Jaccard similarity 0.8 collide in at
//! least one band with probability above 0.99, pairs at 0.3 with probability under 0.13).

use crate::hashing::{fnv64, splitmix};
use std::sync::LazyLock;

pub const HASHES: usize = 64;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
/// Estimated similarity from which two articles are near-duplicates.
pub const THRESHOLD: f64 = 0.7;

static PARAMS: LazyLock<Vec<(u64, u64)>> = LazyLock::new(|| {
    let mut state = 0x6461_7465_6c69_6e65; // "dateline"
    (0..HASHES)
        .map(|_| (splitmix(&mut state) | 1, splitmix(&mut state)))
        .collect()
});

/// The signature of a text: per hash function, the minimum over its shingles.
pub fn signature(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut sig = vec![u64::MAX; HASHES];
    let n = SHINGLE.min(words.len().max(1));
    for window in words.windows(n) {
        let h = fnv64(window.join(" ").as_bytes(), 0xcbf2_9ce4_8422_2325);
        for (slot, (a, b)) in sig.iter_mut().zip(PARAMS.iter()) {
            *slot = (*slot).min(h.wrapping_mul(*a).wrapping_add(*b));
        }
    }
    sig
}

/// The bucket of each band.
pub fn buckets(sig: &[u64]) -> Vec<i64> {
    sig.chunks(ROWS)
        .map(|band| {
            let bytes: Vec<u8> = band.iter().flat_map(|v| v.to_le_bytes()).collect();
            fnv64(&bytes, 0x84222325cbf29ce4) as i64
        })
        .collect()
}

pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

pub fn to_blob(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_blob(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_copies_are_similar_and_others_are_not() {
        let a = "Russian Foreign Minister Sergey Lavrov and his Iraqi counterpart held talks in Moscow on Tuesday and called for a ceasefire in the Gaza Strip, the ministry said in a statement published after the meeting.";
        let b = format!("{a} The two also discussed trade.");
        let c = "Oil prices rose sharply on Monday after producers agreed to cut output for the rest of the year, traders said in London and New York.";
        assert!(similarity(&signature(a), &signature(&b)) >= THRESHOLD);
        assert!(similarity(&signature(a), &signature(c)) < 0.2);
        assert_eq!(from_blob(&to_blob(&signature(a))), signature(a));
    }
}
