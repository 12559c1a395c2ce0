use serde::{Deserialize, Serialize};

use crate::api_error::FieldError;

/// One of the five national levels, stored as 1..=5.
///
/// 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. Levels 1 and 2 are a poor
/// review (差评), which must carry reasons and is followed up by the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const ALL: [Rating; 5] = [Rating(5), Rating(4), Rating(3), Rating(2), Rating(1)];
    /// 基本满意: the level recorded by the system for an unrated transaction.
    pub const SYSTEM_DEFAULT: Rating = Rating(3);

    pub fn parse(field: &str, raw: i64) -> Result<Self, FieldError> {
        match u8::try_from(raw) {
            Ok(level @ 1..=5) => Ok(Self(level)),
            _ => Err(FieldError::new(field, "out_of_range", "rating must be a whole number from 1 to 5")),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn is_poor(self) -> bool {
        self.0 <= 2
    }
}

impl TryFrom<i64> for Rating {
    type Error = FieldError;
    fn try_from(raw: i64) -> Result<Self, Self::Error> {
        Self::parse("rating", raw)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_are_levels() {
        for ok in 1..=5 {
            assert_eq!(Rating::parse("rating", ok).map(Rating::get), Ok(ok as u8));
        }
        for bad in [0, 6, -1, 255, i64::MAX] {
            assert_eq!(Rating::parse("rating", bad).unwrap_err().rule, "out_of_range");
        }
    }

    #[test]
    fn levels_one_and_two_are_poor() {
        let poor: Vec<u8> = Rating::ALL.iter().filter(|r| r.is_poor()).map(|r| r.get()).collect();
        assert_eq!(poor, vec![2, 1]);
    }
}
