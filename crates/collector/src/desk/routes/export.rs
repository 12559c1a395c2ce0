use std::borrow::Cow;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::desk::AuditAction;
use mingjing_domain::review::Channel;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::app::state::AppState;
use crate::china_time::rfc3339;
use crate::files::safe_csv::SafeCsvWriter;
use crate::http::error::ApiError;
use crate::http::session::StaffSession;
use crate::storage::{AuditEntry, ExportRow};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExportQuery {
    /// `csv` (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese) or `jsonl`.
    format: String,
    /// Include reviewers' names and phone numbers. Needs `reason`, and is audit-logged.
    #[serde(default)]
    personal: bool,
    reason: Option<String>,
}

/// One line of the export.
#[derive(Debug, Serialize)]
struct Line {
    receipt: String,
    received_at: String,
    service: String,
    rating: i64,
    channel: &'static str,
    verified: bool,
    system_default: bool,
    reasons: String,
    comment: String,
    stage: String,
    due_date: String,
    closed_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

/// Every review of the staff member's site, as CSV or JSON Lines, for their own analysis.
///
/// Personal data is left out unless `personal=true` is asked for with a `reason`; such
/// exports are written to the audit log.
#[utoipa::path(
    get,
    path = "/api/v1/desk/export",
    tag = "desk",
    params(ExportQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "the export", content_type = "text/csv"),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 422, description = "unknown format, or personal data asked for without a reason", body = ErrorEnvelope),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    staff: StaffSession,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    if q.format != "csv" && q.format != "jsonl" {
        return Err(FieldError::new("format", "unknown_format", "format must be csv or jsonl").into());
    }
    if q.personal {
        let reason = q.reason.as_deref().map(str::trim).unwrap_or("");
        if !(2..=200).contains(&reason.chars().count()) {
            return Err(FieldError::new(
                "reason",
                "required",
                "give a reason of 2 to 200 characters for exporting personal data",
            )
            .into());
        }
        let entry = AuditEntry {
            site_id: staff.site_id.as_str(),
            actor: &staff.actor(),
            action: AuditAction::ExportPersonalData,
            reason,
            client: "",
        };
        state.storage.audit(&entry).await?;
    }
    tracing::info!(target: "mingjing::audit", site = %staff.site_id, actor = %staff.actor(), personal = q.personal, "export");
    let rows = state.storage.export_reviews(staff.site_id.as_str()).await?;
    let lines = rows.iter().map(|r| line(&state, r, q.personal)).collect::<Result<Vec<_>, _>>()?;
    let (body, content_type, extension) = if q.format == "csv" {
        (csv(&lines, q.personal)?, "text/csv; charset=utf-8", "csv")
    } else {
        (jsonl(&lines)?, "application/jsonl; charset=utf-8", "jsonl")
    };
    let disposition = format!("attachment; filename=\"mingjing-{}-reviews.{extension}\"", staff.site_id);
    Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

fn line(state: &AppState, r: &ExportRow, personal: bool) -> Result<Line, ApiError> {
    let channel = u8::try_from(r.channel).ok().and_then(Channel::from_code).unwrap_or_default();
    let (name, phone) = match (&r.contact_sealed, personal) {
        (Some(sealed), true) => {
            let opened = state.contact_key.open(sealed).map_err(|e| ApiError::Internal(e.to_string()))?;
            let (name, phone) = opened.split_once('\n').unwrap_or((opened.as_str(), ""));
            (Some(name.to_owned()), Some(phone.to_owned()))
        }
        (None, true) => (Some(String::new()), Some(String::new())),
        _ => (None, None),
    };
    Ok(Line {
        receipt: r.receipt.clone(),
        received_at: rfc3339(r.created_at),
        service: r.service_code.clone(),
        rating: r.rating,
        channel: channel_name(channel),
        verified: r.verified,
        system_default: channel == Channel::SystemDefault,
        reasons: serde_json::from_str::<Vec<String>>(&r.reasons_json).unwrap_or_default().join(";"),
        comment: r.comment.clone().unwrap_or_default(),
        stage: r.stage.clone().unwrap_or_default(),
        due_date: r.due_date.clone().unwrap_or_default(),
        closed_at: r.closed_at.map(rfc3339).unwrap_or_default(),
        name,
        phone,
    })
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Pc => "pc",
        Channel::Mobile => "mobile",
        Channel::Qr => "qr",
        Channel::Kiosk => "kiosk",
        Channel::HallTerminal => "hall_terminal",
        Channel::Sms => "sms",
        Channel::SystemDefault => "system_default",
    }
}

/// The CSV columns: [`Line`]'s fields in order, `name` and `phone` only in a personal export.
const COLUMNS: [&str; 12] = [
    "receipt",
    "received_at",
    "service",
    "rating",
    "channel",
    "verified",
    "system_default",
    "reasons",
    "comment",
    "stage",
    "due_date",
    "closed_at",
];
const PERSONAL_COLUMNS: [&str; 2] = ["name", "phone"];

impl Line {
    fn cells(&self) -> Vec<Cow<'_, str>> {
        let mut cells: Vec<Cow<'_, str>> = vec![
            self.receipt.as_str().into(),
            self.received_at.as_str().into(),
            self.service.as_str().into(),
            self.rating.to_string().into(),
            self.channel.into(),
            self.verified.to_string().into(),
            self.system_default.to_string().into(),
            self.reasons.as_str().into(),
            self.comment.as_str().into(),
            self.stage.as_str().into(),
            self.due_date.as_str().into(),
            self.closed_at.as_str().into(),
        ];
        cells.extend(self.name.as_deref().map(Cow::from));
        cells.extend(self.phone.as_deref().map(Cow::from));
        cells
    }
}

fn csv(lines: &[Line], personal: bool) -> Result<Vec<u8>, ApiError> {
    let fail = |e: csv::Error| ApiError::Internal(e.to_string());
    let mut writer = SafeCsvWriter::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let personal_columns = if personal { PERSONAL_COLUMNS.as_slice() } else { &[] };
    writer.write_record(COLUMNS.iter().chain(personal_columns)).map_err(fail)?;
    for line in lines {
        writer.write_record(line.cells()).map_err(fail)?;
    }
    writer.into_inner().map_err(fail)
}

fn jsonl(lines: &[Line]) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    for line in lines {
        serde_json::to_writer(&mut out, line).map_err(|e| ApiError::Internal(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}
