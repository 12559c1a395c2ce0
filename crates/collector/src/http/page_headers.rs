//! The headers a security scan expects on everything the collector serves.
//!
//! - Its own pages (the demo site, `review.html`, the webmaster guide) get a
//!   Content-Security-Policy that allows only the collector itself (and WebAssembly for the
//!   widgets) and must not be framed ([`pages`]).
//! - Every response gets `Referrer-Policy: same-origin`: a page whose URL carries a review
//!   token leaks nothing to other sites, and its own requests keep their `Origin`; and,
//!   when the public URL is https, HSTS ([`everywhere`]).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower::Layer;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

/// The policy of the collector's own pages.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Wraps the service that serves the collector's own pages with their policy.
pub fn pages<S>(service: S) -> SetResponseHeader<SetResponseHeader<S, HeaderValue>, HeaderValue> {
    let policy =
        SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    let frames = SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    policy.layer(frames.layer(service))
}

/// Whether the collector is reached over https, which turns HSTS on.
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

impl Https {
    pub fn from_public_url(public_url: Option<&str>) -> Self {
        Self(public_url.is_some_and(|u| u.to_ascii_lowercase().starts_with("https://")))
    }
}

/// Middleware for every response: `Referrer-Policy`, and HSTS over https.
pub async fn everywhere(State(https): State<Https>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("same-origin"));
    if https.0 {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}
