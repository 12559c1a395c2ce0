//! Open reviews cannot flood a site: IPv6 clients are counted per /64, every collector
//! together keeps a per-site hourly ceiling, a review names a catalogued service, and an
//! open review cannot take the system-default job's idempotency key.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_collector::reviews::system_default;
use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SERVICE: &str = "11530100MJ0001001W3001030001000";

fn review(key: &str) -> Value {
    json!({ "site": TEST_SITE, "service": SERVICE, "rating": 4, "idempotency_key": format!("{key:0>16}") })
}

async fn post_from(base: &str, app: &TestApp, body: &Value, client: &str) -> reqwest::Response {
    app.client
        .post(format!("{base}/api/v1/reviews"))
        .header("origin", ALLOWED_ORIGIN)
        .header("x-forwarded-for", client)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn behind_proxy(backend: Backend, per_site: u32) -> TestApp {
    TestApp::spawn_with(backend, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        c.limits.open_reviews_per_site_per_hour = per_site;
    })
    .await
}

async fn an_ipv6_network_is_one_client(backend: Backend) {
    let app = behind_proxy(backend, 10_000).await;
    // The site's default allowance is 30 open reviews per client and hour.
    for n in 0..30 {
        let resp = post_from(&app.base, &app, &review(&format!("v6-{n}")), &format!("2001:db8:5:6::{n:x}")).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "review {n}");
    }
    let next = post_from(&app.base, &app, &review("v6-next"), "2001:db8:5:6:ffff::1").await;
    assert_error(next, StatusCode::TOO_MANY_REQUESTS, "rate_limited", None).await;
    let neighbour = post_from(&app.base, &app, &review("v6-neighbour"), "2001:db8:5:7::1").await;
    assert_eq!(neighbour.status(), StatusCode::CREATED, "another /64 is another client");
}

async fn the_hourly_ceiling_holds_across_collectors(backend: Backend) {
    let app = behind_proxy(backend, 6).await;
    let second = app.second_collector().await;
    let mut statuses = Vec::new();
    for n in 0..10 {
        let base = if n % 2 == 0 { app.base.as_str() } else { second.base.as_str() };
        let resp = post_from(base, &app, &review(&format!("ceiling-{n}")), &format!("198.51.100.{n}")).await;
        statuses.push(resp.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 201, 201, 201, 429, 429, 429, 429]);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 6);
    // A review with a token is bound to its transaction and needs no allowance.
    let body = json!({
        "site": TEST_SITE, "service": SERVICE, "transaction_no": "CEIL-1",
        "accepted_at": "2024-02-01T09:00:00+08:00", "completed_at": "2024-02-02T09:00:00+08:00",
    });
    let issued: Value = app
        .client
        .post(app.url("/api/v1/transactions"))
        .bearer_auth(&app.secret)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut verified = review("ceiling-verified");
    verified["token"] = issued["token"].clone();
    assert_eq!(post_from(&app.base, &app, &verified, "198.51.100.99").await.status(), StatusCode::CREATED);
}

async fn a_review_names_a_catalogued_service_once_there_is_a_catalogue(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let made_up = json!({ "site": TEST_SITE, "service": "NOT-IN-ANY-CATALOGUE", "rating": 5, "idempotency_key": "made-up-service-001" });
    assert_eq!(app.post_json("/api/v1/reviews", &made_up).await.status(), StatusCode::CREATED, "no catalogue yet");
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    catalog_admin::run(&app.storage, CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false })
        .await
        .unwrap();
    let again = json!({ "site": TEST_SITE, "service": "NOT-IN-ANY-CATALOGUE", "rating": 5, "idempotency_key": "made-up-service-002" });
    let resp = app.post_json("/api/v1/reviews", &again).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_service", Some("service")).await;
    assert_eq!(app.post_json("/api/v1/reviews", &review("catalogued")).await.status(), StatusCode::CREATED);
}

async fn an_open_review_cannot_claim_the_system_defaults_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = json!({
        "site": TEST_SITE, "service": SERVICE, "transaction_no": "SQUAT-1",
        "accepted_at": "2024-02-01T09:00:00+08:00", "completed_at": "2024-02-02T09:00:00+08:00", "valid_days": 365,
    });
    let resp = app.client.post(app.url("/api/v1/transactions")).bearer_auth(&app.secret).json(&body).send().await;
    assert!(resp.unwrap().status().is_success());
    // The key the job used to take, sent first by anyone as an open review.
    let squat =
        json!({ "site": TEST_SITE, "service": SERVICE, "rating": 5, "idempotency_key": "system-default-SQUAT-1" });
    assert_eq!(app.post_json("/api/v1/reviews", &squat).await.status(), StatusCode::CREATED);
    let later = mingjing_collector::china_time::now_millis();
    assert_eq!(system_default::run_once(&app.storage, later).await.unwrap(), 1, "the default is still recorded");
    let stats: Value = app.get(&format!("/api/v1/stats?site={TEST_SITE}")).await.json().await.unwrap();
    assert_eq!(stats["system_default_count"], 1);
}

both_backends!(
    an_ipv6_network_is_one_client,
    the_hourly_ceiling_holds_across_collectors,
    a_review_names_a_catalogued_service_once_there_is_a_catalogue,
    an_open_review_cannot_claim_the_system_defaults_key,
);
