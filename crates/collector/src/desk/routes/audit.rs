use axum::Json;
use axum::extract::{Query, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::AuditEntryView;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::state::AppState;
use crate::china_time::rfc3339;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Only entries older than this id (the last `id` of the previous page).
    before: Option<i64>,
    /// Entries per page, 1 to 200 (default 50).
    limit: Option<u32>,
}

/// The site's audit log of security events, newest first: sign-ins and failures, lockouts,
/// reveals of personal data and exports. Only for staff added with `--site-admin`.
#[utoipa::path(
    get,
    path = "/api/v1/desk/audit",
    tag = "desk",
    params(AuditQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "one page of entries", body = [AuditEntryView]),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 403, description = "not the site's administrator", body = ErrorEnvelope),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: StaffSession,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntryView>>, ApiError> {
    if !staff.site_admin {
        return Err(ApiError::Forbidden("only the site's administrator may read its audit log"));
    }
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let rows = state.storage.audit_entries(Some(staff.site_id.as_str()), 0, q.before, limit).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditEntryView {
                id: r.id,
                at: rfc3339(r.at),
                actor: r.actor,
                action: r.action,
                client: r.client,
                reason: r.reason,
            })
            .collect(),
    ))
}
