//! Folding PostgreSQL's count shards. Concurrent writers spread each count over
//! [`SHARDS`](super::tally::SHARDS) rows so that they do not queue on one row's lock; the
//! housekeeping then sums each period's shards into shard 0 and removes them, so that a
//! figure reads one row per service and period plus what was written since the last fold.
//! The current day, month and year are folded too: a department's figures over the
//! current year would otherwise read up to sixteen rows per service.
//!
//! Each period is folded in a transaction of its own that first locks the period's rows in
//! key order, the order in which every writer takes its rows' locks, and then deletes the
//! shards and adds their sums to shard 0, so a concurrent reader sees the counts either
//! before or after. The fold never wins a fight for a lock: it waits at most
//! [`LOCK_TIMEOUT`] for a writer (PostgreSQL looks for deadlocks only after a second), then
//! gives that period up until the next run, so a review is never refused or slowed by more
//! than that because of it. A writer that adds to a period after its rows were locked makes
//! a new shard row for the next fold. SQLite writes shard 0 only: there is nothing to fold.

use std::sync::LazyLock;

use sqlx::{PgPool, Row};

use super::{COLUMNS, Grain};
use crate::storage::{Storage, StorageError};

/// How long a fold waits for a row a writer holds before it leaves the period for later.
const LOCK_TIMEOUT: &str = "50ms";

/// What a fold did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Folded {
    /// Shard rows of `review_counts` summed into shard 0 and removed.
    pub count_rows: u64,
    /// Shard rows of `open_follow_up_counts` likewise.
    pub open_rows: u64,
    /// Periods left for the next fold because a writer held their rows.
    pub deferred: u64,
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
             SELECT site_id, service_code, $1, $2, 0, {sums} FROM moved
             GROUP BY site_id, service_code ORDER BY site_id, service_code
             ON CONFLICT (site_id, service_code, grain, period, shard) DO UPDATE SET {add}
         )
         SELECT COUNT(*) FROM moved",
        sums = sums.join(", "),
        add = add.join(", "),
    )
});

/// Moves one received day's shards of `open_follow_up_counts` into shard 0 (`$1` the day),
/// leaving out the sums that came to zero (an item opened on one shard and closed on
/// another).
const FOLD_OPEN: &str = "WITH moved AS (
         DELETE FROM open_follow_up_counts WHERE shard > 0 AND day = $1
         RETURNING site_id, service_code, due_date, n
     ), added AS (
         INSERT INTO open_follow_up_counts (site_id, service_code, due_date, day, shard, n)
         SELECT site_id, service_code, due_date, $1, 0, CAST(SUM(n) AS BIGINT) FROM moved
         GROUP BY site_id, service_code, due_date HAVING SUM(n) <> 0 ORDER BY site_id, service_code, due_date
         ON CONFLICT (site_id, service_code, due_date, day, shard) DO UPDATE SET n = open_follow_up_counts.n + excluded.n
     )
     SELECT COUNT(*) FROM moved";

/// One period of one table: how to find the next one with shards, lock its rows in the
/// writers' order, and fold it.
struct Table {
    next: &'static str,
    lock: &'static str,
    fold: &'static str,
    /// Run after the fold, in its transaction: shard-0 rows that came to zero.
    tidy: Option<&'static str>,
}

impl Table {
    fn counts() -> Table {
        Table {
            next: "SELECT period FROM review_counts WHERE shard > 0 AND grain = $2 AND period > $1
                   ORDER BY period LIMIT 1",
            lock: "SELECT 1 FROM review_counts WHERE grain = $1 AND period = $2
                   ORDER BY site_id, service_code, shard FOR UPDATE",
            fold: FOLD_COUNTS.as_str(),
            tidy: None,
        }
    }

    fn open() -> Table {
        Table {
            next: "SELECT day FROM open_follow_up_counts WHERE shard > 0 AND day > $1 ORDER BY day LIMIT 1",
            lock: "SELECT 1 FROM open_follow_up_counts WHERE day = $1
                   ORDER BY site_id, service_code, due_date, shard FOR UPDATE",
            fold: FOLD_OPEN,
            tidy: Some("DELETE FROM open_follow_up_counts WHERE day = $1 AND shard = 0 AND n = 0"),
        }
    }
}

impl Storage {
    /// Folds the shards of every period that has any. Run by the housekeeping, and by the
    /// generator after a load.
    pub async fn fold_count_shards(&self) -> Result<Folded, StorageError> {
        let Storage::Postgres(pool) = self else { return Ok(Folded::default()) };
        let mut folded = Folded::default();
        for grain in [Grain::Day, Grain::Month, Grain::Year] {
            let (rows, deferred) = fold_table(pool, &Table::counts(), Some(grain)).await?;
            folded.count_rows += rows;
            folded.deferred += deferred;
        }
        let (rows, deferred) = fold_table(pool, &Table::open(), None).await?;
        folded.open_rows += rows;
        folded.deferred += deferred;
        Ok(folded)
    }
}

/// Folds every period of `table` (of `grain`, for the counts) that has shards, in period
/// order; returns the shard rows folded and the periods deferred.
async fn fold_table(pool: &PgPool, table: &Table, grain: Option<Grain>) -> Result<(u64, u64), StorageError> {
    let (mut rows, mut deferred) = (0, 0);
    let mut after = String::new();
    loop {
        let mut next = sqlx::query_scalar::<_, String>(table.next).bind(&after);
        if let Some(grain) = grain {
            next = next.bind(grain.as_str());
        }
        let Some(period) = next.fetch_optional(pool).await? else { break };
        match fold_period(pool, table, grain, &period).await {
            Ok(moved) => rows += moved,
            Err(sqlx::Error::Database(e)) if matches!(e.code().as_deref(), Some("55P03" | "40P01")) => {
                tracing::debug!(period, "a writer held the counts of this period: folded next time");
                deferred += 1;
            }
            Err(e) => return Err(e.into()),
        }
        after = period;
    }
    Ok((rows, deferred))
}

/// One period folded in one transaction, its rows locked first in the writers' order.
async fn fold_period(pool: &PgPool, table: &Table, grain: Option<Grain>, period: &str) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))).execute(&mut *tx).await?;
    let bind = |sql: &'static str| {
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        match grain {
            Some(grain) => query.bind(grain.as_str()).bind(period.to_owned()),
            None => query.bind(period.to_owned()),
        }
    };
    bind(table.lock).execute(&mut *tx).await?;
    let moved: i64 = bind(table.fold).fetch_one(&mut *tx).await?.try_get(0)?;
    if let Some(tidy) = table.tidy {
        bind(tidy).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(moved.unsigned_abs())
}
