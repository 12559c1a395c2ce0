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
pub fn reviews(api: &str, scope: Scope<'_>) -> impl Future<Output = Result<Stats, ApiFailure>> {
    let query = [Some(scope.site), scope.service, scope.from, scope.to, scope.dept];
    fetch(STATS.call_with_query(api, &[], &query), None)
}

/// Supervisors' observations of a site by department: counts and rates only.
pub fn supervision(api: &str, site: &str) -> impl Future<Output = Result<SupervisionStats, ApiFailure>> {
    fetch(SUPERVISION_STATS.call_with_query(api, &[], &[Some(site)]), None)
}
