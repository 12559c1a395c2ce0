use axum::Json;
use axum::extract::{Path, Query, State};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::catalog::{CatalogItem, ChangeEntry, ServiceDetail};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::state::AppState;
use crate::catalog::actual_times;
use crate::china_time;
use crate::china_time::now_millis;
use crate::http::error::ApiError;

#[derive(Debug, Deserialize, IntoParams)]
pub struct DetailQuery {
    /// Count the dates from this day instead of today (`YYYY-MM-DD`), for example to print a
    /// checklist for an appointment.
    today: Option<String>,
}

/// One service item: its 12 standard elements, the due date if applied for today, how long
/// it really takes, and the history of its fees and time limits.
#[utoipa::path(
    get,
    path = "/api/v1/services/{code}",
    tag = "catalogue",
    params(("code" = String, Path, description = "the implementation code (实施编码)"), DetailQuery),
    responses(
        (status = 200, description = "the item", body = ServiceDetail),
        (status = 404, description = "no such item in the catalogue", body = ErrorEnvelope),
        (status = 422, description = "`today` is not a date", body = ErrorEnvelope),
    )
)]
pub async fn detail(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Result<Json<ServiceDetail>, ApiError> {
    let today = match q.today.as_deref().filter(|t| !t.is_empty()) {
        Some(raw) => mingjing_domain::iso_date::parse(raw)
            .ok_or_else(|| FieldError::new("today", "invalid_date", "today must be a date such as 2026-11-30"))?,
        None => china_time::china_date(now_millis()),
    };
    let not_found = || ApiError::NotFound { what: "service", field: Some("code") };
    let value = state.storage.catalog_item(&code).await?.ok_or_else(not_found)?;
    let source = state.catalog.index(&state.storage).await?.source().cloned();
    let item = CatalogItem::from_value(&value).map_err(|e| ApiError::Internal(format!("stored item: {e:?}")))?;
    let calendar = WorkCalendar::china();
    let limits = item.limits();
    let cases = state.storage.completed_cases(&code, 2000).await?;
    let changes = state
        .storage
        .catalog_changes(&code)
        .await?
        .into_iter()
        .map(|c| ChangeEntry {
            field: c.field,
            from: serde_json::from_str(&c.old_value).unwrap_or_default(),
            to: serde_json::from_str(&c.new_value).unwrap_or_default(),
            effective_from: c.effective_from,
        })
        .collect();
    Ok(Json(ServiceDetail {
        applied_on: china_time::iso(today),
        promised_due: calendar.due_date(today, limits.promised().time()),
        legal_due: calendar.due_date(today, limits.legal().time()),
        compression_percent: limits.compression_percent(),
        calendar_known_until: calendar.last_covered_day().map(china_time::iso),
        actual: actual_times::summarise(&cases),
        changes,
        item: value,
        source,
    }))
}
