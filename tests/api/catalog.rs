//! Importing the service catalogue: all or nothing, every bad record named, versions and the
//! history of fee and time-limit changes.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::catalog::CatalogFile;
use mingjing_tests::{Backend, TestApp, both_backends};
use serde_json::Value;

fn demo_text() -> String {
    std::fs::read_to_string(mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json")).unwrap()
}

async fn import_file(app: &TestApp, text: &str) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::write(&path, text).unwrap();
    catalog_admin::run(
        &app.storage,
        CatalogCommand::Import { file: path, if_empty: false, publisher: None, demo: false },
    )
    .await
}

async fn the_demo_catalogue_imports_as_one_version(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_file(&app, &demo_text()).await.unwrap();
    assert_eq!(app.storage.catalog_version().await.unwrap(), 1);
    let items = app.storage.catalog_items().await.unwrap();
    assert_eq!(items.len(), CatalogFile::parse_json(&demo_text()).unwrap().items().len());
    assert!(items.iter().any(|i| i.name().as_str() == "企业设立登记"));
}

async fn a_broken_file_changes_nothing_and_names_every_bad_record(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_file(&app, &demo_text()).await.unwrap();
    let mut broken: Value = serde_json::from_str(&demo_text()).unwrap();
    broken["items"][3]["legal_limit"]["amount"] = Value::from(0);
    broken["items"][7]["department"]["credit_code"] = Value::from("not-a-credit-code");
    broken["items"][9]["name"] = Value::from("");
    let errors = CatalogFile::parse_json(&broken.to_string()).unwrap_err();
    let indexes: Vec<Option<u32>> = errors.errors().iter().map(|e| e.index).collect();
    assert_eq!(indexes, vec![Some(3), Some(7), Some(9)], "{:?}", errors.errors());
    assert!(import_file(&app, &broken.to_string()).await.is_err());
    assert_eq!(app.storage.catalog_version().await.unwrap(), 1, "no new version");
    let unchanged = CatalogFile::parse_json(&demo_text()).unwrap().items().len();
    assert_eq!(app.storage.catalog_items().await.unwrap().len(), unchanged, "the catalogue is unchanged");
}

async fn a_changed_fee_is_recorded_with_its_effective_date(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    import_file(&app, &demo_text()).await.unwrap();
    let mut next: Value = serde_json::from_str(&demo_text()).unwrap();
    let items = next["items"].as_array_mut().unwrap();
    let paid = items
        .iter_mut()
        .find(|i| i["fees"].as_array().is_some_and(|f| f.iter().any(|f| f.get("amount_fen").is_some())))
        .unwrap();
    let code = paid["implementation_code"].as_str().unwrap().to_owned();
    let fee = paid["fees"].as_array_mut().unwrap().iter_mut().find(|f| f.get("amount_fen").is_some()).unwrap();
    let old = fee["amount_fen"].as_i64().unwrap();
    fee["amount_fen"] = Value::from(old + 1000);
    paid["effective_from"] = Value::from("2027-01-01");
    import_file(&app, &next.to_string()).await.unwrap();
    assert_eq!(app.storage.catalog_version().await.unwrap(), 2);
    let changes = app.storage.catalog_changes(&code).await.unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].field, "fees");
    assert_eq!(changes[0].effective_from, "2027-01-01");
    assert!(
        changes[0].old_value.contains(&old.to_string()) && changes[0].new_value.contains(&(old + 1000).to_string())
    );
}

/// The desk API: a catalogue administrator uploads JSON or CSV; anyone else is refused, and a
/// refused upload names every bad row and changes nothing.
async fn a_catalogue_administrator_imports_json_and_csv_through_the_desk(backend: Backend) {
    use mingjing_tests::app::TEST_SITE;
    let app = TestApp::spawn(backend).await;
    let url = app.url("/api/v1/desk/catalog");
    let (_, plain_code) = app.add_staff(TEST_SITE, "张三").await;
    let plain = app.staff_session(TEST_SITE, &plain_code).await;
    let (admin_id, admin_code) = app.add_staff(TEST_SITE, "李四").await;
    app.storage.set_staff_catalog_admin(admin_id, true).await.unwrap();
    let admin = app.staff_session(TEST_SITE, &admin_code).await;
    let post = |token: Option<&str>, content_type: &str, body: String, query: &str| {
        let mut request = app.client.post(format!("{url}{query}")).header("content-type", content_type).body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    // The demo catalogue (about 190 KB) is bigger than any other body may be.
    let resp = post(None, "application/json", demo_text(), "").await.unwrap();
    assert_eq!(resp.status(), 401);
    let resp = post(Some(&plain), "application/json", demo_text(), "").await.unwrap();
    assert_eq!(resp.status(), 403);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");
    let resp = post(Some(&admin), "application/json", demo_text(), "").await.unwrap();
    assert_eq!(resp.status(), 200);
    let report: Value = resp.json().await.unwrap();
    assert_eq!((report["version"].as_i64(), report["items"].as_i64()), (Some(1), Some(62)));

    // The same catalogue as CSV, with one fee raised and two rows broken.
    let items: Vec<Value> =
        app.storage.catalog_items().await.unwrap().iter().map(|i| serde_json::to_value(i).unwrap()).collect();
    let csv = mingjing_collector::catalog::csv::write_csv(&items).unwrap();
    let resp = post(Some(&admin), "text/plain", csv.clone(), "?publisher=某局").await.unwrap();
    assert_eq!(resp.status(), 415);
    let resp = post(Some(&admin), "text/csv", csv.clone(), "").await.unwrap();
    assert_eq!(resp.status(), 422);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["field"], "publisher");
    let broken = csv.replacen("working_days", "fortnights", 1);
    let resp = post(Some(&admin), "text/csv", broken, "?publisher=某局").await.unwrap();
    assert_eq!(resp.status(), 422);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "catalog_rejected");
    let problems = body["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0]["line"].as_u64().unwrap() >= 2);
    assert!(problems[0]["field"].as_str().unwrap().ends_with(".unit"), "{problems:?}");
    assert_eq!(app.storage.catalog_version().await.unwrap(), 1, "a refused upload changes nothing");

    let raised = csv.replacen("10.00 |", "12.00 |", 1);
    assert_ne!(raised, csv, "the demo has a CNY 10 fee");
    let resp = post(Some(&admin), "text/csv; charset=utf-8", raised, "?publisher=某局&demo=true").await.unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    assert_eq!(app.storage.catalog_version().await.unwrap(), 2);
    let page: Value = app.get("/api/v1/services?q=qysl").await.json().await.unwrap();
    assert_eq!(page["items"][0]["name"], "企业设立登记");
    assert_eq!(page["source"]["publisher"], "某局");
    let detail: Value = app.get("/api/v1/services/11530100MJ000100333003030002000").await.json().await.unwrap();
    assert_eq!(detail["changes"][0]["field"], "fees", "the raised fee is in the item's public history");
    assert_eq!(detail["changes"][0]["to"][0]["amount_fen"], 1200);
}

both_backends!(
    a_catalogue_administrator_imports_json_and_csv_through_the_desk,
    the_demo_catalogue_imports_as_one_version,
    a_broken_file_changes_nothing_and_names_every_bad_record,
    a_changed_fee_is_recorded_with_its_effective_date,
);
