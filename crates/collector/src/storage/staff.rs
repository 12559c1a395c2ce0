use super::{Storage, StorageError, now_millis, with_pool};

/// A staff member as sign-in needs them.
#[derive(Debug, Clone)]
pub struct StaffRecord {
    pub id: i64,
    pub site_id: String,
    pub name: String,
    pub code_hash: String,
    pub active: bool,
}

/// Who a valid session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub role: String,
    pub principal_id: i64,
    pub site_id: String,
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

    /// Whether an active staff member may replace the service catalogue.
    pub async fn staff_is_catalog_admin(&self, id: i64) -> Result<bool, StorageError> {
        let allowed: Option<bool> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT catalog_admin FROM staff WHERE id = $1 AND active")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        Ok(allowed.unwrap_or(false))
    }

    pub async fn set_staff_code(&self, id: i64, code_hash: &str) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE staff SET code_hash = $1 WHERE id = $2").bind(code_hash).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    pub async fn staff(&self, id: i64) -> Result<Option<StaffRecord>, StorageError> {
        let row: Option<(i64, String, String, String, bool)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT id, site_id, name, code_hash, active FROM staff WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(|(id, site_id, name, code_hash, active)| StaffRecord { id, site_id, name, code_hash, active }))
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
            // Revoking takes effect at once: end the person's sessions too.
            with_pool!(self, |pool| {
                sqlx::query("DELETE FROM sessions WHERE role = 'staff' AND principal_id = $1")
                    .bind(id)
                    .execute(pool)
                    .await?;
            });
        }
        Ok(n == 1)
    }

    pub async fn insert_session(&self, token_hash: &str, s: &SessionRecord) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, role, principal_id, site_id, expires_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(token_hash)
            .bind(&s.role)
            .bind(s.principal_id)
            .bind(&s.site_id)
            .bind(s.expires_at)
            .bind(now_millis())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The session a token hash names, if it has not expired.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StorageError> {
        let row: Option<(String, i64, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT role, principal_id, site_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(now_millis())
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(role, principal_id, site_id, expires_at)| SessionRecord {
            role,
            principal_id,
            site_id,
            expires_at,
        }))
    }

    /// Ends the `role` session a token hash names (signing out). Returns whether there was
    /// one: an unknown, expired or already ended token is not an error.
    pub async fn delete_session(&self, token_hash: &str, role: &str) -> Result<bool, StorageError> {
        let n = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1 AND role = $2")
                .bind(token_hash)
                .bind(role)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    /// Whether this sign-in key is locked out now.
    pub async fn locked_until(&self, key: &str) -> Result<Option<i64>, StorageError> {
        let until: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE attempt_key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await?
        });
        Ok(until.filter(|u| *u > now_millis()))
    }

    /// Counts a failed sign-in; after `limit` failures the key is locked for `lock_ms`.
    pub async fn record_sign_in_failure(&self, key: &str, limit: i64, lock_ms: i64) -> Result<(), StorageError> {
        let now = now_millis();
        with_pool!(self, |pool| {
            sqlx::query(
                // A lock that has run out starts the count again. Attempts made while locked
                // are refused before they get here, so they never extend the lock.
                "INSERT INTO sign_in_failures (attempt_key, failures, locked_until, updated_at)
                 VALUES ($1, 1, CASE WHEN 1 >= $3 THEN $2 + $4 ELSE 0 END, $2)
                 ON CONFLICT (attempt_key) DO UPDATE SET
                   failures = CASE WHEN sign_in_failures.locked_until > 0 THEN 1 ELSE sign_in_failures.failures + 1 END,
                   locked_until = CASE
                     WHEN (CASE WHEN sign_in_failures.locked_until > 0 THEN 1 ELSE sign_in_failures.failures + 1 END) >= $3
                     THEN $2 + $4 ELSE 0 END,
                   updated_at = $2",
            )
            .bind(key)
            .bind(now)
            .bind(limit)
            .bind(lock_ms)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    pub async fn clear_sign_in_failures(&self, key: &str) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query("DELETE FROM sign_in_failures WHERE attempt_key = $1").bind(key).execute(pool).await?;
        });
        Ok(())
    }
}
