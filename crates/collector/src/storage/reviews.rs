use std::collections::HashSet;
use std::sync::LazyLock;

use mingjing_domain::follow_up::Stage;
use sqlx::SqlitePool;
use time::Date;

use super::counts::{Counted, Tallies, contribution};
use super::{Conflict, Storage, StorageError, with_pool};

/// A validated review ready to be written.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub receipt: String,
    pub site_id: String,
    pub service_code: String,
    pub rating: i64,
    pub dimensions_json: String,
    pub reasons_json: String,
    pub comment: Option<String>,
    pub channel: i64,
    pub verified: bool,
    pub idempotency_key: String,
    pub created_at: i64,
    /// Set for a verified review: the transaction and evaluation number its token binds.
    pub transaction: Option<(String, i64)>,
    /// The call-back contact, sealed (see `seal.rs`), and the phone as staff see it.
    pub contact_sealed: Option<String>,
    pub contact_phone_masked: Option<String>,
    /// For a poor review, the day its follow-up is due; the follow-up starts at
    /// [`Stage::New`]. `None` for a review that is not followed up.
    pub follow_up_due: Option<Date>,
}

/// The receipt of a stored review, and whether this call created it or found it there
/// from an earlier try with the same idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReceipt {
    pub receipt: String,
    pub created: bool,
}

const REVIEW_COLUMNS: &str = "receipt, site_id, service_code, rating, dimensions, reasons, comment, channel, verified,
     idempotency_key, created_at, transaction_no, evaluation_no, contact_sealed, contact_phone_masked, stage, due_date";
/// The parameters [`bind_review!`] binds for one review.
const PARAMS_PER_REVIEW: usize = 17;

/// Reviews per `INSERT` in a group commit: one statement, and one trip to SQLite's worker
/// thread, stores this many, where a trip per review cost more than the insert itself.
const REVIEWS_PER_INSERT: usize = 64;

/// `INSERT` of `rows` reviews, each left out if its (site, idempotency key) is stored
/// already, returning the receipts it stored.
fn insert_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let marks: Vec<String> =
                (1..=PARAMS_PER_REVIEW).map(|i| format!("${}", row * PARAMS_PER_REVIEW + i)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO reviews ({REVIEW_COLUMNS}) VALUES {}
         ON CONFLICT (site_id, idempotency_key) DO NOTHING RETURNING receipt",
        values.join(", ")
    )
}

static INSERT_REVIEW: LazyLock<String> = LazyLock::new(|| insert_sql(1));

const EXISTING_RECEIPT: &str = "SELECT receipt FROM reviews WHERE site_id = $1 AND idempotency_key = $2";

/// Binds a review's values to [`INSERT_REVIEW`]'s parameters, in order.
macro_rules! bind_review {
    ($query:expr, $r:expr) => {{
        let r: &NewReview = $r;
        $query
            .bind(&r.receipt)
            .bind(&r.site_id)
            .bind(&r.service_code)
            .bind(r.rating)
            .bind(&r.dimensions_json)
            .bind(&r.reasons_json)
            .bind(&r.comment)
            .bind(r.channel)
            .bind(r.verified)
            .bind(&r.idempotency_key)
            .bind(r.created_at)
            .bind(r.transaction.as_ref().map(|(t, _)| t.as_str()))
            .bind(r.transaction.as_ref().map(|(_, e)| *e))
            .bind(&r.contact_sealed)
            .bind(&r.contact_phone_masked)
            .bind(r.follow_up_due.map(|_| Stage::New.as_str()))
            .bind(r.follow_up_due.map(mingjing_domain::iso_date::format))
    }};
}

