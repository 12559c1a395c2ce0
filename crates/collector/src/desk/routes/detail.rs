use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::DeskDetail;

use super::desk_detail;
use crate::app::state::AppState;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;

/// One poor review with its whole follow-up history.
#[utoipa::path(
    get,
    path = "/api/v1/desk/reviews/{receipt}",
    tag = "desk",
    params(("receipt" = String, Path, description = "the review's receipt code")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "the review and its history", body = DeskDetail),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such poor review on this site", body = ErrorEnvelope),
    )
)]
pub async fn detail(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(receipt): Path<String>,
) -> Result<Json<DeskDetail>, ApiError> {
    let row = state.follow_up(&staff, &receipt).await?;
    Ok(Json(desk_detail(&state, &staff, &row).await?))
}
