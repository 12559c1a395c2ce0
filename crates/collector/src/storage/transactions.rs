use super::{Conflict, Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// A registered transaction, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransaction {
    pub site_id: String,
    pub transaction_no: String,
    pub service_code: String,
    pub accepted_at: i64,
    pub completed_at: i64,
    pub promised_amount: Option<i64>,
    pub promised_unit: Option<String>,
    pub overdue_reason: Option<String>,
    pub channel: i64,
}

impl Storage {
    /// Registers a transaction. Registering the same one again with the same facts is fine
    /// (the back office may retry); with different facts it is a conflict.
    pub async fn register_transaction(&self, t: &NewTransaction) -> Result<bool, StorageError> {
        with_pool!(self, |pool| {
            let inserted = sqlx::query(
                "INSERT INTO transactions (site_id, transaction_no, service_code, accepted_at, completed_at,
                     promised_amount, promised_unit, overdue_reason, channel, registered_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (site_id, transaction_no) DO NOTHING",
            )
            .bind(&t.site_id)
            .bind(&t.transaction_no)
            .bind(&t.service_code)
            .bind(t.accepted_at)
            .bind(t.completed_at)
            .bind(t.promised_amount)
            .bind(&t.promised_unit)
            .bind(&t.overdue_reason)
            .bind(t.channel)
            .bind(now_millis())
            .execute(pool)
            .await?
            .rows_affected();
            if inserted == 1 {
                return Ok(true);
            }
            let existing: Option<(String, i64, i64)> = sqlx::query_as(
                "SELECT service_code, accepted_at, completed_at FROM transactions WHERE site_id = $1 AND transaction_no = $2",
            )
            .bind(&t.site_id)
            .bind(&t.transaction_no)
            .fetch_optional(pool)
            .await?;
            match existing {
                Some((service, accepted, completed))
                    if service == t.service_code && accepted == t.accepted_at && completed == t.completed_at =>
                {
                    Ok(false)
                }
                _ => Err(StorageError::Conflict(Conflict::TransactionDiffers)),
            }
        })
    }
}

type CaseRow = (i64, i64, Option<i64>, Option<String>, Option<String>);

/// A completed transaction as the lookup's "how long it really takes" needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedCase {
    pub accepted_at: i64,
    pub completed_at: i64,
    pub promised_amount: Option<i64>,
    pub promised_unit: Option<String>,
    pub overdue_reason: Option<String>,
}

impl Storage {
    /// The most recent completed transactions of a service, across every site, newest first.
    pub async fn completed_cases(&self, service_code: &str, limit: i64) -> Result<Vec<CompletedCase>, StorageError> {
        let rows: Vec<CaseRow> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT accepted_at, completed_at, promised_amount, promised_unit, overdue_reason
                 FROM transactions WHERE service_code = $1 ORDER BY completed_at DESC LIMIT $2",
            )
            .bind(service_code)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(accepted_at, completed_at, promised_amount, promised_unit, overdue_reason)| CompletedCase {
                accepted_at,
                completed_at,
                promised_amount,
                promised_unit,
                overdue_reason,
            })
            .collect())
    }
}
