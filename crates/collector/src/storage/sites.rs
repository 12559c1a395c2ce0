use mingjing_domain::review::ReviewConfig;
use mingjing_domain::site::SiteId;
use sqlx::Row;

use super::{Storage, StorageError, now_millis, with_pool};

/// Tells the site cache, when a write to the sites ends (whether it succeeded or not), that
/// what it remembers may be out of date.
struct Changed;

impl Drop for Changed {
    fn drop(&mut self) {
        crate::site_cache::sites_changed();
    }
}

/// A registered department site, as the request path needs it.
#[derive(Debug, Clone)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    pub origins: Vec<String>,
    pub secret_hash: String,
    pub token_key: String,
    pub config: serde_json::Value,
}

impl Site {
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == origin)
    }

    /// The site's review settings; anything it does not set takes the default.
    pub fn review_config(&self) -> ReviewConfig {
        self.config.get("review").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
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
                return Err(StorageError::Conflict("site id already registered"));
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
        let (row, origins) = with_pool!(self, |pool| {
            let row = sqlx::query("SELECT name, secret_hash, token_key, config FROM sites WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(pool)
                .await?;
            let Some(row) = row else { return Ok(None) };
            let origins: Vec<String> =
                sqlx::query_scalar("SELECT origin FROM site_origins WHERE site_id = $1 ORDER BY origin")
                    .bind(id.as_str())
                    .fetch_all(pool)
                    .await?;
            let row = (
                row.try_get::<String, _>(0)?,
                row.try_get::<String, _>(1)?,
                row.try_get::<String, _>(2)?,
                row.try_get::<String, _>(3)?,
            );
            (row, origins)
        });
        let (name, secret_hash, token_key, config) = row;
        let config = serde_json::from_str(&config).map_err(|e| StorageError::Corrupt(format!("site config: {e}")))?;
        Ok(Some(Site { id: id.clone(), name, origins, secret_hash, token_key, config }))
    }

    pub async fn list_sites(&self) -> Result<Vec<(String, String)>, StorageError> {
        let rows: Vec<(String, String)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT id, name FROM sites ORDER BY id").fetch_all(pool).await?
        });
        Ok(rows)
    }

    /// Whether any site lists this origin; CORS preflights, which name no site, ask this.
    pub async fn origin_registered(&self, origin: &str) -> Result<bool, StorageError> {
        let found: Option<i32> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT 1 FROM site_origins WHERE origin = $1 LIMIT 1")
                .bind(origin)
                .fetch_optional(pool)
                .await?
        });
        Ok(found.is_some())
    }
}
