use super::{Storage, StorageError, with_pool};

/// A registered transaction that nobody has rated yet.
#[derive(Debug, Clone)]
pub struct UnratedTransaction {
    pub transaction_no: String,
    pub service_code: String,
    pub completed_at: i64,
    pub channel: i64,
}

impl Storage {
    /// Transactions of a site completed before `completed_before` (ms) with no first rating.
    pub async fn unrated_transactions(
        &self,
        site_id: &str,
        completed_before: i64,
    ) -> Result<Vec<UnratedTransaction>, StorageError> {
        let rows: Vec<(String, String, i64, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT t.transaction_no, t.service_code, t.completed_at, t.channel
                 FROM transactions t
                 LEFT JOIN reviews r
                   ON r.site_id = t.site_id AND r.transaction_no = t.transaction_no AND r.evaluation_no = 1
                 WHERE t.site_id = $1 AND t.completed_at < $2 AND r.id IS NULL
                 ORDER BY t.completed_at
                 LIMIT 5000",
            )
            .bind(site_id)
            .bind(completed_before)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(transaction_no, service_code, completed_at, channel)| UnratedTransaction {
                transaction_no,
                service_code,
                completed_at,
                channel,
            })
            .collect())
    }
}
