//! The review submission rules that need no token (the token rules come with transactions).

use mingjing_collector::storage::{Conflict, NewReview, Storage, StorageError, StoredReceipt};
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{review, stored_review};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SERVICE: &str = "530100-SCJG-QYSL-001";

async fn ratings_outside_one_to_five_are_422(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (i, bad) in [0, 6, -1, 100].into_iter().enumerate() {
        let resp = app.post_json("/api/v1/reviews", &review(SERVICE, bad, &format!("bounds-key-000000{i}"))).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "out_of_range", Some("rating")).await;
    }
    for (i, ok) in [1, 2, 3, 4, 5].into_iter().enumerate() {
        let body = review(SERVICE, ok, &format!("bounds-ok-0000000{i}")).long_wait();
        assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED, "rating {ok}");
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 5);
}

async fn a_poor_review_without_a_reason_is_422(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.post_json("/api/v1/reviews", &review(SERVICE, 1, "poor-key-0000000001")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "reason_required", Some("reasons")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 0);
    let with_comment = review(SERVICE, 1, "poor-key-0000000001").comment("窗口排队一个多小时");
    assert_eq!(app.post_json("/api/v1/reviews", &with_comment).await.status(), StatusCode::CREATED);
}

async fn an_idempotent_retry_stores_one_review(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = review(SERVICE, 4, "retry-key-000000001");
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
    let body = review(SERVICE, 5, "long-comment-000001").comment(&"好".repeat(501));
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "too_long", Some("comment")).await;
    let body = body.comment(&"好".repeat(500));
    assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
}

async fn reasons_and_dimensions_must_be_offered_by_the_site(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let config: Value = app.get(&format!("/api/v1/sites/{TEST_SITE}/config")).await.json().await.unwrap();
    assert_eq!(config["review"]["reasons"][0]["zh"], "服务指引不清晰");
    assert_eq!(config["review"]["follow_up_working_days"], 15);
    let body = review(SERVICE, 2, "reason-key-00000001").set("reasons", json!(["long_wait", "made_up_reason"]));
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_reason", Some("reasons[1]")).await;
    // 服务态度 is rated at the counter, not online.
    let body = body.long_wait().set("dimensions", json!([{ "key": "service_attitude", "rating": 2 }]));
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_dimension", Some("dimensions[0].key")).await;
    let body = body.set("channel", "kiosk");
    assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
    assert_error(app.get("/api/v1/sites/nope-site/config").await, StatusCode::NOT_FOUND, "not_found", Some("site"))
        .await;
}

/// Reviews arriving together are committed together (group commit on SQLite): each still
/// gets its own answer, a duplicate key still gets the first receipt, and every
/// acknowledged review is stored exactly once.
async fn concurrent_reviews_are_each_stored_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let site = mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap();
    let settings = json!({ "review": { "open_reviews_per_client_per_hour": 1000 } });
    assert!(app.storage.set_site_config(&site, &settings).await.unwrap());
    let posts = (0..200).map(|i| {
        let body = review("S1", 1 + (i % 5) as i64, &format!("concurrent-key-{:04}", i / 2)).long_wait();
        let app = &app;
        async move {
            let resp = app.post_json("/api/v1/reviews", &body).await;
            let status = resp.status().as_u16();
            let receipt: Value = resp.json().await.unwrap();
            (i / 2, status, receipt["receipt"].as_str().unwrap().to_owned())
        }
    });
    let answers = futures_util::future::join_all(posts).await;
    let mut by_key: std::collections::BTreeMap<usize, Vec<(u16, String)>> = Default::default();
    for (key, status, receipt) in answers {
        by_key.entry(key).or_default().push((status, receipt));
    }
    assert_eq!(by_key.len(), 100);
    for (key, pair) in &by_key {
        let mut statuses: Vec<u16> = pair.iter().map(|(s, _)| *s).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 201], "key {key}: one stored it, the other found it");
        assert_eq!(pair[0].1, pair[1].1, "key {key}: the same receipt");
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 100);
}

/// One group commit holding every kind of review at once: new ones (more than one insert
/// statement's worth), a key sent twice in the batch, a key stored before, and a second
/// review of one evaluation. Each gets the answer it would get alone, the refused one
/// costs the others nothing, and the counts equal a recount.
#[tokio::test]
async fn a_group_commit_answers_each_review_as_if_it_came_alone() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let Storage::Sqlite(pool) = &app.storage else { unreachable!("a SQLite app") };
    let now = mingjing_collector::china_time::now_millis();
    let earlier = stored_review(4, now, None);
    app.storage.insert_review(&earlier).await.unwrap();
    let mut batch: Vec<NewReview> =
        (0..150).map(|i| stored_review(1 + i % 5, now, (i % 5 < 2).then_some("2031-01-01"))).collect();
    // The second statement (reviews 64 to 127) holds the refused review, and is stored one
    // by one; the third holds a key twice and a retry, and is stored as one statement.
    let mut first = stored_review(5, now, None);
    first.transaction = Some(("BJ-GROUP-0001".into(), 1));
    let second =
        NewReview { idempotency_key: "group-second-review".into(), receipt: "G-SECOND".into(), ..first.clone() };
    batch.splice(100..100, [first, second]);
    let again = NewReview { receipt: "G-AGAIN-IN-BATCH".into(), ..batch[130].clone() };
    let retry = NewReview { receipt: "G-RETRY-OF-EARLIER".into(), ..earlier.clone() };
    batch.splice(140..140, [again, retry]);
    let outcomes = Storage::insert_reviews_together(pool, &batch).await.unwrap();
    assert_eq!(outcomes.len(), batch.len());
    for (i, (r, outcome)) in batch.iter().zip(&outcomes).enumerate() {
        let found = |receipt: &str| StoredReceipt { receipt: receipt.to_owned(), created: false };
        match i {
            101 => assert!(
                matches!(outcome, Err(StorageError::Conflict(Conflict::AlreadyReviewed))),
                "a second review of one evaluation is refused: {outcome:?}"
            ),
            140 => assert_eq!(outcome.as_ref().unwrap(), &found(&batch[130].receipt), "a key twice in the batch"),
            141 => assert_eq!(outcome.as_ref().unwrap(), &found(&earlier.receipt), "a retry of an earlier review"),
            _ => assert_eq!(
                outcome.as_ref().unwrap(),
                &StoredReceipt { receipt: r.receipt.clone(), created: true },
                "review {i}"
            ),
        }
    }
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1 + 150 + 1);
    assert_eq!(app.storage.counts().await.unwrap(), app.storage.recount().await.unwrap());
}

both_backends!(
    concurrent_reviews_are_each_stored_once,
    reasons_and_dimensions_must_be_offered_by_the_site,
    ratings_outside_one_to_five_are_422,
    a_poor_review_without_a_reason_is_422,
    an_idempotent_retry_stores_one_review,
    a_comment_over_500_characters_is_422,
);
