//! Server-to-server calls from a department's back office carry the site secret as a
//! bearer token.

use axum::http::{HeaderMap, header};

use crate::crypto::secret;
use crate::http::error::ApiError;
use crate::storage::Site;

/// The token of an `Authorization: Bearer <token>` header, if there is one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Checks `Authorization: Bearer <secret>` against the site's stored hash.
pub fn require_site_secret(headers: &HeaderMap, site: &Site) -> Result<(), ApiError> {
    let presented = bearer(headers).ok_or(ApiError::Unauthorized)?;
    if secret::verify(presented, &site.secret_hash) { Ok(()) } else { Err(ApiError::Unauthorized) }
}

/// The collector's public base URL: the configured one, else what the request was sent to.
pub fn public_base(configured: Option<&str>, headers: &HeaderMap) -> String {
    if let Some(url) = configured {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    format!("http://{host}")
}
