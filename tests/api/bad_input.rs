//! Bad input gets a 4xx JSON error naming the field and rule, and nothing is stored.

use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// As JSON, since these tests break it in ways no setter can.
fn valid_review() -> Value {
    review("530100-SCJG-QYSL-001", 5, "k-0123456789abcdef").into_json()
}

async fn malformed_json_is_400_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app
        .post_raw(
            "/api/v1/reviews",
            Some("application/json"),
            b"{\"site\": \"test-site\", \"rat".to_vec(),
            Some(ALLOWED_ORIGIN),
        )
        .await;
    assert_error(resp, StatusCode::BAD_REQUEST, "malformed_json", None).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

async fn a_wrong_type_is_400_naming_the_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut body = valid_review();
    body["rating"] = json!("five");
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::BAD_REQUEST, "malformed_json", Some("rating")).await;
    body.as_object_mut().unwrap().remove("rating");
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::BAD_REQUEST, "malformed_json", Some("rating")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

async fn a_wrong_content_type_is_415_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = valid_review().to_string().into_bytes();
    let resp = app.post_raw("/api/v1/reviews", Some("text/plain"), body.clone(), Some(ALLOWED_ORIGIN)).await;
    assert_error(resp, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None).await;
    let resp = app.post_raw("/api/v1/reviews", None, body, Some(ALLOWED_ORIGIN)).await;
    assert_error(resp, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

async fn a_one_mebibyte_body_is_413_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut body = valid_review();
    body["comment"] = json!("差".repeat(350_000));
    let bytes = body.to_string().into_bytes();
    assert!(bytes.len() >= 1024 * 1024);
    let resp = app.post_raw("/api/v1/reviews", Some("application/json"), bytes, Some(ALLOWED_ORIGIN)).await;
    assert_error(resp, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", None).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

async fn an_unknown_site_is_404_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut body = valid_review();
    body["site"] = json!("no-such-site");
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::NOT_FOUND, "not_found", Some("site")).await;
    assert_eq!(app.reviews_stored("no-such-site").await, 0);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
}

async fn a_disallowed_origin_is_403_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app
        .post_raw(
            "/api/v1/reviews",
            Some("application/json"),
            valid_review().to_string().into_bytes(),
            Some("https://evil.example"),
        )
        .await;
    assert_error(resp, StatusCode::FORBIDDEN, "origin_not_allowed", Some("origin")).await;
    // An origin registered for another site is not good enough for this one.
    app.register_site("other-site", &["https://other.example"]).await;
    let resp = app
        .post_raw(
            "/api/v1/reviews",
            Some("application/json"),
            valid_review().to_string().into_bytes(),
            Some("https://other.example"),
        )
        .await;
    assert_error(resp, StatusCode::FORBIDDEN, "origin_not_allowed", Some("origin")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
    // The same review from the registered origin is stored, so the zero above is real.
    let resp = app.post_json("/api/v1/reviews", &valid_review()).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
}

async fn deeply_nested_json_is_400_without_a_crash(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Deep nesting at the top, and inside an unknown field that the parser must skip over.
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    for body in [deep.clone(), format!(r#"{{"site":"{TEST_SITE}","x":{deep}}}"#)] {
        let resp =
            app.post_raw("/api/v1/reviews", Some("application/json"), body.into_bytes(), Some(ALLOWED_ORIGIN)).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        let body: mingjing_domain::api_error::ErrorEnvelope = resp.json().await.unwrap();
        assert_eq!(body.error.code, "malformed_json");
    }
    assert_eq!(app.get("/api/v1/health").await.status(), StatusCode::OK);
}

/// A query string or path segment that does not parse gets our JSON error too, not the
/// framework's plain text.
async fn unparsable_query_and_path_values_get_json_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_error(app.get("/api/v1/services?page=null").await, StatusCode::BAD_REQUEST, "bad_request", None).await;
    assert_error(app.get("/api/v1/services?per_page=-3").await, StatusCode::BAD_REQUEST, "bad_request", None).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let resp =
        app.client.get(app.url("/api/v1/desk/observations/not-a-number")).bearer_auth(&token).send().await.unwrap();
    assert_error(resp, StatusCode::BAD_REQUEST, "bad_request", None).await;
}

both_backends!(
    unparsable_query_and_path_values_get_json_errors,
    malformed_json_is_400_and_stores_nothing,
    a_wrong_type_is_400_naming_the_field,
    a_wrong_content_type_is_415_and_stores_nothing,
    a_one_mebibyte_body_is_413_and_stores_nothing,
    an_unknown_site_is_404_and_stores_nothing,
    a_disallowed_origin_is_403_and_stores_nothing,
    deeply_nested_json_is_400_without_a_crash,
);
