//! The public figures, served to be cached: a department's home page asks for them on
//! every visit, so a browser, the department's reverse proxy or a CDN may keep one copy for
//! everyone. The answer carries `Cache-Control: public, max-age=…` and an `ETag` computed
//! from its bytes alone, so several collectors behind one database give the same tag; a
//! request whose `If-None-Match` names it is answered 304 with no body. These routes are
//! open to every origin (`Access-Control-Allow-Origin: *`, set in `app/startup.rs`) and
//! carry no `Vary: Origin`, so one cached copy serves every department's page.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::http::error::ApiError;

/// `value` as JSON for shared caches, or 304 when the client already holds these bytes.
pub fn cached_json<T: Serialize>(request: &HeaderMap, value: &T, max_age_secs: u32) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    let tag = etag(&body);
    let cache = HeaderValue::try_from(format!("public, max-age={max_age_secs}"))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let tag_value = HeaderValue::try_from(tag.as_str()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = if matches_any(request.get(IF_NONE_MATCH), &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut ok = Response::new(Body::from(body));
        ok.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        ok
    };
    response.headers_mut().insert(ETAG, tag_value);
    response.headers_mut().insert(CACHE_CONTROL, cache);
    Ok(response)
}

/// A strong tag: the first 128 bits of the body's SHA-256, in hex and quotes.
fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", crate::crypto::secret::hex(&digest[..16]))
}

/// Whether an `If-None-Match` list names `tag` (compared weakly, as RFC 9110 says for
/// `If-None-Match`) or is `*`.
fn matches_any(header: Option<&HeaderValue>, tag: &str) -> bool {
    let Some(list) = header.and_then(|h| h.to_str().ok()) else { return false };
    list.split(',').map(str::trim).any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_matches_itself_in_a_list_weakly_or_as_a_star_and_nothing_else() {
        let tag = etag(b"{}");
        assert_eq!(tag.len(), 34);
        assert_eq!(tag, etag(b"{}"), "the same bytes give the same tag");
        assert_ne!(tag, etag(b"{ }"));
        let header = |text: &str| HeaderValue::try_from(text).unwrap();
        assert!(matches_any(Some(&header(&tag)), &tag));
        assert!(matches_any(Some(&header(&format!("\"other\", W/{tag}"))), &tag));
        assert!(matches_any(Some(&header("*")), &tag));
        assert!(!matches_any(Some(&header("\"other\"")), &tag));
        assert!(!matches_any(None, &tag));
    }
}
