//! A review as its receipt shows it to the reviewer: no personal data, decoded loudly.

use mingjing_domain::follow_up::{Outcome, Stage};
use mingjing_domain::review::Channel;
use sqlx::Row;

use super::{Storage, StorageError, with_pool};

/// A review as its receipt shows it to the reviewer.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub site_id: String,
    pub receipt: String,
    pub service_code: String,
    pub rating: i64,
    /// `None` for a review that is not followed up (not poor).
    pub stage: Option<Stage>,
    pub due_date: Option<String>,
    pub reply: Option<String>,
    pub closed_at: Option<i64>,
    pub rectified_at: Option<i64>,
    pub outcome: Option<Outcome>,
    pub transaction_no: Option<String>,
    pub evaluation_no: Option<i64>,
    pub channel: Channel,
}

impl Storage {
    pub async fn receipt(&self, receipt: &str) -> Result<Option<ReceiptRow>, StorageError> {
        let row = with_pool!(self, |pool| {
            let row = sqlx::query(
                "SELECT id, site_id, receipt, service_code, rating, stage, due_date, reply, closed_at, rectified_at, outcome,
                        transaction_no, evaluation_no, channel
                 FROM reviews WHERE receipt = $1",
            )
            .bind(receipt)
            .fetch_optional(pool)
            .await?;
            row.as_ref().map(receipt_row).transpose()?
        });
        Ok(row)
    }

    /// Whether a (transaction, evaluation) has been reviewed.
    pub async fn evaluation_exists(
        &self,
        site_id: &str,
        transaction_no: &str,
        evaluation_no: i64,
    ) -> Result<bool, StorageError> {
        let found: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT id FROM reviews WHERE site_id = $1 AND transaction_no = $2 AND evaluation_no = $3",
            )
            .bind(site_id)
            .bind(transaction_no)
            .bind(evaluation_no)
            .fetch_optional(pool)
            .await?
        });
        Ok(found.is_some())
    }
}

/// Decodes a review as its receipt shows it, loudly for a stage, outcome or channel that
/// does not decode.
fn receipt_row<R: Row>(r: &R) -> Result<ReceiptRow, StorageError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    // Named by its id: a receipt code lets its holder act on the review, so it stays out of logs.
    let id: i64 = r.try_get("id")?;
    let corrupt =
        |what: &str, value: &dyn std::fmt::Debug| StorageError::Corrupt(format!("review {id}: {what} {value:?}"));
    let stage: Option<String> = r.try_get("stage")?;
    let stage = stage.map(|s| Stage::parse(&s).ok_or_else(|| corrupt("unknown stage", &s))).transpose()?;
    let outcome: Option<String> = r.try_get("outcome")?;
    let outcome = outcome.map(|o| Outcome::parse(&o).ok_or_else(|| corrupt("unknown outcome", &o))).transpose()?;
    let channel: i64 = r.try_get("channel")?;
    let channel =
        u8::try_from(channel).ok().and_then(Channel::from_code).ok_or_else(|| corrupt("unknown channel", &channel))?;
    Ok(ReceiptRow {
        site_id: r.try_get("site_id")?,
        receipt: r.try_get("receipt")?,
        service_code: r.try_get("service_code")?,
        rating: r.try_get("rating")?,
        stage,
        due_date: r.try_get("due_date")?,
        reply: r.try_get("reply")?,
        closed_at: r.try_get("closed_at")?,
        rectified_at: r.try_get("rectified_at")?,
        outcome,
        transaction_no: r.try_get("transaction_no")?,
        evaluation_no: r.try_get("evaluation_no")?,
        channel,
    })
}
