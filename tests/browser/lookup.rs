//! The fee-and-timeline lookup in a real Chromium: a citizen types pinyin initials, opens
//! the item, reads its cost, limits and the date for a fixed "today", prints the
//! checklist, follows a deep link, and browses the Art. 35 and 36 lists.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::site::SiteId;
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::host_page::{HostPage, page};
use mingjing_tests::{Backend, TestApp};
use serde_json::{Value, json};

const HOST: &str = "mingjing-lookup";
const QYSL: &str = "11530100MJ0001001W3001030001000";

async fn text(browser: &Browser, css: &str) -> String {
    let value = browser.wait_until(css, &Browser::shadow_text(HOST, css)).await;
    value.as_str().unwrap_or_default().to_owned()
}

async fn run(browser: &Browser, script: &str) -> Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_finds_an_item_by_initials_and_prints_its_checklist() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    catalog_admin::run(&app.storage, CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false })
        .await
        .unwrap();
    let site = SiteId::parse(TEST_SITE).unwrap();
    let config = json!({ "review": { "complaint_url": "https://example.org/report-a-fee" } });
    assert!(app.storage.set_site_config(&site, &config).await.unwrap());
    // 2024-02-09 is the Friday before the Spring Festival: the promised single working day
    // ends on Sunday 2024-02-18, a make-up workday.
    let body = format!(r#"<main><mingjing-lookup site="{TEST_SITE}" today="2024-02-09"></mingjing-lookup></main>"#);
    let host = HostPage::serve(page(&app.base, "", &body), None).await;
    app.storage.add_site_origins(&site, std::slice::from_ref(&host.origin)).await.unwrap();
    let browser = Browser::launch(1280, 1800).await;
    browser.client.goto(&format!("{}/", host.origin)).await.unwrap();
    let axe = mingjing_tests::browser::axe_source();

    // Typing pinyin initials finds the item; results follow the typing.
    text(&browser, "[data-testid=result-count]").await;
    browser.in_widget(HOST, "#mj-q").await.send_keys("qysl").await.unwrap();
    let first = browser
        .wait_until(
            "the first result for qysl",
            "document.querySelector('mingjing-lookup').shadowRoot.querySelector('.mj-result-name')?.textContent === '企业设立登记'",
        )
        .await;
    assert_eq!(first, true);
    assert!(text(&browser, "[data-testid=demo-notice]").await.contains("演示数据"), "demo data is labelled");
    let violations = browser.axe_violations(&axe, "lookup search").await;
    assert!(violations.is_empty(), "{violations:#?}");

    browser.click_in(HOST, ".mj-result-link").await;
    let name = text(&browser, "#mj-item-name").await;
    assert_eq!(name, "企业设立登记");
    let hash = run(&browser, "return location.hash;").await;
    assert_eq!(hash, format!("#mj-item={QYSL}"), "the URL links to the open item");
    let focused = run(&browser, "return document.querySelector('mingjing-lookup').shadowRoot.activeElement?.id;").await;
    assert_eq!(focused, "mj-item-name", "focus moves to the item for screen readers");

    assert_eq!(text(&browser, "[data-testid=glance-cost]").await, "免费");
    assert!(text(&browser, "[data-testid=fees-free]").await.contains("不收取任何费用"));
    assert!(text(&browser, "[data-testid=off-list]").await.contains("投诉电话 12345"));
    let report = browser
        .wait_until(
            "the site's report link",
            "document.querySelector('mingjing-lookup').shadowRoot.querySelector('[data-testid=off-list] a')?.href",
        )
        .await;
    assert_eq!(report, "https://example.org/report-a-fee");
    assert_eq!(text(&browser, "[data-testid=glance-limit]").await, "1 个工作日（法定办结时限 3 个工作日）");
    assert_eq!(text(&browser, "[data-testid=compression]").await, "承诺时限比法定时限压缩 66%");
    assert_eq!(text(&browser, "[data-testid=glance-due]").await, "2024-02-18（周日）前");
    let limits = text(&browser, "[data-testid=limits]").await;
    assert!(limits.contains("2024-02-20（周二）前"), "the legal limit's date: {limits}");
    assert!(text(&browser, "[data-testid=actual]").await.contains("暂不公布"), "too few cases: no figure");
    let violations = browser.axe_violations(&axe, "lookup detail").await;
    assert!(violations.is_empty(), "{violations:#?}");

    // Printing: the button calls the browser's print, and the print view keeps the
    // checklist, the limits and the address but drops the steps and the buttons.
    run(&browser, "window.__printed = 0; window.print = () => { window.__printed += 1; }; return true;").await;
    browser.click_in(HOST, "[data-testid=print]").await;
    assert_eq!(run(&browser, "return window.__printed;").await, 1);
    let shown = r#"const root = document.querySelector('mingjing-lookup').shadowRoot;
        const visible = css => { const e = root.querySelector(css); return !!e && e.getClientRects().length > 0; };
        return { checklist: visible('[data-testid=checklist]'), limits: visible('[data-testid=limits]'),
                 where: visible('#mj-s-where'), steps: visible('#mj-s-steps'), print: visible('[data-testid=print]'),
                 back: visible('.mj-back') };"#;
    assert_eq!(
        run(&browser, shown).await,
        json!({ "checklist": true, "limits": true, "where": true, "steps": true, "print": true, "back": true })
    );
    browser.emulate_media("print").await;
    assert_eq!(
        run(&browser, shown).await,
        json!({ "checklist": true, "limits": true, "where": true, "steps": false, "print": false, "back": false })
    );
    let items = run(&browser, "return document.querySelector('mingjing-lookup').shadowRoot.querySelectorAll('[data-testid=checklist] li').length;").await;
    assert_eq!(items, 5, "every material of the item is on the checklist");
    browser.emulate_media("").await;

    // Back to the search: the query and its results are still there.
    browser.click_in(HOST, ".mj-back").await;
    let query = browser
        .wait_until(
            "the search box",
            "document.querySelector('mingjing-lookup').shadowRoot.querySelector('#mj-q')?.value",
        )
        .await;
    assert_eq!(query, "qysl");
    assert_eq!(run(&browser, "return location.hash;").await, "");

    // A paid item shows its fee table with the legal basis.
    let input = browser.in_widget(HOST, "#mj-q").await;
    input.clear().await.unwrap();
    input.send_keys("身份证").await.unwrap();
    browser
        .wait_until(
            "the ID-card results",
            "document.querySelector('mingjing-lookup').shadowRoot.querySelector('.mj-result-name')?.textContent.includes('身份证')",
        )
        .await;
    browser.click_in(HOST, ".mj-result-link").await;
    let fees = text(&browser, "[data-testid=fees]").await;
    // The shorter name ranks first: 临时居民身份证申领, CNY 10.
    assert!(
        fees.starts_with("临时居民身份证工本费收费标准10.00 元") && fees.contains("发改价格〔2003〕2322号"),
        "{fees}"
    );

    // A deep link opens the item directly, in a fresh page.
    browser.client.goto(&format!("{}/#mj-item={QYSL}", host.origin)).await.unwrap();
    assert_eq!(text(&browser, "#mj-item-name").await, "企业设立登记");

    // The Art. 36 list, reached from the search page, links back to the items.
    browser.client.goto(&format!("{}/#mj-list=certificates", host.origin)).await.unwrap();
    let list = text(&browser, ".mj-register").await;
    assert!(list.contains("健康体检证明") && list.contains("依法核准的特种设备检验机构"), "{list}");
    let violations = browser.axe_violations(&axe, "certificates list").await;
    assert!(violations.is_empty(), "{violations:#?}");
    browser.close().await;
}
