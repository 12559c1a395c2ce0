//! What one line of the desk's export holds, and how a batch of lines is written as CSV
//! (cells a spreadsheet would run defused) or JSON Lines.

use std::borrow::Cow;

use mingjing_domain::review::Channel;
use serde::Serialize;

use crate::app::state::AppState;
use crate::china_time::rfc3339;
use crate::files::safe_csv::SafeCsvWriter;
use crate::http::error::ApiError;
use crate::storage::ExportRow;

/// The two forms an export comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese.
    Csv,
    Jsonl,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Jsonl => "application/jsonl; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// What the file starts with: for CSV the byte-order mark and the column names.
    pub fn head(self, personal: bool) -> Result<Vec<u8>, ApiError> {
        match self {
            Format::Jsonl => Ok(Vec::new()),
            Format::Csv => {
                let mut writer = SafeCsvWriter::from_writer(vec![0xEF, 0xBB, 0xBF]);
                let personal_columns = if personal { PERSONAL_COLUMNS.as_slice() } else { &[] };
                writer.write_record(COLUMNS.iter().chain(personal_columns)).map_err(csv_failed)?;
                writer.into_inner().map_err(csv_failed)
            }
        }
    }

    /// A batch of lines, appended to `out`.
    pub fn write(self, lines: &[Line], out: Vec<u8>) -> Result<Vec<u8>, ApiError> {
        match self {
            Format::Csv => {
                let mut writer = SafeCsvWriter::from_writer(out);
                for line in lines {
                    writer.write_record(line.cells()).map_err(csv_failed)?;
                }
                writer.into_inner().map_err(csv_failed)
            }
            Format::Jsonl => {
                let mut out = out;
                for line in lines {
                    serde_json::to_writer(&mut out, line).map_err(|e| ApiError::Internal(e.to_string()))?;
                    out.push(b'\n');
                }
                Ok(out)
            }
        }
    }
}

fn csv_failed(e: csv::Error) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// One line of the export.
#[derive(Debug, Serialize)]
pub struct Line {
    receipt: String,
    received_at: String,
    service: String,
    rating: i64,
    channel: &'static str,
    verified: bool,
    system_default: bool,
    reasons: String,
    comment: String,
    stage: &'static str,
    due_date: String,
    closed_at: String,
    /// The review's number in the export: pass the last one received as `after` to resume.
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

impl Line {
    /// A review as a line; with `personal`, the reviewer's contact opened from its seal.
    pub fn of(state: &AppState, r: &ExportRow, personal: bool) -> Result<Line, ApiError> {
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
            channel: channel_name(r.channel),
            verified: r.verified,
            system_default: r.channel == Channel::SystemDefault,
            reasons: r.reasons.join(";"),
            comment: r.comment.clone().unwrap_or_default(),
            stage: r.stage.map_or("", |s| s.as_str()),
            due_date: r.due_date.clone().unwrap_or_default(),
            closed_at: r.closed_at.map(rfc3339).unwrap_or_default(),
            id: r.id,
            name,
            phone,
        })
    }

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
            self.stage.into(),
            self.due_date.as_str().into(),
            self.closed_at.as_str().into(),
            self.id.to_string().into(),
        ];
        cells.extend(self.name.as_deref().map(Cow::from));
        cells.extend(self.phone.as_deref().map(Cow::from));
        cells
    }
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
const COLUMNS: [&str; 13] = [
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
    "id",
];
const PERSONAL_COLUMNS: [&str; 2] = ["name", "phone"];
