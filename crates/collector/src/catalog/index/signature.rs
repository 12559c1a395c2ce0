//! A 256-bit sketch of the characters and adjacent character pairs in some strings.
//!
//! A string can only contain the query if it contains every character and every adjacent
//! pair of the query, so an item whose sketch lacks one of the query's bits cannot match
//! and is skipped with one comparison. That keeps a search over 100,000 items to a quick
//! pass over the sketches plus a real check of the few items that pass.

/// The sketch: one bit per character and one per adjacent pair, hashed into 256 bits.
/// Collisions only let more items through to the real check; they never hide a match.
/// A name with its keywords sets about a fifth of the bits, so a one-character query
/// already rules out most items that lack it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Signature([u64; 4]);

impl Signature {
    pub(super) fn of(text: &str) -> Self {
        let mut signature = Self::default();
        signature.add_text(text);
        signature
    }

    /// Adds the characters of `text` and the pairs within it; nothing pairs across two
    /// calls, since a query cannot span two separate strings.
    pub(super) fn add_text(&mut self, text: &str) {
        let mut previous = None;
        for ch in text.chars() {
            self.add_char(ch);
            if let Some(before) = previous {
                self.add_pair(before, ch);
            }
            previous = Some(ch);
        }
    }

    pub(super) fn add_char(&mut self, ch: char) {
        self.set(u32::from(ch));
    }

    pub(super) fn add_pair(&mut self, first: char, second: char) {
        self.set(u32::from(first).wrapping_mul(0x0100_0193) ^ u32::from(second).wrapping_add(0x2545_F491));
    }

    /// Whether every bit of `query` is set here: false means no string sketched here
    /// contains the query.
    pub(super) fn covers(&self, query: &Self) -> bool {
        self.0.iter().zip(&query.0).all(|(mine, wanted)| mine & wanted == *wanted)
    }

    /// Sets one of the 256 bits, chosen by a multiplicative hash of `value`.
    fn set(&mut self, value: u32) {
        let bit = value.wrapping_mul(0x9E37_79B1) >> 24;
        if let Some(word) = self.0.get_mut(bit as usize / 64) {
            *word |= 1 << (bit % 64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_covers_each_of_its_substrings() {
        let name = Signature::of("企业设立登记");
        for query in ["企", "企业", "设立登", "企业设立登记", "记"] {
            assert!(name.covers(&Signature::of(query)), "{query}");
        }
    }

    #[test]
    fn an_empty_query_is_covered_by_anything() {
        assert!(Signature::default().covers(&Signature::of("")));
    }

    #[test]
    fn most_unrelated_queries_are_not_covered() {
        let name = Signature::of("qiyeshelidengji");
        let rejected =
            ["zhuxiao", "hukou", "shenfenzheng", "huzhao"].iter().filter(|q| !name.covers(&Signature::of(q)));
        assert!(rejected.count() >= 3);
    }
}
