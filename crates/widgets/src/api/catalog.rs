//! The service catalogue: search, one item, its departments and its registers.

#[cfg(any(feature = "lookup", feature = "supervisor"))]
use mingjing_domain::catalog::SearchPage;
#[cfg(feature = "lookup")]
use mingjing_domain::catalog::{CertificateListing, IntermediaryListing, ServiceDetail};

use super::endpoints::DEPARTMENTS;
#[cfg(any(feature = "lookup", feature = "supervisor"))]
use super::endpoints::SERVICES;
#[cfg(feature = "lookup")]
use super::endpoints::{CERTIFICATES, INTERMEDIARY_SERVICES, SERVICE};
use super::{ApiFailure, fetch};

/// A catalogue search; blank text, department or type do not narrow it.
#[cfg(any(feature = "lookup", feature = "supervisor"))]
#[derive(Debug, Clone, Copy)]
pub struct ServiceSearch<'a> {
    pub text: &'a str,
    /// A department's name or credit code.
    pub dept: &'a str,
    /// A two-letter type code.
    pub item_type: &'a str,
    /// From 1; the collector's first page if `None`.
    pub page: Option<u32>,
    pub per_page: u32,
}

#[cfg(any(feature = "lookup", feature = "supervisor"))]
pub fn search(api: &str, search: ServiceSearch<'_>) -> impl Future<Output = Result<SearchPage, ApiFailure>> {
    let (per_page, page) = (search.per_page.to_string(), search.page.map(|p| p.to_string()));
    let query =
        [Some(per_page.as_str()), page.as_deref(), Some(search.text), Some(search.dept), Some(search.item_type)];
    fetch(SERVICES.call_with_query(api, &[], &query), None)
}

/// One item, with its dates counted from `today` (`YYYY-MM-DD`) rather than the real today
/// when given.
#[cfg(feature = "lookup")]
pub fn service(api: &str, code: &str, today: Option<&str>) -> impl Future<Output = Result<ServiceDetail, ApiFailure>> {
    fetch(SERVICE.call_with_query(api, &[code], &[today]), None)
}

/// The departments that have items, as (name, unified social credit code).
pub fn departments(api: &str) -> impl Future<Output = Result<Vec<(String, String)>, ApiFailure>> {
    fetch(DEPARTMENTS.call(api, &[]), None)
}

#[cfg(feature = "lookup")]
pub fn intermediary_services(api: &str) -> impl Future<Output = Result<Vec<IntermediaryListing>, ApiFailure>> {
    fetch(INTERMEDIARY_SERVICES.call(api, &[]), None)
}

#[cfg(feature = "lookup")]
pub fn certificates(api: &str) -> impl Future<Output = Result<Vec<CertificateListing>, ApiFailure>> {
    fetch(CERTIFICATES.call(api, &[]), None)
}
