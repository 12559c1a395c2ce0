//! Department staff: who they are and what rights they hold.

use super::{Role, Storage, StorageError, with_pool};
use crate::china_time::now_millis;

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
}
