use std::sync::atomic::{AtomicU64, Ordering};

use mingjing_domain::review::ReviewConfig;
use mingjing_domain::site::SiteId;
use serde::Deserialize;

use super::{Conflict, Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// Counts the writes to `sites` and `site_origins` made through any `Storage` of this
/// process. It is process-wide, not per pool, because the CLI commands and the tests write
/// through a `Storage` of their own and the server's site cache must see those writes at once.
static CHANGES: AtomicU64 = AtomicU64::new(0);

/// How many times this process has written to the sites: a reader that remembers the sites
/// reloads them when this moves.
pub fn sites_generation() -> u64 {
    CHANGES.load(Ordering::SeqCst)
}

/// Moves the generation when a write to the sites ends, whether it succeeded or not.
struct Changed;

impl Drop for Changed {
    fn drop(&mut self) {
        CHANGES.fetch_add(1, Ordering::SeqCst);
    }
}

/// A registered department site, as the request path needs it.
#[derive(Debug, Clone)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    pub origins: Vec<String>,
    pub secret_hash: String,
    /// The review-token key, sealed with the collector's key (`crate::sites::keys` opens it).
    pub token_key: String,
    /// After a rotation: the previous sealed token key, and until when (ms) it still verifies.
    pub previous_token_key: Option<(String, i64)>,
    pub config: serde_json::Value,
    /// The `review` section of `config`, decoded once when the site is loaded; the error
    /// names what is wrong with a malformed one.
    review: Result<ReviewConfig, String>,
}

impl Site {
    /// About how many bytes the site takes in memory, for the site cache's gauge.
    pub fn approximate_bytes(&self) -> usize {
        let strings = self.id.as_str().len() + self.name.len() + self.secret_hash.len() + self.token_key.len();
        let previous = self.previous_token_key.as_ref().map_or(0, |(k, _)| k.len());
        std::mem::size_of::<Self>() + strings + previous + self.config.to_string().len()
    }

    pub fn allows_origin(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == origin)
    }

    /// The site's review settings; anything it does not set takes the default. A stored
    /// section that does not decode is corrupt data, never silently the defaults.
    pub fn review_config(&self) -> Result<&ReviewConfig, StorageError> {
        self.review.as_ref().map_err(|e| StorageError::Corrupt(format!("site {}: review settings: {e}", self.id)))
    }
}

#[derive(Debug, Clone)]
pub struct NewSite {
    pub id: SiteId,
    pub name: String,
    pub origins: Vec<String>,
    pub secret_hash: String,
    pub token_key: String,
}

