//! Contributions summed per count row, and written to the tables inside the caller's
//! transaction. A change sums what it takes away and what it adds before writing, so a
//! row it leaves as it was is not written at all; a group commit sums a whole batch, so a
//! row the batch shares (the site's day and month) is written once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{COLUMNS, Contribution, CountKey, Counters, OpenKey};

/// Count rows per statement: one trip to the database adds to this many, which matters
/// on PostgreSQL (one round trip per review instead of four) and in a group commit.
const ROWS_PER_STATEMENT: usize = 32;

/// `($n, …)` for each of `rows` rows of `width` parameters.
fn values(rows: usize, width: usize) -> String {
    let row = |r: usize| {
        let marks: Vec<String> = (1..=width).map(|i| format!("${}", r * width + i)).collect();
        format!("({})", marks.join(", "))
    };
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// `INSERT … ON CONFLICT DO UPDATE` adding to every column of `rows` count rows, which
/// must all have different keys.
fn add_counts_sql(rows: usize) -> String {
    let sums: Vec<String> = COLUMNS.iter().map(|c| format!("{c} = review_counts.{c} + excluded.{c}")).collect();
    format!(
        "INSERT INTO review_counts (site_id, service_code, grain, period, shard, {columns}) VALUES {values}
         ON CONFLICT (site_id, service_code, grain, period, shard) DO UPDATE SET {sums}",
        columns = COLUMNS.join(", "),
        values = values(rows, 5 + COLUMNS.len()),
        sums = sums.join(", "),
    )
}

fn add_open_sql(rows: usize) -> String {
    format!(
        "INSERT INTO open_follow_up_counts (site_id, service_code, due_date, day, shard, n) VALUES {}
         ON CONFLICT (site_id, service_code, due_date, day, shard) DO UPDATE SET n = open_follow_up_counts.n + excluded.n",
        values(rows, 6)
    )
}

/// How many rows PostgreSQL's concurrent writers spread each count over.
pub const SHARDS: u64 = 16;

/// The shard a PostgreSQL transaction writes its counts to: each in turn, so that
/// concurrent reviews of one site and day wait on different rows' locks rather than
/// queueing on one. Which shard holds a count does not matter, since every figure sums
/// them all; SQLite, with one writer, always writes shard 0.
pub fn next_shard() -> i64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    i64::try_from(NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS).unwrap_or(0)
}

/// How much each count row moves. Sorted, so that every writer takes the rows' locks in
/// the same order.
#[derive(Debug, Default)]
pub struct Tallies {
    pub(super) counts: BTreeMap<CountKey, Counters>,
    pub(super) open: BTreeMap<OpenKey, i64>,
}

impl Tallies {
    /// Adds `n` times a contribution to every row it counts in (`n = -1` takes it away).
    pub fn add(&mut self, c: &Contribution, n: i64) {
        for (key, open) in c.rows() {
            self.counts.entry(key).or_default().add(&c.counters, n);
            if let Some(o) = open {
                *self.open.entry(o).or_default() += n;
            }
        }
    }

    /// The change from one contribution to another.
    pub fn moved(before: &Contribution, after: &Contribution) -> Tallies {
        let mut change = Tallies::default();
        change.add(before, -1);
        change.add(after, 1);
        change
    }

    /// Drops the rows that came to zero.
    pub(super) fn without_zeros(mut self) -> Tallies {
        self.counts.retain(|_, c| !c.is_zero());
        self.open.retain(|_, n| *n != 0);
        self
    }

    /// Adds every row's sums to its counts in `shard`, inside the caller's transaction.
    pub async fn write<'c, DB>(self, tx: &mut sqlx::Transaction<'c, DB>, shard: i64) -> Result<(), sqlx::Error>
    where
        DB: sqlx::Database,
        for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
        for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
    {
        let this = self.without_zeros();
        let counts: Vec<(CountKey, Counters)> = this.counts.into_iter().collect();
        for chunk in counts.chunks(ROWS_PER_STATEMENT) {
            let sql = add_counts_sql(chunk.len());
            let mut query = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql.as_str()));
            for (key, counters) in chunk {
                query = query
                    .bind(key.site_id.clone())
                    .bind(key.service_code.clone())
                    .bind(key.grain.as_str())
                    .bind(key.period.clone())
                    .bind(shard);
                for n in counters.0 {
                    query = query.bind(n);
                }
            }
            query.execute(&mut **tx).await?;
        }
        let open: Vec<(OpenKey, i64)> = this.open.into_iter().collect();
        for chunk in open.chunks(ROWS_PER_STATEMENT) {
            let sql = add_open_sql(chunk.len());
            let mut query = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql.as_str()));
            for (o, n) in chunk {
                query = query
                    .bind(o.site_id.clone())
                    .bind(o.service_code.clone())
                    .bind(o.due_date.clone())
                    .bind(o.day.clone())
                    .bind(shard)
                    .bind(*n);
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}
