//! The review link a department hands out: the token travels in the URL fragment, which
//! browsers never send, and links from before, with `?token=`, still work.

use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::{Backend, TestApp};
use serde_json::{Value, json};

const FORM: &str = "mingjing-review";
const SERVICE: &str = "11530100MJ0001001W3001030001000";

/// Registers a completed transaction from the back office and returns its token and link.
async fn register(app: &TestApp, no: &str) -> (String, String) {
    let body = json!({
        "site": TEST_SITE,
        "service": SERVICE,
        "transaction_no": no,
        "accepted_at": "2026-11-23T09:00:00+08:00",
        "completed_at": "2026-11-24T16:30:00+08:00",
    });
    let resp = app.client.post(app.url("/api/v1/transactions")).bearer_auth(&app.secret).json(&body).send().await;
    let receipt: Value = resp.unwrap().json().await.unwrap();
    (receipt["token"].as_str().unwrap().to_owned(), receipt["review_url"].as_str().unwrap().to_owned())
}

/// Opens `link`, checks that the token ends up in the fragment and nowhere in the query
/// string, rates, and returns whether the receipt says the review is verified.
async fn review_through(browser: &Browser, link: &str, token: &str) -> bool {
    browser.client.goto(link).await.unwrap();
    browser.wait_until("the form", &Browser::shadow_text(FORM, ".mj-title")).await;
    let address: Value = browser.client.execute("return [location.search, location.hash];", vec![]).await.unwrap();
    assert_eq!(address[0], format!("?site={TEST_SITE}&service={SERVICE}"), "{address}");
    assert_eq!(address[1], format!("#token={token}"), "{address}");
    browser.click_in(FORM, "label[for=mj-rating-5]").await;
    browser.click_in(FORM, "button[type=submit]").await;
    browser.wait_until("the receipt", &Browser::shadow_text(FORM, "[data-testid=receipt]")).await;
    let badge = browser.client.execute(&format!("return {};", Browser::shadow_text(FORM, ".mj-badge")), vec![]).await;
    badge.unwrap().is_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fragment_link_and_an_old_query_link_both_give_a_verified_review() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    // The review page is the collector's own, so its origin is the collector's.
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&app.base)).await.unwrap();
    let browser = Browser::launch(1280, 1400).await;

    let (token, link) = register(&app, "BJ-FRAGMENT-1").await;
    assert!(link.ends_with(&format!("#token={token}")), "{link}");
    assert!(review_through(&browser, &link, &token).await, "the fragment link's review is not verified");

    // A link handed out before: the token in the query string still works, and is moved
    // to the fragment at once.
    let (token, link) = register(&app, "BJ-QUERY-2").await;
    let old = link.replace("#token=", "&token=");
    assert!(old.contains("?site=") && old.contains("&token=mj1.") && !old.contains('#'), "{old}");
    assert!(review_through(&browser, &old, &token).await, "the old link's review is not verified");

    assert_eq!(app.reviews_stored(TEST_SITE).await, 2);
    browser.close().await;
}
