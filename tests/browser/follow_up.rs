//! The whole 好差评 loop in one browser: a citizen submits a very poor review, staff follow it
//! up on the desk, and the citizen's receipt lookup shows the department's reply and lets
//! them rate the rectification once.

use std::time::Duration;

use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::{Backend, TestApp};
use serde_json::Value;

const FORM: &str = "mingjing-review";
const DESK: &str = "mingjing-desk";
const REPLY: &str = "已增设两个综合窗口，高峰期等候时间降至 20 分钟以内。";

async fn set_input(browser: &Browser, host: &str, css: &str, value: &str) {
    browser
        .client
        .execute(
            &format!(
                r#"const el = document.querySelector({host:?}).shadowRoot.querySelector({css:?});
                   el.value = {value:?}; el.dispatchEvent(new Event("input", {{ bubbles: true }}));"#
            ),
            vec![],
        )
        .await
        .unwrap();
}

/// Records the next step on the desk and waits for the stage to change.
async fn record(browser: &Browser, choice: Option<&str>, note: &str, stage_after: &str) {
    if let Some(value) = choice {
        browser.in_widget(DESK, "#mj-step-choice").await.select_by_value(value).await.unwrap();
    }
    browser.in_widget(DESK, "#mj-step-note").await.send_keys(note).await.unwrap();
    browser.click_in(DESK, "form.mj-step button[type=submit]").await;
    browser
        .wait_until(
            stage_after,
            &format!(
                r#"[...document.querySelector("{DESK}").shadowRoot.querySelectorAll(".mj-facts dd")].some(d => d.textContent === {stage_after:?})"#
            ),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_follow_a_poor_review_up_and_the_citizen_sees_the_reply() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let (_, code) = app.add_staff("demo", "李四").await;
    let browser = Browser::launch(1280, 1000).await;
    browser.client.goto(&app.url("/#review")).await.unwrap();
    browser.wait_until("the form", &Browser::shadow_text(FORM, ".mj-title")).await;

    // The citizen: 非常不满意, a reason, and a call-back contact.
    browser.click_in(FORM, "label[for=mj-rating-1]").await;
    browser.click_in(FORM, "label[for=mj-reason-long_wait]").await;
    browser.click_in(FORM, "#mj-callback").await;
    browser.in_widget(FORM, "#mj-name").await.send_keys("王小明").await.unwrap();
    browser.in_widget(FORM, "#mj-phone").await.send_keys("13912345678").await.unwrap();
    browser.click_in(FORM, "button[type=submit]").await;
    let receipt = browser.wait_until("the receipt", &Browser::shadow_text(FORM, "[data-testid=receipt]")).await;
    let receipt = receipt.as_str().unwrap().to_owned();

    // Staff sign in on the desk and open the review.
    set_input(&browser, DESK, "#mj-code", &code).await;
    browser.click_in(DESK, "form.mj-sign-in button[type=submit]").await;
    browser.wait_until("the list", &format!(r#"document.querySelector("{DESK}").shadowRoot.querySelector("td.mj-mono")?.textContent === {receipt:?}"#)).await;
    let total = browser.wait_until("the total", &Browser::shadow_text(DESK, "[data-testid=desk-total]")).await;
    assert_eq!(total, "共 1 条", "the list says how many there are");
    let axe = mingjing_tests::browser::axe_source();
    let mut violations = browser.axe_violations(&axe, "desk list").await;
    browser.click_in(DESK, "tbody button").await;
    let masked = browser.wait_until("the masked phone", &Browser::shadow_text(DESK, "[data-testid=masked]")).await;
    assert_eq!(masked, "139****5678");
    let page: Value = browser
        .client
        .execute(
            "return document.documentElement.outerHTML + document.querySelector('mingjing-desk').shadowRoot.innerHTML;",
            vec![],
        )
        .await
        .unwrap();
    assert!(!page.as_str().unwrap().contains("13912345678"), "the full number shows before a reveal");

    violations.extend(browser.axe_violations(&axe, "desk detail").await);
    record(&browser, Some("reached"), "已电话联系评价人，情况属实", "已回访").await;
    record(&browser, Some("confirmed"), "高峰期窗口不足", "已核实").await;
    browser.in_widget(DESK, "#mj-step-choice").await.select_by_value("rectification_plan").await.unwrap();
    browser
        .wait_until(
            "the due date field",
            r##"document.querySelector("mingjing-desk").shadowRoot.querySelector("#mj-step-due")"##,
        )
        .await;
    set_input(&browser, DESK, "#mj-step-due", "2026-12-31").await;
    record(&browser, None, "增设综合窗口", "整改中").await;
    record(&browser, None, "已增设两个窗口", "待答复").await;
    record(&browser, None, REPLY, "已办结").await;
    violations.extend(browser.axe_violations(&axe, "desk closed, lookup open").await);
    assert!(violations.is_empty(), "axe found WCAG 2.1 A/AA violations:\n{}", violations.join("\n"));
    let history: Value = browser
        .client
        .execute(
            r#"return document.querySelector("mingjing-desk").shadowRoot.querySelectorAll(".mj-timeline li").length;"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(history, 5);
    // Each entry's choice, decoded from the collector's typed history, in the staff's words.
    let timeline: Value = browser
        .client
        .execute(
            r#"return document.querySelector("mingjing-desk").shadowRoot.querySelector(".mj-timeline").textContent;"#,
            vec![],
        )
        .await
        .unwrap();
    let timeline = timeline.as_str().unwrap();
    for shown in ["已联系上 — 已电话联系评价人", "属实（查实） — 高峰期窗口不足", "限期整改 2026-12-31 — 增设综合窗口"]
    {
        assert!(timeline.contains(shown), "{shown:?} is not in the history: {timeline}");
    }

    // The citizen looks the receipt up, reads the reply, and rates the rectification.
    browser.click_in(FORM, ".mj-lookup summary").await;
    browser.in_widget(FORM, "#mj-lookup-code").await.send_keys(&receipt).await.unwrap();
    browser.click_in(FORM, ".mj-lookup button[type=submit]").await;
    let shown = browser
        .wait_for(
            "the reply",
            &format!("return ({}) || null;", Browser::shadow_text(FORM, "[data-testid=lookup-result]")),
            Duration::from_secs(20),
        )
        .await;
    assert!(shown.as_str().unwrap().contains(REPLY), "{shown}");
    browser.click_in(FORM, "[data-testid=lookup-result] button").await;
    browser.wait_until("the re-rating notice", &Browser::shadow_text(FORM, ".mj-alert[role=status]")).await;
    browser.click_in(FORM, "label[for=mj-rating-5]").await;
    browser.click_in(FORM, "button[type=submit]").await;
    browser.wait_until("the second receipt", &Browser::shadow_text(FORM, "[data-testid=receipt]")).await;
    let verified = browser.wait_until("the verified badge", &Browser::shadow_text(FORM, ".mj-receipt .mj-badge")).await;
    assert!(verified.as_str().is_some());
    assert_eq!(app.reviews_stored("demo").await, 2);
    browser.close().await;
}
