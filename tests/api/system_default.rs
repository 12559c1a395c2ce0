//! Unrated transactions become system-default 基本满意 ratings after 5 working days, and are
//! counted apart from real ratings.

use mingjing_collector::reviews::system_default;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SERVICE: &str = "11530100MJ0001001W3001030001000";

async fn register(app: &TestApp, no: &str, completed: &str) -> String {
    let body = json!({
        "site": TEST_SITE, "service": SERVICE, "transaction_no": no,
        "accepted_at": "2024-02-01T09:00:00+08:00", "completed_at": completed, "valid_days": 365,
    });
    let resp =
        app.client.post(app.url("/api/v1/transactions")).bearer_auth(&app.secret).json(&body).send().await.unwrap();
    assert!(resp.status().is_success());
    resp.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned()
}

fn china_millis(datetime: &str) -> i64 {
    let t = time::OffsetDateTime::parse(datetime, &time::format_description::well_known::Rfc3339).unwrap();
    t.unix_timestamp() * 1000
}

async fn unrated_transactions_default_after_five_working_days(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Completed on Friday 2024-02-09: five working days later is 2024-02-22 (春节 in between).
    let token = register(&app, "BJ-SPRING", "2024-02-09T16:00:00+08:00").await;
    let rated = register(&app, "BJ-RATED", "2024-02-09T10:00:00+08:00").await;
    let review = json!({ "site": TEST_SITE, "service": SERVICE, "rating": 5, "token": rated, "idempotency_key": "person-rated-000001" });
    assert_eq!(app.post_json("/api/v1/reviews", &review).await.status(), StatusCode::CREATED);

    let on_due_day = china_millis("2024-02-22T23:00:00+08:00");
    assert_eq!(system_default::run_once(&app.storage, on_due_day).await.unwrap(), 0, "not before the limit has passed");
    let day_after = china_millis("2024-02-23T08:00:00+08:00");
    assert_eq!(system_default::run_once(&app.storage, day_after).await.unwrap(), 1);
    assert_eq!(system_default::run_once(&app.storage, day_after).await.unwrap(), 0, "recorded once");

    // The person can no longer rate that transaction: it has its rating.
    let late = json!({ "site": TEST_SITE, "service": SERVICE, "rating": 1, "reasons": ["long_wait"], "token": token, "idempotency_key": "too-late-review-0001" });
    assert_error(app.post_json("/api/v1/reviews", &late).await, StatusCode::CONFLICT, "already_reviewed", None).await;

    // The statistics keep the default apart from the real rating.
    let stats: Value = app.get(&format!("/api/v1/stats?site={TEST_SITE}")).await.json().await.unwrap();
    assert_eq!(stats["system_default_count"], 1);
    assert_eq!(stats["real"]["count"], 1);
    assert_eq!(stats["all"]["count"], 2);
    assert_eq!(stats["all"]["levels"][2]["level"], 3);
    assert_eq!(stats["all"]["levels"][2]["count"], 1);
}

both_backends!(unrated_transactions_default_after_five_working_days);
