//! Cheap facts about the pinyin spellings of a name, kept beside its keys so that most
//! exact and prefix checks end before any key is read.

/// How long a name's full-pinyin spellings can be, and what they can start with, over
/// every reading of every character.
#[derive(Debug, Clone, Copy)]
pub(super) struct PathShape {
    /// The fewest and most bytes a full spelling can have.
    shortest: u16,
    longest: u16,
    /// The letters a spelling can start with, one bit each from `a`; bit 31 stands for
    /// any other first byte.
    first_bytes: u32,
}

impl PathShape {
    pub(super) fn of(slots: &[Vec<String>]) -> Self {
        let lengths = |pick: fn(&[String]) -> usize| slots.iter().map(|readings| pick(readings)).sum::<usize>();
        let shortest = lengths(|readings| readings.iter().map(String::len).min().unwrap_or_default());
        let longest = lengths(|readings| readings.iter().map(String::len).max().unwrap_or_default());
        let first = slots.first().map_or(&[][..], Vec::as_slice);
        let first_bytes =
            first.iter().filter_map(|reading| reading.bytes().next()).fold(0, |bits, byte| bits | bit(byte));
        let clamp = |length: usize| u16::try_from(length).unwrap_or(u16::MAX);
        Self { shortest: clamp(shortest), longest: clamp(longest), first_bytes }
    }

    /// Whether a full spelling could be `length` bytes long. Names longer than 65,535
    /// bytes of pinyin are not ruled out.
    pub(super) fn may_spell(self, length: usize) -> bool {
        usize::from(self.shortest) <= length && (length <= usize::from(self.longest) || self.longest == u16::MAX)
    }

    /// Whether a spelling, full or as initials, could start with `byte`.
    pub(super) fn may_start_with(self, byte: u8) -> bool {
        self.first_bytes & bit(byte) != 0
    }
}

fn bit(byte: u8) -> u32 {
    if byte.is_ascii_lowercase() { 1 << (byte - b'a') } else { 1 << 31 }
}

#[cfg(test)]
mod tests {
    use crate::catalog::index::pinyin_keys::PinyinKeys;

    #[test]
    fn the_shape_bounds_every_spelling() {
        // 长 is zhang or chang, 期 qi or ji.
        let shape = PinyinKeys::of("长期").shape;
        assert!(shape.may_spell("changqi".len()) && shape.may_spell("zhangji".len()));
        assert!(!shape.may_spell("changq".len()) && !shape.may_spell("changqii".len()));
        assert!(shape.may_start_with(b'c') && shape.may_start_with(b'z'));
        assert!(!shape.may_start_with(b'q'));
        assert!(PinyinKeys::of("（补）").shape.may_start_with("（".as_bytes()[0]));
    }
}
