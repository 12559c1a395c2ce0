//! The public figures are served to be cached: `Cache-Control: public`, an `ETag` from the
//! answer's bytes (the same from every collector on one database), 304 for a matching
//! `If-None-Match`, and open to every origin with no `Vary: Origin`, so that a department's
//! proxy or a CDN keeps one copy for every page. Errors are never cached.

use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, ETAG, IF_NONE_MATCH, ORIGIN, VARY};

const UNREGISTERED: &str = "https://some-other-department.example";

fn header(resp: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<String> {
    resp.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

async fn public_figures_carry_an_etag_answer_304_and_are_open_to_every_origin(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.limits.public_max_age_secs = 45).await;
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 5, "cached-stats-00001")).await.status(), 201);
    for path in [format!("/api/v1/stats?site={TEST_SITE}"), format!("/api/v1/stats/supervision?site={TEST_SITE}")] {
        let get = |origin: &str, tag: Option<&str>| {
            let mut request = app.client.get(app.url(&path)).header(ORIGIN, origin);
            if let Some(tag) = tag {
                request = request.header(IF_NONE_MATCH, tag);
            }
            request.send()
        };
        let first = get(UNREGISTERED, None).await.unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&first, CACHE_CONTROL).as_deref(), Some("public, max-age=45"), "{path}");
        assert_eq!(header(&first, ACCESS_CONTROL_ALLOW_ORIGIN).as_deref(), Some("*"), "{path}");
        assert!(!header(&first, VARY).unwrap_or_default().to_ascii_lowercase().contains("origin"), "{path}");
        let tag = header(&first, ETAG).expect("an ETag");
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34, "{tag}");
        let body = first.text().await.unwrap();

        // The same answer from a registered origin, so one cached copy serves both.
        let registered = get(ALLOWED_ORIGIN, None).await.unwrap();
        assert_eq!(header(&registered, ACCESS_CONTROL_ALLOW_ORIGIN).as_deref(), Some("*"));
        assert_eq!(header(&registered, ETAG).as_ref(), Some(&tag));
        assert_eq!(registered.text().await.unwrap(), body);

        let unchanged = get(UNREGISTERED, Some(&tag)).await.unwrap();
        assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&unchanged, ETAG).as_ref(), Some(&tag));
        assert_eq!(header(&unchanged, CACHE_CONTROL).as_deref(), Some("public, max-age=45"));
        assert!(unchanged.bytes().await.unwrap().is_empty(), "a 304 has no body");
        let listed = get(UNREGISTERED, Some(&format!("\"stale\", W/{tag}"))).await.unwrap();
        assert_eq!(listed.status(), StatusCode::NOT_MODIFIED, "a weak match in a list");
        let other = get(UNREGISTERED, Some("\"stale\"")).await.unwrap();
        assert_eq!(other.status(), StatusCode::OK, "a tag that does not match gets the figures");
    }

    // A new review changes the figures and so the tag; the old tag gets the new figures.
    let path = format!("/api/v1/stats?site={TEST_SITE}");
    let before = header(&app.get(&path).await, ETAG).unwrap();
    assert_eq!(
        app.post_json("/api/v1/reviews", &review("S1", 1, "cached-stats-00002").long_wait()).await.status(),
        201
    );
    let after = app.client.get(app.url(&path)).header(IF_NONE_MATCH, &before).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK);
    assert_ne!(header(&after, ETAG).unwrap(), before);

    // Errors are not for caches.
    let unknown = app.get("/api/v1/stats?site=no-such-site").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&unknown, CACHE_CONTROL).as_deref(), Some("no-store"));
    assert_eq!(header(&unknown, ETAG), None);
    // Everything else in the API stays uncached.
    let config = app.get(&format!("/api/v1/sites/{TEST_SITE}/config")).await;
    assert_eq!(header(&config, CACHE_CONTROL).as_deref(), Some("no-store"));
}

async fn collectors_on_one_database_give_the_same_figures_and_tags(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (n, rating) in [5, 4, 1].into_iter().enumerate() {
        let body = review("S1", rating, &format!("two-collectors-{n:04}"));
        let body = if rating <= 2 { body.long_wait() } else { body };
        assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), 201);
    }
    let second = app.second_collector().await;
    let path = format!("/api/v1/stats?site={TEST_SITE}&from=2020-01-01");
    let here = app.get(&path).await;
    let there = app.client.get(format!("{}{path}", second.base)).send().await.unwrap();
    let (tag_here, tag_there) = (header(&here, ETAG).unwrap(), header(&there, ETAG).unwrap());
    assert_eq!(tag_here, tag_there);
    assert_eq!(here.text().await.unwrap(), there.text().await.unwrap());
}

both_backends!(
    public_figures_carry_an_etag_answer_304_and_are_open_to_every_origin,
    collectors_on_one_database_give_the_same_figures_and_tags,
);
