//! Prometheus metrics: request counts and latency histograms by route and status.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{Method, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    /// One of the standard methods, or `other`: a client may send any token as a method,
    /// and each new label value would be a new series kept for ever.
    method: &'static str,
    /// The route template (`/api/v1/reviews`), never the raw path, so that label values
    /// stay few and carry no personal data.
    route: String,
    status: u16,
}

fn latency_histogram() -> Histogram {
    Histogram::new([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Histogram, fn() -> Histogram>,
    /// Access codes checked against an argon2 hash (or the dummy hash), for sign-in tests
    /// and for spotting a guessing campaign.
    pub code_hashes: Counter,
    site_cache_bytes: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("mingjing");
        let requests = Family::<RequestLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by method, route and status; its _count is the request count",
            requests.clone(),
        );
        let code_hashes = Counter::default();
        registry.register("access_code_hashes", "Access codes checked against an argon2 hash", code_hashes.clone());
        let site_cache_bytes = Gauge::default();
        registry.register("site_cache_bytes", "Bytes the in-memory site cache holds", site_cache_bytes.clone());
        Self { registry, requests, code_hashes, site_cache_bytes }
    }
}

impl Metrics {
    pub fn render(&self, site_cache_bytes: usize) -> String {
        self.site_cache_bytes.set(i64::try_from(site_cache_bytes).unwrap_or(i64::MAX));
        let mut out = String::new();
        // Encoding into a String cannot fail: fmt::Write on String is infallible.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

/// Middleware that times every request.
pub async fn track(State(metrics): State<Arc<Metrics>>, req: Request<Body>, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| bucket_unmatched(req.uri().path()).to_owned());
    let response = next.run(req).await;
    let labels = RequestLabels { method, route, status: response.status().as_u16() };
    metrics.requests.get_or_create(&labels).observe(start.elapsed().as_secs_f64());
    response
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// Unmatched paths (static files, 404s) are grouped so a scanner cannot explode the labels.
fn bucket_unmatched(path: &str) -> &'static str {
    if path.starts_with("/widgets/") {
        "/widgets/*"
    } else if path.starts_with("/api/") {
        "/api/*"
    } else {
        "/*"
    }
}

/// The `/metrics` page, with the site cache's size as it is now.
pub fn page(metrics: &Metrics, site_cache_bytes: usize) -> impl IntoResponse + use<> {
    (
        [(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")],
        metrics.render(site_cache_bytes),
    )
}
