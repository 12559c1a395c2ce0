//! The headers a security scan expects: a CSP and no framing on the collector's own pages,
//! `Referrer-Policy: same-origin` everywhere, HSTS over https, no `PATCH` in CORS, and an
//! `Origin` no browser would send refused before anything looks it up.

use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn pages_carry_a_policy_and_cannot_be_framed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for page in ["/", "/review.html", "/docs/", "/docs/builder.html"] {
        let resp = app.get(page).await;
        assert_eq!(resp.status(), StatusCode::OK, "{page}");
        let policy = header(&resp, "content-security-policy");
        assert!(policy.contains("default-src 'self'"), "{page}: {policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{page}: {policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{page}: {policy}");
        assert_eq!(header(&resp, "x-frame-options"), "DENY", "{page}");
        assert_eq!(header(&resp, "referrer-policy"), "same-origin", "{page}");
        assert_eq!(header(&resp, "x-content-type-options"), "nosniff", "{page}");
        assert_eq!(header(&resp, "strict-transport-security"), "", "no HSTS over plain http");
    }
    let api = app.get("/api/v1/health").await;
    assert_eq!(header(&api, "content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
    assert_eq!(header(&api, "referrer-policy"), "same-origin");
}

async fn https_turns_hsts_on(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.public_url = Some("https://mingjing.example.gov.cn".into())).await;
    for path in ["/", "/api/v1/health", "/widgets/mingjing.js"] {
        let resp = app.get(path).await;
        assert_eq!(header(&resp, "strict-transport-security"), "max-age=31536000", "{path}");
    }
}

async fn cors_offers_only_the_methods_routes_use(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/reviews"))
        .header("origin", ALLOWED_ORIGIN)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    let methods = header(&preflight, "access-control-allow-methods").to_owned();
    assert!(methods.contains("POST") && methods.contains("DELETE"), "{methods}");
    assert!(!methods.contains("PATCH"), "{methods}");
}

async fn origins_no_browser_sends_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = serde_json::to_vec(&review("S", 5, "origin-check-0001")).unwrap();
    let long = format!("https://{}.example", "a".repeat(60_000));
    for origin in [long.as_str(), "https://allowed.example/path", "javascript:alert(1)", "HTTP://ALLOWED.EXAMPLE"] {
        let resp = app.post_raw("/api/v1/reviews", Some("application/json"), body.clone(), Some(origin)).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "invalid_origin", Some("origin")).await;
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
    // `null` is what sandboxed frames send: well formed, just not registered.
    let resp = app.post_raw("/api/v1/reviews", Some("application/json"), body.clone(), Some("null")).await;
    assert_error(resp, StatusCode::FORBIDDEN, "origin_not_allowed", Some("origin")).await;
}

both_backends!(
    pages_carry_a_policy_and_cannot_be_framed,
    https_turns_hsts_on,
    cors_offers_only_the_methods_routes_use,
    origins_no_browser_sends_are_refused,
);
