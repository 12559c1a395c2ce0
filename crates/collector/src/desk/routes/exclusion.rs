//! 申诉复核 on the desk: a member of staff asks for a review to leave the figures, and an
//! approver, never the one who asked, confirms or refuses it.

use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::{DeskDetail, DeskEntry};
use mingjing_domain::exclusion::{AskExclusion, DecideExclusion, ExclusionDecision, ExclusionRequest};

use super::desk_detail;
use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::http::error::ApiError;
use crate::http::extract::Valid;
use crate::http::session::StaffSession;
use crate::storage::EventRow;

/// Ask for a review to be excluded from the published figures as mistaken or malicious.
///
/// The reason goes into the review's history. The review keeps counting until an approver
/// confirms the request.
#[utoipa::path(
    post,
    path = "/api/v1/desk/reviews/{receipt}/exclusion",
    tag = "desk",
    params(("receipt" = String, Path, description = "the review's receipt code")),
    request_body = ExclusionRequest,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "asked; the review and its history", body = DeskDetail),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such poor review on this site", body = ErrorEnvelope),
        (status = 409, description = "a request is already waiting or approved (`exclusion_standing`)", body = ErrorEnvelope),
        (status = 422, description = "the reason is not 2 to 500 characters", body = ErrorEnvelope),
    )
)]
pub async fn request(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(receipt): Path<String>,
    Valid(ask): Valid<AskExclusion>,
) -> Result<Json<DeskDetail>, ApiError> {
    let row = state.follow_up(&staff, &receipt).await?;
    let event = EventRow {
        entry: DeskEntry::ExclusionRequested { category: ask.category },
        actor: staff.actor(),
        note: ask.reason.clone(),
        at: now_millis(),
    };
    state.storage.request_exclusion(row.id, ask.category, &ask.reason, staff.staff_id, &event).await?;
    Ok(Json(desk_detail(&state, &staff, &row).await?))
}

/// Confirm or refuse the waiting request to exclude a review. Only an approver may, and
/// never the person who asked; confirming takes the review out of the rating figures.
#[utoipa::path(
    post,
    path = "/api/v1/desk/reviews/{receipt}/exclusion/decision",
    tag = "desk",
    params(("receipt" = String, Path, description = "the review's receipt code")),
    request_body = ExclusionDecision,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "decided; the review and its history", body = DeskDetail),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 403, description = "not an approver, or the one who asked", body = ErrorEnvelope),
        (status = 404, description = "no such poor review on this site", body = ErrorEnvelope),
        (status = 409, description = "no request is waiting (`nothing_to_decide`), or it was decided meanwhile", body = ErrorEnvelope),
        (status = 422, description = "the note is not 2 to 500 characters", body = ErrorEnvelope),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(receipt): Path<String>,
    Valid(decision): Valid<DecideExclusion>,
) -> Result<Json<DeskDetail>, ApiError> {
    if !staff.approver {
        return Err(ApiError::Forbidden("only an approver may decide a request to exclude a review"));
    }
    let row = state.follow_up(&staff, &receipt).await?;
    let waiting =
        state.storage.standing_exclusion(row.id).await?.filter(|x| x.approved.is_none()).ok_or_else(|| {
            ApiError::Conflict {
                code: "nothing_to_decide",
                message: "no request to exclude this review is waiting".into(),
            }
        })?;
    if waiting.requested_by == staff.staff_id {
        return Err(ApiError::Forbidden("a request is decided by another approver, never by the one who asked"));
    }
    let category = waiting.category;
    let entry = if decision.approve {
        DeskEntry::ExclusionApproved { category }
    } else {
        DeskEntry::ExclusionRefused { category }
    };
    let event = EventRow { entry, actor: staff.actor(), note: decision.note.clone(), at: now_millis() };
    state.storage.decide_exclusion(row.id, &waiting, staff.staff_id, decision.approve, &event).await?;
    Ok(Json(desk_detail(&state, &staff, &row).await?))
}
