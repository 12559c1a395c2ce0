use serde::{Deserialize, Serialize};

use super::{Channel, Contact, ContactRequest, MAX_COMMENT_CHARS, Rating};
use crate::api_error::{FieldError, is_plain_identifier};
use crate::idempotency_key::IdempotencyKey;
use crate::site::SiteId;

/// A review as it travels from the widget to the collector.
///
/// Numbers arrive as `i64` and strings as `String` so that an out-of-range rating is a
/// broken rule (422, naming the field) rather than a type error (400).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    pub site: String,
    pub service: String,
    pub rating: i64,
    #[serde(default)]
    pub dimensions: Vec<DimensionRequest>,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default)]
    pub channel: Channel,
    /// Chosen by the widget once per review, so a retry can never store it twice.
    pub idempotency_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactRequest>,
}

/// A rating of one dimension, such as 办事效率.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionRequest {
    pub key: String,
    pub rating: i64,
}

/// What the collector answers for a stored review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewReceipt {
    /// The code the reviewer keeps to look up the follow-up.
    pub receipt: String,
    pub verified: bool,
}

/// A review that has passed every rule that needs no database.
#[derive(Debug, Clone)]
pub struct Review {
    pub site: SiteId,
    pub service: String,
    pub rating: Rating,
    pub dimensions: Vec<(String, Rating)>,
    pub reasons: Vec<String>,
    pub comment: Option<String>,
    pub channel: Channel,
    pub idempotency_key: IdempotencyKey,
    pub token: Option<String>,
    pub contact: Option<Contact>,
}

const MAX_REASONS: usize = 16;
const MAX_DIMENSIONS: usize = 8;

impl Review {
    pub fn parse(req: &ReviewRequest) -> Result<Self, FieldError> {
        let site = SiteId::parse(&req.site)?;
        let service = parse_service_code(&req.service)?;
        let rating = Rating::parse("rating", req.rating)?;
        if req.dimensions.len() > MAX_DIMENSIONS {
            return Err(FieldError::new("dimensions", "too_many", "at most 8 dimension ratings"));
        }
        let mut dimensions = Vec::with_capacity(req.dimensions.len());
        for (i, d) in req.dimensions.iter().enumerate() {
            let key = parse_code(&format!("dimensions[{i}].key"), &d.key)?;
            dimensions.push((key, Rating::parse(&format!("dimensions[{i}].rating"), d.rating)?));
        }
        if req.reasons.len() > MAX_REASONS {
            return Err(FieldError::new("reasons", "too_many", "at most 16 reasons"));
        }
        let reasons = req
            .reasons
            .iter()
            .enumerate()
            .map(|(i, r)| parse_code(&format!("reasons[{i}]"), r))
            .collect::<Result<Vec<_>, _>>()?;
        let comment = parse_comment(req.comment.as_deref())?;
        if rating.is_poor() && reasons.is_empty() && comment.is_none() {
            return Err(FieldError::new(
                "reasons",
                "reason_required",
                "a poor review needs at least one reason or a comment",
            ));
        }
        if req.channel == Channel::SystemDefault {
            return Err(FieldError::new("channel", "reserved", "only the system records default ratings"));
        }
        let idempotency_key = IdempotencyKey::parse(&req.idempotency_key)
            .map_err(|e| FieldError::new("idempotency_key", "invalid_idempotency_key", e.to_string()))?;
        let token = match req.token.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) if t.len() > 1024 => {
                return Err(FieldError::new("token", "too_long", "token is longer than 1024 bytes"));
            }
            Some(t) => Some(t.to_owned()),
        };
        let contact = req.contact.as_ref().map(Contact::parse).transpose()?;
        Ok(Self {
            site,
            service,
            rating,
            dimensions,
            reasons,
            comment,
            channel: req.channel,
            idempotency_key,
            token,
            contact,
        })
    }
}

/// A service's implementation code (实施编码) or basic code: 1 to 64 of `[A-Za-z0-9._-]`.
pub fn parse_service_code(raw: &str) -> Result<String, FieldError> {
    if is_plain_identifier(raw) {
        Ok(raw.to_owned())
    } else {
        Err(FieldError::new(
            "service",
            "invalid_service_code",
            "service code must be 1 to 64 letters, digits, '.', '-' or '_'",
        ))
    }
}

/// A configured code such as a reason or dimension key: 1 to 32 of `[a-z0-9_]`.
fn parse_code(field: &str, raw: &str) -> Result<String, FieldError> {
    let ok =
        (1..=32).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(FieldError::new(field, "invalid_code", "codes are 1 to 32 lower-case letters, digits or '_'"))
    }
}

fn parse_comment(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_COMMENT_CHARS as usize {
        return Err(FieldError::new("comment", "too_long", "comment must be at most 500 characters"));
    }
    Ok(Some(text.to_owned()))
}

impl crate::parse::Parse for Review {
    type Raw = ReviewRequest;

    fn parse(raw: ReviewRequest) -> Result<Self, FieldError> {
        Review::parse(&raw)
    }
}
