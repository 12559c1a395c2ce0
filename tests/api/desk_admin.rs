//! What only administrators may do on the desk: replace the collector's one catalogue (an
//! instance-wide right, checked before the upload is read) and read a site's audit log.

use std::time::Duration;

use mingjing_tests::app::TEST_SITE;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends the head of a large catalogue upload and a few bytes of its body, then reads the
/// answer's status line without sending the rest.
async fn status_of_unfinished_upload(app: &TestApp, token: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/v1/desk/catalog HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{{\"format\":"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 512];
    // Generous: the collector answers at once, and would otherwise wait 15 s for the body.
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer)).await;
    let n = read.expect("an answer before the body was sent").unwrap();
    String::from_utf8_lossy(&answer[..n]).lines().next().unwrap_or_default().to_owned()
}

async fn an_upload_is_refused_before_its_body_is_read(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, code) = app.add_staff(TEST_SITE, "张三").await;
    let plain = app.staff_session(TEST_SITE, &code).await;
    assert_eq!(status_of_unfinished_upload(&app, &plain).await, "HTTP/1.1 403 Forbidden");
    assert_eq!(status_of_unfinished_upload(&app, "not-a-session").await, "HTTP/1.1 401 Unauthorized");
}

async fn the_catalogue_right_is_instance_wide(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register_site("other-site", &["https://other.example"]).await;
    let (id, code) = app.add_staff("other-site", "王五").await;
    app.storage.set_staff_catalog_admin(id, true).await.unwrap();
    let token = app.staff_session("other-site", &code).await;
    let demo = std::fs::read_to_string(mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json"));
    let resp = app
        .client
        .post(app.url("/api/v1/desk/catalog"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(demo.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "a catalogue administrator of any site replaces the one catalogue");
    let page: Value = app.get("/api/v1/services?q=qysl").await.json().await.unwrap();
    assert_eq!(page["items"][0]["name"], "企业设立登记", "which every site now reads");
}

async fn a_site_administrator_reads_the_sites_audit_log(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin_id, admin_code) = app.add_staff(TEST_SITE, "李四").await;
    app.storage.set_staff_site_admin(admin_id, true).await.unwrap();
    let (plain_id, plain_code) = app.add_staff(TEST_SITE, "张三").await;
    app.register_site("other-site", &["https://other.example"]).await;
    let (_, other_code) = app.add_staff("other-site", "王五").await;
    let plain = app.staff_session(TEST_SITE, &plain_code).await;
    app.staff_session("other-site", &other_code).await;
    let admin = app.staff_session(TEST_SITE, &admin_code).await;

    let resp = app.client.get(app.url("/api/v1/desk/audit")).bearer_auth(&plain).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let me = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/desk/me"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        me(plain.clone()).await,
        serde_json::json!({ "name": "张三", "site_admin": false, "catalog_admin": false, "approver": false })
    );
    assert_eq!(me(admin.clone()).await["site_admin"], true);
    let page: Vec<Value> = app
        .client
        .get(app.url("/api/v1/desk/audit?limit=1"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0]["actor"], format!("staff:{admin_id}"), "newest first");
    let before = page[0]["id"].as_i64().unwrap();
    let rest: Vec<Value> = app
        .client
        .get(app.url(&format!("/api/v1/desk/audit?before={before}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actors: Vec<&str> = rest.iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert_eq!(actors, [format!("staff:{plain_id}")], "only this site's entries");
    assert_eq!(rest[0]["action"], "sign_in");
}

both_backends!(
    an_upload_is_refused_before_its_body_is_read,
    the_catalogue_right_is_instance_wide,
    a_site_administrator_reads_the_sites_audit_log,
);
