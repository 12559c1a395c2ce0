use serde::{Deserialize, Serialize};

use super::article::is_article;
use crate::api_error::FieldError;
use crate::idempotency_key::IdempotencyKey;

/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 2000;
/// Photos one observation may carry.
pub const MAX_PHOTOS: usize = 3;
const PLACE_MAX: usize = 200;

/// How the supervisor found the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 明察: an announced visit.
    Open,
    /// 暗访: an unannounced visit.
    Covert,
    /// 模拟办理: trying the service as a customer.
    MysteryShopping,
    Other,
}

impl Method {
    pub const ALL: [Self; 4] = [Self::Open, Self::Covert, Self::MysteryShopping, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Covert => "covert",
            Self::MysteryShopping => "mystery_shopping",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }
}

/// The regulation's chapter the problem falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Chapter {
    /// 市场环境.
    Market,
    /// 政务环境.
    Government,
    /// 法治环境.
    RuleOfLaw,
    /// 监督问效.
    Oversight,
}

impl Chapter {
    pub const ALL: [Self; 4] = [Self::Market, Self::Government, Self::RuleOfLaw, Self::Oversight];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Market => "market",
            Self::Government => "government",
            Self::RuleOfLaw => "rule_of_law",
            Self::Oversight => "oversight",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// `POST /api/v1/supervisor/observations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewObservation {
    /// A department of the service catalogue, by name.
    pub department: String,
    /// The service item concerned, by implementation code.
    #[serde(default)]
    pub service: Option<String>,
    /// Where it happened: a service hall, a window, a website.
    pub place: String,
    /// When, in China time: `2026-11-20T14:30`.
    pub observed_at: String,
    pub method: Method,
    pub chapter: Chapter,
    /// The article of the regulation concerned.
    #[serde(default)]
    pub article: Option<u32>,
    pub description: String,
    /// Photos uploaded first with `POST /api/v1/supervisor/photos`, at most three.
    #[serde(default)]
    pub photos: Vec<i64>,
    /// A random key from the panel, so a retried submission is stored once.
    pub idempotency_key: String,
}

/// An observation that keeps every rule needing no database, its text trimmed: what
/// the collector stores once the department and service are found in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub department: String,
    /// `None` when the body names no service (or only spaces).
    pub service: Option<String>,
    pub place: String,
    /// As sent, `2026-11-20T14:30`.
    pub observed_at: String,
    /// The day of `observed_at`.
    pub observed_day: time::Date,
    pub method: Method,
    pub chapter: Chapter,
    pub article: Option<u32>,
    pub description: String,
    /// Different photo ids, at most [`MAX_PHOTOS`].
    pub photos: Vec<i64>,
    pub idempotency_key: IdempotencyKey,
}

impl crate::parse::Parse for Observation {
    type Raw = NewObservation;

    fn parse(raw: NewObservation) -> Result<Self, FieldError> {
        let department = raw.department.trim();
        if department.is_empty() {
            return Err(FieldError::new("department", "required", "choose the department concerned"));
        }
        let place = raw.place.trim();
        if place.is_empty() || place.chars().count() > PLACE_MAX {
            return Err(FieldError::new("place", "length", format!("the place is 1 to {PLACE_MAX} characters")));
        }
        let Some((observed_day, _)) = observed_minutes(&raw.observed_at) else {
            return Err(FieldError::new(
                "observed_at",
                "invalid_datetime",
                "observed_at is a time such as 2026-11-20T14:30",
            ));
        };
        if raw.article.is_some_and(|a| !is_article(a)) {
            return Err(FieldError::new(
                "article",
                "unknown_article",
                "the regulation has no article with this number",
            ));
        }
        let description = raw.description.trim();
        if description.is_empty() {
            return Err(FieldError::new("description", "required", "describe what you observed"));
        }
        if description.chars().count() > DESCRIPTION_MAX {
            return Err(FieldError::new(
                "description",
                "too_long",
                format!("the description is at most {DESCRIPTION_MAX} characters"),
            ));
        }
        let mut different = raw.photos.clone();
        different.sort_unstable();
        different.dedup();
        if raw.photos.len() > MAX_PHOTOS || different.len() != raw.photos.len() {
            return Err(FieldError::new("photos", "too_many", format!("at most {MAX_PHOTOS} different photos")));
        }
        // The reviews' rule; the rule name `invalid` is this body's, kept for its clients.
        let idempotency_key = IdempotencyKey::parse(&raw.idempotency_key)
            .map_err(|e| FieldError::new("idempotency_key", "invalid", e.to_string()))?;
        Ok(Observation {
            department: department.to_owned(),
            service: raw.service.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
            place: place.to_owned(),
            observed_day,
            observed_at: raw.observed_at,
            method: raw.method,
            chapter: raw.chapter,
            article: raw.article,
            description: description.to_owned(),
            photos: raw.photos,
            idempotency_key,
        })
    }
}

