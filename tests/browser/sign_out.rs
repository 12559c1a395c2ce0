//! Signing out of the desk or the supervisor panel ends the session on the collector: the
//! token the tab held no longer works against the API.

use mingjing_domain::site::SiteId;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use reqwest::StatusCode;

use crate::supervisor::{DESK, PANEL, run, sign_in, wait_text};

async fn status_with(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap()
}

/// The session token the tab holds for `role`, if any.
async fn held_token(browser: &Browser, role: &str) -> Option<String> {
    let token = run(browser, &format!("return sessionStorage.getItem('mingjing.{role}.{TEST_SITE}');")).await;
    token.as_str().map(str::to_owned)
}

/// Clicks the widget's sign-out button and waits for its sign-in form.
async fn click_sign_out(browser: &Browser, host: &str) {
    browser.click_in(host, ".mj-toolbar button").await;
    browser.wait_until("the sign-in form again", &Browser::shadow_text(host, "#mj-code-hint")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_of_the_desk_and_the_panel_ends_both_sessions_on_the_server() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let (_, supervisor_code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let body = format!(
        r#"<mingjing-desk site="{TEST_SITE}"></mingjing-desk><mingjing-supervisor site="{TEST_SITE}"></mingjing-supervisor>"#
    );
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin)).await.unwrap();
    let browser = Browser::launch(1280, 2000).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();

    browser.wait_until("the desk's sign-in", &Browser::shadow_text(DESK, "#mj-code-hint")).await;
    sign_in(&browser, DESK, &staff_code).await;
    browser.wait_until("the desk", &Browser::shadow_text(DESK, "[data-testid=tab-observations]")).await;
    browser.wait_until("the panel's sign-in", &Browser::shadow_text(PANEL, "#mj-code-hint")).await;
    sign_in(&browser, PANEL, &supervisor_code).await;
    wait_text(&browser, PANEL, "[data-testid=dashboard]", "王监督").await;

    for (host, role, probe) in
        [(DESK, "desk", "/api/v1/desk/reviews"), (PANEL, "supervisor", "/api/v1/supervisor/dashboard")]
    {
        let token = held_token(&browser, role).await.unwrap_or_else(|| panic!("no {role} token in sessionStorage"));
        assert_eq!(status_with(&app, probe, &token).await.status(), StatusCode::OK, "{role} token before signing out");
        click_sign_out(&browser, host).await;
        assert_eq!(held_token(&browser, role).await, None, "the tab still holds the {role} token");
        let resp = status_with(&app, probe, &token).await;
        assert_error(resp, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
    }
    browser.close().await;
}
