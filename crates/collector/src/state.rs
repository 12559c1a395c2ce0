use std::sync::Arc;

use crate::catalog_cache::CatalogCache;
use crate::metrics::Metrics;
use crate::open_review_limit::OpenReviewLimit;
use crate::seal::ContactKey;
use crate::storage::Storage;

/// What every handler can reach. Cloning is cheap: everything is behind `Arc` or a pool.
#[derive(Clone, Debug)]
pub struct AppState {
    pub storage: Storage,
    pub metrics: Arc<Metrics>,
    /// The collector's public base URL for links it hands out, when configured.
    pub public_url: Option<String>,
    /// Seals reviewers' contact details at rest.
    pub contact_key: ContactKey,
    pub open_review_limit: Arc<OpenReviewLimit>,
    /// The catalogue's search index, rebuilt when a new version is imported.
    pub catalog: Arc<CatalogCache>,
}
