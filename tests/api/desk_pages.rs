//! The desk's list comes a page at a time, the soonest due first (then the oldest), with
//! the total on every page: never silently cut.

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

async fn page(app: &TestApp, token: &str, query: &str) -> Value {
    let resp = app.client.get(app.url(&format!("/api/v1/desk/reviews?{query}"))).bearer_auth(token).send();
    let resp = resp.await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{query}");
    resp.json().await.unwrap()
}

async fn the_list_pages_by_due_date_with_the_total_on_every_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut receipts = Vec::new();
    for n in 0..7 {
        let resp = app.post_json("/api/v1/reviews", &review("S1", 1, &format!("desk-pages-{n:08}")).long_wait()).await;
        assert_eq!(resp.status(), StatusCode::CREATED);
        receipts.push(resp.json::<Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned());
    }
    // Three due dates, so that the order is by date first and by arrival within a date;
    // the fifth review is closed and shows only with `closed=true`.
    for (n, due) in [(0, "2031-03-01"), (1, "2031-01-01"), (2, "2031-02-01"), (3, "2031-01-01")]
        .into_iter()
        .chain((4..7).map(|n| (n, "2031-02-01")))
    {
        app.execute_sql(&format!("UPDATE reviews SET due_date = '{due}' WHERE receipt = '{}'", receipts[n])).await;
    }
    app.execute_sql(&format!("UPDATE reviews SET stage = 'closed' WHERE receipt = '{}'", receipts[4])).await;
    // Those edits went round the counts the total is read from; recount them, as
    // `mingjing stats rebuild` does.
    app.storage.rebuild_counts().await.unwrap();
    let expected: Vec<&str> = [1, 3, 2, 5, 6, 0].iter().map(|&n| receipts[n].as_str()).collect();

    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let mut seen = Vec::new();
    let mut query = "limit=4".to_owned();
    let mut pages = 0;
    loop {
        let body = page(&app, &token, &query).await;
        pages += 1;
        assert_eq!(body["total"], 6, "the total on page {pages}");
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= 4);
        seen.extend(items.iter().map(|i| i["receipt"].as_str().unwrap().to_owned()));
        match body["next"].as_str() {
            Some(next) => query = format!("limit=4&after={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 2);
    assert_eq!(seen, expected, "every open item once, the soonest due first");

    let all = page(&app, &token, "closed=true&limit=200").await;
    assert_eq!(all["total"], 7);
    assert_eq!(all["items"].as_array().unwrap().len(), 7);
    assert_eq!(all["next"], Value::Null);
    let default = page(&app, &token, "").await;
    assert_eq!(default["items"].as_array().unwrap().len(), 6, "the default page holds them all");

    let refused = [
        ("limit=0", "limit", "out_of_range"),
        ("limit=201", "limit", "out_of_range"),
        ("after=yesterday", "after", "invalid_cursor"),
        ("after=2031-01-01.x", "after", "invalid_cursor"),
    ];
    for (query, field, rule) in refused {
        let resp = app.client.get(app.url(&format!("/api/v1/desk/reviews?{query}"))).bearer_auth(&token).send();
        assert_error(resp.await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, rule, Some(field)).await;
    }
}

both_backends!(the_list_pages_by_due_date_with_the_total_on_every_page);
