use mingjing_domain::follow_up::Stage;
use mingjing_domain::review::Channel;

use super::{Storage, StorageError, with_pool};

/// One review as staff export it, decoded: a stored value that does not decode fails the
/// export rather than writing a plausible default into the file.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub id: i64,
    pub receipt: String,
    pub created_at: i64,
    pub service_code: String,
    pub rating: i64,
    pub channel: Channel,
    pub verified: bool,
    pub reasons: Vec<String>,
    pub comment: Option<String>,
    pub stage: Option<Stage>,
    pub due_date: Option<String>,
    pub closed_at: Option<i64>,
    pub contact_sealed: Option<String>,
}

/// Which of a site's reviews an export reads: those with an id above `after_id`, received
/// in `[created_from, created_before)` (milliseconds).
#[derive(Debug, Clone, Copy)]
pub struct ExportRange {
    pub after_id: i64,
    pub created_from: i64,
    pub created_before: i64,
}

type Row = (
    i64,
    String,
    i64,
    String,
    i64,
    i64,
    bool,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

impl Storage {
    /// The next `limit` reviews of a site in `range`, by id: an export reads these one
    /// batch at a time, so that it never holds more than a batch.
    pub async fn export_batch(
        &self,
        site_id: &str,
        range: &ExportRange,
        limit: u32,
    ) -> Result<Vec<ExportRow>, StorageError> {
        let rows: Vec<Row> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, receipt, created_at, service_code, rating, channel, verified, reasons, comment, stage,
                        due_date, closed_at, contact_sealed
                 FROM reviews WHERE site_id = $1 AND id > $2 AND created_at >= $3 AND created_at < $4
                 ORDER BY id LIMIT $5",
            )
            .bind(site_id)
            .bind(range.after_id)
            .bind(range.created_from)
            .bind(range.created_before)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(decode).collect()
    }
}

fn decode(r: Row) -> Result<ExportRow, StorageError> {
    let id = r.0;
    let corrupt =
        |what: &str, value: &dyn std::fmt::Debug| StorageError::Corrupt(format!("review {id}: {what} {value:?}"));
    let channel =
        u8::try_from(r.5).ok().and_then(Channel::from_code).ok_or_else(|| corrupt("unknown channel", &r.5))?;
    let reasons = serde_json::from_str(&r.7).map_err(|_| corrupt("unreadable reasons", &r.7))?;
    let stage = r.9.map(|s| Stage::parse(&s).ok_or_else(|| corrupt("unknown stage", &s))).transpose()?;
    Ok(ExportRow {
        id,
        receipt: r.1,
        created_at: r.2,
        service_code: r.3,
        rating: r.4,
        channel,
        verified: r.6,
        reasons,
        comment: r.8,
        stage,
        due_date: r.10,
        closed_at: r.11,
        contact_sealed: r.12,
    })
}