impl Storage {
    /// Stores a review once per (site, idempotency key). A retry of the same review gets the
    /// first receipt back and writes nothing.
    pub async fn insert_review(&self, r: &NewReview) -> Result<StoredReceipt, StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let created: Option<String> =
                bind_review!(sqlx::query_scalar(sqlx::AssertSqlSafe(INSERT_REVIEW.as_str())), r)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(already_reviewed)?;
            if let Some(receipt) = created {
                let mut counts = Tallies::default();
                counts.add(&contribution(&Counted::of_new(r)), 1);
                counts.write(&mut tx, self.count_shard()).await?;
                tx.commit().await?;
                return Ok(StoredReceipt { receipt, created: true });
            }
            drop(tx);
            let receipt: String =
                sqlx::query_scalar(EXISTING_RECEIPT).bind(&r.site_id).bind(&r.idempotency_key).fetch_one(pool).await?;
            Ok(StoredReceipt { receipt, created: false })
        })
    }

    /// Stores several reviews in one SQLite transaction, so that one `fsync` makes all of
    /// them durable (group commit; see `review_writer.rs`). Each review gets its own
    /// outcome, as [`Self::insert_review`] would give it; the outer error means the commit
    /// failed and none of them is stored. Reviews are inserted [`REVIEWS_PER_INSERT`] to a
    /// statement; a statement that fails (a second review of one evaluation, say) stores
    /// none of its rows, and those are then inserted one by one: in SQLite a failed
    /// statement does not abort the transaction, so one bad review does not cost the
    /// others. The counts of the whole batch are summed and written once, so the rows its
    /// reviews share are written once.
    pub async fn insert_reviews_together(
        pool: &SqlitePool,
        reviews: &[NewReview],
    ) -> Result<Vec<Result<StoredReceipt, StorageError>>, StorageError> {
        let mut tx = pool.begin().await?;
        let mut outcomes = Vec::with_capacity(reviews.len());
        let mut counts = Tallies::default();
        for chunk in reviews.chunks(REVIEWS_PER_INSERT) {
            let sql = insert_sql(chunk.len());
            let mut insert = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.as_str()));
            for r in chunk {
                insert = bind_review!(insert, r);
            }
            let stored: Option<HashSet<String>> =
                insert.fetch_all(&mut *tx).await.ok().map(|receipts| receipts.into_iter().collect());
            for r in chunk {
                let outcome = match &stored {
                    Some(stored) if stored.contains(&r.receipt) => {
                        counts.add(&contribution(&Counted::of_new(r)), 1);
                        Ok(StoredReceipt { receipt: r.receipt.clone(), created: true })
                    }
                    // Stored before, or earlier in this batch: the first receipt.
                    Some(_) => existing_receipt(&mut tx, r).await,
                    None => insert_one(&mut tx, r, &mut counts).await,
                };
                outcomes.push(outcome);
            }
        }
        // SQLite's one writer needs no shards.
        counts.write(&mut tx, 0).await?;
        tx.commit().await?;
        Ok(outcomes)
    }

    /// How many reviews a site holds, for operators and for tests that prove nothing was
    /// written by a refused request.
    pub async fn review_count(&self, site_id: &str) -> Result<i64, StorageError> {
        let n: i64 = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM reviews WHERE site_id = $1").bind(site_id).fetch_one(pool).await?
        });
        Ok(n)
    }
}

/// One review of a group commit on its own, as [`Storage::insert_review`] would store it.
async fn insert_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    r: &NewReview,
    counts: &mut Tallies,
) -> Result<StoredReceipt, StorageError> {
    let created = bind_review!(sqlx::query_scalar(sqlx::AssertSqlSafe(INSERT_REVIEW.as_str())), r)
        .fetch_optional(&mut **tx)
        .await
        .map_err(already_reviewed)?;
    match created {
        Some(receipt) => {
            counts.add(&contribution(&Counted::of_new(r)), 1);
            Ok(StoredReceipt { receipt, created: true })
        }
        None => existing_receipt(tx, r).await,
    }
}

/// The receipt of the review first stored under `r`'s idempotency key.
async fn existing_receipt(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    r: &NewReview,
) -> Result<StoredReceipt, StorageError> {
    let receipt: String =
        sqlx::query_scalar(EXISTING_RECEIPT).bind(&r.site_id).bind(&r.idempotency_key).fetch_one(&mut **tx).await?;
    Ok(StoredReceipt { receipt, created: false })
}

/// A second review of the same (transaction, evaluation number) breaks the unique index.
fn already_reviewed(e: sqlx::Error) -> StorageError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        return StorageError::Conflict(Conflict::AlreadyReviewed);
    }
    e.into()
}
