//! Open reviews cannot flood a site: IPv6 clients are counted per /64, every collector
//! together keeps a per-site hourly ceiling, a review names a catalogued service, and an
//! open review cannot take the system-default job's idempotency key.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_collector::reviews::system_default;
use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::builders::{Review, SERVICE, review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

fn open_review(key: &str) -> Review {
    review(SERVICE, 4, &format!("{key:0>16}"))
}

async fn post_from(base: &str, app: &TestApp, body: &Review, client: &str) -> reqwest::Response {
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
        let resp = post_from(&app.base, &app, &open_review(&format!("v6-{n}")), &format!("2001:db8:5:6::{n:x}")).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "review {n}");
    }
    let next = post_from(&app.base, &app, &open_review("v6-next"), "2001:db8:5:6:ffff::1").await;
    assert_error(next, StatusCode::TOO_MANY_REQUESTS, "rate_limited", None).await;
    let neighbour = post_from(&app.base, &app, &open_review("v6-neighbour"), "2001:db8:5:7::1").await;
    assert_eq!(neighbour.status(), StatusCode::CREATED, "another /64 is another client");
}

async fn the_hourly_ceiling_holds_across_collectors(backend: Backend) {
    let app = behind_proxy(backend, 6).await;
    let second = app.second_collector().await;
    let mut statuses = Vec::new();
    for n in 0..10 {
        let base = if n % 2 == 0 { app.base.as_str() } else { second.base.as_str() };
        let resp = post_from(base, &app, &open_review(&format!("ceiling-{n}")), &format!("198.51.100.{n}")).await;
        statuses.push(resp.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 201, 201, 201, 429, 429, 429, 429]);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 6);
    // A review with a token is bound to its transaction and needs no allowance.
    let issued: Value = app.register_transaction(&transaction("CEIL-1")).await.json().await.unwrap();
    let verified = open_review("ceiling-verified").token(issued["token"].as_str().unwrap());
    assert_eq!(post_from(&app.base, &app, &verified, "198.51.100.99").await.status(), StatusCode::CREATED);
}

async fn a_review_names_a_catalogued_service_once_there_is_a_catalogue(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let made_up = review("NOT-IN-ANY-CATALOGUE", 5, "made-up-service-001");
    assert_eq!(app.post_json("/api/v1/reviews", &made_up).await.status(), StatusCode::CREATED, "no catalogue yet");
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    catalog_admin::run(&app.storage, CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false })
        .await
        .unwrap();
    let again = review("NOT-IN-ANY-CATALOGUE", 5, "made-up-service-002");
    let resp = app.post_json("/api/v1/reviews", &again).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_service", Some("service")).await;
    assert_eq!(app.post_json("/api/v1/reviews", &open_review("catalogued")).await.status(), StatusCode::CREATED);
}

async fn an_open_review_cannot_claim_the_system_defaults_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.register_transaction(&transaction("SQUAT-1").valid_days(365)).await;
    assert!(resp.status().is_success());
    // The key the job used to take, sent first by anyone as an open review.
    let squat = review(SERVICE, 5, "system-default-SQUAT-1");
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
