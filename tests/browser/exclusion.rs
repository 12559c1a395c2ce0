//! 申诉复核 in the browser: one member of staff asks on the desk for a poor review to leave
//! the figures, a second, an approver, confirms it on their own desk, and the page's
//! `<mingjing-stats>` then counts the review as excluded, not as a rating.

use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::builders::review;
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};

use crate::supervisor::{DESK, choose, run, sign_in, type_into, wait_text};

const STATS: &str = "mingjing-stats";

/// Signs in, opens the one poor review, and waits for its 申诉复核 panel.
async fn open_the_review(browser: &Browser, url: &str, code: &str) {
    browser.client.goto(url).await.unwrap();
    run(browser, "sessionStorage.clear(); return true;").await;
    browser.client.goto(url).await.unwrap();
    browser.wait_until("the desk's sign-in", &Browser::shadow_text(DESK, "#mj-code-hint")).await;
    sign_in(browser, DESK, code).await;
    browser.wait_until("the list", &Browser::shadow_text(DESK, "td.mj-mono")).await;
    browser.click_in(DESK, "tbody button").await;
    browser.wait_until("the panel", &Browser::shadow_text(DESK, "#mj-exclusion-title")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exclusion_asked_for_by_one_and_confirmed_by_another_leaves_the_published_figures() {
    if browser_skipped() {
        return;
    }
    // The browser may reuse the public figures for max-age seconds; at 0 it asks again (with
    // If-None-Match) each time, so the page shows the figures as they are after the change.
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.limits.public_max_age_secs = 0).await;
    assert_eq!(
        app.post_json("/api/v1/reviews", &review("S1", 1, "browser-exclusion-01").long_wait()).await.status(),
        201
    );
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 5, "browser-exclusion-02")).await.status(), 201);
    let (_, asker) = app.add_staff(TEST_SITE, "李四").await;
    let (approver_id, approver) = app.add_staff(TEST_SITE, "王五").await;
    app.storage.set_staff_approver(approver_id, true).await.unwrap();
    let body = format!(
        r#"<mingjing-desk site="{TEST_SITE}"></mingjing-desk><mingjing-stats site="{TEST_SITE}"></mingjing-stats>"#
    );
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage.add_site_origins(&SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin)).await.unwrap();
    let url = format!("{}/", host.origin);
    let browser = Browser::launch(1280, 2000).await;
    let axe = mingjing_tests::browser::axe_source();

    open_the_review(&browser, &url, &asker).await;
    let mut violations = browser.axe_violations(&axe, "exclusion form").await;
    choose(&browser, DESK, "#mj-exclusion-category", "malicious").await;
    type_into(&browser, DESK, "#mj-exclusion-text", "同一号码一小时内连续提交恶意差评").await;
    browser.click_in(DESK, "form.mj-exclusion button[type=submit]").await;
    wait_text(&browser, DESK, "[data-testid=exclusion-state]", "等待另一位审核人确认").await;
    wait_text(&browser, DESK, ".mj-timeline", "申请剔除（申诉复核） 恶意评价 — 同一号码").await;
    assert!(
        run(&browser, &format!("return {};", Browser::shadow_text(DESK, ".mj-desk-exclusion button"))).await.is_null(),
        "the one who asked is offered no decision"
    );

    open_the_review(&browser, &url, &approver).await;
    violations.extend(browser.axe_violations(&axe, "exclusion decision").await);
    type_into(&browser, DESK, "#mj-exclusion-text", "经核查属恶意评价").await;
    browser.click_in(DESK, ".mj-desk-exclusion .mj-actions button:first-child").await;
    wait_text(&browser, DESK, "[data-testid=exclusion-state]", "不计入公开统计").await;
    wait_text(&browser, DESK, ".mj-timeline", "确认剔除 恶意评价 — 经核查属恶意评价").await;

    browser.client.goto(&url).await.unwrap();
    let excluded = wait_text(&browser, STATS, "[data-testid=excluded]", "1 条恶意评价").await;
    assert!(excluded.contains("0 条误评"), "{excluded}");
    wait_text(&browser, STATS, "[data-testid=satisfaction]", "100").await;
    violations.extend(browser.axe_violations(&axe, "stats with an exclusion").await);
    assert!(violations.is_empty(), "axe found WCAG 2.1 A/AA violations:\n{}", violations.join("\n"));
    browser.close().await;
}
