//! Requests to exclude a review from the figures (申诉复核) and their decisions. A request
//! and its history entry are written together, and so are an approval, the review's
//! `excluded_as` and its entry; nothing is ever deleted.

use mingjing_domain::exclusion::ExclusionCategory;

use super::counts::{Tallies, contribution, counted_in};
use super::follow_up::insert_event;
use super::{Conflict, EventRow, Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// A request that stands on a review: waiting (`approved` is `None`) or approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusionRow {
    pub id: i64,
    pub category: ExclusionCategory,
    pub reason: String,
    pub requested_by: i64,
    pub approved: Option<bool>,
}

fn unique_is_standing(e: sqlx::Error) -> StorageError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        return StorageError::Conflict(Conflict::ExclusionStanding);
    }
    e.into()
}

impl Storage {
    /// The request standing on a review, if any.
    pub async fn standing_exclusion(&self, review_id: i64) -> Result<Option<ExclusionRow>, StorageError> {
        let row: Option<(i64, String, String, i64, Option<bool>)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, category, reason, requested_by, approved FROM review_exclusions
                 WHERE review_id = $1 AND (approved IS NULL OR approved)",
            )
            .bind(review_id)
            .fetch_optional(pool)
            .await?
        });
        row.map(|(id, category, reason, requested_by, approved)| {
            let category = ExclusionCategory::parse(&category)
                .ok_or_else(|| StorageError::Corrupt(format!("exclusion {id}: unknown category {category:?}")))?;
            Ok(ExclusionRow { id, category, reason, requested_by, approved })
        })
        .transpose()
    }

    /// Records a request by staff member `requested_by` with its history entry. If one
    /// already stands, nothing is written and the answer is a conflict.
    pub async fn request_exclusion(
        &self,
        review_id: i64,
        category: ExclusionCategory,
        reason: &str,
        requested_by: i64,
        event: &EventRow,
    ) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO review_exclusions (review_id, category, reason, requested_by, requested_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(review_id)
            .bind(category.as_str())
            .bind(reason)
            .bind(requested_by)
            .bind(now_millis())
            .execute(&mut *tx)
            .await
            .map_err(unique_is_standing)?;
            insert_event(&mut tx, review_id, event).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Decides the waiting request `exclusion`: approving it takes the review out of the
    /// figures under its category. If it was decided meanwhile, nothing is written.
    pub async fn decide_exclusion(
        &self,
        review_id: i64,
        exclusion: &ExclusionRow,
        decided_by: i64,
        approve: bool,
        event: &EventRow,
    ) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let decided = sqlx::query(
                "UPDATE review_exclusions SET approved = $1, decided_by = $2, decided_at = $3
                 WHERE id = $4 AND review_id = $5 AND approved IS NULL",
            )
            .bind(approve)
            .bind(decided_by)
            .bind(now_millis())
            .bind(exclusion.id)
            .bind(review_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if decided != 1 {
                return Err(StorageError::Conflict(Conflict::ExclusionDecided));
            }
            if approve {
                let before = contribution(&counted_in(&mut tx, review_id).await?);
                sqlx::query("UPDATE reviews SET excluded_as = $1 WHERE id = $2")
                    .bind(exclusion.category.as_str())
                    .bind(review_id)
                    .execute(&mut *tx)
                    .await?;
                let after = contribution(&counted_in(&mut tx, review_id).await?);
                Tallies::moved(&before, &after).write(&mut tx, self.count_shard()).await?;
            }
            insert_event(&mut tx, review_id, event).await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
