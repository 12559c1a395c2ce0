use axum::Json;
use axum::extract::{Query, State};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::desk::DeskPage;
use mingjing_domain::iso_date;
use serde::Deserialize;
use time::Date;
use utoipa::IntoParams;

use super::item;
use crate::app::state::AppState;
use crate::china_time::today_date;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;

/// A page holds this many items unless `limit` says otherwise, and never more than `MAX_LIMIT`.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Include closed follow-ups too.
    #[serde(default)]
    closed: bool,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` of the page before; absent for the first page.
    after: Option<String>,
}

/// The site's poor reviews, a page at a time, the soonest due first, with their working-day
/// deadlines and how many there are in all.
#[utoipa::path(
    get,
    path = "/api/v1/desk/reviews",
    tag = "desk",
    params(ListQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "one page of poor reviews to follow up", body = DeskPage),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 422, description = "`limit` or `after` is not one this list gave", body = ErrorEnvelope),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: StaffSession,
    Query(q): Query<ListQuery>,
) -> Result<Json<DeskPage>, ApiError> {
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(FieldError::new("limit", "out_of_range", "limit is 1 to 200 items a page").into());
    }
    let after = q.after.as_deref().map(cursor).transpose()?;
    let (mut rows, total) = state.storage.follow_ups(staff.site_id.as_str(), q.closed, after, limit + 1).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = more.then(|| rows.last().map(|r| format!("{}.{}", iso_date::format(r.due_date), r.id))).flatten();
    let today = today_date();
    Ok(Json(DeskPage { items: rows.iter().map(|r| item(r, today)).collect(), total, next }))
}

/// A page's `next` (`2026-12-31.1234`: the last item's due date and id) read back.
fn cursor(raw: &str) -> Result<(Date, i64), FieldError> {
    raw.split_once('.')
        .and_then(|(due, id)| Some((iso_date::parse(due)?, id.parse::<i64>().ok().filter(|id| *id > 0)?)))
        .ok_or_else(|| FieldError::new("after", "invalid_cursor", "after must be the next of an earlier page"))
}
