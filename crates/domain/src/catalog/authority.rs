use serde::{Deserialize, Serialize};

use super::reader::{Choice, Fields};
use super::text::Text;

/// The five administrative levels across which Art. 27 requires the same 12 elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityLevel {
    Province,
    City,
    County,
    Township,
    Village,
}

impl Choice for AuthorityLevel {
    const ALLOWED: &'static str = "province, city, county, township, village";
}

/// The scope of authority (权限范围): the level that exercises the power and a sentence
/// on what it covers, such as "市级登记机关负责登记的企业".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Authority {
    level: AuthorityLevel,
    description: Text,
}

impl Authority {
    pub(crate) const FIELDS: &'static [&'static str] = &["level", "description"];

    pub fn level(&self) -> AuthorityLevel {
        self.level
    }

    pub fn description(&self) -> &Text {
        &self.description
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let level = fields.choice("level");
        let description = fields.text("description");
        Some(Self { level: level?, description: description? })
    }
}
