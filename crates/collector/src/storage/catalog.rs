use std::collections::HashMap;

use mingjing_domain::catalog::{CatalogFile, CatalogItem, CatalogSource};
use serde_json::Value;

use super::{Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// The fields whose changes the public history shows (Art. 16 and 28): what it costs and how
/// long it takes.
const TRACKED: [&str; 3] = ["fees", "legal_limit", "promised_limit"];

/// A recorded change to an item's fees or time limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogChange {
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub effective_from: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub version: i64,
    pub items: i64,
    pub changes: i64,
}

impl Storage {
    /// Replaces the catalogue with a validated file, as one new version, in one transaction:
    /// either all of it is in force afterwards or none of it.
    pub async fn import_catalog(&self, file: &CatalogFile, source: &str) -> Result<ImportOutcome, StorageError> {
        let items: Vec<Value> = file
            .items()
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| StorageError::Corrupt(e.to_string()))?;
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let before: Vec<(String, String)> =
                sqlx::query_as("SELECT code, data FROM catalog_items").fetch_all(&mut *tx).await?;
            let before: HashMap<String, Value> =
                before.into_iter().filter_map(|(code, data)| Some((code, serde_json::from_str(&data).ok()?))).collect();
            let version: i64 = sqlx::query_scalar(
                "INSERT INTO catalog_versions (imported_at, source, publisher, demo, item_count)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(now_millis())
            .bind(source)
            .bind(file.publisher().as_str())
            .bind(file.demo())
            .bind(items.len() as i64)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM catalog_items").execute(&mut *tx).await?;
            let mut changes = 0;
            for item in &items {
                let code = item["implementation_code"].as_str().unwrap_or_default();
                sqlx::query(
                    "INSERT INTO catalog_items (code, version_id, department, item_type, name, data)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(code)
                .bind(version)
                .bind(item["department"]["name"].as_str().unwrap_or_default())
                .bind(item["type"].as_str().unwrap_or_default())
                .bind(item["name"].as_str().unwrap_or_default())
                .bind(item.to_string())
                .execute(&mut *tx)
                .await?;
                let Some(old) = before.get(code) else { continue };
                for field in TRACKED {
                    if old[field] != item[field] {
                        sqlx::query(
                            "INSERT INTO catalog_changes (code, field, old_value, new_value, effective_from, version_id)
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(code)
                        .bind(field)
                        .bind(old[field].to_string())
                        .bind(item[field].to_string())
                        .bind(item["effective_from"].as_str().unwrap_or_default())
                        .bind(version)
                        .execute(&mut *tx)
                        .await?;
                        changes += 1;
                    }
                }
            }
            tx.commit().await?;
            Ok(ImportOutcome { version, items: items.len() as i64, changes })
        })
    }

    /// The catalogue in force, parsed back through the importer's rules.
    pub async fn catalog_items(&self) -> Result<Vec<CatalogItem>, StorageError> {
        let rows: Vec<String> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT data FROM catalog_items ORDER BY code").fetch_all(pool).await?
        });
        rows.iter()
            .map(|data| {
                let value: Value = serde_json::from_str(data).map_err(|e| StorageError::Corrupt(e.to_string()))?;
                CatalogItem::from_value(&value).map_err(|e| StorageError::Corrupt(format!("{e:?}")))
            })
            .collect()
    }

    /// One item of the catalogue in force, in the interchange format.
    pub async fn catalog_item(&self, code: &str) -> Result<Option<Value>, StorageError> {
        let data: Option<String> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT data FROM catalog_items WHERE code = $1").bind(code).fetch_optional(pool).await?
        });
        data.map(|d| serde_json::from_str(&d).map_err(|e| StorageError::Corrupt(e.to_string()))).transpose()
    }

    /// The newest catalogue version, 0 when nothing was ever imported.
    pub async fn catalog_version(&self) -> Result<i64, StorageError> {
        let v: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT MAX(id) FROM catalog_versions").fetch_one(pool).await?
        });
        Ok(v.unwrap_or(0))
    }

    /// The newest version's publisher and demo flag, `None` before the first import.
    pub async fn catalog_source(&self) -> Result<Option<CatalogSource>, StorageError> {
        let row: Option<(String, bool)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT publisher, demo FROM catalog_versions ORDER BY id DESC LIMIT 1")
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(|(publisher, demo)| CatalogSource { publisher, demo }))
    }

    /// An item's recorded changes to fees and limits, oldest first.
    pub async fn catalog_changes(&self, code: &str) -> Result<Vec<CatalogChange>, StorageError> {
        let rows: Vec<(String, String, String, String)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT field, old_value, new_value, effective_from FROM catalog_changes WHERE code = $1 ORDER BY id",
            )
            .bind(code)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(field, old_value, new_value, effective_from)| CatalogChange {
                field,
                old_value,
                new_value,
                effective_from,
            })
            .collect())
    }
}
