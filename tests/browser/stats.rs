//! The published results element shows the API's figures for the range it is given.

use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stats_element_shows_the_figures_for_its_date_range() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    for (i, rating) in [5, 4, 1].into_iter().enumerate() {
        let body = json!({ "site": TEST_SITE, "service": "S1", "rating": rating, "comment": "排队较久",
                           "idempotency_key": format!("stats-widget-key-{i}") });
        assert!(app.post_json("/api/v1/reviews", &body).await.status().is_success());
    }
    let body = format!(
        r#"<section id="now"><mingjing-stats site="{TEST_SITE}"></mingjing-stats></section>
           <section id="then"><mingjing-stats site="{TEST_SITE}" lang="en" from="2020-01-01" to="2020-01-31"></mingjing-stats></section>"#
    );
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage
        .add_site_origins(&mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin))
        .await
        .unwrap();
    let browser = Browser::launch(1280, 1600).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    let now = browser
        .wait_until("today's figures", &Browser::shadow_text("#now mingjing-stats", "[data-testid=satisfaction]"))
        .await;
    assert_eq!(now, "66.7%", "2 of 3 ratings are 3–5");
    let text = browser
        .wait_until(
            "the empty range",
            r##"document.querySelector("#then mingjing-stats").shadowRoot.querySelector("[data-testid=satisfaction]")?.textContent"##,
        )
        .await;
    assert_eq!(text, "—", "no ratings in January 2020: no rate, not 0%");
    let page_text: serde_json::Value = browser
        .client
        .execute(
            r#"return [...document.querySelectorAll("mingjing-stats")].map(e => e.shadowRoot.textContent).join(" ");"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(!page_text.as_str().unwrap().contains("排队较久"), "comments are never published");
    browser.close().await;
}
