//! Contributions summed per count row, and written to the tables inside the caller's
//! transaction. A change sums what it takes away and what it adds before writing, so a
//! row it leaves as it was is not written at all; a group commit sums a whole batch, so a
//! row the batch shares (the site's day and month) is written once.

use std::collections::BTreeMap;

use super::{Contribution, FollowUpKey, OpenKey, RatingKey};

const ADD_RATING: &str = "INSERT INTO rating_counts
     (site_id, service_code, grain, period, rating, verified, system_default, excluded_as, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (site_id, service_code, grain, period, rating, verified, system_default, excluded_as)
     DO UPDATE SET n = rating_counts.n + excluded.n";
const ADD_FOLLOW_UP: &str = "INSERT INTO follow_up_counts
     (site_id, service_code, grain, period, named, called_back, confirmed, rectified, closed, closed_on_time,
      still_open, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (site_id, service_code, grain, period, named, called_back, confirmed, rectified, closed,
                  closed_on_time, still_open)
     DO UPDATE SET n = follow_up_counts.n + excluded.n";
const ADD_OPEN: &str = "INSERT INTO open_follow_up_counts (site_id, service_code, due_date, day, n)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (site_id, service_code, due_date, day) DO UPDATE SET n = open_follow_up_counts.n + excluded.n";

/// How much each count row moves. Sorted, so that every writer takes the rows' locks in
/// the same order.
#[derive(Debug, Default)]
pub struct Tallies {
    pub(super) rating: BTreeMap<RatingKey, i64>,
    pub(super) follow_up: BTreeMap<FollowUpKey, i64>,
    pub(super) open: BTreeMap<OpenKey, i64>,
}

impl Tallies {
    /// Adds `n` times a contribution to every row it counts in (`n = -1` takes it away).
    pub fn add(&mut self, c: &Contribution, n: i64) {
        for row in c.rows() {
            *self.rating.entry(row.rating).or_default() += n;
            if let Some(f) = row.follow_up {
                *self.follow_up.entry(f).or_default() += n;
            }
            if let Some(o) = row.open {
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
        self.rating.retain(|_, n| *n != 0);
        self.follow_up.retain(|_, n| *n != 0);
        self.open.retain(|_, n| *n != 0);
        self
    }

    /// Adds every row's sum to its count, inside the caller's transaction.
    pub async fn write<'c, DB>(self, tx: &mut sqlx::Transaction<'c, DB>) -> Result<(), sqlx::Error>
    where
        DB: sqlx::Database,
        for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
        for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
    {
        let this = self.without_zeros();
        for (r, n) in this.rating {
            sqlx::query::<DB>(ADD_RATING)
                .bind(r.site_id)
                .bind(r.service_code)
                .bind(r.grain.as_str())
                .bind(r.period)
                .bind(r.rating)
                .bind(r.verified)
                .bind(r.system_default)
                .bind(r.excluded_as)
                .bind(n)
                .execute(&mut **tx)
                .await?;
        }
        for (f, n) in this.follow_up {
            sqlx::query::<DB>(ADD_FOLLOW_UP)
                .bind(f.site_id)
                .bind(f.service_code)
                .bind(f.grain.as_str())
                .bind(f.period)
                .bind(f.named)
                .bind(f.called_back)
                .bind(f.confirmed)
                .bind(f.rectified)
                .bind(f.closed)
                .bind(f.closed_on_time)
                .bind(f.still_open)
                .bind(n)
                .execute(&mut **tx)
                .await?;
        }
        for (o, n) in this.open {
            sqlx::query::<DB>(ADD_OPEN)
                .bind(o.site_id)
                .bind(o.service_code)
                .bind(o.due_date)
                .bind(o.day)
                .bind(n)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}
