//! One service item: due dates if applied for today on the official calendar, how long it
//! really takes from registered transactions, and its change history.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{SERVICE as QYSL, review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn import_demo(app: &TestApp) {
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    catalog_admin::run(&app.storage, CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false })
        .await
        .unwrap();
}

async fn register(app: &TestApp, no: &str, accepted: &str, completed: &str, overdue_reason: Option<&str>) {
    let mut body = transaction(no).between(accepted, completed).promised_working_days(1);
    if let Some(r) = overdue_reason {
        body = body.overdue_reason(r);
    }
    assert!(app.register_transaction(&body).await.status().is_success());
}

async fn due_dates_follow_the_official_calendar(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_demo(&app).await;
    // Applied on Friday 2024-02-09: 春节 off until 02-17, Sunday 02-18 is a make-up workday.
    let d: Value = app.get(&format!("/api/v1/services/{QYSL}?today=2024-02-09")).await.json().await.unwrap();
    assert_eq!(d["item"]["name"], "企业设立登记");
    assert_eq!(d["applied_on"], "2024-02-09");
    assert_eq!(d["source"]["demo"], true, "demo data says so wherever it is shown");
    assert!(d["source"]["publisher"].as_str().unwrap().contains("演示"));
    assert_eq!(d["promised_due"], json!({ "date": "2024-02-18", "certainty": "certain" }));
    assert_eq!(d["legal_due"], json!({ "date": "2024-02-20", "certainty": "certain" }));
    assert_eq!(d["compression_percent"], 66);
    assert_eq!(d["calendar_known_until"], "2026-12-31");
    // Past the published calendar the date is an estimate.
    let d: Value = app.get(&format!("/api/v1/services/{QYSL}?today=2026-12-30")).await.json().await.unwrap();
    assert_eq!(d["promised_due"], json!({ "date": "2026-12-31", "certainty": "certain" }));
    assert_eq!(d["legal_due"], json!({ "date": "2027-01-04", "certainty": "estimate" }));
    let resp = app.get(&format!("/api/v1/services/{QYSL}?today=2026-02-30")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "invalid_date", Some("today")).await;
    assert_error(app.get("/api/v1/services/NOPE").await, StatusCode::NOT_FOUND, "not_found", Some("code")).await;
}

async fn real_durations_are_published_only_with_enough_cases(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_demo(&app).await;
    let cases = [
        ("A1", "2026-11-02T09:00:00+08:00", "2026-11-02T16:00:00+08:00", None), // 0 working days
        ("A2", "2026-11-02T09:00:00+08:00", "2026-11-03T10:00:00+08:00", None), // 1
        ("A3", "2026-11-05T09:00:00+08:00", "2026-11-06T10:00:00+08:00", None), // 1
        ("A4", "2026-11-06T09:00:00+08:00", "2026-11-10T10:00:00+08:00", Some("申请材料需补正")), // 2 (weekend)
    ];
    for (no, a, c, r) in cases {
        register(&app, no, a, c, r).await;
    }
    let d: Value = app.get(&format!("/api/v1/services/{QYSL}")).await.json().await.unwrap();
    assert_eq!(d["actual"]["completed"], 4);
    assert!(d["actual"]["median_working_days"].is_null(), "four cases are too few: {d}");
    assert!(d["actual"]["on_time_rate"].is_null());
    register(&app, "A5", "2026-11-09T09:00:00+08:00", "2026-11-12T10:00:00+08:00", Some("系统故障")).await; // 3
    let d: Value = app.get(&format!("/api/v1/services/{QYSL}")).await.json().await.unwrap();
    assert_eq!(d["actual"]["completed"], 5);
    // Working days 0, 1, 1, 2, 3: the median is 1; within the promised 1 day: 3 of 5.
    assert_eq!(d["actual"]["median_working_days"], 1);
    assert_eq!(d["actual"]["on_time_rate"], 0.6);
    assert_eq!(d["actual"]["overdue_reasons"], json!(["系统故障", "申请材料需补正"]));
}

