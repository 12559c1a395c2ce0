use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::desk::{AuditAction, DeskEntry, RevealRequest, RevealedContact};

use crate::app::state::AppState;
use crate::http::error::ApiError;
use crate::http::extract::AppJson;
use crate::http::session::StaffSession;
use crate::storage::EventRow;

/// Show a reviewer's full name and phone number, for a stated reason. Every reveal is
/// written to the review's history.
#[utoipa::path(
    post,
    path = "/api/v1/desk/reviews/{receipt}/reveal",
    tag = "desk",
    params(("receipt" = String, Path, description = "the review's receipt code")),
    request_body = RevealRequest,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "the contact; the reveal is logged", body = RevealedContact),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such poor review, or it has no contact", body = ErrorEnvelope),
        (status = 422, description = "no reason given", body = ErrorEnvelope),
    )
)]
pub async fn reveal(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(receipt): Path<String>,
    AppJson(req): AppJson<RevealRequest>,
) -> Result<Json<RevealedContact>, ApiError> {
    let reason = req.reason.trim();
    if reason.chars().count() < 2 || reason.chars().count() > 200 {
        return Err(FieldError::new(
            "reason",
            "required",
            "give a reason of 2 to 200 characters for seeing the contact",
        )
        .into());
    }
    let row = state.follow_up(&staff, &receipt).await?;
    let record = EventRow { entry: DeskEntry::RevealContact, actor: staff.actor(), note: reason.to_owned(), at: 0 };
    let sealed = state
        .storage
        .reveal_contact(row.id, &record)
        .await?
        .ok_or(ApiError::NotFound { what: "contact", field: Some("receipt") })?;
    // The reason is the staff member's own words and stays on the desk (the review's
    // history); the security log names only who revealed which review's contact.
    state.audit(staff.site_id.as_str(), &staff.actor(), AuditAction::RevealContact, "").await?;
    let opened = state.contact_key.open(&sealed).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (name, phone) = opened.split_once('\n').unwrap_or((opened.as_str(), ""));
    Ok(Json(RevealedContact { name: name.to_owned(), phone: phone.to_owned() }))
}
