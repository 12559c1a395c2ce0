//! Exports stream: rows go from the database to the client a batch at a time (no
//! `Content-Length`, since nothing holds the whole file), in id order, over a range of days,
//! resuming after the last id received; a collector with no room for another export says
//! so with a 503 and goes on taking reviews.

use mingjing_collector::china_time::midnight_millis;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{review, stored_review};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;
use time::macros::date;

/// More than two of the collector's 500-row batches.
const ON_THE_10TH: usize = 1_000;
const ON_THE_12TH: usize = 50;

async fn ids(app: &TestApp, token: &str, query: &str) -> Vec<i64> {
    let resp = app.client.get(app.url(&format!("/api/v1/desk/export?{query}"))).bearer_auth(token).send();
    let resp = resp.await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{query}");
    assert_eq!(resp.content_length(), None, "streamed, not built in memory first: {query}");
    let text = resp.text().await.unwrap();
    if query.contains("format=csv") {
        let mut reader = csv::Reader::from_reader(text.strip_prefix('\u{feff}').unwrap().as_bytes());
        let at = reader.headers().unwrap().iter().position(|h| h == "id").unwrap();
        reader.records().map(|r| r.unwrap()[at].parse().unwrap()).collect()
    } else {
        text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_i64().unwrap()).collect()
    }
}

async fn an_export_streams_by_id_over_a_range_of_days_and_resumes_after_an_id(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let tenth = midnight_millis(date!(2025 - 03 - 10)) + 9 * 3_600_000;
    let twelfth = midnight_millis(date!(2025 - 03 - 12)) + 9 * 3_600_000;
    for n in 0..ON_THE_10TH + ON_THE_12TH {
        let at = if n < ON_THE_10TH { tenth } else { twelfth } + i64::try_from(n).unwrap();
        app.storage.insert_review(&stored_review(5, at, None)).await.unwrap();
    }
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;

    let all = ids(&app, &token, "format=csv").await;
    assert_eq!(all.len(), ON_THE_10TH + ON_THE_12TH);
    assert!(all.windows(2).all(|w| w[0] < w[1]), "in id order, each once");
    assert_eq!(ids(&app, &token, "format=jsonl").await, all);

    assert_eq!(ids(&app, &token, "format=jsonl&until=2025-03-10").await, all[..ON_THE_10TH]);
    assert_eq!(ids(&app, &token, "format=csv&since=2025-03-11").await, all[ON_THE_10TH..]);
    assert!(ids(&app, &token, "format=csv&since=2025-03-11&until=2025-03-11").await.is_empty());
    // A transfer that broke off after the 600th review resumes with the 601st.
    let resumed = ids(&app, &token, &format!("format=jsonl&after={}", all[599])).await;
    assert_eq!(resumed, all[600..]);

    let get = |query: &'static str| {
        app.client.get(app.url(&format!("/api/v1/desk/export?{query}"))).bearer_auth(&token).send()
    };
    let refused = [
        ("format=csv&since=2025-3-1", "since", "invalid_date"),
        ("format=csv&since=2025-03-12&until=2025-03-10", "until", "before_since"),
        ("format=csv&after=-1", "after", "invalid"),
    ];
    for (query, field, rule) in refused {
        assert_error(get(query).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, rule, Some(field)).await;
    }
}

async fn a_collector_without_room_for_an_export_says_so_and_takes_reviews(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.limits.heavy_reads = 0).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let resp = app.client.get(app.url("/api/v1/desk/export?format=csv")).bearer_auth(&token).send();
    assert_error(resp.await.unwrap(), StatusCode::SERVICE_UNAVAILABLE, "busy", None).await;
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 4, "no-room-for-exports-1")).await.status(), 201);
}

both_backends!(
    an_export_streams_by_id_over_a_range_of_days_and_resumes_after_an_id,
    a_collector_without_room_for_an_export_says_so_and_takes_reviews,
);
