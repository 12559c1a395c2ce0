//! The part of a site's public settings the review form uses. Reading only these fields
//! (and ignoring the rest) keeps the form's bundle small and lets the collector add
//! settings without a widget release.

use mingjing_domain::review::{Choice, ReviewConfig};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FormSettings {
    pub reasons: Vec<Choice>,
    pub online_dimensions: Vec<Choice>,
    pub counter_dimensions: Vec<Choice>,
    pub kiosk_idle_seconds: u32,
}

/// The site's public settings, as far as the form reads them.
#[derive(Debug, Deserialize)]
pub struct SiteSettings {
    pub review: FormSettings,
}

/// The collector's defaults, used until the site's own settings arrive (or if they cannot).
impl Default for FormSettings {
    fn default() -> Self {
        let d = ReviewConfig::default();
        Self {
            reasons: d.reasons,
            online_dimensions: d.online_dimensions,
            counter_dimensions: d.counter_dimensions,
            kiosk_idle_seconds: d.kiosk_idle_seconds,
        }
    }
}
