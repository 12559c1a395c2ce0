use serde::{Deserialize, Serialize};

/// The unit a service's time limit is counted in. Art. 28 limits are usually working days,
/// but the unit is data: some items count natural days or hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    WorkingDays,
    NaturalDays,
    Hours,
}

/// A time limit such as "20 working days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeLimit {
    pub amount: u32,
    pub unit: LimitUnit,
}
