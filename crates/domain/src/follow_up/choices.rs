//! The choices a follow-up step makes: how the verification came out, and what the
//! department decided.

use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// 查实: the complaint is confirmed.
    Confirmed,
    NotConfirmed,
    /// 申诉复核: appealed as a mistaken review (误评).
    AppealedMistaken,
    /// Appealed as a malicious review.
    AppealedMalicious,
}

impl Verification {
    pub const ALL: [Self; 4] = [Self::Confirmed, Self::NotConfirmed, Self::AppealedMistaken, Self::AppealedMalicious];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::NotConfirmed => "not_confirmed",
            Self::AppealedMistaken => "appealed_mistaken",
            Self::AppealedMalicious => "appealed_malicious",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 立行立改: fixed on the spot.
    FixedOnTheSpot,
    /// 限期整改: a rectification plan with a due date.
    RectificationPlan,
    /// 解释说明: an explanation.
    Explanation,
}

impl Outcome {
    pub const ALL: [Self; 3] = [Self::FixedOnTheSpot, Self::RectificationPlan, Self::Explanation];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FixedOnTheSpot => "fixed_on_the_spot",
            Self::RectificationPlan => "rectification_plan",
            Self::Explanation => "explanation",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }

    /// Whether the department changed something the reviewer may rate (evaluation 2).
    pub fn fixes(self) -> bool {
        matches!(self, Self::FixedOnTheSpot | Self::RectificationPlan)
    }
}

/// The department's decision after verifying: only a plan has a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    FixedOnTheSpot,
    RectificationPlan { due: Date },
    Explanation,
}

impl Decision {
    pub fn outcome(self) -> Outcome {
        match self {
            Self::FixedOnTheSpot => Outcome::FixedOnTheSpot,
            Self::RectificationPlan { .. } => Outcome::RectificationPlan,
            Self::Explanation => Outcome::Explanation,
        }
    }

    pub fn plan_due(self) -> Option<Date> {
        match self {
            Self::RectificationPlan { due } => Some(due),
            Self::FixedOnTheSpot | Self::Explanation => None,
        }
    }
}
