//! Reads never starve writes: exports and the public figures read through a pool of their
//! own, so that when they take every connection it has, the review form still stores
//! reviews at once while the figures wait.

use std::time::{Duration, Instant};

use mingjing_collector::storage::Storage;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;

/// The collector's heavy-read pool holds this many connections.
const HEAVY_READ_CONNECTIONS: usize = 4;

async fn a_full_read_pool_leaves_the_review_form_its_connections(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let stats = format!("/api/v1/stats?site={TEST_SITE}");
    assert_eq!(app.get(&stats).await.status(), StatusCode::OK);

    // Every connection of the heavy-read pool, as a crowd of exports and stats would hold them.
    let (mut sqlite, mut postgres) = (Vec::new(), Vec::new());
    for _ in 0..HEAVY_READ_CONNECTIONS {
        match &app.heavy {
            Storage::Sqlite(pool) => sqlite.push(pool.acquire().await.unwrap()),
            Storage::Postgres(pool) => postgres.push(pool.acquire().await.unwrap()),
        }
    }
    let started = Instant::now();
    let resp = app.post_json("/api/v1/reviews", &review("S1", 5, "pools-review-000001")).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert!(started.elapsed() < Duration::from_secs(2), "the review waited {:?}", started.elapsed());
    let waiting = app.client.get(app.url(&stats)).timeout(Duration::from_millis(700)).send().await;
    assert!(waiting.is_err_and(|e| e.is_timeout()), "the figures did not wait for their own pool");

    drop((sqlite, postgres));
    let resp = app.get(&stats).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["all"]["count"], 1);
}

both_backends!(a_full_read_pool_leaves_the_review_form_its_connections);
