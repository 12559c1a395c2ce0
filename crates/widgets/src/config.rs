//! A widget's configuration, from the element's attributes.

use serde::Deserialize;

use crate::i18n::Lang;

/// Which custom element this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Review,
    Lookup,
    Supervisor,
    Stats,
    Desk,
}

impl Kind {
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Review => "mingjing-review",
            Kind::Lookup => "mingjing-lookup",
            Kind::Supervisor => "mingjing-supervisor",
            Kind::Stats => "mingjing-stats",
            Kind::Desk => "mingjing-desk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    HighContrast,
}

/// The attributes exactly as the loader read them; everything optional at this stage.
#[derive(Debug, Deserialize)]
struct RawConfig {
    kind: Kind,
    #[serde(default)]
    page_lang: String,
    site: Option<String>,
    lang: Option<String>,
    theme: Option<String>,
    size: Option<String>,
    api: Option<String>,
    service: Option<String>,
    token: Option<String>,
    channel: Option<String>,
    dept: Option<String>,
    today: Option<String>,
    idle: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// A widget's settled configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    pub kind: Kind,
    pub lang: Lang,
    pub theme: Theme,
    pub large: bool,
    pub api: String,
    pub site: String,
    pub service: Option<String>,
    pub token: Option<String>,
    pub channel: Option<String>,
    pub dept: Option<String>,
    pub today: Option<String>,
    pub idle: Option<String>,
    /// The first and last day the statistics count, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A required attribute is missing or an attribute has a value we do not know.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub kind: Option<Kind>,
    pub lang: Lang,
    pub attribute: &'static str,
    pub value: Option<String>,
}

impl WidgetConfig {
    pub fn from_json(json: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig = crate::json::from_text::<RawConfig>(json).ok_or(()).map_err(|_| ConfigError {
            kind: None,
            lang: Lang::ZhCn,
            attribute: "kind",
            value: None,
        })?;
        let lang = Lang::pick(raw.lang.as_deref(), &raw.page_lang);
        let fail = |attribute: &'static str, value: Option<&String>| ConfigError {
            kind: Some(raw.kind),
            lang,
            attribute,
            value: value.cloned(),
        };
        let theme = match raw.theme.as_deref() {
            None | Some("" | "light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some("high-contrast") => Theme::HighContrast,
            Some(_) => return Err(fail("theme", raw.theme.as_ref())),
        };
        // A counter tablet is used standing, by everyone: it always gets the large targets.
        let kiosk = raw.channel.as_deref() == Some("kiosk");
        let large = kiosk
            || match raw.size.as_deref() {
                None | Some("" | "normal") => false,
                Some("large") => true,
                Some(_) => return Err(fail("size", raw.size.as_ref())),
            };
        let site = match raw.site.as_deref().map(str::trim) {
            Some(s) if mingjing_domain::site::SiteId::parse(s).is_ok() => s.to_owned(),
            _ => return Err(fail("site", raw.site.as_ref())),
        };
        // The review form cannot be sent without a service code, so say so now rather than
        // on submit.
        if raw.kind == Kind::Review
            && raw.service.as_deref().is_none_or(|s| mingjing_domain::review::parse_service_code(s.trim()).is_err())
        {
            return Err(fail("service", raw.service.as_ref()));
        }
        let api = raw.api.clone().unwrap_or_default().trim_end_matches('/').to_owned();
        if !(api.starts_with("https://") || api.starts_with("http://")) {
            return Err(fail("api", raw.api.as_ref()));
        }
        Ok(Self {
            kind: raw.kind,
            lang,
            theme,
            large,
            api,
            site,
            service: raw.service.filter(|s| !s.trim().is_empty()),
            token: raw.token.filter(|s| !s.trim().is_empty()),
            channel: raw.channel,
            dept: raw.dept,
            today: raw.today,
            idle: raw.idle,
            from: raw.from,
            to: raw.to,
        })
    }
}
