//! The demo department site loads the bundle once and renders every widget.

use std::time::Duration;

use mingjing_tests::browser::{Browser, browser_skipped};
use mingjing_tests::{Backend, TestApp};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_page_loads_the_wasm_once_and_renders_every_widget() {
    if browser_skipped() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let browser = Browser::launch(1280, 900).await;
    browser.client.goto(&app.url("/")).await.unwrap();

    let titles = browser
        .wait_for(
            "every widget to render its title",
            r#"const tags = ["mingjing-lookup", "mingjing-review", "mingjing-stats", "mingjing-supervisor", "mingjing-desk"];
               const titles = tags.map(t => document.querySelector(t)?.shadowRoot?.querySelector(".mj-title")?.textContent);
               return titles.every(Boolean) ? titles : null;"#,
            Duration::from_secs(20),
        )
        .await;
    assert_eq!(
        titles,
        serde_json::json!(["办事指南与收费查询", "服务评价", "评价结果公开", "营商环境监督员", "部门处理台"])
    );

    let wasm_fetches = browser
        .client
        .execute(
            r#"return performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm")).map(e => e.name);"#,
            vec![],
        )
        .await
        .unwrap();
    let wasm_fetches = wasm_fetches.as_array().unwrap();
    assert_eq!(wasm_fetches.len(), 1, "wasm fetched {wasm_fetches:?}");
    assert!(
        wasm_fetches[0].as_str().unwrap().ends_with("/widgets/suite/mingjing_widgets_bg.wasm"),
        "the demo page shows every widget"
    );

    // The widget's styles come from the collector's stylesheet inside the shadow root.
    let styled: Value = browser
        .wait_for(
            "the widget stylesheet to apply",
            r#"const card = document.querySelector("mingjing-review").shadowRoot.querySelector(".mj-card");
               const style = getComputedStyle(card);
               return style.borderTopStyle === "solid" ? style.borderTopStyle : null;"#,
            Duration::from_secs(10),
        )
        .await;
    assert_eq!(styled, "solid");
    browser.close().await;
    app.stop().await;
}
