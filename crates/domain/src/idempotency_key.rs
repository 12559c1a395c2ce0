//! The key a client picks for one submission (a review, an observation), so that a retry of
//! the same submission is stored once.

use thiserror::Error;

/// 16 to 64 characters of `[A-Za-z0-9_-]`: the rule published for reviews, and the same for
/// every body that carries a key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

/// The key is too short, too long, or has a character outside `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("idempotency key must be 16 to 64 letters, digits, '-' or '_'")]
pub struct InvalidIdempotencyKey;

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, InvalidIdempotencyKey> {
        let ok =
            (16..=64).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok { Ok(Self(raw.to_owned())) } else { Err(InvalidIdempotencyKey) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_16_to_64_letters_digits_hyphens_and_underscores_are_accepted() {
        for key in ["0123456789abcdef", "review_key-0000001", &"a".repeat(64), "ABCDEF_ghijkl-789"] {
            assert_eq!(IdempotencyKey::parse(key).map(|k| k.as_str().to_owned()), Ok(key.to_owned()), "{key}");
        }
    }

    #[test]
    fn short_long_and_other_characters_are_refused() {
        for key in [
            "",
            "0123456789abcde",
            &"a".repeat(65),
            "0123456789abcdef:",
            "0123456789 abcdef",
            "键键键键键键键键键键键键键键键键",
        ] {
            assert_eq!(IdempotencyKey::parse(key), Err(InvalidIdempotencyKey), "{key:?}");
        }
    }
}
