//! A stored value that does not decode is an error, not a silent default: a poor review
//! whose stage is unknown is not shown as new, and a site whose settings are malformed does
//! not take reviews under the defaults.

use std::time::{Duration, Instant};

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;

async fn an_unknown_stored_stage_is_an_error_not_a_new_review(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let poor = review("S1", 1, "stored-stage-00001").long_wait();
    assert_eq!(app.post_json("/api/v1/reviews", &poor).await.status(), StatusCode::CREATED);
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let list = |token: String| app.client.get(app.url("/api/v1/desk/reviews")).bearer_auth(token).send();
    assert_eq!(list(token.clone()).await.unwrap().status(), StatusCode::OK);
    app.execute_sql("UPDATE reviews SET stage = 'lost_in_transit'").await;
    let resp = list(token).await.unwrap();
    assert_error(resp, StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
}

async fn malformed_site_settings_are_an_error_not_the_defaults(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register_site("healthy-site", &[mingjing_tests::app::ALLOWED_ORIGIN]).await;
    app.execute_sql(r#"UPDATE sites SET config = '{"review": {"reasons": 5}}' WHERE id = 'test-site'"#).await;
    let review_for = |site: &str, key: &str| review("S1", 5, key).site(site);
    // The change was made behind the collector's back: it sees it within a second.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut n = 0;
    let refused = loop {
        n += 1;
        let resp = app.post_json("/api/v1/reviews", &review_for(TEST_SITE, &format!("malformed-config-{n:02}"))).await;
        if resp.status() == StatusCode::INTERNAL_SERVER_ERROR || Instant::now() > deadline {
            break resp;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_error(refused, StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
    let config = app.get(&format!("/api/v1/sites/{TEST_SITE}/config")).await;
    assert_eq!(config.status(), StatusCode::INTERNAL_SERVER_ERROR, "no defaults are published either");
    // One site's broken settings do not take the others down.
    let other = app.post_json("/api/v1/reviews", &review_for("healthy-site", "healthy-site-00001")).await;
    assert_eq!(other.status(), StatusCode::CREATED);
}

both_backends!(
    an_unknown_stored_stage_is_an_error_not_a_new_review,
    malformed_site_settings_are_an_error_not_the_defaults,
);
