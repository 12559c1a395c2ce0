//! The published figures.

use mingjing_domain::stats::Stats;
use mingjing_domain::supervision::SupervisionStats;

use super::endpoints::{STATS, SUPERVISION_STATS};
use super::{ApiFailure, fetch};

/// Which reviews the figures count; `None` or blank fields do not narrow them.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub site: &'a str,
    pub service: Option<&'a str>,
    /// The first day counted, `YYYY-MM-DD`.
    pub from: Option<&'a str>,
    /// The last day counted, inclusive.
    pub to: Option<&'a str>,
    /// A department's name or credit code.
    pub dept: Option<&'a str>,
}

/// The review figures of a site.
pub async fn reviews(api: &str, scope: Scope<'_>) -> Result<Stats, ApiFailure> {
    let query = [Some(scope.site), scope.service, scope.from, scope.to, scope.dept];
    fetch(STATS.call(api, &[], &query), None).await
}

/// Supervisors' observations of a site by department: counts and rates only.
pub async fn supervision(api: &str, site: &str) -> Result<SupervisionStats, ApiFailure> {
    fetch(SUPERVISION_STATS.call(api, &[], &[Some(site)]), None).await
}
