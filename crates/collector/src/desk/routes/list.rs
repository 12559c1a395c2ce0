use axum::Json;
use axum::extract::{Query, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::DeskItem;
use serde::Deserialize;
use utoipa::IntoParams;

use super::item;
use crate::app::state::AppState;
use crate::china_time::today_date;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Include closed follow-ups too.
    #[serde(default)]
    closed: bool,
}

/// The site's poor reviews, the soonest due first, with their working-day deadlines.
#[utoipa::path(
    get,
    path = "/api/v1/desk/reviews",
    tag = "desk",
    params(ListQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "poor reviews to follow up", body = Vec<DeskItem>),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: StaffSession,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<DeskItem>>, ApiError> {
    let today = today_date();
    let rows = state.storage.follow_ups(staff.site_id.as_str(), q.closed).await?;
    Ok(Json(rows.iter().map(|r| item(r, today)).collect()))
}
