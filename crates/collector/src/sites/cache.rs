//! The registered sites and their origins, held in memory as one snapshot. Every review POST
//! needs its site and every CORS check the page's origin; asking the database for both on
//! every request costs more than storing the review itself.
//!
//! The snapshot holds only what is registered, never anything a request brought: an
//! unknown site id or a made-up `Origin` is answered from the snapshot without being
//! remembered, so no client can grow this memory (it was a per-request memo once, and 400
//! requests with unique 60 KB origins grew the process by 22 MB). Its size is reported as
//! the `mingjing_site_cache_bytes` gauge.
//!
//! A change made through this process's storage takes effect at once; one made by another
//! process (`mingjing site …`, another collector) within [`FRESH_FOR`].

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use mingjing_domain::site::SiteId;

use crate::storage::{Site, Storage, StorageError, sites_generation};

/// How long a snapshot holds when nothing in this process changed the sites.
const FRESH_FOR: Duration = Duration::from_secs(1);

#[derive(Debug)]
struct Snapshot {
    changes: u64,
    at: Instant,
    sites: HashMap<String, Arc<Site>>,
    origins: HashSet<String>,
    bytes: usize,
}

impl Snapshot {
    fn fresh(&self) -> bool {
        self.changes == sites_generation() && self.at.elapsed() < FRESH_FOR
    }
}

#[derive(Debug, Default)]
pub struct SiteCache {
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// One reload at a time: a burst of requests after the snapshot goes stale waits for the
    /// one reload instead of each asking the database.
    reloading: tokio::sync::Mutex<()>,
}

impl SiteCache {
    pub async fn site(&self, storage: &Storage, id: &SiteId) -> Result<Option<Arc<Site>>, StorageError> {
        Ok(self.current(storage).await?.sites.get(id.as_str()).cloned())
    }

    /// Whether any registered site lists this origin (CORS preflights name no site).
    pub async fn origin_registered(&self, storage: &Storage, origin: &str) -> Result<bool, StorageError> {
        Ok(self.current(storage).await?.origins.contains(origin))
    }

    /// The bytes the snapshot holds (strings and settings), for the metrics.
    pub fn bytes(&self) -> usize {
        self.snapshot.read().ok().and_then(|s| s.as_ref().map(|s| s.bytes)).unwrap_or(0)
    }

    async fn current(&self, storage: &Storage) -> Result<Arc<Snapshot>, StorageError> {
        if let Some(snapshot) = self.fresh_snapshot() {
            return Ok(snapshot);
        }
        let _reloading = self.reloading.lock().await;
        if let Some(snapshot) = self.fresh_snapshot() {
            return Ok(snapshot);
        }
        let changes = sites_generation();
        let sites = storage.all_sites().await?;
        let snapshot = Arc::new(build(sites, changes));
        if let Ok(mut slot) = self.snapshot.write() {
            *slot = Some(snapshot.clone());
        }
        Ok(snapshot)
    }

    fn fresh_snapshot(&self) -> Option<Arc<Snapshot>> {
        let slot = self.snapshot.read().ok()?;
        slot.as_ref().filter(|s| s.fresh()).cloned()
    }
}

fn build(sites: Vec<Site>, changes: u64) -> Snapshot {
    let mut bytes = 0;
    let mut origins = HashSet::new();
    let mut by_id = HashMap::with_capacity(sites.len());
    for site in sites {
        bytes += site.approximate_bytes();
        for origin in &site.origins {
            bytes += origin.len();
            origins.insert(origin.clone());
        }
        by_id.insert(site.id.as_str().to_owned(), Arc::new(site));
    }
    Snapshot { changes, at: Instant::now(), sites: by_id, origins, bytes }
}
