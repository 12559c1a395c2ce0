//! Appointed supervisors (`supervisors`): their terms and access codes.

use super::{Storage, StorageError, with_pool};

/// An appointed supervisor.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SupervisorRow {
    pub id: i64,
    pub site_id: String,
    pub name: String,
    pub affiliation: String,
    pub term_start: String,
    pub term_end: String,
    pub code_hash: String,
    pub active: bool,
}

impl SupervisorRow {
    /// Whether the code works on `today` (`YYYY-MM-DD`): not revoked, and within the term.
    pub fn serving_on(&self, today: &str) -> bool {
        self.active && self.term_start.as_str() <= today && today <= self.term_end.as_str()
    }
}

impl Storage {
    pub async fn insert_supervisor(
        &self,
        site_id: &str,
        name: &str,
        affiliation: &str,
        term: (&str, &str),
        now: i64,
    ) -> Result<i64, StorageError> {
        let id = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO supervisors (site_id, name, affiliation, term_start, term_end, code_hash, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, '', TRUE, $6) RETURNING id",
            )
            .bind(site_id)
            .bind(name)
            .bind(affiliation)
            .bind(term.0)
            .bind(term.1)
            .bind(now)
            .fetch_one(pool)
            .await?
        });
        Ok(id)
    }

    pub async fn set_supervisor_code(&self, id: i64, code_hash: &str) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE supervisors SET code_hash = $1 WHERE id = $2")
                .bind(code_hash)
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn supervisor(&self, id: i64) -> Result<Option<SupervisorRow>, StorageError> {
        let row = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, site_id, name, affiliation, term_start, term_end, code_hash, active FROM supervisors WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row)
    }

    pub async fn list_supervisors(&self, site_id: &str) -> Result<Vec<SupervisorRow>, StorageError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, site_id, name, affiliation, term_start, term_end, code_hash, active FROM supervisors
                 WHERE site_id = $1 ORDER BY id",
            )
            .bind(site_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows)
    }

    /// Revokes (or restores) a supervisor; `false` if there is no such supervisor.
    pub async fn set_supervisor_active(&self, id: i64, active: bool) -> Result<bool, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("UPDATE supervisors SET active = $1 WHERE id = $2")
                .bind(active)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    /// Moves the end of a supervisor's term (a renewed appointment).
    pub async fn set_supervisor_term_end(&self, id: i64, term_end: &str) -> Result<bool, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("UPDATE supervisors SET term_end = $1 WHERE id = $2")
                .bind(term_end)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }
}
