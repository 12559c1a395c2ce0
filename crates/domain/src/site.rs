//! Public identifiers of the department sites that embed the widgets.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api_error::FieldError;

/// The public id of a registered site, as webmasters write it in `site="…"`.
///
/// Three to forty characters of lower-case ASCII letters, digits and `-`, so it is safe in
/// URLs, HTML attributes and log lines without escaping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SiteId(String);

impl SiteId {
    pub const MAX_LEN: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let ok_len = (3..=Self::MAX_LEN).contains(&raw.len());
        let ok_chars = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok_len && ok_chars && !raw.starts_with('-') {
            Ok(Self(raw.to_owned()))
        } else {
            Err(FieldError::new("site", "invalid_site_id", "site id must be 3 to 40 lower-case letters, digits or '-'"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SiteId {
    type Error = FieldError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<SiteId> for String {
    fn from(id: SiteId) -> Self {
        id.0
    }
}

impl fmt::Display for SiteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids_and_refuses_odd_ones() {
        assert!(SiteId::parse("demo").is_ok());
        assert!(SiteId::parse("km-scjgj-2024").is_ok());
        for bad in ["", "ab", "Demo", "a b c", "-abc", "站点abc", &"a".repeat(41)] {
            let err = SiteId::parse(bad).unwrap_err();
            assert_eq!(err.field, "site", "{bad}");
        }
    }
}
