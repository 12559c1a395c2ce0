//! The HTTP layer's one error type. Every failure leaves the collector as
//! `{"error":{"code","message","field"}}` with a 4xx or 5xx status chosen here, and only here.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mingjing_domain::api_error::{ErrorBody, ErrorEnvelope, FieldError};

use crate::storage::{Conflict, StorageError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON, or a value has the wrong type (400).
    #[error("{message}")]
    BadJson { message: String, field: Option<String> },
    #[error("request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// A value broke a rule (422).
    #[error(transparent)]
    Invalid(#[from] FieldError),
    #[error("{what} not found")]
    NotFound { what: &'static str, field: Option<&'static str> },
    #[error("this page's origin is not registered for site {site}")]
    OriginNotAllowed { site: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("sign in first: this needs a valid session")]
    SignInRequired,
    #[error("the access code is wrong, revoked or expired")]
    BadCode,
    #[error("too many wrong codes: try again in {retry_after_secs} seconds")]
    LockedOut { retry_after_secs: u64 },
    #[error("too many reviews from this device this hour; please try again later")]
    RateLimited,
    #[error("missing or wrong site secret: send `Authorization: Bearer <site secret>`")]
    Unauthorized,
    /// Signed in, but this person may not do this (403).
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The database is down or overloaded; the client should retry (503).
    #[error("the service is temporarily unavailable, please retry")]
    Unavailable,
    /// Every slot for heavy reads (exports) is taken; the client should retry (503).
    #[error("this collector is already running as many exports as it may; retry in a minute")]
    Busy,
    /// A bug or an unexpected storage failure. The detail is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadJson { .. } => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::OriginNotAllowed { .. } | ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unauthorized | ApiError::SignInRequired | ApiError::BadCode => StatusCode::UNAUTHORIZED,
            ApiError::LockedOut { .. } | ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable | ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BadJson { .. } => "malformed_json",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::Invalid(e) => e.rule,
            ApiError::NotFound { .. } => "not_found",
            ApiError::OriginNotAllowed { .. } => "origin_not_allowed",
            ApiError::Conflict { code, .. } => code,
            ApiError::Unauthorized => "unauthorized",
            ApiError::SignInRequired => "sign_in_required",
            ApiError::BadCode => "bad_code",
            ApiError::LockedOut { .. } => "locked_out",
            ApiError::RateLimited => "rate_limited",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Unavailable => "unavailable",
            ApiError::Busy => "busy",
            ApiError::Internal(_) => "internal",
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            ApiError::BadJson { field, .. } => field.clone(),
            ApiError::Invalid(e) => Some(e.field.clone()),
            ApiError::NotFound { field, .. } => field.map(str::to_owned),
            ApiError::OriginNotAllowed { .. } => Some("origin".to_owned()),
            _ => None,
        }
    }

    pub fn body(&self) -> ErrorEnvelope {
        let message = match self {
            ApiError::Invalid(e) => e.message.clone(),
            other => other.to_string(),
        };
        ErrorEnvelope { error: ErrorBody { code: self.code().to_owned(), message, field: self.field() } }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            ApiError::Internal(detail) => tracing::error!(%detail, "internal error"),
            ApiError::Unavailable => tracing::warn!("storage unavailable"),
            _ => tracing::debug!(code = self.code(), "request refused"),
        }
        let mut response = (status, Json(self.body())).into_response();
        if let ApiError::LockedOut { retry_after_secs } = &self
            && let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
        }
        if let ApiError::PayloadTooLarge { limit } = &self {
            // How much of the rest of the body may be read, so that the client gets this.
            response.extensions_mut().insert(crate::http::unread_body::DrainBound::for_limit(*limit));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("2"));
        }
        response
    }
}

/// axum's own extractors (a path segment that is not a number, a query string that does
/// not parse) answer 4xx in plain text. Every API error is JSON, so such an answer is
/// rewritten into the envelope, its text kept as the message.
pub async fn plain_rejections_as_json(response: Response) -> Response {
    let status = response.status();
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !(status.is_client_error() && plain) {
        return response;
    }
    let bytes = axum::body::to_bytes(response.into_body(), 4096).await.unwrap_or_default();
    let message = String::from_utf8_lossy(&bytes).trim().to_owned();
    let code = if status == StatusCode::BAD_REQUEST { "bad_request" } else { "invalid_request" };
    let body = ErrorEnvelope { error: ErrorBody { code: code.to_owned(), message, field: None } };
    (status, Json(body)).into_response()
}

impl From<crate::reviews::token::TokenError> for ApiError {
    fn from(e: crate::reviews::token::TokenError) -> Self {
        match e {
            crate::reviews::token::TokenError::KeyUnavailable => ApiError::Internal(e.to_string()),
            refused => ApiError::Invalid(refused.into_field_error()),
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Unavailable(_) => ApiError::Unavailable,
            // The national wording, which citizens see as it is.
            StorageError::Conflict(what @ Conflict::AlreadyReviewed) => {
                ApiError::Conflict { code: "already_reviewed", message: what.to_string() }
            }
            StorageError::Conflict(what @ Conflict::PhotoUnavailable) => {
                ApiError::Conflict { code: "photo_unavailable", message: what.to_string() }
            }
            StorageError::Conflict(what @ Conflict::ExclusionStanding) => {
                ApiError::Conflict { code: "exclusion_standing", message: what.to_string() }
            }
            StorageError::Conflict(what) => ApiError::Conflict { code: "conflict", message: what.to_string() },
            other => ApiError::Internal(other.to_string()),
        }
    }
}
