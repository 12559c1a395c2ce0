use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::{DeskDetail, DeskEntry};
use mingjing_domain::follow_up::{FollowUpAction, FollowUpStep};

use super::desk_detail;
use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::http::error::ApiError;
use crate::http::extract::Valid;
use crate::http::session::StaffSession;
use crate::storage::{EventRow, StepColumns};

/// Record a follow-up step: call-back, verification, outcome, rectified, or the reply.
///
/// Steps go in order (a named reviewer is called back before verification); a step that
/// does not fit the current stage is refused with 409 and nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/desk/reviews/{receipt}/steps",
    tag = "desk",
    params(("receipt" = String, Path, description = "the review's receipt code")),
    request_body = FollowUpAction,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "recorded; the review and its history", body = DeskDetail),
        (status = 400, description = "malformed JSON or an unknown step", body = ErrorEnvelope),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 404, description = "no such poor review on this site", body = ErrorEnvelope),
        (status = 409, description = "the step does not fit the follow-up's stage", body = ErrorEnvelope),
        (status = 422, description = "a rule is broken; `field` names the field", body = ErrorEnvelope),
    )
)]
pub async fn step(
    State(state): State<AppState>,
    staff: StaffSession,
    Path(receipt): Path<String>,
    Valid(step): Valid<FollowUpStep>,
) -> Result<Json<DeskDetail>, ApiError> {
    let row = state.follow_up(&staff, &receipt).await?;
    let from = row.stage;
    let to = step
        .apply(from, row.named)
        .map_err(|illegal| ApiError::Conflict { code: "illegal_transition", message: illegal.to_string() })?;
    let now = now_millis();
    let record = EventRow { entry: DeskEntry::of(&step), actor: staff.actor(), note: step.text().to_owned(), at: now };
    state.storage.record_step(row.id, from, to, &columns_for(&step, now), &record).await?;
    let row = state.follow_up(&staff, &receipt).await?;
    Ok(Json(desk_detail(&state, &staff, &row).await?))
}

/// The columns a step sets on the review.
fn columns_for(step: &FollowUpStep, now: i64) -> StepColumns {
    match step {
        FollowUpStep::CallBack { reached, .. } => StepColumns { called_back: Some(*reached), ..Default::default() },
        FollowUpStep::Verify { verification, .. } => {
            StepColumns { verification: Some(*verification), ..Default::default() }
        }
        FollowUpStep::Decide { decision, .. } => {
            StepColumns { outcome: Some(decision.outcome()), plan_due: decision.plan_due(), ..Default::default() }
        }
        FollowUpStep::Rectified { .. } => StepColumns { rectified_at: Some(now), ..Default::default() },
        FollowUpStep::Reply { reply } => {
            StepColumns { reply: Some(reply.clone()), closed_at: Some(now), ..Default::default() }
        }
    }
}
