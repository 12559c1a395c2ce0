//! Sessions end on the server: after idle time, when the person is revoked (checked on
//! every request), when a code is reissued. Site secrets rotate with a grace period for
//! tokens already sent, origins can be removed, and token keys are sealed at rest.

use mingjing_collector::china_time::now_millis;
use mingjing_collector::cli::site::{self as site_admin, SiteCommand};
use mingjing_collector::cli::staff::{self as staff_admin, StaffCommand};
use mingjing_collector::cli::supervisor::{self as supervisor_admin, SupervisorCommand};
use mingjing_collector::crypto::secret;
use mingjing_collector::storage::{NewSite, Role, SessionRecord, Storage};
use mingjing_domain::site::SiteId;
use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::builders::{SERVICE, review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn desk(app: &TestApp, token: &str) -> StatusCode {
    app.client.get(app.url("/api/v1/desk/reviews")).bearer_auth(token).send().await.unwrap().status()
}

async fn scalar(storage: &Storage, sql: &str) -> String {
    let query = sqlx::AssertSqlSafe(sql.to_owned());
    match storage {
        Storage::Sqlite(pool) => sqlx::query_scalar(query).fetch_one(pool).await,
        Storage::Postgres(pool) => sqlx::query_scalar(query).fetch_one(pool).await,
    }
    .unwrap()
}

async fn an_idle_session_ends(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    assert_eq!(desk(&app, &token).await, StatusCode::OK);
    // Thirty-one minutes without a request, as the database would hold it.
    let idle_since = now_millis() - 31 * 60_000;
    app.execute_sql(&format!("UPDATE sessions SET last_seen_at = {idle_since}")).await;
    assert_eq!(desk(&app, &token).await, StatusCode::UNAUTHORIZED);
}

async fn revocation_is_checked_on_every_request(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (id, code) = app.add_staff(TEST_SITE, "李四").await;
    app.staff_session(TEST_SITE, &code).await;
    app.storage.set_staff_active(id, false).await.unwrap();
    // A sign-in that was in flight during the revoke writes its session afterwards.
    let (token, hash) = mingjing_collector::http::session::new_token();
    let late = SessionRecord {
        role: Role::Staff,
        principal_id: id,
        site_id: SiteId::parse(TEST_SITE).unwrap(),
        expires_at: now_millis() + 3_600_000,
    };
    app.storage.insert_session(&hash, &late).await.unwrap();
    assert_eq!(desk(&app, &token).await, StatusCode::UNAUTHORIZED, "the revoked person's session does not work");
}

async fn reissued_codes_end_the_old_code_and_its_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (id, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    staff_admin::run(&app.storage, StaffCommand::Reissue { id }).await.unwrap();
    assert_eq!(desk(&app, &token).await, StatusCode::UNAUTHORIZED, "the old session");
    let old = app.client.post(app.url("/api/v1/staff/session")).json(&json!({ "site": TEST_SITE, "code": code }));
    assert_error(old.send().await.unwrap(), StatusCode::UNAUTHORIZED, "bad_code", None).await;

    let (supervisor, code) = app.add_supervisor(TEST_SITE, "赵监督", ("2020-01-01", "2099-12-31")).await;
    let token = app.supervisor_session(TEST_SITE, &code).await;
    supervisor_admin::run(&app.storage, SupervisorCommand::Reissue { id: supervisor }).await.unwrap();
    let resp = app.client.get(app.url("/api/v1/supervisor/observations")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let old = app.client.post(app.url("/api/v1/supervisor/session")).json(&json!({ "site": TEST_SITE, "code": code }));
    assert_error(old.send().await.unwrap(), StatusCode::UNAUTHORIZED, "bad_code", None).await;
}

async fn token_for(app: &TestApp, secret: &str, site: &str, no: &str) -> String {
    let resp = app.register_transaction_signed(&transaction(no).site(site), Some(secret)).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    resp.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned()
}

async fn review_with(app: &TestApp, site: &str, token: &str, key: &str) -> reqwest::Response {
    app.post_json("/api/v1/reviews", &review(SERVICE, 5, key).site(site).token(token)).await
}

async fn rotated_secrets_keep_old_tokens_for_the_grace_period_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let leaked = "leaked-site";
    let leaked_secret = app.register_site(leaked, &[ALLOWED_ORIGIN]).await;
    let sent_before = token_for(&app, &app.secret, TEST_SITE, "ROT-1").await;
    let leaked_before = token_for(&app, &leaked_secret, leaked, "ROT-2").await;

    let key = &app.database.contact_key;
    let new_secret = site_admin::rotate_secret(&app.storage, key, &SiteId::parse(TEST_SITE).unwrap(), 7).await.unwrap();
    site_admin::rotate_secret(&app.storage, key, &SiteId::parse(leaked).unwrap(), 0).await.unwrap();

    assert_error(app.register_transaction(&transaction("ROT-3")).await, StatusCode::UNAUTHORIZED, "unauthorized", None)
        .await;
    let sent_after = token_for(&app, &new_secret, TEST_SITE, "ROT-4").await;
    assert_eq!(review_with(&app, TEST_SITE, &sent_before, "rotated-before-001").await.status(), StatusCode::CREATED);
    assert_eq!(review_with(&app, TEST_SITE, &sent_after, "rotated-after-0001").await.status(), StatusCode::CREATED);
    // With no grace (a leaked secret), what it signed stops at once.
    let resp = review_with(&app, leaked, &leaked_before, "rotated-leaked-001").await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "invalid_token", Some("token")).await;
}

async fn a_removed_origin_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let command = SiteCommand::RemoveOrigin { id: TEST_SITE.into(), origin: ALLOWED_ORIGIN.into() };
    site_admin::run(&app.storage, &app.database.contact_key, command).await.unwrap();
    assert_error(
        app.post_json("/api/v1/reviews", &review(SERVICE, 5, "removed-origin-001")).await,
        StatusCode::FORBIDDEN,
        "origin_not_allowed",
        Some("origin"),
    )
    .await;
}

async fn token_keys_are_sealed_at_rest_and_old_plain_ones_sealed_at_start(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    let stored = scalar(&app.storage, "SELECT token_key FROM sites WHERE id = 'test-site'").await;
    assert!(stored.starts_with("sealed:"), "{stored}");
    assert!(!stored.contains(&secret::token_key(&app.secret)), "the key itself is not in the database");

    // A site stored by an older collector, with its key in plain text.
    let old_secret = secret::generate();
    let plain = secret::token_key(&old_secret);
    let site = NewSite {
        id: SiteId::parse("older-site").unwrap(),
        name: "旧站点".into(),
        origins: vec![ALLOWED_ORIGIN.into()],
        secret_hash: secret::hash(&old_secret),
        token_key: plain.clone(),
    };
    app.storage.insert_site(&site).await.unwrap();
    let token = token_for(&app, &old_secret, "older-site", "OLD-1").await;
    app.take_down().await;
    app.bring_back().await;
    let stored = scalar(&app.storage, "SELECT token_key FROM sites WHERE id = 'older-site'").await;
    assert!(stored.starts_with("sealed:") && !stored.contains(&plain), "sealed at start: {stored}");
    assert_eq!(review_with(&app, "older-site", &token, "older-site-token-1").await.status(), StatusCode::CREATED);
}

both_backends!(
    an_idle_session_ends,
    revocation_is_checked_on_every_request,
    reissued_codes_end_the_old_code_and_its_sessions,
    rotated_secrets_keep_old_tokens_for_the_grace_period_only,
    a_removed_origin_is_refused,
    token_keys_are_sealed_at_rest_and_old_plain_ones_sealed_at_start,
);
