//! Hostile text in every widget: a catalogue item, a review comment, a department's reply, a
//! supervisor's description and the staff's notes all carry script payloads. In Chromium,
//! no payload runs (a flag on `window` stays unset) and every one shows as literal text.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::{Value, json};

const PAYLOAD: &str = r#"<script>window.__pwned='script'</script><img src=x onerror="window.__pwned='img'"><a href="javascript:window.__pwned='link'">link</a></style><style>*{display:none!important}</style><svg onload="window.__pwned='svg'">"#;
/// A place is at most 200 characters: a shorter payload.
const PLACE: &str = r#"<img src=x onerror="window.__pwned='place'">窗口"#;
const QYSL: &str = "11530100MJ0001001W3001030001000";

async fn run(browser: &Browser, script: &str) -> Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

/// All the text of a widget's shadow root, once it contains `needle`.
async fn text_with(browser: &Browser, host: &str, needle: &str) -> String {
    let expression = format!(
        "document.querySelector({host:?})?.shadowRoot?.textContent.includes({needle:?}) && document.querySelector({host:?}).shadowRoot.textContent"
    );
    browser.wait_until(&format!("{host} to show the payload"), &expression).await.as_str().unwrap().to_owned()
}

async fn assert_nothing_ran(browser: &Browser, place: &str) {
    // Give an onerror or onload handler time to fire if one was ever attached.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let flag = run(browser, "return window.__pwned === undefined ? null : String(window.__pwned);").await;
    assert_eq!(flag, Value::Null, "a payload ran in {place}");
    let links = run(browser, "return [...document.querySelectorAll('mingjing-lookup, mingjing-review, mingjing-desk, mingjing-supervisor, mingjing-stats')].flatMap(e => [...e.shadowRoot.querySelectorAll('a[href^=javascript], img[src=x], script, svg[onload]')]).length;").await;
    assert_eq!(links, 0, "payload markup became elements in {place}");
}

