use std::sync::Arc;

use crate::app::metrics::Metrics;
use crate::catalog::cache::CatalogCache;
use crate::crypto::seal::ContactKey;
use crate::reviews::open_limit::OpenReviewLimit;
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
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// Writes reviews with group commit.
    pub reviews: crate::reviews::writer::ReviewWriter,
    /// Sites and origins, remembered briefly.
    pub sites: Arc<crate::sites::cache::SiteCache>,
    pub limits: crate::app::config::Limits,
    /// Slots for reads that scan many rows (exports), so that they cannot take every
    /// database connection or core from the review form.
    pub heavy_reads: Arc<tokio::sync::Semaphore>,
    /// The database through a pool of its own, for exports and the public figures: they
    /// never wait for, or take, the connections of `storage`.
    pub heavy: Storage,
}

impl AppState {
    /// The registered site a request names, or 404 naming the `site` field.
    pub async fn site(
        &self,
        id: &mingjing_domain::site::SiteId,
    ) -> Result<Arc<crate::storage::Site>, crate::http::error::ApiError> {
        self.sites
            .site(&self.storage, id)
            .await?
            .ok_or(crate::http::error::ApiError::NotFound { what: "site", field: Some("site") })
    }

    /// Records a security event: in the audit table, and in the log at `info`. `client` is
    /// a keyed hash of the client's address (see [`crate::crypto::seal::ContactKey::keyed_hash`]),
    /// never the address; `actor` names an account by role and id, never by name.
    pub async fn audit(
        &self,
        site: &str,
        actor: &str,
        action: mingjing_domain::desk::AuditAction,
        client: &str,
    ) -> Result<(), crate::http::error::ApiError> {
        tracing::info!(target: "mingjing::audit", site, actor, action = action.as_str(), client, "security event");
        self.storage.audit(&crate::storage::AuditEntry { site_id: site, actor, action, reason: "", client }).await?;
        Ok(())
    }

    /// A poor review of the signed-in staff member's site, or 404 naming `receipt`.
    pub async fn follow_up(
        &self,
        staff: &crate::http::session::StaffSession,
        receipt: &str,
    ) -> Result<crate::storage::FollowUpRow, crate::http::error::ApiError> {
        self.storage
            .follow_up(staff.site_id.as_str(), receipt)
            .await?
            .ok_or(crate::http::error::ApiError::NotFound { what: "review", field: Some("receipt") })
    }
}
