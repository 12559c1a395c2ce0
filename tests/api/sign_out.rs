//! Signing out ends a staff or supervisor session on the server: the token stops working at
//! once, other sessions of the same person do not, and signing out twice is not an error.

use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE, assert_error};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

async fn get_with(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap()
}

async fn sign_out(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = app.client.delete(app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

/// Signs `token` out at `session` and checks it against `probe` before and after, with a
/// second session (`other`) of the same person that must keep working.
async fn check_sign_out(app: &TestApp, session: &str, probe: &str, token: &str, other: &str) {
    assert_eq!(get_with(app, probe, token).await.status(), StatusCode::OK);
    let resp = sign_out(app, session, Some(token)).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(resp.bytes().await.unwrap().is_empty());
    assert_error(get_with(app, probe, token).await, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
    assert_eq!(get_with(app, probe, other).await.status(), StatusCode::OK, "another session ended too");
    // Again, or with a token that never was: the outcome is the same, so the answer is too.
    assert_eq!(sign_out(app, session, Some(token)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(sign_out(app, session, Some("no-such-token")).await.status(), StatusCode::NO_CONTENT);
    assert_error(sign_out(app, session, None).await, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
}

async fn a_signed_out_staff_token_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let other = app.staff_session(TEST_SITE, &code).await;
    check_sign_out(&app, "/api/v1/staff/session", "/api/v1/desk/reviews", &token, &other).await;
}

async fn a_signed_out_supervisor_token_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let token = app.supervisor_session(TEST_SITE, &code).await;
    let other = app.supervisor_session(TEST_SITE, &code).await;
    check_sign_out(&app, "/api/v1/supervisor/session", "/api/v1/supervisor/dashboard", &token, &other).await;
}

async fn each_sign_out_ends_only_its_own_role(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let (_, supervisor_code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    let staff = app.staff_session(TEST_SITE, &staff_code).await;
    let supervisor = app.supervisor_session(TEST_SITE, &supervisor_code).await;
    assert_eq!(sign_out(&app, "/api/v1/supervisor/session", Some(&staff)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(sign_out(&app, "/api/v1/staff/session", Some(&supervisor)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(get_with(&app, "/api/v1/desk/reviews", &staff).await.status(), StatusCode::OK);
    assert_eq!(get_with(&app, "/api/v1/supervisor/dashboard", &supervisor).await.status(), StatusCode::OK);
}

async fn both_sign_outs_are_documented(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for path in ["/api/v1/staff/session", "/api/v1/supervisor/session"] {
        let item = &doc["paths"][path];
        assert!(item["post"].is_object(), "sign-in at {path} is gone from the document");
        assert!(item["delete"]["responses"]["204"].is_object(), "no documented 204 for DELETE {path}");
        assert!(item["delete"]["responses"]["401"].is_object(), "no documented 401 for DELETE {path}");
    }
}

async fn a_department_page_may_send_the_sign_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in ["/api/v1/staff/session", "/api/v1/supervisor/session"] {
        let preflight = app
            .client
            .request(reqwest::Method::OPTIONS, app.url(path))
            .header("origin", ALLOWED_ORIGIN)
            .header("access-control-request-method", "DELETE")
            .header("access-control-request-headers", "authorization")
            .send()
            .await
            .unwrap();
        assert!(preflight.status().is_success(), "{path}: {}", preflight.status());
        let allowed = preflight.headers().get("access-control-allow-methods").and_then(|v| v.to_str().ok());
        assert!(allowed.is_some_and(|m| m.contains("DELETE")), "{path}: {allowed:?}");
    }
}

both_backends!(
    a_department_page_may_send_the_sign_out,
    a_signed_out_staff_token_is_refused,
    a_signed_out_supervisor_token_is_refused,
    each_sign_out_ends_only_its_own_role,
    both_sign_outs_are_documented,
);
