use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::DeskDetail;
use mingjing_domain::follow_up::{FollowUpAction, Outcome, Verification};

use super::{event, item};
use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::china_time::today;
use crate::http::error::ApiError;
use crate::http::extract::AppJson;
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
    AppJson(action): AppJson<FollowUpAction>,
) -> Result<Json<DeskDetail>, ApiError> {
    action.validate()?;
    let row = state.follow_up(&staff, &receipt).await?;
    let from = row.stage;
    let to = action
        .apply(from, row.named)
        .map_err(|illegal| ApiError::Conflict { code: "illegal_transition", message: illegal.to_string() })?;
    let now = now_millis();
    let (columns, detail) = columns_for(&action, now);
    let record = EventRow {
        kind: action.kind().to_owned(),
        actor: staff.actor(),
        note: action.text().trim().to_owned(),
        data: detail,
        at: now,
    };
    state.storage.record_step(row.id, from.as_str(), to.as_str(), &columns, &record).await?;
    let row = state
        .storage
        .follow_up(staff.site_id.as_str(), &receipt)
        .await?
        .ok_or(ApiError::Internal("review vanished".into()))?;
    let events = state.storage.follow_up_events(row.id).await?;
    Ok(Json(DeskDetail {
        item: item(&row, &today()),
        events: events.iter().map(event).collect(),
        reply: row.reply.clone(),
    }))
}

/// The columns a step sets, and the short detail its history entry shows.
fn columns_for(action: &FollowUpAction, now: i64) -> (StepColumns, String) {
    match action {
        FollowUpAction::CallBack { reached, .. } => (
            StepColumns { called_back: Some(*reached), ..Default::default() },
            if *reached { "reached" } else { "not_reached" }.to_owned(),
        ),
        FollowUpAction::Verify { verification, .. } => {
            let v = match verification {
                Verification::Confirmed => "confirmed",
                Verification::NotConfirmed => "not_confirmed",
                Verification::AppealedMistaken => "appealed_mistaken",
                Verification::AppealedMalicious => "appealed_malicious",
            };
            (StepColumns { verification: Some(v.to_owned()), ..Default::default() }, v.to_owned())
        }
        FollowUpAction::Decide { outcome, plan_due, .. } => {
            let o = match outcome {
                Outcome::FixedOnTheSpot => "fixed_on_the_spot",
                Outcome::RectificationPlan => "rectification_plan",
                Outcome::Explanation => "explanation",
            };
            let detail = match plan_due {
                Some(due) => format!("{o} {due}"),
                None => o.to_owned(),
            };
            (StepColumns { outcome: Some(o.to_owned()), plan_due: plan_due.clone(), ..Default::default() }, detail)
        }
        FollowUpAction::Rectified { .. } => {
            (StepColumns { rectified_at: Some(now), ..Default::default() }, "rectified".to_owned())
        }
        FollowUpAction::Reply { reply } => (
            StepColumns { reply: Some(reply.trim().to_owned()), closed_at: Some(now), ..Default::default() },
            "replied".to_owned(),
        ),
    }
}
