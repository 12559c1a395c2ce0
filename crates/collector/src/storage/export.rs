use super::{Storage, StorageError, with_pool};

/// One review as staff export it.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub receipt: String,
    pub created_at: i64,
    pub service_code: String,
    pub rating: i64,
    pub channel: i64,
    pub verified: bool,
    pub reasons_json: String,
    pub comment: Option<String>,
    pub stage: Option<String>,
    pub due_date: Option<String>,
    pub closed_at: Option<i64>,
    pub contact_sealed: Option<String>,
}

type Row = (
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
    /// Every review of a site, oldest first.
    pub async fn export_reviews(&self, site_id: &str) -> Result<Vec<ExportRow>, StorageError> {
        let rows: Vec<Row> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT receipt, created_at, service_code, rating, channel, verified, reasons, comment, stage, due_date,
                        closed_at, contact_sealed
                 FROM reviews WHERE site_id = $1 ORDER BY created_at, id",
            )
            .bind(site_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|r| ExportRow {
                receipt: r.0,
                created_at: r.1,
                service_code: r.2,
                rating: r.3,
                channel: r.4,
                verified: r.5,
                reasons_json: r.6,
                comment: r.7,
                stage: r.8,
                due_date: r.9,
                closed_at: r.10,
                contact_sealed: r.11,
            })
            .collect())
    }
}
