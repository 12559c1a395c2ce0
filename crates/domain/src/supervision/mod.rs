//! Business-environment supervisors (营商环境监督员, Art. 67) and their observations.
//!
//! Appointed supervisors report problems they find (问题线索). The site's staff assign each
//! one to a department with a working-day deadline, the department confirms it (查实) or
//! not, plans and completes the rectification, and the supervisor sees every step and
//! every reply (件件有答复). A supervisor who is not satisfied can reopen it a few times.

mod article;
mod lifecycle;
mod observation;
mod supervisor;
mod views;

pub use article::{Article, articles, is_article};
pub use lifecycle::{ObservationStage, StaffAction, StaffStep, check_note, illegal_transition};
pub use observation::{Chapter, DESCRIPTION_MAX, MAX_PHOTOS, Method, NewObservation, Observation, observed_minutes};
pub use supervisor::Affiliation;
pub use views::{
    Dashboard, DepartmentSupervision, FollowUpRequest, ObservationEvent, ObservationEventKind, ObservationRole,
    ObservationSummary, ObservationView, StageCount, SupervisionSettings, SupervisionStats,
};