/// The date and minute of the day of `YYYY-MM-DDTHH:MM` (or `…:SS`), if it is one.
pub fn observed_minutes(raw: &str) -> Option<(time::Date, u32)> {
    let (day, clock) = raw.split_once('T')?;
    let date = crate::iso_date::parse(day)?;
    let b = clock.as_bytes();
    let shaped = (b.len() == 5 || (b.len() == 8 && b[5] == b':'))
        && b[2] == b':'
        && b.iter().enumerate().all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| clock.get(range).and_then(|d| d.parse::<u32>().ok());
    let (hour, minute, second) = (number(0..2)?, number(3..5)?, number(6..8).unwrap_or(0));
    (hour < 24 && minute < 60 && second < 60).then_some((date, hour * 60 + minute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Parse;

    fn check(o: NewObservation) -> Result<(), FieldError> {
        Observation::parse(o).map(|_| ())
    }

    fn valid() -> NewObservation {
        NewObservation {
            department: "昆明市市场监督管理局".into(),
            service: None,
            place: "市政务服务中心一楼 A 区".into(),
            observed_at: "2026-11-20T14:30".into(),
            method: Method::MysteryShopping,
            chapter: Chapter::Government,
            article: Some(36),
            description: "窗口要求提供清单外的证明。".into(),
            photos: vec![1, 2],
            idempotency_key: "0123456789abcdef".into(),
        }
    }

    #[test]
    fn each_rule_names_its_field() {
        assert_eq!(check(valid()), Ok(()));
        type Breaker = fn(&mut NewObservation);
        let cases: [(Breaker, &str); 7] = [
            (|o| o.place = " ".into(), "place"),
            (|o| o.observed_at = "2026-11-20 14:30".into(), "observed_at"),
            (|o| o.observed_at = "2026-11-20T24:00".into(), "observed_at"),
            (|o| o.article = Some(500), "article"),
            (|o| o.description = "长".repeat(DESCRIPTION_MAX + 1), "description"),
            (|o| o.photos = vec![1, 1], "photos"),
            (|o| o.photos = vec![1, 2, 3, 4], "photos"),
        ];
        for (break_it, field) in cases {
            let mut o = valid();
            break_it(&mut o);
            assert_eq!(check(o).unwrap_err().field, field);
        }
        let mut o = valid();
        o.description = "长".repeat(DESCRIPTION_MAX);
        o.observed_at = "2026-11-20T08:05:59".into();
        assert_eq!(check(o), Ok(()));
    }

    #[test]
    fn the_parsed_observation_is_trimmed_and_knows_its_day() {
        let raw = NewObservation { department: " 市场监管局 ".into(), service: Some("  ".into()), ..valid() };
        let parsed = Observation::parse(raw).unwrap();
        assert_eq!((parsed.department.as_str(), parsed.service), ("市场监管局", None));
        assert_eq!(parsed.observed_day, time::macros::date!(2026 - 11 - 20));
        assert_eq!(parsed.idempotency_key.as_str(), "0123456789abcdef");
    }

    /// Reviews and observations follow one key rule; each keeps its own rule name.
    #[test]
    fn reviews_and_observations_accept_and_refuse_the_same_keys() {
        use crate::review::{Review, ReviewRequest};
        let review = |key: &str| {
            let body = serde_json::json!({
                "site": "test-site", "service": "11530100MJ0001001W3001030001000", "rating": 5,
                "idempotency_key": key,
            });
            Review::parse(&serde_json::from_value::<ReviewRequest>(body).unwrap())
        };
        let observation = |key: &str| check(NewObservation { idempotency_key: key.into(), ..valid() });
        for good in ["0123456789abcdef", "panel_key_0000001", "with-hyphen_and_underscore", &"x".repeat(64)] {
            assert!(review(good).is_ok(), "review refused {good:?}");
            assert_eq!(observation(good), Ok(()), "observation refused {good:?}");
        }
        for bad in [
            "",
            "0123456789abcde",
            &"x".repeat(65),
            "0123456789abcdef:",
            "0123456789 abcdef",
            "键键键键键键键键键键键键键键键键",
        ] {
            let refused = review(bad).unwrap_err();
            assert_eq!(
                (refused.field.as_str(), refused.rule),
                ("idempotency_key", "invalid_idempotency_key"),
                "{bad:?}"
            );
            let refused = observation(bad).unwrap_err();
            assert_eq!((refused.field.as_str(), refused.rule), ("idempotency_key", "invalid"), "{bad:?}");
        }
    }
}
