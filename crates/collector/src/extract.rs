//! `AppJson<T>`: axum's JSON extractor, answering in our error format with the field named;
//! `RawBody<LIMIT>`: a whole body. Both read it under a limit with [`limited_body`].

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::limited_body::{self, BodyError};

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

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let is_json = is_json(req.headers().get(CONTENT_TYPE));
        // Read (or refuse) the body even when its type is wrong, so that the 415 is not an
        // early answer that the connection's reset would keep from the client.
        let bytes = limited_body::read(req, MAX_JSON_BODY).await?;
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse(&bytes).map(AppJson)
    }
}

/// A whole body of at most `LIMIT` bytes, refused in our error format when larger (read
/// by [`limited_body::read`], whatever the route's `DefaultBodyLimit`).
#[derive(Debug, Clone)]
pub struct RawBody<const LIMIT: usize>(pub Bytes);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for RawBody<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(RawBody(limited_body::read(req, LIMIT).await?))
    }
}

impl From<BodyError> for ApiError {
    fn from(error: BodyError) -> Self {
        match error {
            BodyError::TooLarge { limit, close } => ApiError::PayloadTooLarge { limit, close },
            BodyError::Unreadable => {
                ApiError::BadJson { message: "request body could not be read".to_owned(), field: None }
            }
        }
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
