//! Folding PostgreSQL's count shards. Concurrent writers spread each count over
//! [`SHARDS`](super::tally::SHARDS) rows so that they do not queue on one row's lock; once
//! a day or a month has closed, few writes reach it, so its shards are summed into shard 0
//! and removed. A figure over past periods then reads one row per service and period.
//!
//! Each period is folded by one statement that deletes its shards and adds their sums to
//! shard 0, so a concurrent reader sees the counts either before or after, and a writer
//! that still adds to a folded period (a late follow-up step) either waits for the fold or
//! makes a new shard row for the next fold. SQLite writes shard 0 only: there is nothing to
//! fold.

use std::sync::LazyLock;

use sqlx::PgPool;

use super::{COLUMNS, Grain};
use crate::storage::{Storage, StorageError};

/// The rows a fold removed from the shards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Folded {
    pub count_rows: u64,
    pub open_rows: u64,
}

/// Moves one period's shards of `review_counts` into shard 0: `$1` the grain, `$2` the
/// period.
static FOLD_COUNTS: LazyLock<String> = LazyLock::new(|| {
    let columns = COLUMNS.join(", ");
    let sums: Vec<String> = COLUMNS.iter().map(|c| format!("CAST(SUM({c}) AS BIGINT)")).collect();
    let add: Vec<String> = COLUMNS.iter().map(|c| format!("{c} = review_counts.{c} + excluded.{c}")).collect();
    format!(
        "WITH moved AS (
             DELETE FROM review_counts WHERE shard > 0 AND grain = $1 AND period = $2
             RETURNING site_id, service_code, {columns}
         ), added AS (
             INSERT INTO review_counts (site_id, service_code, grain, period, shard, {columns})
             SELECT site_id, service_code, $1, $2, 0, {sums} FROM moved GROUP BY site_id, service_code
             ON CONFLICT (site_id, service_code, grain, period, shard) DO UPDATE SET {add}
         )
         SELECT COUNT(*) FROM moved",
        sums = sums.join(", "),
        add = add.join(", "),
    )
});

/// Moves one received day's shards of `open_follow_up_counts` into shard 0 (`$1` the day),
/// leaving out the sums that came to zero (an item opened on one shard and closed on
/// another), and removes the shard-0 rows of that day that came to zero.
const FOLD_OPEN: &str = "WITH moved AS (
         DELETE FROM open_follow_up_counts WHERE shard > 0 AND day = $1
         RETURNING site_id, service_code, due_date, n
     ), added AS (
         INSERT INTO open_follow_up_counts (site_id, service_code, due_date, day, shard, n)
         SELECT site_id, service_code, due_date, $1, 0, CAST(SUM(n) AS BIGINT) FROM moved
         GROUP BY site_id, service_code, due_date HAVING SUM(n) <> 0
         ON CONFLICT (site_id, service_code, due_date, day, shard) DO UPDATE SET n = open_follow_up_counts.n + excluded.n
     )
     SELECT COUNT(*) FROM moved";

impl Storage {
    /// Folds the shards of every day before `today` and every month before today's
    /// (`today` is the China date, `YYYY-MM-DD`). Run by the housekeeping, and by the
    /// generator after a load.
    pub async fn fold_count_shards(&self, today: &str) -> Result<Folded, StorageError> {
        let Storage::Postgres(pool) = self else { return Ok(Folded::default()) };
        let this_month = today.get(..7).ok_or_else(|| StorageError::Corrupt(format!("a day of {today:?}")))?;
        let mut folded = Folded::default();
        for (grain, before) in [(Grain::Day, today), (Grain::Month, this_month)] {
            let mut after = String::new();
            while let Some(period) = next_to_fold(
                pool,
                "SELECT period FROM review_counts WHERE shard > 0 AND grain = $3 AND period > $1 AND period < $2
                 ORDER BY period LIMIT 1",
                &after,
                before,
                Some(grain),
            )
            .await?
            {
                let moved: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(FOLD_COUNTS.as_str()))
                    .bind(grain.as_str())
                    .bind(&period)
                    .fetch_one(pool)
                    .await?;
                folded.count_rows += moved.unsigned_abs();
                after = period;
            }
        }
        let mut after = String::new();
        while let Some(day) = next_to_fold(
            pool,
            "SELECT day FROM open_follow_up_counts WHERE shard > 0 AND day > $1 AND day < $2 ORDER BY day LIMIT 1",
            &after,
            today,
            None,
        )
        .await?
        {
            let moved: i64 = sqlx::query_scalar(FOLD_OPEN).bind(&day).fetch_one(pool).await?;
            sqlx::query("DELETE FROM open_follow_up_counts WHERE day = $1 AND shard = 0 AND n = 0")
                .bind(&day)
                .execute(pool)
                .await?;
            folded.open_rows += moved.unsigned_abs();
            after = day;
        }
        Ok(folded)
    }
}

/// The first period after `after` and before `before` that still has shards, found in the
/// partial indexes of migration 0013.
async fn next_to_fold(
    pool: &PgPool,
    sql: &'static str,
    after: &str,
    before: &str,
    grain: Option<Grain>,
) -> Result<Option<String>, sqlx::Error> {
    let mut query = sqlx::query_scalar(sql).bind(after).bind(before);
    if let Some(grain) = grain {
        query = query.bind(grain.as_str());
    }
    query.fetch_optional(pool).await
}