async fn seed(app: &TestApp) -> (String, String, String) {
    // The catalogue: an item whose name, address, fee and material carry the payload.
    let path = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    let mut catalogue: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let items = catalogue["items"].as_array_mut().unwrap();
    let item = items.iter_mut().find(|i| i["implementation_code"] == QYSL).unwrap();
    item["name"] = json!(format!("企业设立登记{PAYLOAD}"));
    item["address"] = json!(PAYLOAD);
    item["materials"][0]["name"] = json!(PAYLOAD);
    item["fees"] = json!([{ "name": PAYLOAD, "amount_fen": 100, "legal_basis": PAYLOAD, "reductions": PAYLOAD }]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, catalogue.to_string()).unwrap();
    let import = CatalogCommand::Import { file, if_empty: false, publisher: None, demo: true };
    catalog_admin::run(&app.storage, import).await.unwrap();

    // A poor review with the payload as comment, followed up to a reply that is the payload.
    let body = json!({ "site": TEST_SITE, "service": QYSL, "rating": 1, "reasons": ["long_wait"], "comment": PAYLOAD,
                       "idempotency_key": "xss-review-key-0001" });
    let receipt: Value = app.post_json("/api/v1/reviews", &body).await.json().await.unwrap();
    let receipt = receipt["receipt"].as_str().unwrap().to_owned();
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let staff = app.staff_session(TEST_SITE, &staff_code).await;
    for step in [
        json!({"kind": "verify", "verification": "confirmed", "note": PAYLOAD}),
        json!({"kind": "decide", "outcome": "fixed_on_the_spot", "note": PAYLOAD}),
        json!({"kind": "reply", "reply": PAYLOAD}),
    ] {
        let url = app.url(&format!("/api/v1/desk/reviews/{receipt}/steps"));
        let resp = app.client.post(url).bearer_auth(&staff).json(&step).send().await.unwrap();
        assert!(resp.status().is_success(), "{step}: {}", resp.text().await.unwrap());
    }
    // A second one stays open, so the desk lists it with its comment and note.
    let body = json!({ "site": TEST_SITE, "service": QYSL, "rating": 2, "reasons": ["long_wait"], "comment": PAYLOAD,
                       "idempotency_key": "xss-review-key-0002" });
    let open: Value = app.post_json("/api/v1/reviews", &body).await.json().await.unwrap();
    let url = app.url(&format!("/api/v1/desk/reviews/{}/steps", open["receipt"].as_str().unwrap()));
    let step = json!({"kind": "verify", "verification": "confirmed", "note": PAYLOAD});
    assert!(app.client.post(url).bearer_auth(&staff).json(&step).send().await.unwrap().status().is_success());

    // A supervisor's observation with the payload as place and description, and a staff note.
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let supervisor = app.supervisor_session(TEST_SITE, &code).await;
    let today = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date();
    let body = json!({
        "department": "昆明市市场监督管理局", "place": PLACE, "description": PAYLOAD, "method": "covert",
        "chapter": "government", "observed_at": format!("{}T09:00", mingjing_domain::iso_date::format(today)),
        "idempotency_key": "xss-observation-0001",
    });
    let url = app.url("/api/v1/supervisor/observations");
    let view: Value =
        app.client.post(url).bearer_auth(&supervisor).json(&body).send().await.unwrap().json().await.unwrap();
    let id = view["summary"]["id"].as_i64().unwrap();
    let step = json!({ "kind": "assign", "department": "昆明市市场监督管理局", "note": PAYLOAD });
    let url = app.url(&format!("/api/v1/desk/observations/{id}/steps"));
    assert!(app.client.post(url).bearer_auth(&staff).json(&step).send().await.unwrap().status().is_success());
    (receipt, staff, supervisor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_payloads_show_as_text_and_never_run() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (receipt, staff, supervisor) = seed(&app).await;
    let body = format!(
        r#"<main>
             <mingjing-lookup site="{TEST_SITE}" service="{QYSL}"></mingjing-lookup>
             <mingjing-review site="{TEST_SITE}" service="{QYSL}"></mingjing-review>
             <mingjing-desk site="{TEST_SITE}"></mingjing-desk>
             <mingjing-supervisor site="{TEST_SITE}"></mingjing-supervisor>
             <mingjing-stats site="{TEST_SITE}"></mingjing-stats>
           </main>"#
    );
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin)).await.unwrap();
    let browser = Browser::launch(1280, 3000).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    run(
        &browser,
        &format!(
            "sessionStorage.setItem('mingjing.desk.{TEST_SITE}', {staff:?}); sessionStorage.setItem('mingjing.supervisor.{TEST_SITE}', {supervisor:?}); location.reload(); return true;"
        ),
    )
    .await;

    // The lookup: the item's name, address, fee and material.
    let lookup = text_with(&browser, "mingjing-lookup", PAYLOAD).await;
    assert!(lookup.contains(&format!("企业设立登记{PAYLOAD}")), "the name shows literally");
    assert!(lookup.matches(PAYLOAD).count() >= 5, "name, address, fee, basis, reductions, material");
    assert_nothing_ran(&browser, "the lookup").await;

    // The review form's receipt lookup: the department's reply.
    browser.click_in("mingjing-review", ".mj-lookup summary").await;
    browser.in_widget("mingjing-review", "#mj-lookup-code").await.send_keys(&receipt).await.unwrap();
    browser.click_in("mingjing-review", ".mj-lookup button[type=submit]").await;
    text_with(&browser, "mingjing-review", PAYLOAD).await;
    assert_nothing_ran(&browser, "the reply").await;

    // The desk: the comment and every note of the history.
    browser.wait_until("the desk's list", &Browser::shadow_text("mingjing-desk", "tbody button")).await;
    browser.click_in("mingjing-desk", "tbody button").await;
    browser.wait_until("the history", &Browser::shadow_text("mingjing-desk", ".mj-timeline")).await;
    let desk = text_with(&browser, "mingjing-desk", PAYLOAD).await;
    assert!(desk.matches(PAYLOAD).count() >= 2, "comment and note: {desk}");
    assert_nothing_ran(&browser, "the desk").await;

    // The supervisor panel: the description, the place and the staff's note.
    browser
        .wait_until("the panel's list", &Browser::shadow_text("mingjing-supervisor", "[data-testid=observations]"))
        .await;
    browser.click_in("mingjing-supervisor", "[data-testid=observations] tbody button").await;
    let panel = text_with(&browser, "mingjing-supervisor", PAYLOAD).await;
    assert!(panel.matches(PAYLOAD).count() >= 2 && panel.contains(PLACE), "place, description, note");
    assert_nothing_ran(&browser, "the supervisor panel").await;

    // The statistics publish no free text at all.
    let stats =
        browser.wait_until("the stats", &Browser::shadow_text("mingjing-stats", "[data-testid=satisfaction]")).await;
    assert!(stats.as_str().is_some());
    let stats_text = run(&browser, "return document.querySelector('mingjing-stats').shadowRoot.textContent;").await;
    assert!(!stats_text.as_str().unwrap().contains("pwned"));
    assert_nothing_ran(&browser, "the page").await;
    browser.close().await;
}
