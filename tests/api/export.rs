//! Staff export every review as CSV or JSON Lines; personal data only when asked for with a
//! reason, and then it is audit-logged.

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{NAME, PHONE, review};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

async fn exports_leave_personal_data_out_unless_asked_with_a_reason(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (i, (rating, named)) in [(5, false), (1, true), (3, false)].into_iter().enumerate() {
        let mut body = review("S1", rating, &format!("export-key-00000{i}")).long_wait().comment("排队, \"很久\"");
        if named {
            body = body.named();
        }
        assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
    }
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let get = |query: &'static str| {
        app.client.get(app.url(&format!("/api/v1/desk/export?{query}"))).bearer_auth(&token).send()
    };

    let csv = get("format=csv").await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bytes = csv.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark, for spreadsheet programs");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("receipt,received_at,service,rating,channel,verified,system_default"), "{}", lines[0]);
    assert!(text.contains(r#""排队, ""很久""""#), "quoted per RFC 4180: {text}");
    assert!(!text.contains(PHONE) && !text.contains(NAME));

    let jsonl = get("format=jsonl").await.unwrap().text().await.unwrap();
    let rows: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["rating"], 1);
    assert_eq!(rows[1]["stage"], "new");
    assert!(rows[1].get("phone").is_none());

    assert_error(
        get("format=jsonl&personal=true").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "required",
        Some("reason"),
    )
    .await;
    assert_error(get("format=xml").await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "unknown_format", Some("format"))
        .await;
    let personal = get("format=jsonl&personal=true&reason=%E5%9B%9E%E8%AE%BF%E6%A0%B8%E5%AE%9E")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows: Vec<Value> = personal.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows[1]["phone"], PHONE);
    assert_eq!(rows[1]["name"], NAME);
    assert_eq!(rows[0]["phone"], "");
    let log = app.storage.audit_log(TEST_SITE).await.unwrap();
    let exports: Vec<_> = log.into_iter().filter(|(_, action, _)| action == "export_personal_data").collect();
    assert_eq!(exports, vec![("staff:1".to_owned(), "export_personal_data".to_owned(), "回访核实".to_owned())]);

    let anonymous = app.client.get(app.url("/api/v1/desk/export?format=csv")).send().await.unwrap();
    assert_error(anonymous, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
}

/// A comment and a call-back name are the citizen's own text: in the CSV a spreadsheet
/// must show them, never run them.
async fn csv_cells_that_a_spreadsheet_would_run_are_defused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let comment = r#"=HYPERLINK("http://evil.example","x")"#;
    let body = review("S1", 1, "formula-key-000001").long_wait().comment(comment).contact("=1+1");
    assert_eq!(app.post_json("/api/v1/reviews", &body).await.status(), StatusCode::CREATED);
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let url = app.url("/api/v1/desk/export?format=csv&personal=true&reason=%E5%9B%9E%E8%AE%BF%E6%A0%B8%E5%AE%9E");
    let resp = app.client.get(url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = resp.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |column: &str| {
        let at = headers.iter().position(|h| h == column).unwrap();
        rows[0][at].to_owned()
    };
    assert_eq!(cell("comment"), format!("'{comment}"), "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(cell("name"), "'=1+1");
    assert_eq!(cell("phone"), PHONE);
    for cell in rows.iter().flat_map(|r| r.iter()) {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} would run as a formula");
    }
    // JSON Lines is not read by spreadsheets: the text stays as the citizen wrote it.
    let url = app.url("/api/v1/desk/export?format=jsonl&personal=true&reason=%E5%9B%9E%E8%AE%BF%E6%A0%B8%E5%AE%9E");
    let jsonl = app.client.get(url).bearer_auth(&token).send().await.unwrap().text().await.unwrap();
    let row: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!((row["comment"].as_str(), row["name"].as_str()), (Some(comment), Some("=1+1")));
}

both_backends!(
    exports_leave_personal_data_out_unless_asked_with_a_reason,
    csv_cells_that_a_spreadsheet_would_run_are_defused,
);
