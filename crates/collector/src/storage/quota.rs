use super::{Storage, StorageError, with_pool};

impl Storage {
    /// Reserves up to `block` open reviews of `site`'s allowance for `hour` (hours since the
    /// epoch), never past `ceiling` in all; returns how many were granted (0 when used up).
    pub async fn reserve_open_reviews(
        &self,
        site: &str,
        hour: i64,
        block: i64,
        ceiling: i64,
    ) -> Result<i64, StorageError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO open_review_quota (site_id, hour, reserved) VALUES ($1, $2, 0)
                 ON CONFLICT (site_id, hour) DO NOTHING",
            )
            .bind(site)
            .bind(hour)
            .execute(pool)
            .await?;
            // A whole block while one fits, then the rest one at a time: each UPDATE is
            // atomic, so collectors racing for the last reviews never pass the ceiling.
            for take in [block, 1] {
                let taken = sqlx::query(
                    "UPDATE open_review_quota SET reserved = reserved + $1
                     WHERE site_id = $2 AND hour = $3 AND reserved + $1 <= $4",
                )
                .bind(take)
                .bind(site)
                .bind(hour)
                .bind(ceiling)
                .execute(pool)
                .await?
                .rows_affected();
                if taken == 1 {
                    return Ok(take);
                }
            }
            Ok(0)
        })
    }

    /// Forgets the allowances of hours that have passed.
    pub async fn prune_open_review_quota(&self, before_hour: i64) -> Result<u64, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM open_review_quota WHERE hour < $1")
                .bind(before_hour)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n)
    }
}
