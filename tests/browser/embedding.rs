//! A department page on its own origin embeds the widgets: hostile CSS, a strict CSP, many
//! elements, late elements, attribute changes and events.

use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::Value;

const SERVICE: &str = "11530100MJ0001001W3001030001000";

fn review_tag(extra: &str) -> String {
    format!(r#"<mingjing-review site="{TEST_SITE}" service="{SERVICE}" {extra}></mingjing-review>"#)
}

/// The collector, a host page on another origin registered for the test site, and Chromium.
async fn embed(head_extra: &str, body: &str, csp: impl FnOnce(&str) -> Option<String>) -> (TestApp, HostPage, Browser) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let html = page(&app.base, head_extra, body);
    let host = HostPage::serve(html, csp(&app.base)).await;
    app.storage
        .add_site_origins(&mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap(), std::slice::from_ref(&host.origin))
        .await
        .unwrap();
    let browser = Browser::launch(1280, 900).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    (app, host, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_page_css_cannot_break_a_widget() {
    if browser_skipped() {
        return;
    }
    let hostile = r#"<style>
        * { all: unset !important; }
        html, body { font-size: 48px !important; }
        div { display: none !important; }
        button { visibility: hidden !important; }
        label, input, fieldset { display: none !important; }
        mingjing-review { display: none; color: red; font-family: serif; }
    </style>"#;
    let (app, _host, browser) = embed(hostile, &review_tag(""), |_| None).await;
    browser.wait_until("the form", &Browser::shadow_text("mingjing-review", ".mj-title")).await;

    let card = browser.in_widget("mingjing-review", ".mj-card").await;
    assert!(card.is_displayed().await.unwrap(), "the card is hidden");
    let (_, _, width, height) = card.rectangle().await.unwrap();
    assert!(width > 300.0 && height > 300.0, "card is {width}x{height}");
    let submit = browser.in_widget("mingjing-review", "button[type=submit]").await;
    assert_eq!(submit.css_value("visibility").await.unwrap(), "visible");
    let root = browser.in_widget("mingjing-review", ".mj").await;
    assert_eq!(root.css_value("font-size").await.unwrap(), "16px");
    assert_eq!(root.css_value("color").await.unwrap(), "rgba(31, 41, 55, 1)");

    browser.click_in("mingjing-review", "label[for=mj-rating-4]").await;
    assert!(browser.in_widget("mingjing-review", "#mj-rating-4").await.is_selected().await.unwrap());
    submit.click().await.unwrap();
    browser.wait_until("the receipt", &Browser::shadow_text("mingjing-review", "[data-testid=receipt]")).await;
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strict_csp_page_works_without_violations() {
    if browser_skipped() {
        return;
    }
    let csp = |collector: &str| {
        Some(format!(
            "default-src 'self'; script-src 'self' {collector} 'wasm-unsafe-eval'; style-src 'self' {collector}; \
             connect-src {collector}; img-src 'self' {collector} data:"
        ))
    };
    let (app, _host, browser) = embed("", &review_tag(""), csp).await;
    browser.wait_until("the form", &Browser::shadow_text("mingjing-review", ".mj-title")).await;
    // Poor review, so the reasons (loaded from the collector's site config) show up.
    browser.click_in("mingjing-review", "label[for=mj-rating-2]").await;
    browser.click_in("mingjing-review", "label[for=mj-reason-long_wait]").await;
    browser.click_in("mingjing-review", "button[type=submit]").await;
    browser.wait_until("the receipt", &Browser::shadow_text("mingjing-review", "[data-testid=receipt]")).await;
    let styled = browser.in_widget("mingjing-review", ".mj-card").await.css_value("border-top-style").await.unwrap();
    assert_eq!(styled, "solid", "the stylesheet did not apply");
    let recorded = browser.recorded().await;
    assert_eq!(recorded["violations"], Value::Array(vec![]), "CSP violations: {recorded}");
    assert_eq!(app.reviews_stored(TEST_SITE).await, 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_elements_share_one_wasm_download() {
    if browser_skipped() {
        return;
    }
    let body = format!("{}{}{}", review_tag(""), review_tag(r#"lang="en""#), review_tag(r#"size="large""#));
    let (_app, _host, browser) = embed("", &body, |_| None).await;
    browser
        .wait_until(
            "three forms",
            r#"[...document.querySelectorAll("mingjing-review")].every(e => e.shadowRoot?.querySelector(".mj-title"))"#,
        )
        .await;
    let wasm: Value = browser
        .client
        .execute(r#"return performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm")).map(e => e.name);"#, vec![])
        .await
        .unwrap();
    let wasm = wasm.as_array().unwrap();
    assert_eq!(wasm.len(), 1, "{wasm:?}");
    assert!(
        wasm[0].as_str().unwrap().ends_with("/widgets/review/mingjing_widgets_bg.wasm"),
        "a review-only page gets the small bundle"
    );
    let ready = browser
        .wait_until(
            "three ready events",
            "window.__mj.events.filter(e => e.type === 'mingjing:ready').length === 3 && window.__mj.events",
        )
        .await;
    let langs: Vec<&str> = ready.as_array().unwrap().iter().filter_map(|e| e["detail"]["lang"].as_str()).collect();
    assert_eq!(langs, ["zh-CN", "en", "zh-CN"]);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_element_upgrades_and_a_lang_change_rerenders_in_english() {
    if browser_skipped() {
        return;
    }
    let (_app, _host, browser) = embed("", "<div id=later></div>", |_| None).await;
    browser.wait_until("the loader", "customElements.get('mingjing-review')").await;
    browser
        .client
        .execute(
            &format!(
                r#"const el = document.createElement("mingjing-review");
                   el.setAttribute("site", "{TEST_SITE}"); el.setAttribute("service", "{SERVICE}");
                   document.getElementById("later").appendChild(el);"#
            ),
            vec![],
        )
        .await
        .unwrap();
    let zh = browser.wait_until("the late form", &Browser::shadow_text("mingjing-review", ".mj-title")).await;
    assert_eq!(zh, "服务评价");
    browser
        .client
        .execute(r#"document.querySelector("mingjing-review").setAttribute("lang", "en");"#, vec![])
        .await
        .unwrap();
    let en = browser
        .wait_until(
            "English",
            &format!("{} === 'Rate this service' && 'en'", Browser::shadow_text("mingjing-review", ".mj-title")),
        )
        .await;
    assert_eq!(en, "en");
    let lang: Value = browser
        .client
        .execute(r#"return document.querySelector("mingjing-review").shadowRoot.querySelector(".mj").lang;"#, vec![])
        .await
        .unwrap();
    assert_eq!(lang, "en");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_cross_the_shadow_boundary_with_details() {
    if browser_skipped() {
        return;
    }
    let body = format!(r#"{}<mingjing-review service="{SERVICE}"></mingjing-review>"#, review_tag(""));
    let (_app, _host, browser) = embed("", &body, |_| None).await;
    let error = browser.wait_until("an error event", "window.__mj.events.find(e => e.type === 'mingjing:error')").await;
    assert_eq!(error["detail"]["attribute"], "site");
    assert_eq!(error["bubbles"], true);
    assert_eq!(error["composed"], true);
    let polite = browser
        .wait_until(
            "the polite error",
            r#"document.querySelectorAll("mingjing-review")[1].shadowRoot.querySelector("[role=alert]")?.textContent"#,
        )
        .await;
    assert!(polite.as_str().unwrap().contains("site"), "{polite}");

    let ready = browser.wait_until("ready", "window.__mj.events.find(e => e.type === 'mingjing:ready')").await;
    assert_eq!(ready["tag"], "mingjing-review");
    assert_eq!(ready["detail"]["widget"], "mingjing-review");
    assert_eq!(ready["detail"]["version"], env!("CARGO_PKG_VERSION"));

    browser.click_in("mingjing-review", "label[for=mj-rating-5]").await;
    browser.click_in("mingjing-review", "button[type=submit]").await;
    let submitted =
        browser.wait_until("submitted", "window.__mj.events.find(e => e.type === 'mingjing:submitted')").await;
    let shown =
        browser.wait_until("the receipt", &Browser::shadow_text("mingjing-review", "[data-testid=receipt]")).await;
    assert_eq!(submitted["detail"]["receipt"], shown);
    assert_eq!(submitted["detail"]["rating"], 5);
    assert_eq!(submitted["detail"]["service"], SERVICE);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_versioned_snippet_with_an_integrity_hash_works_and_a_wrong_hash_is_refused() {
    if browser_skipped() {
        return;
    }
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(mingjing_tests::paths::pkg_dir().join("manifest.json")).unwrap())
            .unwrap();
    let integrity = manifest["files"]["mingjing.js"]["integrity"].as_str().unwrap().to_owned();
    let app = TestApp::spawn(Backend::Sqlite).await;
    let version = env!("CARGO_PKG_VERSION");
    for (hash, works) in
        [(integrity.as_str(), true), ("sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    {
        let html = format!(
            r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>SRI</title>
<script type="module" src="{base}/widgets/v{version}/mingjing.js" integrity="{hash}" crossorigin="anonymous"></script>
</head><body><main><h1>SRI</h1>{tag}</main></body></html>"#,
            base = app.base,
            tag = review_tag("")
        );
        let host = HostPage::serve(html, None).await;
        let browser = Browser::launch(1280, 900).await;
        browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
        if works {
            let title = browser.wait_until("the form", &Browser::shadow_text("mingjing-review", ".mj-title")).await;
            assert_eq!(title, "服务评价");
            let wasm: Value = browser
                .client
                .execute(r#"return performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm")).map(e => e.name);"#, vec![])
                .await
                .unwrap();
            assert!(wasm[0].as_str().unwrap().contains(&format!("/widgets/v{version}/review/")), "{wasm}");
        } else {
            // A tampered loader is not run: the element is never defined.
            let defined: Value = browser
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1]; setTimeout(() => done(!!customElements.get('mingjing-review')), 1500);",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(defined, false);
        }
        browser.close().await;
    }
}
