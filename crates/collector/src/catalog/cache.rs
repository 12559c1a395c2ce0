//! The search index over the catalogue in force, rebuilt when a new catalogue version has
//! been imported (by this process or by `mingjing catalog import` in another).

use std::sync::{Arc, RwLock};

use tokio::sync::Mutex;

use crate::catalog::index::CatalogIndex;
use crate::storage::{Storage, StorageError};

#[derive(Debug, Default)]
pub struct CatalogCache {
    current: RwLock<(i64, Arc<CatalogIndex>)>,
    rebuilding: Mutex<()>,
}

impl CatalogCache {
    /// The index for the newest version. One cheap query checks the version; only when it
    /// changed is the index rebuilt, by one request while the others wait for it.
    pub async fn index(&self, storage: &Storage) -> Result<Arc<CatalogIndex>, StorageError> {
        let newest = storage.catalog_version().await?;
        if let Some(index) = self.if_version(newest) {
            return Ok(index);
        }
        let _guard = self.rebuilding.lock().await;
        if let Some(index) = self.if_version(newest) {
            return Ok(index);
        }
        let items = storage.catalog_items().await?;
        let source = storage.catalog_source().await?;
        let index = Arc::new(CatalogIndex::build(&items).with_source(source));
        if let Ok(mut current) = self.current.write() {
            *current = (newest, index.clone());
        }
        Ok(index)
    }

    fn if_version(&self, version: i64) -> Option<Arc<CatalogIndex>> {
        let current = self.current.read().ok()?;
        (current.0 == version).then(|| current.1.clone())
    }
}
