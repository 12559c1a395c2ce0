//! What the supervisor panel, the desk and the public statistics read about observations.

use serde::{Deserialize, Serialize};

use super::lifecycle::ObservationStage;
use super::observation::{Chapter, Method};

/// Who took a step in an observation's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObservationRole {
    Supervisor,
    /// The department answering it.
    Staff,
}

/// What a step in an observation's history did: the supervisor's submission and
/// follow-up, and each [`crate::supervision::StaffAction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObservationEventKind {
    Submitted,
    Assign,
    Confirm,
    NotConfirm,
    Plan,
    Rectified,
    FollowUp,
}

impl ObservationRole {
    pub const ALL: [Self; 2] = [Self::Supervisor, Self::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supervisor => "supervisor",
            Self::Staff => "staff",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

impl ObservationEventKind {
    pub const ALL: [Self; 7] =
        [Self::Submitted, Self::Assign, Self::Confirm, Self::NotConfirm, Self::Plan, Self::Rectified, Self::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Assign => "assign",
            Self::Confirm => "confirm",
            Self::NotConfirm => "not_confirm",
            Self::Plan => "plan",
            Self::Rectified => "rectified",
            Self::FollowUp => "follow_up",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// One step in an observation's history, as the supervisor and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationEvent {
    /// RFC 3339, China time.
    pub at: String,
    pub role: ObservationRole,
    pub kind: ObservationEventKind,
    pub note: String,
    /// The department it was assigned to (`assign`).
    pub department: Option<String>,
    /// The day the next answer is due (`assign`, `plan`).
    pub due: Option<String>,
}

/// One observation in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationSummary {
    pub id: i64,
    pub department: String,
    pub service: Option<String>,
    pub place: String,
    pub observed_at: String,
    pub method: Method,
    pub chapter: Chapter,
    pub article: Option<u32>,
    pub stage: ObservationStage,
    /// The day the department's next answer is due, while one is.
    pub due: Option<String>,
    /// Whether that day has passed (China time).
    pub overdue: bool,
    /// RFC 3339.
    pub submitted_at: String,
    /// Times the supervisor has reopened it.
    pub reopened: u32,
}

/// One observation with its description, photos and every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationView {
    pub summary: ObservationSummary,
    pub description: String,
    /// Photo ids, for `…/photos/{id}`.
    pub photos: Vec<i64>,
    pub events: Vec<ObservationEvent>,
    /// Whether the supervisor may still reopen it with a follow-up.
    pub can_follow_up: bool,
    /// The supervisor's name, on the desk only.
    pub supervisor: Option<String>,
}

/// `POST /api/v1/supervisor/observations/{id}/follow-up`: not satisfied with the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpRequest {
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageCount {
    pub stage: ObservationStage,
    pub count: u32,
}

/// A supervisor's own figures: observations by stage and the duty to report regularly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub name: String,
    /// The last day of the supervisor's term.
    pub term_end: String,
    pub by_stage: Vec<StageCount>,
    pub total: u32,
    /// Observations submitted this calendar month (China time).
    pub this_month: u32,
    /// The site's duty: at least this many a month.
    pub monthly_duty: u32,
    /// This year's months so far, `YYYY-MM`, with the count submitted in each.
    pub months: Vec<(String, u32)>,
}

/// A site's settings for supervision (the `supervision` section of its configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SupervisionSettings {
    /// Working days a department has to confirm an assigned observation or not.
    pub answer_working_days: u32,
    /// Times a supervisor may reopen one observation.
    pub max_reopens: u32,
    /// Observations a supervisor is expected to make each month.
    pub monthly_duty: u32,
}

impl Default for SupervisionSettings {
    fn default() -> Self {
        Self { answer_working_days: 5, max_reopens: 2, monthly_duty: 1 }
    }
}

/// The public figures for one department. Never names, descriptions or photos.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentSupervision {
    pub department: String,
    pub observations: u32,
    pub confirmed: u32,
    pub rectified: u32,
    /// Rectified of confirmed; absent when none was confirmed.
    pub rectification_rate: Option<f64>,
    /// Median working days from submission to rectification.
    pub median_days_to_rectify: Option<u32>,
    /// Open observations past their due day.
    pub overdue: u32,
}

/// `GET /api/v1/stats/supervision`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupervisionStats {
    pub departments: Vec<DepartmentSupervision>,
}
