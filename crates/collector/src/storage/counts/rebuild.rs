//! The counts recomputed from every review: to compare with what the changes kept
//! (`mingjing stats check`), to replace it (`mingjing stats rebuild`), and to build it on
//! the first start after its definition changes.

use sqlx::Row;

use super::tally::Tallies;
use super::{COLUMNS, COUNTED_COLUMNS, CountKey, Counted, Counters, Grain, OpenKey, contribution, counted_row};
use crate::china_time::now_millis;
use crate::storage::{Storage, StorageError, with_pool};

/// The version of the counts' definition. Raising it rebuilds them on the next start.
/// 2: one row per service and day or month, with the open items by due date.
/// 3: and one per service and year.
const COUNTS_VERSION: i64 = 3;

/// Every count, summed per key and without the keys that came to zero: what the tables
/// hold, in a form two ways of counting can be compared in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountsSnapshot {
    pub counts: Vec<(CountKey, Counters)>,
    pub open: Vec<(OpenKey, i64)>,
}

impl Tallies {
    fn snapshot(self) -> CountsSnapshot {
        let t = self.without_zeros();
        CountsSnapshot { counts: t.counts.into_iter().collect(), open: t.open.into_iter().collect() }
    }
}

/// Reviews read at a time when counting from scratch.
const REBUILD_BATCH: i64 = 5_000;

impl Storage {
    /// The counts recomputed from every review, without writing them.
    pub async fn recount(&self) -> Result<CountsSnapshot, StorageError> {
        let mut tallies = Tallies::default();
        let mut after = 0;
        loop {
            let sql = format!("SELECT {COUNTED_COLUMNS} FROM reviews WHERE id > $1 ORDER BY id LIMIT $2");
            let batch: Vec<(i64, Counted)> = with_pool!(self, |pool| {
                let rows =
                    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(REBUILD_BATCH).fetch_all(pool).await?;
                rows.iter()
                    .map(|r| Ok((r.try_get::<i64, _>("id")?, counted_row(r)?)))
                    .collect::<Result<Vec<_>, StorageError>>()?
            });
            let full = batch.len() as i64 == REBUILD_BATCH;
            after = batch.last().map_or(after, |(id, _)| *id);
            for (_, counted) in &batch {
                tallies.add(&contribution(counted), 1);
            }
            if !full {
                return Ok(tallies.snapshot());
            }
        }
    }

    /// What the count tables hold now.
    pub async fn counts(&self) -> Result<CountsSnapshot, StorageError> {
        let mut tallies = Tallies::default();
        let sql = format!("SELECT site_id, service_code, grain, period, {} FROM review_counts", COLUMNS.join(", "));
        with_pool!(self, |pool| {
            for r in &sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await? {
                let grain: String = r.try_get("grain")?;
                let key = CountKey {
                    site_id: r.try_get("site_id")?,
                    service_code: r.try_get("service_code")?,
                    grain: Grain::parse(&grain)
                        .ok_or_else(|| StorageError::Corrupt(format!("a count of grain {grain:?}")))?,
                    period: r.try_get("period")?,
                };
                let mut counters = Counters::default();
                for (i, n) in counters.0.iter_mut().enumerate() {
                    *n = r.try_get(4 + i)?;
                }
                tallies.counts.entry(key).or_default().add(&counters, 1);
            }
            let rows = sqlx::query("SELECT site_id, service_code, due_date, day, n FROM open_follow_up_counts")
                .fetch_all(pool)
                .await?;
            for r in &rows {
                let key = OpenKey {
                    site_id: r.try_get("site_id")?,
                    service_code: r.try_get("service_code")?,
                    due_date: r.try_get("due_date")?,
                    day: r.try_get("day")?,
                };
                *tallies.open.entry(key).or_default() += r.try_get::<i64, _>("n")?;
            }
        });
        Ok(tallies.snapshot())
    }

    /// Replaces every count with one recomputed from the reviews, in one transaction that
    /// holds off other writers meanwhile (`mingjing stats rebuild`, and the first start
    /// after the counts' definition changes). Returns how many reviews were counted.
    pub async fn rebuild_counts(&self) -> Result<u64, StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            if matches!(self, Storage::Postgres(_)) {
                sqlx::query("LOCK TABLE reviews, review_counts, open_follow_up_counts IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
            }
            for table in ["review_counts", "open_follow_up_counts", "counts_state"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *tx).await?;
            }
            let mut tallies = Tallies::default();
            let (mut after, mut counted) = (0i64, 0u64);
            loop {
                let sql = format!("SELECT {COUNTED_COLUMNS} FROM reviews WHERE id > $1 ORDER BY id LIMIT $2");
                let rows =
                    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(REBUILD_BATCH).fetch_all(&mut *tx).await?;
                for r in &rows {
                    after = r.try_get("id")?;
                    tallies.add(&contribution(&counted_row(r)?), 1);
                    counted += 1;
                }
                if (rows.len() as i64) < REBUILD_BATCH {
                    break;
                }
            }
            tallies.write(&mut tx, 0).await?;
            sqlx::query("INSERT INTO counts_state (version, built_at) VALUES ($1, $2)")
                .bind(COUNTS_VERSION)
                .bind(now_millis())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(counted)
        })
    }

    /// Builds the counts if this database has never had them at this version: the first
    /// start after the migration that made them, or after their definition changed.
    pub async fn ensure_counts(&self) -> Result<(), StorageError> {
        let built: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT version FROM counts_state WHERE version = $1")
                .bind(COUNTS_VERSION)
                .fetch_optional(pool)
                .await?
        });
        if built.is_none() {
            let n = self.rebuild_counts().await?;
            tracing::info!(reviews = n, "built the published figures' counts from the reviews");
        }
        Ok(())
    }
}
