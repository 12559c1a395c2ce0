use serde::{Deserialize, Serialize};

/// Whether a date computed from the calendar is official or a weekends-only estimate.
///
/// The State Council publishes each year's holidays only a few weeks before the year
/// starts, so any answer that reaches into an unpublished year can be wrong by a whole
/// holiday. Callers must show such answers as estimates, never as certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Every day examined lies in a year the calendar covers.
    Certain,
    /// At least one day examined lies in a year the calendar does not cover, where only
    /// weekends were counted as days off.
    Estimate,
}

impl Certainty {
    #[must_use]
    pub fn is_certain(self) -> bool {
        self == Certainty::Certain
    }
}
