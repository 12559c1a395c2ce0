use serde::{Deserialize, Serialize};
use time::Date;

use super::Certainty;

/// The last day on which a service is still on time, with how sure the calendar is of it.
///
/// Serializes as `{"date":"2024-02-22","certainty":"certain"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueDate {
    #[serde(with = "crate::iso_date::serde")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2024-02-22"))]
    pub date: Date,
    pub certainty: Certainty,
}
