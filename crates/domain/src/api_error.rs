//! The one JSON error shape every collector response uses, and the validation error that
//! both the widgets and the collector produce from the same rules.

use serde::{Deserialize, Serialize};

/// `{"error":{"code":"…","message":"…","field":"…"}}`: the body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable snake_case code that clients can branch on.
    pub code: String,
    /// Human text, safe to show to the person who sent the request.
    pub message: String,
    /// The offending field, as a dotted path, when one field is to blame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A broken validation rule on one field. The collector answers it with 422.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    /// The rule broken, as a snake_case code (for example `out_of_range`).
    pub rule: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), rule, message: message.into() }
    }
}

/// Whether `raw` is 1 to 64 of `[A-Za-z0-9._-]`: the shape of service codes and
/// department case numbers, safe in URLs, CSV and log lines.
pub fn is_plain_identifier(raw: &str) -> bool {
    (1..=64).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
