//! A site's public settings.

use serde::de::DeserializeOwned;

use super::endpoints::SITE_CONFIG;
use super::{ApiFailure, fetch};

/// The site's public settings, read as `T`: each widget reads only the settings it uses,
/// so its bundle carries no code for the rest and a setting the collector adds breaks none.
pub fn config<T: DeserializeOwned>(api: &str, site: &str) -> impl Future<Output = Result<T, ApiFailure>> {
    fetch(SITE_CONFIG.call(api, &[site]), None)
}
