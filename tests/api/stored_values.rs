//! A stored value that does not decode is an error, not a silent default: a poor review
//! whose stage is unknown is not shown as new, a history entry or receipt that does not
//! decode is not shown half-read, and a site whose settings are malformed does not take
//! reviews under the defaults.

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

async fn a_stored_history_entry_or_receipt_that_does_not_decode_is_an_error(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let poor = review("S1", 1, "stored-entry-00001").long_wait();
    let receipt: String = {
        let resp = app.post_json("/api/v1/reviews", &poor).await;
        assert_eq!(resp.status(), StatusCode::CREATED);
        resp.json::<serde_json::Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned()
    };
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let steps = format!("/api/v1/desk/reviews/{receipt}/steps");
    let verify = serde_json::json!({"kind": "verify", "verification": "confirmed", "note": "属实"});
    let resp = app.client.post(app.url(&steps)).bearer_auth(&token).json(&verify).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let detail = || app.client.get(app.url(&format!("/api/v1/desk/reviews/{receipt}"))).bearer_auth(&token).send();
    let status_path = format!("/api/v1/reviews/{receipt}");
    let status = || app.get(&status_path);
    assert_eq!(detail().await.unwrap().status(), StatusCode::OK);
    assert_eq!(status().await.status(), StatusCode::OK);

    // Each damage on its own, then repaired: the history entry's choice, its kind, the
    // review's outcome, its stage (which the receipt used to show as no stage at all), and
    // its due date.
    let damages = [
        ("UPDATE review_events SET data = 'probably'", "UPDATE review_events SET data = 'confirmed'", true, false),
        ("UPDATE review_events SET kind = 'shrug'", "UPDATE review_events SET kind = 'verify'", true, false),
        ("UPDATE reviews SET outcome = 'forgotten'", "UPDATE reviews SET outcome = NULL", false, true),
        ("UPDATE reviews SET stage = 'lost'", "UPDATE reviews SET stage = 'verified'", true, true),
        ("UPDATE reviews SET due_date = 'someday'", "UPDATE reviews SET due_date = '2030-01-01'", true, false),
    ];
    for (damage, repair, breaks_desk, breaks_receipt) in damages {
        app.execute_sql(damage).await;
        if breaks_desk {
            assert_error(detail().await.unwrap(), StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
        }
        if breaks_receipt {
            assert_error(status().await, StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
        }
        app.execute_sql(repair).await;
        assert_eq!(detail().await.unwrap().status(), StatusCode::OK, "repaired after {damage}");
        assert_eq!(status().await.status(), StatusCode::OK, "repaired after {damage}");
    }
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
    a_stored_history_entry_or_receipt_that_does_not_decode_is_an_error,
    malformed_site_settings_are_an_error_not_the_defaults,
);
