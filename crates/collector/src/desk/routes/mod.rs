//! The department desk: poor reviews with their working-day deadlines, the follow-up
//! steps, and contact reveals. Every route needs a staff session.

mod audit;
mod detail;
mod exclusion;
mod export;
mod list;
mod me;
mod reveal;
mod session;
mod step;

use mingjing_domain::desk::{DeskDetail, DeskEvent, DeskItem};
use mingjing_domain::exclusion::ExclusionView;
use mingjing_domain::follow_up::Stage;
use mingjing_domain::iso_date;
use time::Date;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::china_time::{rfc3339, today_date};
use crate::http::error::ApiError;
use crate::http::session::StaffSession;
use crate::storage::{EventRow, FollowUpRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list))
        .routes(routes!(detail::detail))
        .routes(routes!(step::step))
        .routes(routes!(exclusion::request))
        .routes(routes!(exclusion::decide))
        .routes(routes!(reveal::reveal))
        .routes(routes!(export::export))
        .routes(routes!(audit::list))
        .routes(routes!(me::me))
        .merge(session::router())
}

fn item(row: &FollowUpRow, today: Date) -> DeskItem {
    let stage = row.stage;
    DeskItem {
        receipt: row.receipt.clone(),
        service: row.service_code.clone(),
        rating: u8::try_from(row.rating).unwrap_or(1),
        reasons: row.reasons.clone(),
        comment: row.comment.clone(),
        channel: row.channel,
        verified: row.verified,
        received_at: rfc3339(row.created_at),
        stage,
        overdue: stage != Stage::Closed && today > row.due_date,
        due_date: iso_date::format(row.due_date),
        named: row.named,
        phone_masked: row.phone_masked.clone(),
    }
}

/// A poor review as the desk opens it: the item, its history, and a standing request to
/// exclude it, as `staff` sees them.
async fn desk_detail(state: &AppState, staff: &StaffSession, row: &FollowUpRow) -> Result<DeskDetail, ApiError> {
    let events = state.storage.follow_up_events(row.id).await?;
    let exclusion = state.storage.standing_exclusion(row.id).await?.map(|x| {
        let mine = x.requested_by == staff.staff_id;
        ExclusionView {
            category: x.category,
            excluded: x.approved == Some(true),
            requested_by: format!("staff:{}", x.requested_by),
            requested_by_me: mine,
            may_decide: staff.approver && !mine && x.approved.is_none(),
            reason: x.reason,
        }
    });
    Ok(DeskDetail {
        item: item(row, today_date()),
        events: events.iter().map(event).collect(),
        reply: row.reply.clone(),
        exclusion,
    })
}

fn event(row: &EventRow) -> DeskEvent {
    DeskEvent { entry: row.entry.clone(), actor: row.actor.clone(), note: row.note.clone(), at: rfc3339(row.at) }
}
