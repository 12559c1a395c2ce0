//! The registered sites and origins, remembered briefly. Every review POST needs its site
//! and the CORS check needs the page's origin; asking the database for both on every
//! request costs more than storing the review itself. A change made through this process's
//! storage takes effect at once; one made by another process (`mingjing site …`) within
//! a second.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use mingjing_domain::site::SiteId;

use crate::storage::{Site, Storage, StorageError};

/// How long a remembered answer holds when nothing in this process changed the sites.
const FRESH_FOR: Duration = Duration::from_secs(1);
/// Requests name sites and origins, so a client could make up endless new ones: past this
/// many remembered answers, the memory starts afresh.
const MAX_ENTRIES: usize = 10_000;

/// Counts changes to sites made through any `Storage` of this process.
static CHANGES: AtomicU64 = AtomicU64::new(0);

/// Called by the storage after every write to `sites` or `site_origins`.
pub fn sites_changed() {
    CHANGES.fetch_add(1, Ordering::SeqCst);
}

#[derive(Debug)]
struct Entry<T> {
    changes: u64,
    at: Instant,
    value: T,
}

#[derive(Debug)]
struct Memo<K, T>(Mutex<HashMap<K, Entry<T>>>);

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Self(Mutex::new(HashMap::new()))
    }
}

impl<K: Hash + Eq, T: Clone> Memo<K, T> {
    fn get(&self, key: &K) -> Option<T> {
        let memo = self.0.lock().ok()?;
        let entry = memo.get(key)?;
        (entry.changes == CHANGES.load(Ordering::SeqCst) && entry.at.elapsed() < FRESH_FOR).then(|| entry.value.clone())
    }

    fn put(&self, key: K, value: T, changes: u64) {
        if let Ok(mut memo) = self.0.lock() {
            if memo.len() >= MAX_ENTRIES {
                memo.clear();
            }
            memo.insert(key, Entry { changes, at: Instant::now(), value });
        }
    }
}

#[derive(Debug, Default)]
pub struct SiteCache {
    sites: Memo<String, Option<Site>>,
    origins: Memo<String, bool>,
}

impl SiteCache {
    pub async fn site(&self, storage: &Storage, id: &SiteId) -> Result<Option<Site>, StorageError> {
        if let Some(site) = self.sites.get(&id.to_string()) {
            return Ok(site);
        }
        let changes = CHANGES.load(Ordering::SeqCst);
        let site = storage.site(id).await?;
        self.sites.put(id.to_string(), site.clone(), changes);
        Ok(site)
    }

    pub async fn origin_registered(&self, storage: &Storage, origin: &str) -> Result<bool, StorageError> {
        if let Some(known) = self.origins.get(&origin.to_owned()) {
            return Ok(known);
        }
        let changes = CHANGES.load(Ordering::SeqCst);
        let known = storage.origin_registered(origin).await?;
        self.origins.put(origin.to_owned(), known, changes);
        Ok(known)
    }
}
