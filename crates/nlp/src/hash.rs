//! Feature hashing: every string is hashed once per token, templates combine those hashes with
//! cheap integer mixing, and the top bits pick a row of a model's weight table.

/// FNV-1a over the bytes, then a final mix so short strings spread over all 64 bits.
pub fn hash_str(s: &str) -> u64 {
    let mut h = Fnv::new();
    h.write(s.as_bytes());
    h.finish()
}

/// [`hash_str`] fed piece by piece.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        finish(self.0)
    }
}

/// Combines a running hash with one more value.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A feature: template number and up to three values.
#[inline]
pub fn feat(template: u64, a: u64) -> u64 {
    mix(template.wrapping_mul(0x2545_f491_4f6c_dd1d), a)
}

#[inline]
pub fn feat2(template: u64, a: u64, b: u64) -> u64 {
    mix(feat(template, a), b)
}

#[inline]
pub fn feat3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(feat2(template, a, b), c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_inputs_differ() {
        assert_ne!(hash_str("Lavrov"), hash_str("lavrov"));
        assert_ne!(feat(1, 5), feat(2, 5));
        assert_ne!(feat2(1, 5, 6), feat2(1, 6, 5));
        assert_eq!(hash_str("x"), hash_str("x"));
    }
}
