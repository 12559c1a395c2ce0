//! Observation photos (`observation_photos`): uploaded first, attached when the observation
//! is stored.

use super::{Storage, StorageError, with_pool};

impl Storage {
    pub async fn insert_photo(
        &self,
        supervisor_id: i64,
        media_type: &str,
        data: &[u8],
        now: i64,
    ) -> Result<i64, StorageError> {
        let id = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO observation_photos (supervisor_id, media_type, data, created_at) VALUES ($1, $2, $3, $4)
                 RETURNING id",
            )
            .bind(supervisor_id)
            .bind(media_type)
            .bind(data)
            .bind(now)
            .fetch_one(pool)
            .await?
        });
        Ok(id)
    }

    /// A photo: (uploader, observation it is attached to, media type, bytes).
    pub async fn photo(&self, id: i64) -> Result<Option<(i64, Option<i64>, String, Vec<u8>)>, StorageError> {
        let row = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT supervisor_id, observation_id, media_type, data FROM observation_photos WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row)
    }

    pub async fn observation_photo_ids(&self, observation_id: i64) -> Result<Vec<i64>, StorageError> {
        let ids = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT id FROM observation_photos WHERE observation_id = $1 ORDER BY id")
                .bind(observation_id)
                .fetch_all(pool)
                .await?
        });
        Ok(ids)
    }
}
