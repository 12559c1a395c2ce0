//! A citizen fills in the review form on the demo department page.

use std::time::{Duration, Instant};

use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::{Backend, TestApp};
use serde_json::Value;

const FORM: &str = "mingjing-review";

async fn demo_page() -> (TestApp, Browser) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let browser = Browser::launch(1280, 900).await;
    browser.client.goto(&app.url("/#review")).await.unwrap();
    browser.wait_until("the form", &Browser::shadow_text(FORM, ".mj-title")).await;
    (app, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_very_dissatisfied_review_needs_a_reason_then_gets_a_receipt() {
    if browser_skipped() {
        return;
    }
    let (app, browser) = demo_page().await;
    browser.click_in(FORM, "label[for=mj-rating-1]").await;
    browser.click_in(FORM, "button[type=submit]").await;

    let inline = browser.wait_until("the inline error", &Browser::shadow_text(FORM, "#mj-reasons-error")).await;
    assert_eq!(inline, "差评请至少选择一项原因，或填写具体情况。");
    let summary: Value = browser
        .client
        .execute(
            r#"const root = document.querySelector("mingjing-review").shadowRoot;
               return [root.querySelector("[role=alert]")?.textContent, root.activeElement?.getAttribute("role")];"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(summary[0].as_str().unwrap().contains("1 处"), "{summary}");
    assert_eq!(summary[1], "alert", "focus should move to the error summary");
    assert_eq!(app.reviews_stored("demo").await, 0);

    browser.click_in(FORM, "label[for=mj-reason-long_wait]").await;
    browser.in_widget(FORM, "#mj-comment").await.send_keys("排队一个多小时").await.unwrap();
    browser.click_in(FORM, "button[type=submit]").await;
    let receipt = browser.wait_until("the receipt", &Browser::shadow_text(FORM, "[data-testid=receipt]")).await;
    let receipt = receipt.as_str().unwrap();
    assert!(receipt.starts_with("MJ") && receipt.len() == 12, "{receipt}");
    assert_eq!(app.reviews_stored("demo").await, 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_made_while_the_collector_is_down_arrives_exactly_once() {
    if browser_skipped() {
        return;
    }
    let (mut app, browser) = demo_page().await;
    app.take_down().await;

    browser.click_in(FORM, "label[for=mj-rating-5]").await;
    // Two quick clicks: a double submit must not make two reviews either.
    let submit = browser.in_widget(FORM, "button[type=submit]").await;
    submit.click().await.unwrap();
    let _ = submit.click().await;
    let queued = browser.wait_until("the queued notice", &Browser::shadow_text(FORM, ".mj-queued h3")).await;
    assert_eq!(queued, "评价已保存，将自动提交");
    let saved: Value =
        browser.client.execute(r#"return localStorage.getItem("mingjing.outbox.v1");"#, vec![]).await.unwrap();
    assert!(saved.as_str().is_some_and(|s| s.contains("\"rating\":5")), "outbox: {saved}");

    app.bring_back().await;
    let deadline = Instant::now() + Duration::from_secs(40);
    while app.reviews_stored("demo").await == 0 {
        assert!(Instant::now() < deadline, "the queued review never arrived");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    browser.wait_until("the outbox to empty", r#"localStorage.getItem("mingjing.outbox.v1") === null"#).await;
    assert_eq!(app.reviews_stored("demo").await, 1);
    browser.close().await;
}
