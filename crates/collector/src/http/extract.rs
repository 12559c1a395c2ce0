//! `AppJson<T>`: axum's JSON extractor, answering in our error format with the field named;
//! `Valid<T>`: that JSON parsed into a domain type by its [`Parse`] rules (422 naming the
//! field otherwise); `RawBody<LIMIT>`: a whole body. Both read the body under a limit and stop reading at the
//! limit; [`crate::http::unread_body`] then reads what is left, so that the 413 reaches the client.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http_body_util::BodyExt;
use mingjing_domain::parse::Parse;
use serde::de::DeserializeOwned;

use crate::http::error::ApiError;

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
        if !is_json(req.headers().get(CONTENT_TYPE)) {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse(&read_limited(req, MAX_JSON_BODY).await?).map(AppJson)
    }
}

/// A JSON body that keeps the rules of `T`: handlers taking it never see a raw body.
#[derive(Debug, Clone)]
pub struct Valid<T>(pub T);

impl<S, T> FromRequest<S> for Valid<T>
where
    S: Send + Sync,
    T: Parse,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let AppJson(raw) = AppJson::<T::Raw>::from_request(req, state).await?;
        Ok(Valid(T::parse(raw)?))
    }
}

/// A whole body of at most `LIMIT` bytes, refused in our error format when larger
/// (whatever the route's `DefaultBodyLimit`).
#[derive(Debug, Clone)]
pub struct RawBody<const LIMIT: usize>(pub Bytes);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for RawBody<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        read_limited(req, LIMIT).await.map(RawBody)
    }
}

/// The whole body, if it is at most `limit` bytes. A body whose `Content-Length` is over
/// the limit is refused unread, so that a client that asked first (`Expect: 100-continue`)
/// is not invited to send it.
async fn read_limited(req: Request, limit: usize) -> Result<Bytes, ApiError> {
    let declared = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.trim().parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let mut body = req.into_body();
    let mut kept = Vec::with_capacity(declared.unwrap_or(0));
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|_| ApiError::BadJson { message: "request body could not be read".to_owned(), field: None })?;
        if let Some(data) = frame.data_ref() {
            if kept.len() + data.len() > limit {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            kept.extend_from_slice(data);
        }
    }
    Ok(Bytes::from(kept))
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