impl Storage {
    /// Registers a site and its origins in one transaction.
    pub async fn insert_site(&self, site: &NewSite) -> Result<(), StorageError> {
        let _changed = Changed;
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO sites (id, name, secret_hash, token_key, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(site.id.as_str())
            .bind(&site.name)
            .bind(&site.secret_hash)
            .bind(&site.token_key)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Err(StorageError::Conflict(Conflict::SiteExists));
            }
            for origin in &site.origins {
                sqlx::query("INSERT INTO site_origins (site_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(site.id.as_str())
                    .bind(origin)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Adds origins to an existing site; origins it already has are kept once.
    pub async fn add_site_origins(&self, id: &SiteId, origins: &[String]) -> Result<(), StorageError> {
        let _changed = Changed;
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for origin in origins {
                sqlx::query("INSERT INTO site_origins (site_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id.as_str())
                    .bind(origin)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Replaces a site's settings (its review configuration and any later sections).
    pub async fn set_site_config(&self, id: &SiteId, config: &serde_json::Value) -> Result<bool, StorageError> {
        let _changed = Changed;
        let n = with_pool!(self, |pool| {
            sqlx::query("UPDATE sites SET config = $1 WHERE id = $2")
                .bind(config.to_string())
                .bind(id.as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    pub async fn site(&self, id: &SiteId) -> Result<Option<Site>, StorageError> {
        Ok(self.sites_where(Some(id)).await?.pop())
    }

    /// Every registered site with its origins, for the in-memory site cache.
    pub async fn all_sites(&self) -> Result<Vec<Site>, StorageError> {
        self.sites_where(None).await
    }

    async fn sites_where(&self, id: Option<&SiteId>) -> Result<Vec<Site>, StorageError> {
        type Row = (String, String, String, String, Option<String>, i64, String);
        let (rows, origins): (Vec<Row>, Vec<(String, String)>) = with_pool!(self, |pool| {
            let rows = sqlx::query_as(
                "SELECT id, name, secret_hash, token_key, previous_token_key, previous_valid_until, config
                 FROM sites WHERE $1 IS NULL OR id = $1 ORDER BY id",
            )
            .bind(id.map(SiteId::as_str))
            .fetch_all(pool)
            .await?;
            let origins = sqlx::query_as(
                "SELECT site_id, origin FROM site_origins WHERE $1 IS NULL OR site_id = $1 ORDER BY site_id, origin",
            )
            .bind(id.map(SiteId::as_str))
            .fetch_all(pool)
            .await?;
            (rows, origins)
        });
        let mut by_site: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        for (site, origin) in origins {
            by_site.entry(site).or_default().push(origin);
        }
        rows.into_iter()
            .map(|(id, name, secret_hash, token_key, previous, previous_valid_until, config)| {
                let config: serde_json::Value =
                    serde_json::from_str(&config).map_err(|e| StorageError::Corrupt(format!("site config: {e}")))?;
                let review = match config.get("review") {
                    Some(section) => ReviewConfig::deserialize(section).map_err(|e| e.to_string()),
                    None => Ok(ReviewConfig::default()),
                };
                let origins = by_site.remove(&id).unwrap_or_default();
                let id = SiteId::parse(&id).map_err(|e| StorageError::Corrupt(format!("site id: {}", e.message)))?;
                Ok(Site {
                    id,
                    name,
                    origins,
                    secret_hash,
                    token_key,
                    previous_token_key: previous.map(|k| (k, previous_valid_until)),
                    config,
                    review,
                })
            })
            .collect()
    }

    /// Replaces a site's secret: the new secret's hash and sealed token key take effect at
    /// once; the old token key keeps verifying tokens until `previous_valid_until` (ms).
    pub async fn rotate_site_secret(
        &self,
        id: &SiteId,
        secret_hash: &str,
        token_key: &str,
        previous_valid_until: i64,
    ) -> Result<bool, StorageError> {
        let _changed = Changed;
        let n = with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE sites SET previous_token_key = token_key, previous_valid_until = $1,
                   secret_hash = $2, token_key = $3 WHERE id = $4",
            )
            .bind(previous_valid_until)
            .bind(secret_hash)
            .bind(token_key)
            .bind(id.as_str())
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(n == 1)
    }

    /// Removes one origin from a site; false when the site did not list it.
    pub async fn remove_site_origin(&self, id: &SiteId, origin: &str) -> Result<bool, StorageError> {
        let _changed = Changed;
        let n = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM site_origins WHERE site_id = $1 AND origin = $2")
                .bind(id.as_str())
                .bind(origin)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    /// Token keys stored before they were sealed, as (site id, plain key).
    pub async fn unsealed_token_keys(&self, sealed_prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as("SELECT id, token_key FROM sites WHERE token_key NOT LIKE $1 || '%'")
                .bind(sealed_prefix)
                .fetch_all(pool)
                .await?
        });
        Ok(rows)
    }

    /// Stores a site's token key sealed, if it is still the plain one read before.
    pub async fn seal_token_key(&self, id: &str, plain: &str, sealed: &str) -> Result<(), StorageError> {
        let _changed = Changed;
        with_pool!(self, |pool| {
            sqlx::query("UPDATE sites SET token_key = $1 WHERE id = $2 AND token_key = $3")
                .bind(sealed)
                .bind(id)
                .bind(plain)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn list_sites(&self) -> Result<Vec<(String, String)>, StorageError> {
        let rows: Vec<(String, String)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT id, name FROM sites ORDER BY id").fetch_all(pool).await?
        });
        Ok(rows)
    }
}
