//! Supervisors' observations between the storage and the routes: what a list and a
//! timeline show, and the checks of a new one that need the catalogue. The steps that move one along are in `lifecycle.rs`, the figures in
//! `figures.rs`.

use mingjing_domain::api_error::FieldError;
use mingjing_domain::iso_date;
use mingjing_domain::supervision::{
    Observation, ObservationEvent, ObservationSummary, ObservationView, SupervisionSettings,
};
use time::Date;

use crate::app::state::AppState;
use crate::catalog::index::CatalogIndex;
use crate::china_time::{self, rfc3339};
use crate::http::error::ApiError;
use crate::storage::{ObservationEventRow, ObservationRow, Site};

/// The site's supervision settings; a stored section that does not decode is corrupt data.
pub fn settings(site: &Site) -> Result<SupervisionSettings, ApiError> {
    match site.config.get("supervision") {
        Some(section) => serde::Deserialize::deserialize(section)
            .map_err(|e| ApiError::Internal(format!("site {}: supervision settings: {e}", site.id))),
        None => Ok(SupervisionSettings::default()),
    }
}

/// The rules a parsed observation must also keep that need the catalogue and the clock:
/// not dated after today, a department and a service of the catalogue.
pub fn check_against(new: &Observation, index: &CatalogIndex, today: Date) -> Result<(), FieldError> {
    if new.observed_day > today {
        return Err(FieldError::new("observed_at", "in_the_future", "an observation cannot be dated after today"));
    }
    if !index.departments().iter().any(|(name, _)| *name == new.department) {
        let message = "not a department of the service catalogue";
        return Err(FieldError::new("department", "unknown_department", message));
    }
    if let Some(code) = &new.service
        && index.get(code).is_none()
    {
        return Err(FieldError::new("service", "unknown_service", "not an item of the service catalogue"));
    }
    Ok(())
}

/// Past its due day on `today`.
pub fn overdue(row: &ObservationRow, today: Date) -> bool {
    row.due_date.is_some_and(|due| today > due)
}

pub fn summary(row: &ObservationRow, today: Date) -> ObservationSummary {
    ObservationSummary {
        id: row.id,
        department: row.department.clone(),
        service: row.service.clone(),
        place: row.place.clone(),
        observed_at: row.observed_at.clone(),
        method: row.method,
        chapter: row.chapter,
        article: row.article.and_then(|a| u32::try_from(a).ok()),
        stage: row.stage,
        due: row.due_date.map(iso_date::format),
        overdue: overdue(row, today),
        submitted_at: rfc3339(row.submitted_at),
        reopened: u32::try_from(row.reopened).unwrap_or_default(),
    }
}

fn event(row: ObservationEventRow) -> ObservationEvent {
    ObservationEvent {
        at: rfc3339(row.at),
        role: row.role,
        kind: row.kind,
        note: row.note,
        department: row.department,
        due: row.due_date,
    }
}

/// The whole observation: for its supervisor, or (with the supervisor's name) for staff.
pub async fn view(
    state: &AppState,
    row: &ObservationRow,
    settings: &SupervisionSettings,
    supervisor_name: Option<String>,
) -> Result<ObservationView, ApiError> {
    let summary = summary(row, china_time::today_date());
    let events = state.storage.observation_events(row.id).await?.into_iter().map(event).collect();
    let photos = state.storage.observation_photo_ids(row.id).await?;
    let can_follow_up = summary.stage.is_answered() && summary.reopened < settings.max_reopens;
    Ok(ObservationView {
        summary,
        description: row.description.clone(),
        photos,
        events,
        can_follow_up,
        supervisor: supervisor_name,
    })
}
