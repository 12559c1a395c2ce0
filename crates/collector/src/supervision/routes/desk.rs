//! Supervisors' observations on the desk: the site's staff assign each to a department,
//! record whether it was confirmed, the rectification plan and the result.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::supervision::{ObservationSummary, ObservationView, StaffAction, StaffStep};

use crate::app::state::AppState;
use crate::china_time::today_date;
use crate::http::error::ApiError;
use crate::http::extract::Valid;
use crate::http::session::StaffSession;
use crate::storage::ObservationRow;
use crate::supervision::{lifecycle, observations};

/// An observation made on this staff member's site, or 404.
async fn of_site(state: &AppState, staff: &StaffSession, id: i64) -> Result<ObservationRow, ApiError> {
    match state.storage.observation(id).await? {
        Some(row) if row.site_id == staff.site_id.as_str() => Ok(row),
        _ => Err(ApiError::NotFound { what: "observation", field: Some("id") }),
    }
}

async fn staff_view(state: &AppState, staff: &StaffSession, row: &ObservationRow) -> Result<ObservationView, ApiError> {
    let site = state.site(&staff.site_id).await?;
    let settings = observations::settings(&site)?;
    let name = state.storage.supervisor(row.supervisor_id).await?.map(|s| s.name);
    observations::view(state, row, &settings, name).await
}

/// The site's observations, newest first, with their due days and overdue flags.
#[utoipa::path(
    get,
    path = "/api/v1/desk/observations",
    tag = "desk",
    responses(
        (status = 200, description = "the site's observations", body = Vec<ObservationSummary>),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
    ),
    security(("staff_session" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    staff: StaffSession,
) -> Result<Json<Vec<ObservationSummary>>, ApiError> {
    let today = today_date();
    let rows = state.storage.observations_of_site(staff.site_id.as_str()).await?;
    Ok(Json(rows.iter().map(|r| observations::summary(r, today)).collect()))
}

/// One observation, with the supervisor's name, its photos and its history.
#[utoipa::path(
    get,
    path = "/api/v1/desk/observations/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "the observation id")),
    responses(
        (status = 200, description = "the observation", body = ObservationView),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such observation on this site", body = ErrorEnvelope),
    ),
    security(("staff_session" = []))
)]
pub async fn detail(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(id): Path<i64>,
) -> Result<Json<ObservationView>, ApiError> {
    let row = of_site(&state, &staff, id).await?;
    Ok(Json(staff_view(&state, &staff, &row).await?))
}

/// Record the next step: assign (交办), confirm (查实) or not, plan the rectification, or
/// record it done. A step that does not apply at the observation's stage is refused (409).
#[utoipa::path(
    post,
    path = "/api/v1/desk/observations/{id}/steps",
    tag = "desk",
    params(("id" = i64, Path, description = "the observation id")),
    request_body = StaffAction,
    responses(
        (status = 200, description = "recorded", body = ObservationView),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such observation on this site", body = ErrorEnvelope),
        (status = 409, description = "the step does not apply at this stage", body = ErrorEnvelope),
        (status = 422, description = "a field breaks a rule", body = ErrorEnvelope),
    ),
    security(("staff_session" = []))
)]
pub async fn step(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(id): Path<i64>,
    Valid(action): Valid<StaffStep>,
) -> Result<Json<ObservationView>, ApiError> {
    let row = of_site(&state, &staff, id).await?;
    let site = state.site(&staff.site_id).await?;
    lifecycle::staff_step(&state, &row, &observations::settings(&site)?, staff.actor(), &action).await?;
    let row = of_site(&state, &staff, id).await?;
    Ok(Json(staff_view(&state, &staff, &row).await?))
}

/// A photo of an observation on this site.
#[utoipa::path(
    get,
    path = "/api/v1/desk/observations/{id}/photos/{photo}",
    tag = "desk",
    params(("id" = i64, Path, description = "the observation id"), ("photo" = i64, Path, description = "the photo id")),
    responses(
        (status = 200, description = "the image", content_type = "image/jpeg"),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such photo of this observation", body = ErrorEnvelope),
    ),
    security(("staff_session" = []))
)]
pub async fn photo(
    State(state): State<AppState>,
    staff: StaffSession,
    Path((id, photo)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    of_site(&state, &staff, id).await?;
    match state.storage.photo(photo).await? {
        Some((_, Some(observation), media_type, data)) if observation == id => {
            Ok(super::image_response(media_type, data))
        }
        _ => Err(ApiError::NotFound { what: "photo", field: Some("photo") }),
    }
}
