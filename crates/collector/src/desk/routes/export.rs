//! `GET /api/v1/desk/export`: a site's reviews streamed from the database to the client a
//! batch at a time, in constant memory whatever their number, resumable after the last id.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::desk::AuditAction;
use mingjing_domain::iso_date;
use mingjing_domain::site::SiteId;
use serde::Deserialize;
use tokio::sync::{OwnedSemaphorePermit, mpsc};
use utoipa::IntoParams;

use crate::app::state::AppState;
use crate::china_time::midnight_millis;
use crate::desk::export::{Format, Line};
use crate::http::channel_body::channel_body;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;
use crate::storage::{AuditEntry, ExportRange};

/// Reviews read from the database at a time.
const BATCH: u32 = 500;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExportQuery {
    /// `csv` (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese) or `jsonl`.
    format: String,
    /// Include reviewers' names and phone numbers. Needs `reason`, and is audit-logged.
    #[serde(default)]
    personal: bool,
    reason: Option<String>,
    /// The first day, `YYYY-MM-DD` in China time, whose reviews are exported.
    since: Option<String>,
    /// The last day exported, inclusive.
    until: Option<String>,
    /// Resume after this `id`: the last one a broken-off export delivered.
    after: Option<i64>,
}

/// Every review of the staff member's site, by `id`, as CSV or JSON Lines, for their own
/// analysis: streamed as it is read, so an export of any size takes constant memory.
///
/// Personal data is left out unless `personal=true` is asked for with a `reason`; such
/// exports are written to the audit log. A collector runs at most `--heavy-reads` exports
/// at once (2 by default) and answers 503 to more, so that exports never take the review
/// form's database.
#[utoipa::path(
    get,
    path = "/api/v1/desk/export",
    tag = "desk",
    params(ExportQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "the export", content_type = "text/csv"),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 422, description = "unknown format, a bad day or `after`, or personal data asked for without a reason", body = ErrorEnvelope),
        (status = 503, description = "this collector is running as many exports as it may; retry shortly", body = ErrorEnvelope),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    staff: StaffSession,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let format = match q.format.as_str() {
        "csv" => Format::Csv,
        "jsonl" => Format::Jsonl,
        _ => return Err(FieldError::new("format", "unknown_format", "format must be csv or jsonl").into()),
    };
    let range = range(&q)?;
    let reason = q.reason.as_deref().map(str::trim).unwrap_or("");
    if q.personal && !(2..=200).contains(&reason.chars().count()) {
        let message = "give a reason of 2 to 200 characters for exporting personal data";
        return Err(FieldError::new("reason", "required", message).into());
    }
    let permit = state.heavy_reads.clone().try_acquire_owned().map_err(|_| ApiError::Busy)?;
    if q.personal {
        let actor = staff.actor();
        let entry = AuditEntry {
            site_id: staff.site_id.as_str(),
            actor: &actor,
            action: AuditAction::ExportPersonalData,
            reason,
            client: "",
        };
        state.storage.audit(&entry).await?;
    }
    tracing::info!(target: "mingjing::audit", site = %staff.site_id, actor = %staff.actor(), personal = q.personal, "export");
    let head = format.head(q.personal)?;
    let (tx, body) = channel_body();
    let export = Export { state, site: staff.site_id.clone(), format, personal: q.personal, range };
    tokio::spawn(export.run(head, tx, permit));
    let disposition = format!("attachment; filename=\"mingjing-{}-reviews.{}\"", staff.site_id, format.extension());
    Ok((
        [(header::CONTENT_TYPE, format.content_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        Body::new(body),
    )
        .into_response())
}

/// The reviews the query asks for: days in China time, both ends included.
fn range(q: &ExportQuery) -> Result<ExportRange, FieldError> {
    let day = |field: &'static str, raw: &Option<String>| {
        raw.as_deref()
            .map(|raw| {
                iso_date::parse(raw).ok_or_else(|| {
                    FieldError::new(field, "invalid_date", format!("{field} is a day such as 2026-01-31"))
                })
            })
            .transpose()
    };
    let (since, until) = (day("since", &q.since)?, day("until", &q.until)?);
    if let (Some(since), Some(until)) = (since, until)
        && until < since
    {
        return Err(FieldError::new("until", "before_since", "until is on or after since"));
    }
    let after_id = q.after.unwrap_or(0);
    if after_id < 0 {
        return Err(FieldError::new("after", "invalid", "after is the id of an exported review"));
    }
    Ok(ExportRange {
        after_id,
        created_from: since.map_or(i64::MIN, midnight_millis),
        created_before: until.and_then(time::Date::next_day).map_or(i64::MAX, midnight_millis),
    })
}

/// One running export: it reads a batch, writes it to the client, and reads the next only
/// once the client has taken enough of the last.
struct Export {
    state: AppState,
    site: SiteId,
    format: Format,
    personal: bool,
    range: ExportRange,
}

type Chunks = mpsc::Sender<Result<Bytes, std::io::Error>>;

impl Export {
    async fn run(mut self, head: Vec<u8>, tx: Chunks, _permit: OwnedSemaphorePermit) {
        let mut out = head;
        loop {
            let batch = match self.batch(out).await {
                Ok(batch) => batch,
                Err(e) => {
                    // The client sees a broken transfer, never a file that looks complete.
                    tracing::warn!(site = %self.site, error = %e, "export stopped");
                    let _ = tx.send(Err(std::io::Error::other("the export could not be completed"))).await;
                    return;
                }
            };
            let (bytes, last_id, full) = batch;
            if !bytes.is_empty() && tx.send(Ok(Bytes::from(bytes))).await.is_err() {
                return; // The client went away.
            }
            match last_id {
                Some(id) if full => self.range.after_id = id,
                _ => return,
            }
            out = Vec::new();
        }
    }

    /// The next batch written after `out`, the last id in it, and whether it was full.
    async fn batch(&self, out: Vec<u8>) -> Result<(Vec<u8>, Option<i64>, bool), ApiError> {
        let rows = self.state.heavy.export_batch(self.site.as_str(), &self.range, BATCH).await?;
        let lines = rows.iter().map(|r| Line::of(&self.state, r, self.personal)).collect::<Result<Vec<_>, _>>()?;
        let full = rows.len() == BATCH as usize;
        Ok((self.format.write(&lines, out)?, rows.last().map(|r| r.id), full))
    }
}
