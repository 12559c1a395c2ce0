use serde::{Deserialize, Serialize};

/// A configured choice, such as a poor-review reason, with its label in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Choice {
    fn new(code: &str, zh: &str, en: &str) -> Self {
        Self { code: code.to_owned(), zh: zh.to_owned(), en: en.to_owned() }
    }
}

/// How a site runs its reviews. Everything marked *local practice* in the brief is here,
/// as per-site data with the defaults below, rather than constants in the widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ReviewConfig {
    /// Reasons a poor review can pick from.
    pub reasons: Vec<Choice>,
    /// Dimensions rated online (网上评价).
    pub online_dimensions: Vec<Choice>,
    /// Dimensions rated at the counter (现场评价).
    pub counter_dimensions: Vec<Choice>,
    /// Whether reviews without a transaction token are accepted (stored as unverified).
    pub allow_open_reviews: bool,
    /// Open reviews one client (address) may send this site in an hour. A counter tablet
    /// shared by a whole hall needs more than the default.
    pub open_reviews_per_client_per_hour: u32,
    /// Working days a department has to follow up a poor review.
    pub follow_up_working_days: u32,
    /// Working days after which an unrated transaction is recorded as 基本满意 by the
    /// system (Yunnan's rule); `None` turns system-default ratings off.
    pub system_default_after_working_days: Option<u32>,
    /// Seconds of inactivity after which a counter tablet resets for the next citizen.
    pub kiosk_idle_seconds: u32,
    /// Where to report a charge that is not in the published fee catalogue.
    pub complaint_url: Option<String>,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        Self {
            reasons: vec![
                Choice::new("guidance_unclear", "服务指引不清晰", "Guidance was unclear"),
                Choice::new("procedure_inconvenient", "办事程序不便利", "The procedure was inconvenient"),
                Choice::new("too_many_materials", "材料手续不精简", "Too many materials or formalities"),
                Choice::new("multiple_trips", "多次跑动", "I had to come more than once"),
                Choice::new("long_wait", "等候时间长", "Long waiting time"),
                Choice::new("poor_attitude", "服务态度差", "Poor service attitude"),
                Choice::new("unreasonable_fee", "收费不合理", "Unreasonable fees"),
                Choice::new("system_unfriendly", "系统操作不友好", "The online system was hard to use"),
            ],
            online_dimensions: vec![
                Choice::new("efficiency", "办事效率", "Efficiency"),
                Choice::new("guide_accuracy", "办事指南精确度", "Accuracy of the guide"),
                Choice::new("convenience", "办事便捷度", "Convenience"),
                Choice::new("platform_usability", "平台操作性", "Ease of use of the platform"),
            ],
            counter_dimensions: vec![
                Choice::new("service_efficiency", "服务效率", "Service efficiency"),
                Choice::new("service_quality", "服务水平", "Quality of service"),
                Choice::new("service_attitude", "服务态度", "Service attitude"),
            ],
            allow_open_reviews: true,
            open_reviews_per_client_per_hour: 30,
            follow_up_working_days: 15,
            system_default_after_working_days: Some(5),
            kiosk_idle_seconds: 90,
            complaint_url: None,
        }
    }
}

/// What any page may read about a site: its name and review settings, nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicSiteConfig {
    pub site: String,
    pub name: String,
    pub review: ReviewConfig,
}

impl ReviewConfig {
    /// Checks what serde cannot: codes have the shape reviews send, and limits are sane.
    pub fn validate(&self) -> Result<(), crate::api_error::FieldError> {
        use crate::api_error::FieldError;
        let lists = [
            ("reasons", &self.reasons),
            ("online_dimensions", &self.online_dimensions),
            ("counter_dimensions", &self.counter_dimensions),
        ];
        for (name, list) in lists {
            for (i, c) in list.iter().enumerate() {
                let ok = (1..=32).contains(&c.code.len())
                    && c.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !ok || c.zh.trim().is_empty() || c.en.trim().is_empty() {
                    return Err(FieldError::new(
                        format!("{name}[{i}]"),
                        "invalid_choice",
                        "a choice needs a code of 1 to 32 [a-z0-9_] and both labels",
                    ));
                }
            }
        }
        if self.reasons.is_empty() {
            return Err(FieldError::new("reasons", "required", "a poor review needs reasons to choose from"));
        }
        if !(1..=60).contains(&self.follow_up_working_days) {
            return Err(FieldError::new(
                "follow_up_working_days",
                "out_of_range",
                "follow-up deadlines run from 1 to 60 working days",
            ));
        }
        if self.open_reviews_per_client_per_hour == 0 || self.kiosk_idle_seconds < 15 {
            return Err(FieldError::new(
                "open_reviews_per_client_per_hour",
                "out_of_range",
                "limits must be at least 1 review and 15 idle seconds",
            ));
        }
        Ok(())
    }
}
