use std::fmt;

use serde::{Deserialize, Serialize};

use super::CatalogError;

/// A piece of catalogue text that says something: never empty or only whitespace.
///
/// Every Art. 27 element is published to citizens, and a blank name, basis or address is
/// worse than a missing one because it looks complete. Surrounding whitespace is trimmed
/// so that two copies of the same text compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(CatalogError::Blank);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
