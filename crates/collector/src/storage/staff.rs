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

/// A staff member as sign-in needs them.
#[derive(Debug, Clone)]
pub struct StaffRecord {
    pub id: i64,
    pub site_id: String,
    pub name: String,
    pub code_hash: String,
    pub active: bool,
    /// May replace the collector's one service catalogue (an instance-wide right).
    pub catalog_admin: bool,
    /// Reads the site's audit log on the desk.
    pub site_admin: bool,
    /// Confirms or refuses others' requests to exclude a review (申诉复核).
    pub approver: bool,
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
    /// Adds a staff member; the access code's hash is set separately, once the id is known.
    pub async fn insert_staff(&self, site_id: &str, name: &str) -> Result<i64, StorageError> {
        let id: i64 = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO staff (site_id, name, code_hash, active, created_at) VALUES ($1, $2, '', TRUE, $3) RETURNING id",
            )
            .bind(site_id)
            .bind(name)
            .bind(now_millis())
            .fetch_one(pool)
            .await?
        });
        Ok(id)
    }

    /// Lets a staff member replace the service catalogue (or stops them).
    pub async fn set_staff_catalog_admin(&self, id: i64, allowed: bool) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET catalog_admin = $1 WHERE id = $2")
                .bind(allowed)
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Lets a staff member read their site's audit log on the desk (or stops them).
    pub async fn set_staff_site_admin(&self, id: i64, allowed: bool) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET site_admin = $1 WHERE id = $2").bind(allowed).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    /// Lets a staff member decide others' requests to exclude a review (or stops them).
    pub async fn set_staff_approver(&self, id: i64, allowed: bool) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET approver = $1 WHERE id = $2").bind(allowed).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    pub async fn set_staff_code(&self, id: i64, code_hash: &str) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET code_hash = $1 WHERE id = $2").bind(code_hash).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    pub async fn staff(&self, id: i64) -> Result<Option<StaffRecord>, StorageError> {
        type Row = (i64, String, String, String, bool, bool, bool, bool);
        let row: Option<Row> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, site_id, name, code_hash, active, catalog_admin, site_admin, approver FROM staff WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(id, site_id, name, code_hash, active, catalog_admin, site_admin, approver)| StaffRecord {
            id,
            site_id,
            name,
            code_hash,
            active,
            catalog_admin,
            site_admin,
            approver,
        }))
    }

    pub async fn list_staff(&self, site_id: &str) -> Result<Vec<(i64, String, bool)>, StorageError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as("SELECT id, name, active FROM staff WHERE site_id = $1 ORDER BY id")
                .bind(site_id)
                .fetch_all(pool)
                .await?
        });
        Ok(rows)
    }

    pub async fn set_staff_active(&self, id: i64, active: bool) -> Result<bool, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET active = $1 WHERE id = $2")
                .bind(active)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if !active {
            // Revoking takes effect at once: end the person's sessions too (each request
            // also checks that the person is still active).
            self.end_sessions_of(Role::Staff, id).await?;
        }
        Ok(n == 1)
    }

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
