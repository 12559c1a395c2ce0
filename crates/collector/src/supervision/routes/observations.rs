use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::supervision::{FollowUpRequest, NewObservation, Observation, ObservationSummary, ObservationView};

use super::{own, settings_for};
use crate::app::state::AppState;
use crate::china_time::{now_millis, today_date};
use crate::http::error::ApiError;
use crate::http::extract::{AppJson, Valid};
use crate::http::session::SupervisorSession;
use crate::supervision::{lifecycle, observations};

/// This supervisor's observations, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/supervisor/observations",
    tag = "supervision",
    responses(
        (status = 200, description = "the supervisor's own observations", body = Vec<ObservationSummary>),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    me: SupervisorSession,
) -> Result<Json<Vec<ObservationSummary>>, ApiError> {
    let today = today_date();
    let rows = state.storage.observations_of_supervisor(me.supervisor.id).await?;
    Ok(Json(rows.iter().map(|r| observations::summary(r, today)).collect()))
}

/// Submit an observation. Photos are uploaded first; the department must be one of the
/// catalogue's, and the service, if named, one of its items. The same idempotency key
/// stores it once (200 on a repeat, 201 the first time).
#[utoipa::path(
    post,
    path = "/api/v1/supervisor/observations",
    tag = "supervision",
    request_body = NewObservation,
    responses(
        (status = 201, description = "stored", body = ObservationView),
        (status = 200, description = "already stored under this idempotency key", body = ObservationView),
        (status = 400, description = "malformed JSON", body = ErrorEnvelope),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 409, description = "a photo is not this supervisor's or already used", body = ErrorEnvelope),
        (status = 422, description = "a field breaks a rule", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    me: SupervisorSession,
    Valid(new): Valid<Observation>,
) -> Result<(StatusCode, Json<ObservationView>), ApiError> {
    let now = now_millis();
    let today_date = crate::china_time::china_date(now);
    observations::check_against(&new, &*state.catalog.index(&state.storage).await?, today_date)?;
    let created = state.storage.create_observation(&me.supervisor.site_id, me.supervisor.id, &new, now, today_date);
    let (id, fresh) = created.await?;
    let row = own(&state, &me, id).await?;
    let settings = settings_for(&state, &me).await?;
    let view = observations::view(&state, &row, &settings, None).await?;
    Ok((if fresh { StatusCode::CREATED } else { StatusCode::OK }, Json(view)))
}

/// One of this supervisor's observations with its timeline and every reply.
#[utoipa::path(
    get,
    path = "/api/v1/supervisor/observations/{id}",
    tag = "supervision",
    params(("id" = i64, Path, description = "the observation id")),
    responses(
        (status = 200, description = "the observation", body = ObservationView),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 404, description = "not one of this supervisor's observations", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn detail(
    State(state): State<AppState>,
    me: SupervisorSession,
    Path(id): Path<i64>,
) -> Result<Json<ObservationView>, ApiError> {
    let row = own(&state, &me, id).await?;
    let settings = settings_for(&state, &me).await?;
    Ok(Json(observations::view(&state, &row, &settings, None).await?))
}

/// Not satisfied with the answer: reopen the observation with a note. Only after an
/// answer (not confirmed, or rectified), and at most the site's number of times (409).
#[utoipa::path(
    post,
    path = "/api/v1/supervisor/observations/{id}/follow-up",
    tag = "supervision",
    params(("id" = i64, Path, description = "the observation id")),
    request_body = FollowUpRequest,
    responses(
        (status = 200, description = "reopened", body = ObservationView),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 404, description = "not one of this supervisor's observations", body = ErrorEnvelope),
        (status = 409, description = "not answered yet, or reopened too often", body = ErrorEnvelope),
        (status = 422, description = "the note is missing or too long", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn follow_up(
    State(state): State<AppState>,
    me: SupervisorSession,
    Path(id): Path<i64>,
    AppJson(req): AppJson<FollowUpRequest>,
) -> Result<Json<ObservationView>, ApiError> {
    let row = own(&state, &me, id).await?;
    let settings = settings_for(&state, &me).await?;
    lifecycle::follow_up(&state, &row, &settings, &me.supervisor, &req.note).await?;
    let row = own(&state, &me, id).await?;
    Ok(Json(observations::view(&state, &row, &settings, None).await?))
}