async fn search_finds_items_by_chinese_pinyin_initials_and_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let empty: Value = app.get("/api/v1/services?q=qysl").await.json().await.unwrap();
    assert_eq!(empty["total"], 0, "nothing imported yet");
    import_demo(&app).await;
    for q in ["qysl", "qiyesheli", "%E4%BC%81%E4%B8%9A%E8%AE%BE%E7%AB%8B", "QYSL", QYSL] {
        let page: Value = app.get(&format!("/api/v1/services?q={q}")).await.json().await.unwrap();
        assert_eq!(page["items"][0]["name"], "企业设立登记", "q={q}: {page}");
        assert_eq!(page["items"][0]["code"], QYSL);
    }
    let all: Value = app.get("/api/v1/services?per_page=50").await.json().await.unwrap();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 45);
    assert_eq!(all["items"].as_array().unwrap().len(), 50);
    let page2: Value = app.get("/api/v1/services?per_page=50&page=2").await.json().await.unwrap();
    assert_eq!(page2["items"].as_array().unwrap().len() as u64, total - 50);
    let xk: Value = app.get("/api/v1/services?type=XK&per_page=50").await.json().await.unwrap();
    assert!(xk["items"].as_array().unwrap().iter().all(|i| i["item_type"] == "XK"));
    let depts: Vec<(String, String)> = app.get("/api/v1/departments").await.json().await.unwrap();
    assert!(depts.len() >= 6);
    let (name, credit) = &depts[0];
    let by_name: Value = app.get(&format!("/api/v1/services?per_page=50&dept={name}")).await.json().await.unwrap();
    let by_code: Value = app.get(&format!("/api/v1/services?per_page=50&dept={credit}")).await.json().await.unwrap();
    assert_eq!(by_name["total"], by_code["total"]);
    assert!(by_name["items"].as_array().unwrap().iter().all(|i| i["department"] == name.as_str()));
    assert_error(
        app.get("/api/v1/services?per_page=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "out_of_range",
        Some("per_page"),
    )
    .await;
    assert_error(
        app.get("/api/v1/services?page=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "out_of_range",
        Some("page"),
    )
    .await;
}

async fn statistics_can_be_scoped_to_a_department(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_demo(&app).await;
    let qysl: Value = app.get(&format!("/api/v1/services/{QYSL}")).await.json().await.unwrap();
    let dept = qysl["item"]["department"]["name"].as_str().unwrap().to_owned();
    let credit = qysl["item"]["department"]["credit_code"].as_str().unwrap().to_owned();
    let all: Value = app.get("/api/v1/services?per_page=50").await.json().await.unwrap();
    let elsewhere = all["items"].as_array().unwrap().iter().find(|i| i["department"] != dept.as_str()).unwrap();
    let other_code = elsewhere["code"].as_str().unwrap().to_owned();
    for (i, (service, rating)) in [(QYSL, 5), (QYSL, 4), (other_code.as_str(), 1)].into_iter().enumerate() {
        let body = review(service, rating, &format!("dept-stats-key-00{i}")).comment("一般");
        assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
    }
    let site_wide: Value = app.get(&format!("/api/v1/stats?site={TEST_SITE}")).await.json().await.unwrap();
    assert_eq!(site_wide["all"]["count"], 3);
    for wanted in [dept.clone(), credit] {
        let scoped: Value =
            app.get(&format!("/api/v1/stats?site={TEST_SITE}&dept={wanted}")).await.json().await.unwrap();
        assert_eq!(scoped["department"], dept.as_str());
        assert_eq!(scoped["all"]["count"], 2, "{scoped}");
        assert_eq!(scoped["follow_up"]["poor"], 0);
        assert_eq!(scoped["all"]["satisfaction_rate"], 1.0);
    }
    let resp = app.get(&format!("/api/v1/stats?site={TEST_SITE}&dept=no-such-department")).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_department", Some("dept")).await;
}

async fn intermediary_services_and_certificates_are_listed_with_the_items_that_require_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let empty: Value = app.get("/api/v1/certificates").await.json().await.unwrap();
    let page: Value = app.get("/api/v1/services?q=qysl").await.json().await.unwrap();
    assert_eq!((page["total"].clone(), page["source"].clone()), (json!(0), Value::Null));
    assert_eq!(empty, json!([]), "an empty catalogue lists nothing");
    import_demo(&app).await;
    let page: Value = app.get("/api/v1/services?q=qysl").await.json().await.unwrap();
    assert_eq!(page["source"]["demo"], true);
    let services: Value = app.get("/api/v1/intermediary-services").await.json().await.unwrap();
    let services = services.as_array().unwrap();
    assert_eq!(services.len(), 6);
    let survey = services.iter().find(|s| s["name"] == "地质灾害危险性评估").unwrap();
    assert_eq!(survey["time_limit"], json!({ "amount": 20, "unit": "working_days" }));
    assert_eq!(survey["fee"], "市场调节价，由委托双方协商确定");
    assert_eq!(survey["required_by"].as_array().unwrap().len(), 1);
    let certificates: Value = app.get("/api/v1/certificates").await.json().await.unwrap();
    let health = certificates.as_array().unwrap().iter().find(|c| c["name"] == "健康体检证明").unwrap();
    let required_by = health["required_by"].as_array().unwrap();
    assert_eq!(required_by.len(), 2, "two items ask for a health certificate: {required_by:?}");
    for item in required_by {
        let code = item["code"].as_str().unwrap();
        let detail: Value = app.get(&format!("/api/v1/services/{code}")).await.json().await.unwrap();
        assert_eq!(detail["item"]["name"], item["name"]);
        let names: Vec<&Value> =
            detail["item"]["certificates_required"].as_array().unwrap().iter().map(|c| &c["name"]).collect();
        assert!(names.contains(&&json!("健康体检证明")));
    }
}

both_backends!(
    intermediary_services_and_certificates_are_listed_with_the_items_that_require_them,
    statistics_can_be_scoped_to_a_department,
    search_finds_items_by_chinese_pinyin_initials_and_code,
    due_dates_follow_the_official_calendar,
    real_durations_are_published_only_with_enough_cases
);
