//! The review submission rules that need no token (the token rules come with transactions).

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn review(rating: i64, key: &str) -> Value {
    json!({ "site": TEST_SITE, "service": "530100-SCJG-QYSL-001", "rating": rating, "idempotency_key": key })
}

async fn ratings_outside_one_to_five_are_422(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (i, bad) in [0, 6, -1, 100].into_iter().enumerate() {
        let resp = app.post_json("/api/v1/reviews", &review(bad, &format!("bounds-key-000000{i}"))).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "out_of_range", Some("rating")).await;
    }
    for (i, ok) in [1, 2, 3, 4, 5].into_iter().enumerate() {
        let mut body = review(ok, &format!("bounds-ok-0000000{i}"));
        body["reasons"] = json!(["waiting_time"]);
        assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED, "rating {ok}");
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 5);
}

async fn a_poor_review_without_a_reason_is_422(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.post_json("/api/v1/reviews", &review(1, "poor-key-0000000001")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "reason_required", Some("reasons")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
    let mut with_comment = review(1, "poor-key-0000000001");
    with_comment["comment"] = json!("窗口排队一个多小时");
    assert_eq!(app.post_json("/api/v1/reviews", &with_comment).await.status(), StatusCode::CREATED);
}

async fn an_idempotent_retry_stores_one_review(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = review(4, "retry-key-000000001");
    let first = app.post_json("/api/v1/reviews", &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let second = app.post_json("/api/v1/reviews", &body).await;
    assert_eq!(second.status(), StatusCode::OK);
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["receipt"], second["receipt"]);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
}

async fn a_comment_over_500_characters_is_422(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut body = review(5, "long-comment-000001");
    body["comment"] = json!("好".repeat(501));
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "too_long", Some("comment")).await;
    body["comment"] = json!("好".repeat(500));
    assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
}

both_backends!(
    ratings_outside_one_to_five_are_422,
    a_poor_review_without_a_reason_is_422,
    an_idempotent_retry_stores_one_review,
    a_comment_over_500_characters_is_422,
);
