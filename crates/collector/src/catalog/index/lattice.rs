//! Every reading of every character of a name, so that a polyphonic character (多音字)
//! matches whichever reading the citizen types: 长 is `zhang` by default but `chang` in
//! 长期, 行 is `xing` but `hang` in 银行.
//!
//! The readings sit in one byte string per name, one slot per character in order: a byte
//! giving the slot's length, then each reading as a length byte and its UTF-8 bytes. The
//! matchers walk it forward without allocating.

/// A name's slots, borrowed from the index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lattice<'a>(&'a [u8]);

/// Whether a path through the lattice spells whole readings (`qiyeshelidengji`) or the
/// first letter of each (`qysldj`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spelling {
    Full,
    Initials,
}

impl<'a> Lattice<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self(bytes)
    }

    /// Encodes one slot per character, each with its readings, default first. Readings
    /// longer than a length byte allows are dropped, as are readings past the 255th byte
    /// of a slot; no real reading comes near either.
    pub(super) fn encode(slots: &[Vec<String>]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for readings in slots {
            let mut body = Vec::new();
            for reading in readings {
                let Ok(length) = u8::try_from(reading.len()) else { continue };
                if body.len() + 1 + reading.len() > usize::from(u8::MAX) {
                    break;
                }
                body.push(length);
                body.extend_from_slice(reading.as_bytes());
            }
            bytes.push(u8::try_from(body.len()).unwrap_or(u8::MAX));
            bytes.extend_from_slice(&body);
        }
        bytes
    }

    /// Whether no character has more than one reading, so the default keys say it all.
    pub(super) fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// Whether some path through the whole lattice spells exactly `needle`.
    pub(super) fn spells(self, needle: &[u8], spelling: Spelling) -> bool {
        spelled_from(self, needle, spelling, true)
    }

    /// Whether some path from the first character on starts with `needle`.
    pub(super) fn starts_with(self, needle: &[u8], spelling: Spelling) -> bool {
        spelled_from(self, needle, spelling, false)
    }

    /// Whether some path contains `needle`, starting anywhere, even inside a reading.
    pub(super) fn contains(self, needle: &[u8], spelling: Spelling) -> bool {
        let Some(&first) = needle.first() else { return true };
        let mut lattice = self;
        while let Some((slot, rest)) = lattice.split_first() {
            for key in keys(slot, spelling) {
                // Only offsets holding the needle's first byte can start a match.
                let mut heads = (0..key.len()).filter(|&start| key[start] == first);
                if heads.any(|start| follows(&key[start..], rest, needle, spelling, false)) {
                    return true;
                }
            }
            lattice = rest;
        }
        false
    }

    fn split_first(self) -> Option<(Slot<'a>, Lattice<'a>)> {
        let (&length, rest) = self.0.split_first()?;
        let (body, rest) = rest.split_at_checked(usize::from(length))?;
        Some((Slot(body), Lattice(rest)))
    }
}

/// The readings of one character.
#[derive(Debug, Clone, Copy)]
struct Slot<'a>(&'a [u8]);

impl<'a> Iterator for Slot<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (&length, rest) = self.0.split_first()?;
        let (reading, rest) = rest.split_at_checked(usize::from(length))?;
        self.0 = rest;
        Some(reading)
    }
}

/// The distinct keys a slot offers: its readings, or their first characters. Readings
/// such as `xing`, `hang` and `heng` share an initial, and walking it twice would only
/// repeat the same work.
fn keys(slot: Slot<'_>, spelling: Spelling) -> impl Iterator<Item = &[u8]> {
    slot.enumerate().filter_map(move |(index, reading)| {
        let key = key(reading, spelling);
        let repeated =
            spelling == Spelling::Initials && slot.take(index).any(|earlier| self::key(earlier, spelling) == key);
        (!repeated).then_some(key)
    })
}

fn key(reading: &[u8], spelling: Spelling) -> &[u8] {
    match spelling {
        Spelling::Full => reading,
        Spelling::Initials => {
            let first_char = reading.first().map_or(0, |&lead| utf8_length(lead));
            reading.get(..first_char).unwrap_or(reading)
        }
    }
}

fn utf8_length(lead: u8) -> usize {
    match lead.leading_ones() {
        0 => 1,
        ones => ones as usize,
    }
}

/// Whether `needle` can be spelled from the start of `lattice`; with `to_end`, the path
/// must use up the lattice too.
fn spelled_from(lattice: Lattice<'_>, needle: &[u8], spelling: Spelling, to_end: bool) -> bool {
    if needle.is_empty() {
        return !to_end || lattice.0.is_empty();
    }
    let Some((slot, rest)) = lattice.split_first() else {
        return false;
    };
    keys(slot, spelling).any(|key| key.first() == needle.first() && follows(key, rest, needle, spelling, to_end))
}

/// Whether `needle` can be spelled starting with `head` (part of one slot's key) and
/// going on through `rest`.
fn follows(head: &[u8], rest: Lattice<'_>, needle: &[u8], spelling: Spelling, to_end: bool) -> bool {
    match needle.strip_prefix(head) {
        Some(tail) => spelled_from(rest, tail, spelling, to_end),
        None => !to_end && head.starts_with(needle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 银行长: 银 yin; 行 xing, hang, heng; 长 zhang, chang.
    fn bank_head() -> Vec<u8> {
        let slot = |readings: &[&str]| readings.iter().map(|reading| (*reading).to_owned()).collect();
        Lattice::encode(&[slot(&["yin"]), slot(&["xing", "hang", "heng"]), slot(&["zhang", "chang"])])
    }

    #[test]
    fn any_reading_of_each_character_spells_the_name() {
        let bytes = bank_head();
        let lattice = Lattice::new(&bytes);
        assert!(lattice.spells(b"yinhangzhang", Spelling::Full));
        assert!(lattice.spells(b"yinxingchang", Spelling::Full));
        assert!(lattice.spells(b"yhc", Spelling::Initials));
        assert!(!lattice.spells(b"yinhang", Spelling::Full));
    }

    #[test]
    fn prefixes_and_substrings_may_start_or_end_inside_a_reading() {
        let bytes = bank_head();
        let lattice = Lattice::new(&bytes);
        assert!(lattice.starts_with(b"yinha", Spelling::Full));
        assert!(lattice.contains(b"nhangch", Spelling::Full));
        assert!(lattice.contains(b"hz", Spelling::Initials));
        assert!(!lattice.contains(b"hangyin", Spelling::Full));
        assert!(!lattice.starts_with(b"hang", Spelling::Full));
    }
}
