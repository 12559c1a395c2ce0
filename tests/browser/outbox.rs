//! The outbox in a real Chromium: what a browser must not lose waits in the one persistent
//! queue until the collector has it, and is stored exactly once.

use std::time::{Duration, Instant};

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::Value;
use sqlx::Connection;

use crate::supervisor::{DEPT, PANEL, choose, run, sign_in, type_into, wait_text};

const OBSERVATIONS: &str = "mingjing.outbox.observations.v1";
const REVIEWS: &str = "mingjing.outbox.v1";
const SERVICE: &str = "11530100MJ0001001W3001030001000";

/// The collector with the demo catalogue, and a department page on another origin.
async fn host(app: &TestApp, body: &str) -> HostPage {
    let host = HostPage::serve(page(&app.base, "", body), None).await;
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin)).await.unwrap();
    host
}

/// Opens the observation form and waits for its department list.
async fn open_form(browser: &Browser) {
    browser.click_in(PANEL, "[data-testid=new-observation]").await;
    browser
        .wait_until(
            "the department list",
            &format!(
                "document.querySelector('{PANEL}').shadowRoot.querySelectorAll('#mj-sv-department option').length > 5"
            ),
        )
        .await;
}

async fn write_observation(browser: &Browser, place: &str, description: &str) {
    choose(browser, PANEL, "#mj-sv-department", DEPT).await;
    type_into(browser, PANEL, "#mj-sv-place", place).await;
    type_into(browser, PANEL, "#mj-sv-description", description).await;
    browser.click_in(PANEL, "form.mj-observation-form button[type=submit]").await;
}

