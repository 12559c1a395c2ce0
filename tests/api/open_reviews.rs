//! Open reviews (no token) are limited per client and per site, and a site can refuse them.

use mingjing_domain::site::SiteId;
use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn configure(app: &TestApp, review: Value) {
    let site = SiteId::parse(TEST_SITE).unwrap();
    let mut config: mingjing_domain::review::ReviewConfig = serde_json::from_value(review).unwrap();
    config.validate().unwrap();
    config.reasons = mingjing_domain::review::ReviewConfig::default().reasons;
    assert!(app.storage.set_site_config(&site, &json!({ "review": config })).await.unwrap());
}

async fn one_client_flooding_open_reviews_gets_429_while_another_succeeds(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    configure(&app, json!({ "open_reviews_per_client_per_hour": 3 })).await;
    for i in 0..3 {
        assert_eq!(
            app.post_json("/api/v1/reviews", &review("S1", 5, &format!("flood-key-000000{i}"))).await.status(),
            StatusCode::CREATED
        );
    }
    let flood = app.post_json("/api/v1/reviews", &review("S1", 5, "flood-key-0000009")).await;
    assert_error(flood, StatusCode::TOO_MANY_REQUESTS, "rate_limited", None).await;
    // Another device (another loopback address) is not held back.
    let other =
        reqwest::Client::builder().no_proxy().local_address(Some("127.0.0.2".parse().unwrap())).build().unwrap();
    let resp = other
        .post(app.url("/api/v1/reviews"))
        .header("origin", ALLOWED_ORIGIN)
        .json(&review("S1", 5, "other-device-00001"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 4);
}

async fn a_site_can_accept_verified_reviews_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    configure(&app, json!({ "allow_open_reviews": false })).await;
    let resp = app.post_json("/api/v1/reviews", &review("S1", 5, "open-refused-00001")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "token_required", Some("token")).await;
    let config: Value = app.get(&format!("/api/v1/sites/{TEST_SITE}/config")).await.json().await.unwrap();
    assert_eq!(config["review"]["allow_open_reviews"], false);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

both_backends!(
    one_client_flooding_open_reviews_gets_429_while_another_succeeds,
    a_site_can_accept_verified_reviews_only
);
