//! Stable hashes (std's `DefaultHasher` may change between releases, and these are
//! compared across runs and written into `sw.js`): never used for security.

use std::hash::Hasher;

/// The hash [`crate::output::Output::put`] records of `bytes`, and a procedure's of its file's text, to tell a file
/// changed from the previous build of the same process. Eight bytes a step (a multiply and a
/// shift each): `serve` hashes every file it remakes, tens of megabytes of open data on
/// every save, and byte-at-a-time FNV cost several times more.
pub fn file_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 32;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K);
        h ^= h >> 32;
    }
    h
}

/// FNV-1a, 64 bits: a stable hash (std's `DefaultHasher` may change between releases, and
/// these hashes are compared across runs).
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
