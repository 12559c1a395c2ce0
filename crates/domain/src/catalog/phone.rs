use std::fmt;

use serde::{Deserialize, Serialize};

use super::CatalogError;

/// A telephone number as printed in a service guide, such as `0871-63100101` or `12345`.
///
/// The check is deliberately loose (5 to 20 digits, hyphens or spaces, starting and
/// ending with a digit): it catches a name or a note pasted into the phone field without
/// pretending to know every numbering plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        let length = text.chars().count();
        let allowed = text.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
        let digit_ends = text.starts_with(|c: char| c.is_ascii_digit()) && text.ends_with(|c: char| c.is_ascii_digit());
        if !(5..=20).contains(&length) || !allowed || !digit_ends {
            return Err(CatalogError::PhoneFormat);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> Self {
        phone.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
