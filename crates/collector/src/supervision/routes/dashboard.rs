use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::supervision::Dashboard;
use serde::Deserialize;
use utoipa::IntoParams;

use super::settings_for;
use crate::app::state::AppState;
use crate::china_time::today_date;
use crate::http::error::ApiError;
use crate::http::session::SupervisorSession;
use crate::supervision::figures;

/// The supervisor's own figures: observations by stage, this month against the duty, and
/// each month of this year.
#[utoipa::path(
    get,
    path = "/api/v1/supervisor/dashboard",
    tag = "supervision",
    responses(
        (status = 200, description = "the supervisor's figures", body = Dashboard),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn dashboard(State(state): State<AppState>, me: SupervisorSession) -> Result<Json<Dashboard>, ApiError> {
    let rows = state.storage.observations_of_supervisor(me.supervisor.id).await?;
    let settings = settings_for(&state, &me).await?;
    Ok(Json(figures::dashboard(&rows, &me.supervisor, &settings, today_date())))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportParams {
    /// The year, such as 2026; this year by default.
    year: Option<i32>,
}

/// The year-end report as CSV: every observation submitted that year with its outcome and
/// the working days it took to rectify.
#[utoipa::path(
    get,
    path = "/api/v1/supervisor/report.csv",
    tag = "supervision",
    params(ReportParams),
    responses(
        (status = 200, description = "the report", content_type = "text/csv"),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 422, description = "not a plausible year", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn report(
    State(state): State<AppState>,
    me: SupervisorSession,
    Query(params): Query<ReportParams>,
) -> Result<impl IntoResponse, ApiError> {
    let today = today_date();
    let year = params.year.unwrap_or(today.year());
    if !(2000..=2100).contains(&year) {
        return Err(FieldError::new("year", "out_of_range", "year is from 2000 to 2100").into());
    }
    let rows = state.storage.observations_of_supervisor(me.supervisor.id).await?;
    let csv = figures::report_csv(&rows, year, today)?;
    let disposition = format!("attachment; filename=\"supervision-{year}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        csv,
    ))
}
