//! The supervisor panel and the desk in a real Chromium: a supervisor signs in and submits
//! an observation with a photo; staff assign it, confirm it, plan and record the
//! rectification on the desk; the supervisor sees the whole timeline.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::{Value, json};

pub(crate) const PANEL: &str = "mingjing-supervisor";
pub(crate) const DESK: &str = "mingjing-desk";
pub(crate) const DEPT: &str = "昆明市市场监督管理局";

pub(crate) async fn run(browser: &Browser, script: &str) -> Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

/// Sets a form control's value the way a person's choice would, firing `change`.
pub(crate) async fn choose(browser: &Browser, host: &str, css: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector({host:?}).shadowRoot.querySelector({css:?});
         e.value = {value:?}; e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    );
    run(browser, &script).await;
}

pub(crate) async fn type_into(browser: &Browser, host: &str, css: &str, text: &str) {
    browser.in_widget(host, css).await.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

pub(crate) async fn wait_text(browser: &Browser, host: &str, css: &str, needle: &str) -> String {
    let expression =
        format!("{}?.includes({needle:?}) && {}", Browser::shadow_text(host, css), Browser::shadow_text(host, css));
    browser.wait_until(&format!("{css} to say {needle}"), &expression).await.as_str().unwrap_or_default().to_owned()
}

pub(crate) async fn sign_in(browser: &Browser, host: &str, code: &str) {
    type_into(browser, host, "#mj-code", code).await;
    browser.click_in(host, "form.mj-sign-in button[type=submit]").await;
}

/// Records the desk's next step with a note, after `fields` have been set.
async fn record_step(browser: &Browser, note: &str, stage_after: &str) {
    type_into(browser, DESK, "#mj-obs-note", note).await;
    browser.click_in(DESK, "[data-testid=observation-step] button[type=submit]").await;
    wait_text(browser, DESK, "[data-testid=desk-stage]", stage_after).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_reports_and_follows_every_step_to_rectification() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    let import = CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false };
    catalog_admin::run(&app.storage, import).await.unwrap();
    let (_, supervisor_code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let body = format!(
        r#"<main><section id="panel"><mingjing-supervisor site="{TEST_SITE}"></mingjing-supervisor></section>
           <section id="desk"><mingjing-desk site="{TEST_SITE}"></mingjing-desk></section></main>"#
    );
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin)).await.unwrap();
    let photo_dir = tempfile::tempdir().unwrap();
    let photo = photo_dir.path().join("window-12.jpg");
    std::fs::write(&photo, mingjing_tests::photos::jpeg_with_gps()).unwrap();
    let axe = mingjing_tests::browser::axe_source();

    let browser = Browser::launch(1280, 2400).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    browser.wait_until("the sign-in form", &Browser::shadow_text(PANEL, "#mj-code-hint")).await;
    sign_in(&browser, PANEL, &supervisor_code).await;
    wait_text(&browser, PANEL, "[data-testid=dashboard]", "王监督").await;

    // A new observation, with a photo uploaded (and stripped) as soon as it is chosen.
    browser.click_in(PANEL, "[data-testid=new-observation]").await;
    browser
        .wait_until(
            "the department list",
            &format!(
                "document.querySelector('{PANEL}').shadowRoot.querySelectorAll('#mj-sv-department option').length > 5"
            ),
        )
        .await;
    browser.click_in(PANEL, "form.mj-observation-form button[type=submit]").await;
    let errors = wait_text(&browser, PANEL, "[data-testid=form-errors]", "请选择涉及部门").await;
    assert!(errors.contains("请填写问题描述"), "{errors}");
    choose(&browser, PANEL, "#mj-sv-department", DEPT).await;
    type_into(&browser, PANEL, "#mj-sv-place", "市政务服务中心一楼 A 区 12 号窗口").await;
    browser.click_in(PANEL, "label[for=mj-sv-method-mystery_shopping]").await;
    choose(&browser, PANEL, "#mj-sv-article", "36").await;
    type_into(&browser, PANEL, "#mj-sv-description", "模拟办理企业开办时，窗口要求提供清单外的证明。").await;
    let input = browser.in_widget(PANEL, "#mj-photos").await;
    input.send_keys(photo.to_str().unwrap()).await.unwrap();
    wait_text(&browser, PANEL, "[data-testid=photos]", "window-12.jpg").await;
    let violations = browser.axe_violations(&axe, "supervisor form").await;
    assert!(violations.is_empty(), "{violations:#?}");
    browser.click_in(PANEL, "form.mj-observation-form button[type=submit]").await;
    let notice = wait_text(&browser, PANEL, "[data-testid=notice]", "监督意见已提交").await;
    let id: i64 = notice.split("编号 ").nth(1).and_then(|s| s.split('。').next()).and_then(|s| s.parse().ok()).unwrap();
    wait_text(&browser, PANEL, "[data-testid=stage]", "待交办").await;
    browser
        .wait_until(
            "the photo",
            &format!("document.querySelector('{PANEL}').shadowRoot.querySelector('[data-testid=photo-strip] img')?.naturalWidth === 96"),
        )
        .await;
    let draft = run(&browser, &format!("return localStorage.getItem('mingjing.supervisor.draft.{TEST_SITE}');")).await;
    assert_eq!(draft, Value::Null, "the draft is cleared once submitted");

    // Staff handle it on the desk: assign, confirm, plan, rectify.
    sign_in(&browser, DESK, &staff_code).await;
    browser.wait_until("the desk tabs", &Browser::shadow_text(DESK, "[data-testid=tab-observations]")).await;
    browser.click_in(DESK, "[data-testid=tab-observations]").await;
    wait_text(&browser, DESK, "[data-testid=desk-observations]", DEPT).await;
    browser.click_in(DESK, &format!("button[aria-label='查看 {id}']")).await;
    wait_text(&browser, DESK, "[data-testid=desk-stage]", "待交办").await;
    browser
        .wait_until(
            "the departments to assign to",
            &format!(
                "document.querySelector('{DESK}').shadowRoot.querySelectorAll('#mj-obs-department option').length > 5"
            ),
        )
        .await;
    choose(&browser, DESK, "#mj-obs-department", DEPT).await;
    record_step(&browser, "请市场监管局五个工作日内核实", "已交办").await;
    record_step(&browser, "经核查，窗口确实要求了清单外证明", "已查实").await;
    choose(&browser, DESK, "#mj-obs-due", "2099-01-31").await;
    record_step(&browser, "对窗口人员培训并清理证明要求", "整改中").await;
    record_step(&browser, "已取消该证明要求并全局通报", "已整改").await;
    let violations = browser.axe_violations(&axe, "desk observation").await;
    assert!(violations.is_empty(), "{violations:#?}");

    // The supervisor sees every step and reply.
    browser.click_in(PANEL, ".mj-back").await;
    browser.wait_until("the list", &Browser::shadow_text(PANEL, "[data-testid=observations]")).await;
    browser.click_in(PANEL, &format!("button[aria-label='查看 {id}']")).await;
    wait_text(&browser, PANEL, "[data-testid=stage]", "已整改").await;
    let kinds = run(
        &browser,
        &format!("return [...document.querySelector('{PANEL}').shadowRoot.querySelectorAll('[data-testid=timeline] li')].map(li => li.dataset.kind);"),
    )
    .await;
    assert_eq!(kinds, json!(["submitted", "assign", "confirm", "plan", "rectified"]));
    let timeline = wait_text(&browser, PANEL, "[data-testid=timeline]", "已取消该证明要求并全局通报").await;
    assert!(timeline.contains(&format!("交办至 {DEPT}")) && timeline.contains("2099-01-31 前完成"), "{timeline}");
    let violations = browser.axe_violations(&axe, "supervisor timeline").await;
    assert!(violations.is_empty(), "{violations:#?}");
    browser.close().await;
}
