//! axe-core, injected into Chromium, finds no WCAG 2.1 A/AA violation in any state of the
//! widgets, in Chinese and English, in large mode, and in every theme.

use std::time::Duration;

use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};

const FORM: &str = "mingjing-review";
const SERVICE: &str = "11530100MJ0001001W3001030001000";

async fn wait_text(browser: &Browser, css: &str) {
    browser.wait_until(css, &Browser::shadow_text(FORM, css)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_form_passes_axe_in_every_state_language_size_and_theme() {
    if browser_skipped() {
        return;
    }
    let axe = mingjing_tests::browser::axe_source();
    let app = TestApp::spawn(Backend::Sqlite).await;
    let body = format!(r#"<{FORM} site="{TEST_SITE}" service="{SERVICE}"></{FORM}>"#);
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage
        .add_site_origins(&mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin))
        .await
        .unwrap();
    let browser = Browser::launch(1280, 900).await;
    // First prove the check can fail: an image without alt text inside a shadow root.
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    browser
        .client
        .execute(
            r#"const host = document.createElement("div"); document.querySelector("main").appendChild(host);
               host.attachShadow({ mode: "open" }).innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';"#,
            vec![],
        )
        .await
        .unwrap();
    let planted = browser.axe_violations(&axe, "planted").await;
    assert!(planted.iter().any(|v| v.contains("image-alt")), "axe did not see a planted violation: {planted:?}");
    let mut found = Vec::new();
    for (lang, size, theme) in [
        ("zh-CN", "normal", "light"),
        ("en", "normal", "light"),
        ("zh-CN", "large", "light"),
        ("en", "large", "dark"),
        ("zh-CN", "normal", "high-contrast"),
    ] {
        let config = format!("{lang}/{size}/{theme}");
        browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
        browser
            .client
            .execute(
                &format!(
                    r#"const el = document.querySelector("{FORM}");
                       el.setAttribute("lang", "{lang}"); el.setAttribute("size", "{size}"); el.setAttribute("theme", "{theme}");"#
                ),
                vec![],
            )
            .await
            .unwrap();
        browser
            .wait_until("the themed form", &format!(r#"document.querySelector("{FORM}").shadowRoot?.querySelector('.mj[data-theme="{theme}"] .mj-title')"#))
            .await;
        // Let the stylesheet load before colours are judged.
        browser.wait_until("styles", &format!(r#"getComputedStyle(document.querySelector("{FORM}").shadowRoot.querySelector(".mj-card")).borderTopStyle === "solid""#)).await;
        found.extend(browser.axe_violations(&axe, &format!("{config} empty")).await);

        browser.click_in(FORM, "button[type=submit]").await;
        wait_text(&browser, "#mj-rating-error").await;
        found.extend(browser.axe_violations(&axe, &format!("{config} rating missing")).await);

        browser.click_in(FORM, "label[for=mj-rating-1]").await;
        browser.click_in(FORM, "button[type=submit]").await;
        wait_text(&browser, "#mj-reasons-error").await;
        found.extend(browser.axe_violations(&axe, &format!("{config} reason missing")).await);

        browser.click_in(FORM, "label[for=mj-reason-long_wait]").await;
        browser.click_in(FORM, "#mj-callback").await;
        browser.in_widget(FORM, "#mj-name").await.send_keys("张三").await.unwrap();
        browser.in_widget(FORM, "#mj-phone").await.send_keys("12345").await.unwrap();
        browser.click_in(FORM, "summary").await;
        browser.click_in(FORM, "button[type=submit]").await;
        wait_text(&browser, "#mj-phone-error").await;
        found.extend(browser.axe_violations(&axe, &format!("{config} bad phone, details open")).await);

        browser.in_widget(FORM, "#mj-phone").await.clear().await.unwrap();
        browser.in_widget(FORM, "#mj-phone").await.send_keys("13800131234").await.unwrap();
        browser.click_in(FORM, "button[type=submit]").await;
        wait_text(&browser, "[data-testid=receipt]").await;
        found.extend(browser.axe_violations(&axe, &format!("{config} receipt")).await);
    }
    assert!(found.is_empty(), "axe found WCAG 2.1 A/AA violations:\n{}", found.join("\n"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_site_with_every_widget_passes_axe_in_both_languages_and_large_mode() {
    if browser_skipped() {
        return;
    }
    let axe = mingjing_tests::browser::axe_source();
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let browser = Browser::launch(1280, 900).await;
    let mut found = Vec::new();
    for (lang, size) in [("zh-CN", "normal"), ("en", "normal"), ("zh-CN", "large")] {
        browser.client.goto(&app.url("/")).await.unwrap();
        browser
            .client
            .execute(&format!(r#"document.querySelectorAll("*").forEach(e => e.tagName.startsWith("MINGJING-") && (e.setAttribute("lang", "{lang}"), e.setAttribute("size", "{size}")));"#), vec![])
            .await
            .unwrap();
        browser
            .wait_for(
                "every widget",
                r#"return [...document.querySelectorAll("mingjing-review, mingjing-lookup, mingjing-stats, mingjing-supervisor, mingjing-desk")].every(e => e.shadowRoot?.querySelector(".mj-title")) || null;"#,
                Duration::from_secs(20),
            )
            .await;
        found.extend(browser.axe_violations(&axe, &format!("demo {lang} {size}")).await);
    }
    assert!(found.is_empty(), "axe found WCAG 2.1 A/AA violations:\n{}", found.join("\n"));
    browser.close().await;
}
