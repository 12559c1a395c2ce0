use std::fmt;

use serde::{Deserialize, Serialize};

use super::CatalogError;
use super::credit_code::has_credit_code_alphabet;

/// The basic code (基本编码) of an item in the national basic catalogue: 12 digits or
/// capital letters, the same for every level that implements the item (Art. 27 asks for
/// one code across province, city, county, township and village).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BasicCode(String);

impl BasicCode {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        if text.len() != 12 || !text.bytes().all(is_code_character) {
            return Err(CatalogError::BasicCodeFormat);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The implementation code (实施编码) of one department's version of an item.
///
/// It is 31 characters: the implementing department's 18-character credit code, one
/// digit, then the 12-character basic code. Because it embeds both, the importer checks
/// that it agrees with the item's department and basic code; a copied-and-edited record
/// that still carries another department's code is a common mistake.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ImplementationCode(String);

impl ImplementationCode {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        let well_formed = text.len() == 31
            && text.is_ascii()
            && has_credit_code_alphabet(&text[..18])
            && text.as_bytes()[18].is_ascii_digit()
            && text[19..].bytes().all(is_code_character);
        if !well_formed {
            return Err(CatalogError::ImplementationCodeFormat);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The credit code of the department this code was issued to.
    pub fn credit_code_part(&self) -> &str {
        &self.0[..18]
    }

    /// The basic code this implementation code refines.
    pub fn basic_code_part(&self) -> &str {
        &self.0[19..]
    }
}

fn is_code_character(byte: u8) -> bool {
    byte.is_ascii_digit() || byte.is_ascii_uppercase()
}

impl TryFrom<String> for BasicCode {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<BasicCode> for String {
    fn from(code: BasicCode) -> Self {
        code.0
    }
}

impl fmt::Display for BasicCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ImplementationCode {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<ImplementationCode> for String {
    fn from(code: ImplementationCode) -> Self {
        code.0
    }
}

impl fmt::Display for ImplementationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
