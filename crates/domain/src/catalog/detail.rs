//! What the lookup shows for one service item beyond its 12 elements: when it would be done
//! if applied for today, how long it really takes, and how its fees and limits changed.

use serde::{Deserialize, Serialize};

use super::summary::CatalogSource;
use crate::calendar::DueDate;

/// `GET /api/v1/services/{code}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    /// The item in the interchange format (`mingjing-catalog/1`): all 12 standard elements.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub item: serde_json::Value,
    /// The day the dates below count from (today in China, unless a `today` was asked for).
    pub applied_on: String,
    /// The promised limit's end if applied for on `applied_on`.
    pub promised_due: DueDate,
    /// The legal limit's end, for comparison.
    pub legal_due: DueDate,
    /// How much shorter the promised limit is than the legal one, in whole percent, when
    /// both have the same unit.
    pub compression_percent: Option<u32>,
    /// The last day the official holiday calendar is known for; later dates are estimates.
    pub calendar_known_until: Option<String>,
    pub actual: ActualTimes,
    pub changes: Vec<ChangeEntry>,
    /// The catalogue's publisher, and whether it is demonstration data.
    #[serde(default)]
    pub source: Option<CatalogSource>,
}

/// How long the service really took, from the transactions departments registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActualTimes {
    /// Completed transactions counted.
    pub completed: u32,
    /// Fewer than this many cases are too few to publish a figure.
    pub minimum: u32,
    /// Median working days from acceptance to completion; absent with too little data.
    pub median_working_days: Option<u32>,
    /// Share completed within the promised limit; absent with too little data.
    pub on_time_rate: Option<f64>,
    /// The reasons departments published for overdue cases (Art. 28), newest first.
    pub overdue_reasons: Vec<String>,
}

/// One change to the item's fees or time limits (收费标准于 2023-01-01 由 X 调整为 Y).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEntry {
    /// `fees`, `legal_limit` or `promised_limit`.
    pub field: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub from: serde_json::Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub to: serde_json::Value,
    pub effective_from: String,
}
