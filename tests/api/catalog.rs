//! Importing the service catalogue: all or nothing, every bad record named, versions and the
//! history of fee and time-limit changes.

use mingjing_collector::catalog_admin::{self, CatalogCommand};
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
    catalog_admin::run(&app.storage, CatalogCommand::Import { file: path, if_empty: false }).await
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

both_backends!(
    the_demo_catalogue_imports_as_one_version,
    a_broken_file_changes_nothing_and_names_every_bad_record,
    a_changed_fee_is_recorded_with_its_effective_date,
);
