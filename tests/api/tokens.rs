//! Registered transactions, review tokens, and one review per (transaction, evaluation).

use mingjing_collector::crypto::secret;
use mingjing_collector::reviews::token::{self, Claims};
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{self, Review, SERVICE, Transaction, review};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

/// A transaction with every field a back office may send.
fn transaction(no: &str) -> Transaction {
    builders::transaction(no)
        .between("2026-11-23T09:00:00+08:00", "2026-11-24T16:30:00+08:00")
        .promised_working_days(1)
        .overdue_reason("申请材料补正")
}

fn review_with(token: &str, key: &str) -> Review {
    review(SERVICE, 4, key).token(token)
}

async fn registration_needs_the_site_secret(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_error(
        app.register_transaction_signed(&transaction("BJ-1"), None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        None,
    )
    .await;
    let wrong = secret::generate();
    assert_error(
        app.register_transaction_signed(&transaction("BJ-1"), Some(&wrong)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        None,
    )
    .await;
    let first = app.register_transaction_signed(&transaction("BJ-1"), Some(&app.secret)).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let body: Value = first.json().await.unwrap();
    assert!(body["token"].as_str().unwrap().starts_with("mj1."));
    let url = body["review_url"].as_str().unwrap();
    // The token is in the fragment only, which a browser never sends to a server.
    let (sent, fragment) = url.split_once('#').unwrap();
    assert!(!sent.contains("token") && !sent.contains("mj1."), "{url}");
    assert_eq!(fragment, format!("token={}", body["token"].as_str().unwrap()));
    assert!(
        url.starts_with(&format!("{}/review.html?site={TEST_SITE}&service={SERVICE}#token=mj1.", app.base)),
        "{url}"
    );
    // A retry with the same facts is fine; different facts for the same number are not.
    assert_eq!(app.register_transaction_signed(&transaction("BJ-1"), Some(&app.secret)).await.status(), StatusCode::OK);
    let changed = transaction("BJ-1").completed("2026-11-25T10:00:00+08:00");
    assert_error(
        app.register_transaction_signed(&changed, Some(&app.secret)).await,
        StatusCode::CONFLICT,
        "conflict",
        None,
    )
    .await;
    let backwards = transaction("BJ-2").completed("2026-11-01T10:00:00+08:00");
    let resp = app.register_transaction_signed(&backwards, Some(&app.secret)).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "before_accepted", Some("completed_at")).await;
}

async fn a_valid_token_makes_a_verified_review_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body: Value =
        app.register_transaction_signed(&transaction("BJ-7"), Some(&app.secret)).await.json().await.unwrap();
    let token = body["token"].as_str().unwrap();
    let resp = app.post_json("/api/v1/reviews", &review_with(token, "tok-key-000000000001")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let receipt: Value = resp.json().await.unwrap();
    assert_eq!(receipt["verified"], true);
    // The same review retried is the same review…
    let retry = app.post_json("/api/v1/reviews", &review_with(token, "tok-key-000000000001")).await;
    assert_eq!(retry.status(), StatusCode::OK);
    // …but a second review of the same transaction is refused, and nothing changes.
    let again = app.post_json("/api/v1/reviews", &review_with(token, "tok-key-000000000002")).await;
    let err = assert_error(again, StatusCode::CONFLICT, "already_reviewed", None).await;
    assert_eq!(err.error.message, "本次服务已存在评价，请勿重复评价");
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
}

async fn expired_forged_altered_and_mismatched_tokens_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let key = secret::token_key(&app.secret);
    let claims = Claims {
        site: TEST_SITE.into(),
        service: SERVICE.into(),
        transaction_no: "BJ-9".into(),
        evaluation_no: 1,
        channel: 1,
        expires_at: 4_000_000_000,
    };
    // A token the department minted itself from its secret is as good as one we issued.
    let minted = token::sign(&claims, &key).unwrap();
    let expired = token::sign(&Claims { expires_at: 1_000_000_000, ..claims.clone() }, &key).unwrap();
    let forged = token::sign(&claims, &secret::token_key(&secret::generate())).unwrap();
    let other_service = token::sign(&Claims { service: "OTHER-SERVICE".into(), ..claims.clone() }, &key).unwrap();
    let mut altered = minted.clone().into_bytes();
    altered[6] = if altered[6] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    for (i, (token, rule)) in [
        (expired.as_str(), "expired_token"),
        (forged.as_str(), "invalid_token"),
        (altered.as_str(), "invalid_token"),
        (other_service.as_str(), "token_mismatch"),
        ("not-a-token", "invalid_token"),
    ]
    .into_iter()
    .enumerate()
    {
        let resp = app.post_json("/api/v1/reviews", &review_with(token, &format!("bad-token-00000000{i}"))).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, rule, Some("token")).await;
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
    let ok = app.post_json("/api/v1/reviews", &review_with(&minted, "good-token-000000001")).await;
    assert_eq!(ok.status(), StatusCode::CREATED);
}

both_backends!(
    registration_needs_the_site_secret,
    a_valid_token_makes_a_verified_review_once,
    expired_forged_altered_and_mismatched_tokens_are_refused,
);
