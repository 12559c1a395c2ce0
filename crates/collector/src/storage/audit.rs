use mingjing_domain::desk::AuditAction;

use super::{Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// One security event for the audit table: who (by role and id), what, why, and from
/// which client (a keyed hash, never the address).
#[derive(Debug, Clone, Copy)]
pub struct AuditEntry<'a> {
    pub site_id: &'a str,
    pub actor: &'a str,
    pub action: AuditAction,
    pub reason: &'a str,
    pub client: &'a str,
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub site_id: String,
    pub actor: String,
    pub action: AuditAction,
    pub reason: String,
    pub client: String,
    pub at: i64,
}

impl Storage {
    pub async fn audit(&self, entry: &AuditEntry<'_>) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO audit_log (site_id, actor, action, reason, client, at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(entry.site_id)
            .bind(entry.actor)
            .bind(entry.action.as_str())
            .bind(entry.reason)
            .bind(entry.client)
            .bind(now_millis())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Audit entries since `since` (ms), of one site or all, newest first, at most `limit`
    /// and older than the entry `before` (for paging), when given.
    pub async fn audit_entries(
        &self,
        site_id: Option<&str>,
        since: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StorageError> {
        type Row = (i64, String, String, String, String, String, i64);
        let rows: Vec<Row> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, site_id, actor, action, reason, client, at FROM audit_log
                 WHERE ($1 IS NULL OR site_id = $1) AND at >= $2 AND ($3 IS NULL OR id < $3)
                 ORDER BY id DESC LIMIT $4",
            )
            .bind(site_id)
            .bind(since)
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(id, site_id, actor, action, reason, client, at)| {
                let action = AuditAction::parse(&action)
                    .ok_or_else(|| StorageError::Corrupt(format!("audit entry {id}: unknown action {action:?}")))?;
                Ok(AuditRow { id, site_id, actor, action, reason, client, at })
            })
            .collect()
    }

    /// A site's audit log, newest first: (actor, action, reason).
    pub async fn audit_log(&self, site_id: &str) -> Result<Vec<(String, String, String)>, StorageError> {
        let rows = self.audit_entries(Some(site_id), 0, None, i64::MAX).await?;
        Ok(rows.into_iter().map(|r| (r.actor, r.action.as_str().to_owned(), r.reason)).collect())
    }
}
