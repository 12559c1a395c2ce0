//! `AppJson<T>`: axum's JSON extractor, answering in our error format with the field named.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest JSON body any route accepts.
pub const MAX_JSON_BODY: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, Default)]
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers().get(CONTENT_TYPE)) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge { limit: MAX_JSON_BODY }
            } else {
                ApiError::BadJson { message: "request body could not be read".to_owned(), field: None }
            }
        })?;
        parse(&bytes).map(AppJson)
    }
}

/// A whole body of at most `LIMIT` bytes (the route's `DefaultBodyLimit` must allow it),
/// refused in our error format when larger.
#[derive(Debug, Clone)]
pub struct RawBody<const LIMIT: usize>(pub Bytes);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for RawBody<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge { limit: LIMIT }
            } else {
                ApiError::BadJson { message: "request body could not be read".to_owned(), field: None }
            }
        })?;
        if bytes.len() > LIMIT {
            return Err(ApiError::PayloadTooLarge { limit: LIMIT });
        }
        Ok(RawBody(bytes))
    }
}

/// Parses JSON, naming the path of the value that failed (`contact.phone`, `reasons[2]`).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let field = match path.as_str() {
            "." | "" | "?" => missing_field(&inner.to_string()),
            p => Some(p.to_owned()),
        };
        let message = match inner.classify() {
            serde_json::error::Category::Data => format!("invalid value: {inner}"),
            _ => format!("malformed JSON: {inner}"),
        };
        ApiError::BadJson { message, field }
    })
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

fn is_json(value: Option<&axum::http::HeaderValue>) -> bool {
    let Some(Ok(v)) = value.map(|v| v.to_str()) else {
        return false;
    };
    let mime = v.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}
