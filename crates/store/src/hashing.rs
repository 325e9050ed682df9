//! Stable hashes written by this team: the same bytes give the same value in every dateline
//! version and on every machine, which content hashes stored in a database need.

/// 64-bit FNV-1a with a chosen offset basis.
pub fn fnv64(bytes: &[u8], basis: u64) -> u64 {
    let mut h = basis;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// 128-bit content hash as 32 hex digits (two FNV-1a passes with different bases).
pub fn content_hash(text: &str) -> String {
    let a = fnv64(text.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let b = fnv64(text.as_bytes(), 0x6c62_272e_07bb_0142);
    format!("{a:016x}{b:016x}")
}

/// SplitMix64: a stream of well-mixed numbers from a seed, for MinHash parameters.
pub fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        assert_eq!(fnv64(b"", 0xcbf2_9ce4_8422_2325), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a", 0xcbf2_9ce4_8422_2325), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_hash("x").len(), 32);
        assert_ne!(content_hash("x"), content_hash("y"));
    }
}
