//! Takes the screenshots in the webmaster guide: every widget, in Chinese and English, at
//! phone (375 px) and desktop (1280 px) width, in large mode and the other themes, against
//! a real collector with a little real data. `cargo xtask screenshots` runs it.

// A tool, not a library: a failure should stop it loudly.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use mingjing_tests::browser::Browser;
use mingjing_tests::{Backend, TestApp};
use serde_json::json;

const SERVICE: &str = "11530100MJ0001001W3001030001000";

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "www/docs/screenshots".into()));
    std::fs::create_dir_all(&out).unwrap();
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.register_site("demo", &[&app.base]).await;
    let (_, code) = app.add_staff("demo", "李四").await;
    let poor = seed(&app).await;
    let catalogue = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    let import = mingjing_collector::cli::catalog::CatalogCommand::Import {
        file: catalogue,
        if_empty: false,
        publisher: None,
        demo: false,
    };
    mingjing_collector::cli::catalog::run(&app.storage, import).await.unwrap();
    follow_up(&app, &code, &poor).await;

    let browser = Browser::launch(1280, 900).await;
    let shots: &[(&str, &str, u32, &str)] = &[
        ("review-zh-1280", "mingjing-review", 1280, ""),
        ("review-zh-375", "mingjing-review", 375, ""),
        ("review-en-1280", "mingjing-review", 1280, r#"lang="en""#),
        ("review-large-375", "mingjing-review", 375, r#"size="large""#),
        ("review-dark-1280", "mingjing-review", 1280, r#"theme="dark""#),
        ("review-high-contrast-375", "mingjing-review", 375, r#"theme="high-contrast""#),
        ("stats-zh-1280", "mingjing-stats", 1280, ""),
        ("lookup-search-zh-1280", "mingjing-lookup", 1280, ""),
        ("lookup-search-en-375", "mingjing-lookup", 375, r#"lang="en""#),
        (
            "lookup-detail-zh-1280",
            "mingjing-lookup",
            1280,
            r#"service="11530100MJ0001001W3001030001000" today="2026-11-30""#,
        ),
        (
            "lookup-detail-zh-375",
            "mingjing-lookup",
            375,
            r#"service="11530100MJ0001001W3001030001000" today="2026-11-30""#,
        ),
        (
            "lookup-detail-en-1280",
            "mingjing-lookup",
            1280,
            r#"lang="en" service="11530100MJ0001001W3001030001000" today="2026-11-30""#,
        ),
        (
            "lookup-fees-large-375",
            "mingjing-lookup",
            375,
            r#"size="large" service="11530100MJ000100463004030004000" today="2026-12-28""#,
        ),
        ("lookup-certificates-zh-1280", "mingjing-lookup", 1280, "#certificates"),
        ("stats-en-375", "mingjing-stats", 375, r#"lang="en""#),
    ];
    for (name, tag, width, attrs) in shots {
        show(&browser, &app, tag, attrs, *width).await;
        shoot(&browser, tag, &out, name).await;
    }

    // The review form's error and success states.
    for (lang, width) in [("zh-CN", 375), ("en", 1280)] {
        show(&browser, &app, "mingjing-review", &format!(r#"lang="{lang}""#), width).await;
        browser.click_in("mingjing-review", "label[for=mj-rating-1]").await;
        browser.click_in("mingjing-review", "button[type=submit]").await;
        browser.wait_until("the error", &Browser::shadow_text("mingjing-review", "#mj-reasons-error")).await;
        shoot(&browser, "mingjing-review", &out, &format!("review-error-{}-{width}", &lang[..2])).await;
        browser.click_in("mingjing-review", "label[for=mj-reason-long_wait]").await;
        browser.click_in("mingjing-review", "button[type=submit]").await;
        browser.wait_until("the receipt", &Browser::shadow_text("mingjing-review", "[data-testid=receipt]")).await;
        shoot(&browser, "mingjing-review", &out, &format!("review-receipt-{}-{width}", &lang[..2])).await;
    }

    // The desk: sign-in, the list, one review.
    for (lang, width) in [("zh-CN", 1280), ("en", 375)] {
        browser.client.execute("sessionStorage.clear();", vec![]).await.unwrap();
        show(&browser, &app, "mingjing-desk", &format!(r#"lang="{lang}""#), width).await;
        shoot(&browser, "mingjing-desk", &out, &format!("desk-sign-in-{}-{width}", &lang[..2])).await;
        browser
            .client
            .execute(
                &format!(
                    r##"const el = document.querySelector("mingjing-desk").shadowRoot.querySelector("#mj-code");
                       el.value = {code:?}; el.dispatchEvent(new Event("input", {{ bubbles: true }}));"##
                ),
                vec![],
            )
            .await
            .unwrap();
        browser.click_in("mingjing-desk", "form.mj-sign-in button[type=submit]").await;
        browser
            .wait_until("the list", r#"document.querySelector("mingjing-desk").shadowRoot.querySelector("tbody tr")"#)
            .await;
        shoot(&browser, "mingjing-desk", &out, &format!("desk-list-{}-{width}", &lang[..2])).await;
        browser.click_in("mingjing-desk", "tbody tr:first-child button").await;
        browser
            .wait_until(
                "the detail",
                r#"document.querySelector("mingjing-desk").shadowRoot.querySelector(".mj-step, .mj-alert")"#,
            )
            .await;
        shoot(&browser, "mingjing-desk", &out, &format!("desk-detail-{}-{width}", &lang[..2])).await;
    }

    supervision(&browser, &app, &out, &code).await;
    browser.close().await;
    println!("screenshots written to {}", out.display());
}

/// A dozen reviews, two of them poor, so the stats and the desk show data; returns the
/// first poor review's receipt.
async fn seed(app: &TestApp) -> String {
    let mut first_poor = String::new();
    for (i, rating) in [5, 5, 4, 5, 3, 4, 5, 2, 1, 4, 5, 3].into_iter().enumerate() {
        let mut body = json!({ "site": "demo", "service": SERVICE, "rating": rating, "idempotency_key": format!("screenshot-seed-{i:04}") });
        if rating <= 2 {
            body["reasons"] = json!(["long_wait", "multiple_trips"]);
            body["comment"] = json!("窗口排队时间太长，材料要求前后不一致。");
            body["contact"] = json!({ "name": "王小明", "phone": "13912345678", "consent": true });
        }
        let resp = app.post_raw("/api/v1/reviews", Some("application/json"), body.to_string().into_bytes(), None).await;
        let receipt: serde_json::Value = resp.json().await.unwrap();
        if rating <= 2 && first_poor.is_empty() {
            first_poor = receipt["receipt"].as_str().unwrap().to_owned();
        }
    }
    first_poor
}

/// Records the call-back and the verification, so the desk shows a history.
async fn follow_up(app: &TestApp, code: &str, receipt: &str) {
    let token = app.staff_session("demo", code).await;
    for step in [
        json!({ "kind": "call_back", "reached": true, "note": "已电话联系评价人，情况属实" }),
        json!({ "kind": "verify", "verification": "confirmed", "note": "周一上午窗口人手不足" }),
    ] {
        let resp = app
            .client
            .post(app.url(&format!("/api/v1/desk/reviews/{receipt}/steps")))
            .bearer_auth(&token)
            .json(&step)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
    }
}

/// The demo page with only this widget, at this width.
async fn show(browser: &Browser, app: &TestApp, tag: &str, attrs: &str, width: u32) {
    browser.client.set_window_size(width, 2400).await.unwrap();
    let (attrs, hash) = match attrs.strip_prefix('#') {
        Some(list) => ("", format!("#mj-list={list}")),
        None => (attrs, String::new()),
    };
    browser.client.goto(&app.url(&format!("/{hash}"))).await.unwrap();
    let extra = if tag == "mingjing-review" { format!(r#" service="{SERVICE}""#) } else { String::new() };
    browser
        .client
        .execute(
            &format!(r#"document.querySelector("main").innerHTML = '<{tag} site="demo"{extra} {attrs}></{tag}>';"#),
            vec![],
        )
        .await
        .unwrap();
    browser.wait_until("the widget", &Browser::shadow_text(tag, ".mj-title")).await;
    browser
        .wait_until(
            "its styles",
            &format!(r#"getComputedStyle(document.querySelector("{tag}").shadowRoot.querySelector(".mj-card")).borderTopStyle === "solid""#),
        )
        .await;
    if tag == "mingjing-lookup" {
        browser
            .wait_until(
                "the lookup's content",
                r#"document.querySelector("mingjing-lookup").shadowRoot.querySelector("[data-testid=result-count], #mj-item-name, .mj-register")"#,
            )
            .await;
    }
    if tag == "mingjing-stats" {
        browser.wait_until("the figures", &Browser::shadow_text(tag, "[data-testid=satisfaction]")).await;
    }
}

async fn shoot(browser: &Browser, tag: &str, out: &std::path::Path, name: &str) {
    let element = browser.client.find(fantoccini::Locator::Css(tag)).await.unwrap();
    let png = element.screenshot().await.unwrap();
    std::fs::write(out.join(format!("{name}.png")), png).unwrap();
    println!("  {name}.png");
}

/// The supervisor panel (sign-in, home, form, timeline, report), an observation on the desk,
/// with one observation followed to rectification and one just submitted.
async fn supervision(browser: &Browser, app: &TestApp, out: &std::path::Path, staff_code: &str) {
    let (_, code) = app.add_supervisor("demo", "王建国", ("2025-01-01", "2027-12-31")).await;
    let token = app.supervisor_session("demo", &code).await;
    let staff = app.staff_session("demo", staff_code).await;
    let today = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date();
    let mut first = 0;
    for (i, (place, text)) in [
        (
            "市政务服务中心一楼 A 区 12 号窗口",
            "模拟办理企业开办时，窗口要求提供清单外的无犯罪记录证明，称“不交不予受理”。",
        ),
        ("呈贡区不动产登记中心", "暗访发现取号机故障，现场无人引导，老年群众排队超过一小时。"),
    ]
    .into_iter()
    .enumerate()
    {
        let photo = app
            .client
            .post(app.url("/api/v1/supervisor/photos"))
            .bearer_auth(&token)
            .header("content-type", "image/jpeg")
            .body(mingjing_tests::photos::jpeg_with_gps())
            .send()
            .await
            .unwrap();
        let photo: serde_json::Value = photo.json().await.unwrap();
        let body = json!({
            "department": if i == 0 { "昆明市市场监督管理局" } else { "昆明市自然资源和规划局" },
            "place": place, "observed_at": format!("{}T10:30", mingjing_domain::iso_date::format(today)),
            "method": if i == 0 { "mystery_shopping" } else { "covert" }, "chapter": "government",
            "article": if i == 0 { 36 } else { 29 }, "description": text, "photos": [photo["id"]],
            "idempotency_key": format!("screenshot-observation-{i:04}"),
        });
        let resp = app
            .client
            .post(app.url("/api/v1/supervisor/observations"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let view: serde_json::Value = resp.json().await.unwrap();
        if i == 0 {
            first = view["summary"]["id"].as_i64().unwrap();
        }
    }
    for step in [
        json!({ "kind": "assign", "department": "昆明市市场监督管理局", "note": "请于 5 个工作日内核实并答复" }),
        json!({ "kind": "confirm", "note": "经调取窗口录像核实，情况属实" }),
        json!({ "kind": "plan", "note": "取消该证明要求，对窗口人员开展培训", "due": "2027-01-15" }),
        json!({ "kind": "rectified", "note": "已取消该证明要求，并在全市政务服务窗口通报" }),
    ] {
        let resp = app
            .client
            .post(app.url(&format!("/api/v1/desk/observations/{first}/steps")))
            .bearer_auth(&staff)
            .json(&step)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
    }
    let panel = "mingjing-supervisor";
    show(browser, app, panel, "", 1280).await;
    shoot(browser, panel, out, "supervisor-sign-in-zh-1280").await;
    browser
        .client
        .execute(&format!("sessionStorage.setItem('mingjing.supervisor.demo', {token:?});"), vec![])
        .await
        .unwrap();
    for (lang, width) in [("zh-CN", 1280), ("en", 375)] {
        show(browser, app, panel, &format!(r#"lang="{lang}""#), width).await;
        browser.wait_until("the dashboard", &Browser::shadow_text(panel, "[data-testid=observations]")).await;
        shoot(browser, panel, out, &format!("supervisor-home-{}-{width}", &lang[..2])).await;
    }
    show(browser, app, panel, "", 375).await;
    browser.wait_until("the dashboard", &Browser::shadow_text(panel, "[data-testid=observations]")).await;
    browser.click_in(panel, "[data-testid=new-observation]").await;
    browser.wait_until("the form", &Browser::shadow_text(panel, "#mj-sv-counter")).await;
    browser.click_in(panel, "form.mj-observation-form button[type=submit]").await;
    browser.wait_until("the errors", &Browser::shadow_text(panel, "[data-testid=form-errors]")).await;
    shoot(browser, panel, out, "supervisor-form-errors-zh-375").await;
    for (lang, width) in [("zh-CN", 1280), ("en", 375)] {
        show(browser, app, panel, &format!(r#"lang="{lang}""#), width).await;
        browser.wait_until("the dashboard", &Browser::shadow_text(panel, "[data-testid=observations]")).await;
        let open = if lang == "en" { format!("View {first}") } else { format!("查看 {first}") };
        browser.click_in(panel, &format!("button[aria-label='{open}']")).await;
        browser.wait_until("the timeline", &Browser::shadow_text(panel, "[data-testid=timeline]")).await;
        browser
            .wait_until("the photo", &format!("document.querySelector('{panel}').shadowRoot.querySelector('[data-testid=photo-strip] img')?.complete"))
            .await;
        shoot(browser, panel, out, &format!("supervisor-timeline-{}-{width}", &lang[..2])).await;
    }
    show(browser, app, panel, "", 1280).await;
    browser.wait_until("the dashboard", &Browser::shadow_text(panel, "[data-testid=observations]")).await;
    browser.click_in(panel, ".mj-actions .mj-secondary").await;
    browser.wait_until("the report", &Browser::shadow_text(panel, "[data-testid=report-summary]")).await;
    shoot(browser, panel, out, "supervisor-report-zh-1280").await;

    browser.client.execute(&format!("sessionStorage.setItem('mingjing.desk.demo', {staff:?});"), vec![]).await.unwrap();
    show(browser, app, "mingjing-desk", "", 1280).await;
    browser.wait_until("the tabs", &Browser::shadow_text("mingjing-desk", "[data-testid=tab-observations]")).await;
    browser.click_in("mingjing-desk", "[data-testid=tab-observations]").await;
    browser.wait_until("the list", &Browser::shadow_text("mingjing-desk", "[data-testid=desk-observations]")).await;
    shoot(browser, "mingjing-desk", out, "desk-observations-zh-1280").await;
    browser.click_in("mingjing-desk", &format!("button[aria-label='查看 {}']", first + 1)).await;
    browser.wait_until("the step form", &Browser::shadow_text("mingjing-desk", "[data-testid=observation-step]")).await;
    shoot(browser, "mingjing-desk", out, "desk-observation-zh-1280").await;
    show(browser, app, "mingjing-stats", "", 1280).await;
    browser
        .wait_until(
            "the supervision figures",
            &Browser::shadow_text("mingjing-stats", "[data-testid=supervision-figures]"),
        )
        .await;
    shoot(browser, "mingjing-stats", out, "stats-supervision-zh-1280").await;
}
