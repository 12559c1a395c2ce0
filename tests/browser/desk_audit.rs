//! The desk's audit log: a site administrator sees the tab and the site's security events,
//! in Chinese and English, readable on a phone; other staff do not see the tab.

use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::{Backend, TestApp};

const DESK: &str = "mingjing-desk";

async fn sign_in(browser: &Browser, code: &str) {
    browser
        .client
        .execute(
            &format!(
                r##"const el = document.querySelector("{DESK}").shadowRoot.querySelector("#mj-code");
                   el.value = {code:?}; el.dispatchEvent(new Event("input", {{ bubbles: true }}));"##
            ),
            vec![],
        )
        .await
        .unwrap();
    browser.click_in(DESK, "form.mj-sign-in button[type=submit]").await;
    browser.wait_until("the desk's tabs", &Browser::shadow_text(DESK, "[data-testid=tab-observations]")).await;
}

/// Saves a PNG of the desk when `MINGJING_SCREENSHOT_DIR` is set, to look at by eye.
async fn keep_screenshot(browser: &Browser, width: u32, name: &str) {
    if let Some(dir) = std::env::var_os("MINGJING_SCREENSHOT_DIR") {
        // Tall enough that the whole desk is in view: element shots are cut to the viewport.
        browser.emulate_viewport(width, 3000).await;
        browser
            .client
            .execute(&format!(r#"document.querySelector("{DESK}").scrollIntoView();"#), vec![])
            .await
            .unwrap();
        let desk = browser.client.find(fantoccini::Locator::Css(DESK)).await.unwrap();
        let png = desk.screenshot().await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_administrator_reads_the_audit_log_on_the_desk() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let (_, plain) = app.add_staff("demo", "张三").await;
    let (admin_id, admin) = app.add_staff("demo", "李四").await;
    app.storage.set_staff_site_admin(admin_id, true).await.unwrap();
    // A failed sign-in, to be seen in the log.
    let wrong = app
        .client
        .post(app.url("/api/v1/staff/session"))
        .json(&serde_json::json!({ "site": "demo", "code": format!("{admin_id}-WRONGWRONGWR") }));
    assert_eq!(wrong.send().await.unwrap().status(), 401);
    let axe = mingjing_tests::browser::axe_source();

    for (width, lang) in [(1280, "zh-CN"), (375, "en")] {
        let browser = Browser::launch(width.max(500), 900).await;
        browser.emulate_viewport(width, 900).await;
        browser.client.goto(&app.url("/#desk")).await.unwrap();
        browser
            .wait_until(
                "the desk",
                &format!(r##"!!document.querySelector("{DESK}")?.shadowRoot?.querySelector("#mj-code")"##),
            )
            .await;
        if lang == "en" {
            browser
                .client
                .execute(&format!(r#"document.querySelector("{DESK}").setAttribute("lang", "en");"#), vec![])
                .await
                .unwrap();
            browser
                .wait_until(
                    "English",
                    &format!(r#"{} === "Sign in""#, Browser::shadow_text(DESK, "form.mj-sign-in button[type=submit]")),
                )
                .await;
        }
        sign_in(&browser, &plain).await;
        let tabs = browser
            .client
            .execute(
                &format!(r#"return document.querySelector("{DESK}").shadowRoot.querySelectorAll(".mj-tab").length;"#),
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(tabs, 2, "no audit tab for staff who do not administer the site");
        browser.click_in(DESK, ".mj-toolbar .mj-secondary").await;

        browser
            .wait_until(
                "the sign-in form again",
                &format!(r##"!!document.querySelector("{DESK}")?.shadowRoot?.querySelector("#mj-code")"##),
            )
            .await;
        sign_in(&browser, &admin).await;
        browser.wait_until("the audit tab", &Browser::shadow_text(DESK, "[data-testid=tab-audit]")).await;
        browser.click_in(DESK, "[data-testid=tab-audit]").await;
        let failed = if lang == "en" { "Sign-in failed" } else { "登录失败" };
        browser
            .wait_until(
                "the failed sign-in in the log",
                &format!(r#"[...document.querySelector("{DESK}").shadowRoot.querySelectorAll("[data-testid=audit-log] td")].some(td => td.textContent === {failed:?})"#),
            )
            .await;
        let text = browser.client.execute(&format!(r#"return document.querySelector("{DESK}").shadowRoot.querySelector("[data-testid=audit-log]").textContent;"#), vec![]).await.unwrap();
        let text = text.as_str().unwrap();
        assert!(text.contains(&format!("staff:{admin_id}")), "{text}");
        assert!(!text.contains("127.0.0.1"), "no address is shown: {text}");
        // The audit log fits the desk: nothing in it is wider than the element.
        let fits = browser
            .client
            .execute(&format!(r#"const d = document.querySelector("{DESK}"); const log = d.shadowRoot.querySelector("[data-testid=audit-log]"); return log.scrollWidth <= log.clientWidth && d.getBoundingClientRect().right <= {width};"#), vec![])
            .await
            .unwrap();
        assert_eq!(fits, true, "the audit log fits a {width} px viewport");
        let violations = browser.axe_violations(&axe, &format!("desk audit log at {width} px")).await;
        assert!(violations.is_empty(), "{violations:#?}");
        keep_screenshot(&browser, width, &format!("desk-audit-{width}-{lang}")).await;
        browser.close().await;
    }
}
