//! The pinyin forms of an item's name, so that citizens can search without switching to a
//! Chinese input method: 企业设立登记 is found by `qiyesheli` and by `qysl`.
//!
//! Readings are toneless (`plain`), and ü is written `v` as on a keyboard (绿 → `lv`); the
//! lattice also offers `u`. Characters without a reading (digits, Latin letters,
//! punctuation) stand for themselves, lowercased, in both keys. Spaces and apostrophes
//! (`xi'an`) are left out of the keys and of the query.

use pinyin::ToPinyinMulti;

use super::lattice::Lattice;
use super::path_shape::PathShape;
use super::signature::Signature;

/// The most readings kept for one character; the dictionary's longest lists are of rare
/// readings that nobody types.
const MAX_READINGS: usize = 8;

/// The pinyin keys of one name.
#[derive(Debug)]
pub(super) struct PinyinKeys {
    /// Each character's default reading, joined: `qiyeshelidengji`.
    pub(super) full: String,
    /// The first letter of each default reading: `qysldj`.
    pub(super) initials: String,
    /// Every reading of every character, or nothing when no character has more than one.
    pub(super) lattice: Vec<u8>,
    /// A sketch of everything the full and initial keys can spell, in any reading.
    pub(super) signature: Signature,
    pub(super) shape: PathShape,
}

impl PinyinKeys {
    pub(super) fn of(name: &str) -> Self {
        let slots: Vec<Vec<String>> = name.chars().filter(|&ch| !is_separator(ch)).map(readings).collect();
        let mut full = String::new();
        let mut initials = String::new();
        for default in slots.iter().filter_map(|readings| readings.first()) {
            full.push_str(default);
            initials.push_str(initial(default));
        }
        let polyphonic = slots.iter().any(|readings| readings.len() > 1);
        let lattice = if polyphonic { Lattice::encode(&slots) } else { Vec::new() };
        Self { full, initials, lattice, signature: sketch(&slots), shape: PathShape::of(&slots) }
    }
}

/// A lowercased query as it is compared with the pinyin keys; empty when the query has a
/// Chinese character, which no pinyin key contains.
pub(super) fn pinyin_needle(query: &str) -> String {
    if query.chars().any(|ch| ch.to_pinyin_multi().is_some()) {
        return String::new();
    }
    query.chars().filter(|&ch| !is_separator(ch)).map(keyboard_u).collect()
}

fn is_separator(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\'' | '’')
}

fn keyboard_u(ch: char) -> char {
    if ch == 'ü' { 'v' } else { ch }
}

/// The readings of one character, the dictionary's default first.
fn readings(ch: char) -> Vec<String> {
    let mut readings: Vec<String> = Vec::new();
    let mut add = |reading: String| {
        if !reading.is_empty() && !readings.contains(&reading) {
            readings.push(reading);
        }
    };
    match ch.to_pinyin_multi() {
        Some(multi) => {
            for plain in multi.into_iter().map(|pinyin| pinyin.plain()) {
                add(plain.replace('ü', "v"));
                add(plain.replace('ü', "u"));
            }
        }
        None => add(ch.to_lowercase().map(keyboard_u).collect()),
    }
    if readings.is_empty() {
        readings.push(ch.to_string());
    }
    readings.truncate(MAX_READINGS);
    readings
}

fn initial(reading: &str) -> &str {
    reading.chars().next().map_or(reading, |first| &reading[..first.len_utf8()])
}

fn first_char(reading: &str) -> Option<char> {
    reading.chars().next()
}

/// Every character and adjacent pair that a path through the readings can spell, in full
/// or as initials, so that the sketch never rules out a real match.
fn sketch(slots: &[Vec<String>]) -> Signature {
    let mut signature = Signature::default();
    for (at, readings) in slots.iter().enumerate() {
        for reading in readings {
            signature.add_text(reading);
        }
        let Some(next) = slots.get(at + 1) else { continue };
        for reading in readings {
            for following in next.iter().filter_map(|following| first_char(following)) {
                if let Some(last) = reading.chars().next_back() {
                    signature.add_pair(last, following);
                }
                if let Some(first) = first_char(reading) {
                    signature.add_pair(first, following);
                }
            }
        }
    }
    signature
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::index::lattice::Spelling;

    #[test]
    fn company_registration_has_full_and_initial_keys() {
        let keys = PinyinKeys::of("企业设立登记");
        assert_eq!(keys.full, "qiyeshelidengji");
        assert_eq!(keys.initials, "qysldj");
    }

    #[test]
    fn characters_without_pinyin_stand_for_themselves() {
        let keys = PinyinKeys::of("X光 放射（2类）");
        assert_eq!(keys.full, "xguangfangshe（2lei）");
        assert_eq!(keys.initials, "xgfs（2l）");
    }

    #[test]
    fn u_umlaut_is_typed_as_v_or_u() {
        let keys = PinyinKeys::of("旅馆");
        assert_eq!(keys.full, "lvguan");
        assert!(Lattice::new(&keys.lattice).spells(b"luguan", Spelling::Full));
        assert_eq!(pinyin_needle("lü guan"), "lvguan");
        assert_eq!(pinyin_needle("lü馆"), "");
    }

    #[test]
    fn the_sketch_covers_other_readings() {
        let keys = PinyinKeys::of("银行");
        assert_eq!(keys.full, "yinxing");
        assert!(keys.signature.covers(&Signature::of("yinhang")));
        assert!(keys.signature.covers(&Signature::of("yh")));
    }
}
