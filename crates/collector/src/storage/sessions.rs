//! Sign-in sessions for staff and supervisors, and the counts that lock out guessing.

use mingjing_domain::site::SiteId;

use super::{Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// Who a session belongs to, as the `sessions.role` column spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Staff,
    Supervisor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Supervisor => "supervisor",
        }
    }

    fn decode(stored: &str) -> Result<Self, StorageError> {
        match stored {
            "staff" => Ok(Role::Staff),
            "supervisor" => Ok(Role::Supervisor),
            other => Err(StorageError::Corrupt(format!("session role {other:?}"))),
        }
    }
}

/// Who a valid session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub role: Role,
    pub principal_id: i64,
    pub site_id: SiteId,
    pub expires_at: i64,
}

impl Storage {
    pub async fn insert_session(&self, token_hash: &str, s: &SessionRecord) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, role, principal_id, site_id, expires_at, created_at, last_seen_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(token_hash)
            .bind(s.role.as_str())
            .bind(s.principal_id)
            .bind(s.site_id.as_str())
            .bind(s.expires_at)
            .bind(now_millis())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The session a token hash names, if it has neither expired nor been idle for `idle_ms`.
    pub async fn session(&self, token_hash: &str, idle_ms: i64) -> Result<Option<SessionRecord>, StorageError> {
        let now = now_millis();
        let row: Option<(String, i64, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT role, principal_id, site_id, expires_at FROM sessions
                 WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3",
            )
            .bind(token_hash)
            .bind(now)
            .bind(now - idle_ms)
            .fetch_optional(pool)
            .await?
        });
        let Some((role, principal_id, site_id, expires_at)) = row else { return Ok(None) };
        let site_id = SiteId::parse(&site_id).map_err(|e| StorageError::Corrupt(format!("session site: {e}")))?;
        Ok(Some(SessionRecord { role: Role::decode(&role)?, principal_id, site_id, expires_at }))
    }

    /// Ends the `role` session a token hash names (signing out). Returns whether there was
    /// one: an unknown, expired or already ended token is not an error.
    pub async fn delete_session(&self, token_hash: &str, role: Role) -> Result<bool, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1 AND role = $2")
                .bind(token_hash)
                .bind(role.as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    /// Counts one sign-in attempt under `key`, atomically: the count starts afresh when the
    /// last window has run out, and the attempt that reaches `limit` holds the window open
    /// for `window_ms` from now. Returns the count including this attempt and the window's
    /// end (ms); a count over `limit` means refuse.
    pub async fn count_sign_in_attempt(
        &self,
        key: &str,
        limit: i64,
        window_ms: i64,
        now: i64,
    ) -> Result<(i64, i64), StorageError> {
        let row: (i64, i64) = with_pool!(self, |pool| {
            sqlx::query_as(
                "INSERT INTO sign_in_failures (attempt_key, failures, locked_until, updated_at)
                 VALUES ($1, 1, $2 + $3, $2)
                 ON CONFLICT (attempt_key) DO UPDATE SET
                   failures = CASE WHEN sign_in_failures.locked_until <= $2 THEN 1
                                   ELSE sign_in_failures.failures + 1 END,
                   locked_until = CASE WHEN sign_in_failures.locked_until <= $2 THEN $2 + $3
                                       WHEN sign_in_failures.failures + 1 = $4 THEN $2 + $3
                                       ELSE sign_in_failures.locked_until END,
                   updated_at = $2
                 RETURNING failures, locked_until",
            )
            .bind(key)
            .bind(now)
            .bind(window_ms)
            .bind(limit)
            .fetch_one(pool)
            .await?
        });
        Ok(row)
    }

    /// How many sign-in attempt counts are kept (each a key such as account and client).
    pub async fn sign_in_attempt_counts(&self) -> Result<i64, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures").fetch_one(pool).await?
        });
        Ok(n)
    }

    /// Forgets the attempts counted under these keys (after a right code).
    pub async fn clear_sign_in_attempts(&self, keys: &[&str]) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            for key in keys {
                sqlx::query("DELETE FROM sign_in_failures WHERE attempt_key = $1").bind(*key).execute(pool).await?;
            }
        });
        Ok(())
    }

    /// Removes attempt counts whose window ended before `before` (ms), and sessions that have
    /// expired; returns how many rows went.
    pub async fn prune_sign_ins(&self, before: i64) -> Result<u64, StorageError> {
        let n = with_pool!(self, |pool| {
            let attempts = sqlx::query("DELETE FROM sign_in_failures WHERE locked_until < $1")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected();
            let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected();
            attempts + sessions
        });
        Ok(n)
    }

    /// Ends every session of one person (a revoked or reissued code).
    pub async fn end_sessions_of(&self, role: Role, principal_id: i64) -> Result<u64, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE role = $1 AND principal_id = $2")
                .bind(role.as_str())
                .bind(principal_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n)
    }

    /// Notes that a session was used now, at most once a minute, so that idle sessions end.
    pub async fn touch_session(&self, token_hash: &str, now: i64) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $3")
                .bind(now)
                .bind(token_hash)
                .bind(now - 60_000)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
