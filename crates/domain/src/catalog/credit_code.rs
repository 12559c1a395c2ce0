use std::fmt;

use serde::{Deserialize, Serialize};

use super::CatalogError;

/// The characters a unified social credit code (统一社会信用代码, GB 32100-2015) may use:
/// digits and capital letters without I, O, S, V and Z, which are too easy to misread.
/// A character's position in this string is its value in the check-character sum.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 characters: 3 to the power of the position, mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The 18-character unified social credit code of the department that implements an item.
///
/// The check character is verified as well as the alphabet, because a single mistyped
/// character would otherwise attach an item to a department that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        let values = text
            .bytes()
            .map(|byte| ALPHABET.iter().position(|&allowed| allowed == byte).map(|at| at as u32))
            .collect::<Option<Vec<_>>>()
            .filter(|values| values.len() == 18)
            .ok_or(CatalogError::CreditCodeFormat)?;
        let expected = check_character(&values[..17]);
        if text.as_bytes()[17] != expected {
            return Err(CatalogError::CreditCodeChecksum { expected: char::from(expected) });
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` has the length and alphabet of a credit code. An implementation code
/// embeds one, but its check character is not verified there: the importer compares the
/// embedded code with the department's, which is verified.
pub(crate) fn has_credit_code_alphabet(text: &str) -> bool {
    text.len() == 18 && text.bytes().all(|byte| ALPHABET.contains(&byte))
}

/// The GB 32100-2015 check character for the first 17 character values.
fn check_character(values: &[u32]) -> u8 {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(&value, weight)| value * weight).sum();
    let check = (31 - sum % 31) % 31;
    ALPHABET[check as usize]
}

impl TryFrom<String> for CreditCode {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> Self {
        code.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
