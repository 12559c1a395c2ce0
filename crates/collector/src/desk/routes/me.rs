use axum::Json;
use axum::extract::State;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::DeskProfile;

use crate::app::state::AppState;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;

/// Who is signed in, and what they may do beyond the desk's daily work.
#[utoipa::path(
    get,
    path = "/api/v1/desk/me",
    tag = "desk",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "the signed-in staff member", body = DeskProfile),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
    )
)]
pub async fn me(State(state): State<AppState>, staff: StaffSession) -> Result<Json<DeskProfile>, ApiError> {
    let record = state.storage.staff(staff.staff_id).await?.ok_or(ApiError::SignInRequired)?;
    Ok(Json(DeskProfile {
        name: record.name,
        site_admin: staff.site_admin,
        catalog_admin: staff.catalog_admin,
        approver: staff.approver,
    }))
}