/// The descriptions and idempotency keys of the observations waiting in `localStorage`.
async fn queued_observations(browser: &Browser) -> (Vec<String>, Vec<String>) {
    let script = format!(
        "const q = JSON.parse(localStorage.getItem('{OBSERVATIONS}') || '[]');
         return [q.map(e => e.request.observation.description), q.map(e => e.request.observation.idempotency_key)];"
    );
    let found = run(browser, &script).await;
    let strings = |v: &Value| v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect::<Vec<_>>();
    (strings(&found[0]), strings(&found[1]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_observations_written_offline_survive_a_failed_retry_and_are_stored_once_each() {
    if browser_skipped() {
        return;
    }
    let mut app = TestApp::spawn(Backend::Sqlite).await;
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    let import = CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false };
    catalog_admin::run(&app.storage, import).await.unwrap();
    let (supervisor, code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let host = host(&app, &format!(r#"<mingjing-supervisor site="{TEST_SITE}"></mingjing-supervisor>"#)).await;

    let browser = Browser::launch(1280, 2000).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    browser.wait_until("the sign-in form", &Browser::shadow_text(PANEL, "#mj-code-hint")).await;
    sign_in(&browser, PANEL, &code).await;
    wait_text(&browser, PANEL, "[data-testid=dashboard]", "王监督").await;
    open_form(&browser).await;

    // The collector goes away. The first observation fails, is queued, and the panel's
    // retry on its home page fails too: it must still be there afterwards.
    app.take_down().await;
    write_observation(&browser, "市政务服务中心一楼 3 号窗口", "第一条：窗口无人值守超过二十分钟。").await;
    wait_text(&browser, PANEL, "[data-testid=notice]", "仍有 1 条监督意见未能提交").await;
    let (descriptions, _) = queued_observations(&browser).await;
    assert_eq!(descriptions, ["第一条：窗口无人值守超过二十分钟。"]);

    // A second one, still offline, joins the first instead of replacing it.
    open_form(&browser).await;
    write_observation(&browser, "市政务服务中心二楼 8 号窗口", "第二条：要求提供清单外的证明材料。").await;
    wait_text(&browser, PANEL, "[data-testid=notice]", "仍有 2 条监督意见未能提交").await;
    let (descriptions, keys) = queued_observations(&browser).await;
    assert_eq!(descriptions, ["第一条：窗口无人值守超过二十分钟。", "第二条：要求提供清单外的证明材料。"]);
    assert_ne!(keys[0], keys[1], "each observation has its own idempotency key");

    // The collector is back; the supervisor reloads the panel (the page's memory is gone,
    // only localStorage is left), and both go out.
    app.bring_back().await;
    assert!(app.storage.observations_of_supervisor(supervisor).await.unwrap().is_empty());
    browser.client.refresh().await.unwrap();
    wait_text(&browser, PANEL, "[data-testid=notice]", "之前未能提交的监督意见已提交成功").await;
    browser
        .wait_until(
            "both in the supervisor's list",
            &format!(
                "document.querySelector('{PANEL}').shadowRoot.querySelectorAll('[data-testid=observations] tbody tr').length === 2"
            ),
        )
        .await;
    browser.wait_until("the outbox to empty", &format!("localStorage.getItem('{OBSERVATIONS}') === null")).await;
    let mut stored: Vec<String> = app
        .storage
        .observations_of_supervisor(supervisor)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.description)
        .collect();
    stored.sort();
    assert_eq!(stored, ["第一条：窗口无人值守超过二十分钟。", "第二条：要求提供清单外的证明材料。"]);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hall_terminal_stores_a_queued_review_without_the_contact_and_still_delivers_it() {
    if browser_skipped() {
        return;
    }
    const NAME: &str = "张三丰";
    const PHONE: &str = "13912345678";
    const FORM: &str = "mingjing-review";
    let mut app = TestApp::spawn(Backend::Sqlite).await;
    let tag = format!(
        r#"<mingjing-review site="{TEST_SITE}" service="{SERVICE}" channel="hall_terminal"></mingjing-review>"#
    );
    let host = host(&app, &tag).await;
    let browser = Browser::launch(1280, 1600).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    browser.wait_until("the form", &Browser::shadow_text(FORM, ".mj-title")).await;

    app.take_down().await;
    browser.click_in(FORM, "label[for=mj-rating-5]").await;
    browser.click_in(FORM, "label[for=mj-callback]").await;
    type_into(&browser, FORM, "#mj-name", NAME).await;
    type_into(&browser, FORM, "#mj-phone", PHONE).await;
    browser.click_in(FORM, "button[type=submit]").await;
    let queued = browser.wait_until("the queued notice", &Browser::shadow_text(FORM, ".mj-queued h3")).await;
    assert_eq!(queued, "评价已保存，将自动提交");

    // The stored copy has the review but not the reviewer: nothing in localStorage does.
    let saved = run(&browser, &format!("return localStorage.getItem('{REVIEWS}');")).await;
    let saved = saved.as_str().unwrap_or_else(|| panic!("the review is not in localStorage: {saved}"));
    assert!(saved.contains("\"rating\":5") && saved.contains("\"channel\":\"hall_terminal\""), "{saved}");
    let everything =
        run(&browser, "return Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k)).join('\\n');")
            .await;
    let everything = everything.as_str().unwrap();
    assert!(!everything.contains(NAME) && !everything.contains(PHONE), "{everything}");
    assert!(!everything.contains("contact"), "{everything}");

    // Back: the page still holds the full review, so it arrives with the call-back contact.
    app.bring_back().await;
    let deadline = Instant::now() + Duration::from_secs(40);
    while app.reviews_stored(TEST_SITE).await == 0 {
        assert!(Instant::now() < deadline, "the queued review never arrived");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    browser.wait_until("the outbox to empty", &format!("localStorage.getItem('{REVIEWS}') === null")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", app.database.url)).await.unwrap();
    let masked: Option<String> =
        sqlx::query_scalar("SELECT contact_phone_masked FROM reviews").fetch_one(&mut db).await.unwrap();
    let masked = masked.expect("the review kept its call-back contact");
    assert!(masked.starts_with("139") && masked.ends_with("5678"), "{masked}");
    browser.close().await;
}
