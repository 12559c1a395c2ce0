use std::fmt;

use serde::{Deserialize, Serialize};

use super::CatalogError;

/// A link to a blank form or a sample, which the widgets render as a plain `<a href>`.
///
/// Only `http` and `https` are accepted: anything else (`javascript:`, `file:`, a bare
/// path) would either not work for a citizen or be dangerous to put in a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    pub fn parse(text: &str) -> Result<Self, CatalogError> {
        let rest =
            text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).ok_or(CatalogError::UrlFormat)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let has_space = text.chars().any(char::is_whitespace);
        if host.is_empty() || has_space {
            return Err(CatalogError::UrlFormat);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HttpUrl {
    type Error = CatalogError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<HttpUrl> for String {
    fn from(url: HttpUrl) -> Self {
        url.0
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
