//! Unrated transactions become system-default 基本满意 ratings after 5 working days, and are
//! counted apart from real ratings.

use mingjing_collector::reviews::system_default;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{SERVICE, review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

async fn register(app: &TestApp, no: &str, completed: &str) -> String {
    let resp = app.register_transaction(&transaction(no).completed(completed).valid_days(365)).await;
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
    let rating = review(SERVICE, 5, "person-rated-000001").token(&rated);
    assert_eq!(app.post_json("/api/v1/reviews", &rating).await.status(), StatusCode::CREATED);

    let on_due_day = china_millis("2024-02-22T23:00:00+08:00");
    assert_eq!(system_default::run_once(&app.storage, on_due_day).await.unwrap(), 0, "not before the limit has passed");
    let day_after = china_millis("2024-02-23T08:00:00+08:00");
    assert_eq!(system_default::run_once(&app.storage, day_after).await.unwrap(), 1);
    assert_eq!(system_default::run_once(&app.storage, day_after).await.unwrap(), 0, "recorded once");

    // The person can no longer rate that transaction: it has its rating.
    let late = review(SERVICE, 1, "too-late-review-0001").long_wait().token(&token);
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
