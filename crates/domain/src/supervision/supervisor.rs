use serde::{Deserialize, Serialize};

/// Where a supervisor comes from (BRIEF §3): deputies, CPPCC members, chamber of commerce
/// representatives, entrepreneurs, or others the city appoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    /// 人大代表.
    Npc,
    /// 政协委员.
    Cppcc,
    /// 商会代表.
    Chamber,
    /// 民营企业家.
    Entrepreneur,
    Other,
}

impl Affiliation {
    pub const ALL: [Self; 5] = [Self::Npc, Self::Cppcc, Self::Chamber, Self::Entrepreneur, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Npc => "npc",
            Self::Cppcc => "cppcc",
            Self::Chamber => "chamber",
            Self::Entrepreneur => "entrepreneur",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}
