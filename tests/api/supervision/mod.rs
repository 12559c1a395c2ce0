//! Supervisors (Art. 67): sign-in, lockout, revoked and expired terms, isolation between
//! supervisors, every lifecycle step with the illegal ones refused, working-day due dates,
//! photos checked by content and stripped of GPS, and public figures without personal data.

use mingjing_collector::cli::catalog::{self as catalog_admin, CatalogCommand};
use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::site::SiteId;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{DEPARTMENT, observation, today_in_china as today};
use mingjing_tests::photos;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde::Serialize;
use serde_json::{Value, json};

mod photo_uploads;

const TERM: (&str, &str) = ("2024-01-01", "2099-12-31");

async fn with_catalogue(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let file = mingjing_tests::paths::workspace().join("crates/domain/data/demo-catalog.json");
    let import = CatalogCommand::Import { file, if_empty: false, publisher: None, demo: false };
    catalog_admin::run(&app.storage, import).await.unwrap();
    app
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.unwrap()
}

async fn post(app: &TestApp, path: &str, token: &str, body: &impl Serialize) -> reqwest::Response {
    send(app, reqwest::Method::POST, path, Some(token), Some(&serde_json::to_value(body).unwrap())).await
}

async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    send(app, reqwest::Method::GET, path, Some(token), None).await
}

async fn upload(app: &TestApp, token: &str, bytes: Vec<u8>, content_type: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/supervisor/photos"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn sign_in(app: &TestApp, code: &str) -> reqwest::Response {
    send(
        app,
        reqwest::Method::POST,
        "/api/v1/supervisor/session",
        None,
        Some(&json!({ "site": TEST_SITE, "code": code })),
    )
    .await
}

async fn sign_in_lockout_revocation_and_terms(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (id, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let token = app.supervisor_session(TEST_SITE, &code).await;
    assert_eq!(get(&app, "/api/v1/supervisor/dashboard", &token).await.status(), 200);
    for path in ["/api/v1/supervisor/dashboard", "/api/v1/supervisor/observations", "/api/v1/supervisor/report.csv"] {
        let resp = send(&app, reqwest::Method::GET, path, None, None).await;
        assert_error(resp, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
    }
    // A staff session is not a supervisor session.
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let staff = app.staff_session(TEST_SITE, &staff_code).await;
    assert_eq!(get(&app, "/api/v1/supervisor/dashboard", &staff).await.status(), 401);

    // Revoking stops the code and the open session at once.
    assert!(app.storage.set_supervisor_active(id, false).await.unwrap());
    assert_eq!(get(&app, "/api/v1/supervisor/dashboard", &token).await.status(), 401);
    assert_error(sign_in(&app, &code).await, StatusCode::UNAUTHORIZED, "bad_code", None).await;

    // A term that ended yesterday, and one that has not begun, do not sign in; renewing does.
    let yesterday = mingjing_domain::iso_date::format(today().previous_day().unwrap());
    let (expired, expired_code) = app.add_supervisor(TEST_SITE, "赵前任", ("2020-01-01", &yesterday)).await;
    assert_eq!(sign_in(&app, &expired_code).await.status(), 401);
    let (_, future_code) = app.add_supervisor(TEST_SITE, "钱候任", ("2099-01-01", "2099-12-31")).await;
    assert_eq!(sign_in(&app, &future_code).await.status(), 401);
    assert!(app.storage.set_supervisor_term_end(expired, "2099-12-31").await.unwrap());
    assert_eq!(sign_in(&app, &expired_code).await.status(), 201);

    // Five wrong codes lock the address out, even for the right code, with Retry-After.
    let (_, good) = app.add_supervisor(TEST_SITE, "孙监督", TERM).await;
    let wrong = format!("{}-AAAAAAAAAAAA", good.split('-').next().unwrap());
    for _ in 0..5 {
        assert_eq!(sign_in(&app, &wrong).await.status(), 401);
    }
    let locked = sign_in(&app, &good).await;
    assert!(locked.headers().contains_key("retry-after"));
    assert_error(locked, StatusCode::TOO_MANY_REQUESTS, "locked_out", None).await;
}

async fn a_supervisor_never_sees_another_supervisors_observations(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, a_code) = app.add_supervisor(TEST_SITE, "甲", TERM).await;
    let (_, b_code) = app.add_supervisor(TEST_SITE, "乙", TERM).await;
    let (a, b) = (app.supervisor_session(TEST_SITE, &a_code).await, app.supervisor_session(TEST_SITE, &b_code).await);
    let photo: Value = upload(&app, &a, photos::jpeg_with_gps(), "image/jpeg").await.json().await.unwrap();
    let body = observation("isolation-key-0001").set("photos", json!([photo["id"]]));
    let created = post(&app, "/api/v1/supervisor/observations", &a, &body).await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["summary"]["id"].as_i64().unwrap();

    let b_list: Value = get(&app, "/api/v1/supervisor/observations", &b).await.json().await.unwrap();
    assert_eq!(b_list, json!([]));
    let resp = get(&app, &format!("/api/v1/supervisor/observations/{id}"), &b).await;
    assert_error(resp, StatusCode::NOT_FOUND, "not_found", Some("id")).await;
    let resp =
        post(&app, &format!("/api/v1/supervisor/observations/{id}/follow-up"), &b, &json!({ "note": "不满意" })).await;
    assert_eq!(resp.status(), 404);
    let resp = get(&app, &format!("/api/v1/supervisor/photos/{}", photo["id"]), &b).await;
    assert_eq!(resp.status(), 404);
    // Nor can B attach A's photo: refused, and nothing of B's observation is stored.
    let stolen = observation("isolation-key-0002").set("photos", json!([photo["id"]]));
    let resp = post(&app, "/api/v1/supervisor/observations", &b, &stolen).await;
    assert_error(resp, StatusCode::CONFLICT, "photo_unavailable", None).await;
    let b_list: Value = get(&app, "/api/v1/supervisor/observations", &b).await.json().await.unwrap();
    assert_eq!(b_list, json!([]), "nothing half-stored");
    assert_eq!(get(&app, "/api/v1/supervisor/observations", &a).await.json::<Value>().await.unwrap()[0]["id"], id);
}

async fn every_step_of_the_lifecycle_and_no_other(backend: Backend) {
    let app = with_catalogue(backend).await;
    let site = SiteId::parse(TEST_SITE).unwrap();
    let settings = json!({ "supervision": { "answer_working_days": 5, "max_reopens": 1, "monthly_duty": 2 } });
    assert!(app.storage.set_site_config(&site, &settings).await.unwrap());
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let staff = app.staff_session(TEST_SITE, &staff_code).await;

    let created = post(&app, "/api/v1/supervisor/observations", &me, &observation("lifecycle-key-0001")).await;
    assert_eq!(created.status(), 201);
    let view: Value = created.json().await.unwrap();
    let id = view["summary"]["id"].as_i64().unwrap();
    assert_eq!(view["summary"]["stage"], "submitted");
    // The same key again: the same observation, not a second one.
    let again = post(&app, "/api/v1/supervisor/observations", &me, &observation("lifecycle-key-0001")).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap()["summary"]["id"], id);

    let steps = format!("/api/v1/desk/observations/{id}/steps");
    let step = |body: Value| {
        let (app, steps, staff) = (&app, steps.clone(), staff.clone());
        async move { post(app, &steps, &staff, &body).await }
    };
    let illegal = |resp: reqwest::Response| assert_error(resp, StatusCode::CONFLICT, "illegal_transition", None);
    illegal(step(json!({ "kind": "confirm", "note": "查实" })).await).await;
    illegal(step(json!({ "kind": "plan", "note": "整改", "due": "2099-01-01" })).await).await;
    illegal(step(json!({ "kind": "rectified", "note": "已整改" })).await).await;
    let resp =
        post(&app, &format!("/api/v1/supervisor/observations/{id}/follow-up"), &me, &json!({ "note": "催办" })).await;
    illegal(resp).await;
    let resp = step(json!({ "kind": "assign", "department": "不存在的局", "note": "交办" })).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown_department", Some("department")).await;
    let resp = step(json!({ "kind": "assign", "department": DEPARTMENT, "note": " " })).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "required", Some("note")).await;
    let resp = step(json!({ "kind": "close", "note": "x" })).await;
    assert_eq!(resp.status(), 400, "an unknown step is malformed");

    let assigned: Value = step(json!({ "kind": "assign", "department": DEPARTMENT, "note": "请于时限内核实" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(assigned["summary"]["stage"], "assigned");
    let due = WorkCalendar::china().add_working_days(today(), 5).date;
    assert_eq!(
        assigned["summary"]["due"],
        mingjing_domain::iso_date::format(due),
        "5 working days on the official calendar"
    );
    assert!(WorkCalendar::china().is_working_day(due) && due > today());
    assert_eq!(assigned["summary"]["overdue"], false);
    illegal(step(json!({ "kind": "assign", "department": DEPARTMENT, "note": "再次交办" })).await).await;

    let confirmed: Value = step(json!({ "kind": "confirm", "note": "经核查情况属实" })).await.json().await.unwrap();
    assert_eq!(
        (confirmed["summary"]["stage"].clone(), confirmed["summary"]["due"].clone()),
        (json!("confirmed"), Value::Null)
    );
    let resp = step(json!({ "kind": "plan", "note": "整改", "due": "2020-01-01" })).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "in_the_past", Some("due")).await;
    let resp = step(json!({ "kind": "plan", "note": "整改", "due": "soon" })).await;
    assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "invalid_date", Some("due")).await;
    let planned: Value = step(json!({ "kind": "plan", "note": "窗口人员培训，清理清单外证明", "due": "2099-01-31" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (planned["summary"]["stage"].clone(), planned["summary"]["due"].clone()),
        (json!("rectifying"), json!("2099-01-31"))
    );
    let done: Value =
        step(json!({ "kind": "rectified", "note": "已取消该证明要求并通报" })).await.json().await.unwrap();
    assert_eq!(done["summary"]["stage"], "rectified");

    // The supervisor sees every step and every reply, in order.
    let mine: Value = get(&app, &format!("/api/v1/supervisor/observations/{id}"), &me).await.json().await.unwrap();
    let kinds: Vec<&str> = mine["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["submitted", "assign", "confirm", "plan", "rectified"]);
    assert_eq!(mine["events"][4]["note"], "已取消该证明要求并通报");
    assert_eq!(mine["events"][1]["role"], "staff");
    assert_eq!(mine["can_follow_up"], true);
    assert_eq!(mine["supervisor"], Value::Null, "the panel does not echo the name");

    // Not satisfied: reopened once, then the site's limit of one is reached.
    let resp = post(
        &app,
        &format!("/api/v1/supervisor/observations/{id}/follow-up"),
        &me,
        &json!({ "note": "仍有窗口要求该证明" }),
    )
    .await;
    let reopened: Value = resp.json().await.unwrap();
    assert_eq!(
        (reopened["summary"]["stage"].clone(), reopened["summary"]["reopened"].clone()),
        (json!("submitted"), json!(1))
    );
    step(json!({ "kind": "assign", "department": DEPARTMENT, "note": "再次交办" })).await;
    let answered: Value =
        step(json!({ "kind": "not_confirm", "note": "复查未发现该情况" })).await.json().await.unwrap();
    assert_eq!(answered["summary"]["stage"], "not_confirmed");
    assert_eq!(answered["can_follow_up"], false);
    let resp =
        post(&app, &format!("/api/v1/supervisor/observations/{id}/follow-up"), &me, &json!({ "note": "再次催办" }))
            .await;
    assert_error(resp, StatusCode::CONFLICT, "reopen_limit", None).await;

    let dashboard: Value = get(&app, "/api/v1/supervisor/dashboard", &me).await.json().await.unwrap();
    assert_eq!(
        (dashboard["total"].clone(), dashboard["this_month"].clone(), dashboard["monthly_duty"].clone()),
        (json!(1), json!(1), json!(2))
    );
    let report = get(&app, "/api/v1/supervisor/report.csv", &me).await;
    assert!(report.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let report = report.text().await.unwrap();
    assert_eq!(report.lines().count(), 2, "{report}");
    assert!(report.lines().nth(1).unwrap().contains("not_confirmed"));
}

async fn observations_are_checked_field_by_field(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let cases: [(&str, Value, &str, &str); 6] = [
        ("description", json!("长".repeat(2001)), "too_long", "description"),
        ("description", json!("  "), "required", "description"),
        ("department", json!("不存在的局"), "unknown_department", "department"),
        ("service", json!("11530100MJ0001001W3999999999000"), "unknown_service", "service"),
        ("observed_at", json!("2099-01-01T09:00"), "in_the_future", "observed_at"),
        ("article", json!(71), "unknown_article", "article"),
    ];
    for (i, (key, value, rule, field)) in cases.into_iter().enumerate() {
        let body = observation(&format!("checked-key-{i:05}")).set(key, value);
        let resp = post(&app, "/api/v1/supervisor/observations", &me, &body).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, rule, Some(field)).await;
    }
    let body = observation("checked-key-99999").set("method", "rumour");
    let resp = post(&app, "/api/v1/supervisor/observations", &me, &body).await;
    assert_error(resp, StatusCode::BAD_REQUEST, "malformed_json", Some("method")).await;
    let list: Value = get(&app, "/api/v1/supervisor/observations", &me).await.json().await.unwrap();
    assert_eq!(list, json!([]), "nothing refused was stored");
}

/// Observations take the reviews' key rule: underscores too, the same key stored once, and
/// the refusal still named `invalid` on `idempotency_key` for this body.
async fn an_observation_key_may_hold_underscores_as_a_review_key_may(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let created = post(&app, "/api/v1/supervisor/observations", &me, &observation("panel_key_000001")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<Value>().await.unwrap()["summary"]["id"].as_i64().unwrap();
    let again = post(&app, "/api/v1/supervisor/observations", &me, &observation("panel_key_000001")).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["summary"]["id"], id);
    let refused = post(&app, "/api/v1/supervisor/observations", &me, &observation("panel:key:000001")).await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("idempotency_key")).await;
}

async fn public_figures_carry_no_personal_data(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督员", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let (_, staff_code) = app.add_staff(TEST_SITE, "李四").await;
    let staff = app.staff_session(TEST_SITE, &staff_code).await;
    for (i, confirm) in [true, false, true].into_iter().enumerate() {
        let view: Value =
            post(&app, "/api/v1/supervisor/observations", &me, &observation(&format!("public-key-{i:06}")))
                .await
                .json()
                .await
                .unwrap();
        let steps = format!("/api/v1/desk/observations/{}/steps", view["summary"]["id"]);
        post(&app, &steps, &staff, &json!({ "kind": "assign", "department": DEPARTMENT, "note": "交办" })).await;
        if confirm {
            post(&app, &steps, &staff, &json!({ "kind": "confirm", "note": "查实" })).await;
            if i == 0 {
                post(&app, &steps, &staff, &json!({ "kind": "plan", "note": "整改", "due": "2099-01-01" })).await;
                let done = post(&app, &steps, &staff, &json!({ "kind": "rectified", "note": "已整改" })).await;
                assert_eq!(done.status(), 200);
            }
        }
    }
    let resp = app.get(&format!("/api/v1/stats/supervision?site={TEST_SITE}")).await;
    let text = resp.text().await.unwrap();
    let stats: Value = serde_json::from_str(&text).unwrap();
    let dept = &stats["departments"][0];
    assert_eq!(dept["department"], DEPARTMENT);
    assert_eq!(
        (dept["observations"].clone(), dept["confirmed"].clone(), dept["rectified"].clone()),
        (json!(3), json!(2), json!(1))
    );
    assert_eq!(dept["rectification_rate"], 0.5);
    assert_eq!(dept["median_days_to_rectify"], 0, "rectified the day it was submitted");
    assert_eq!(dept["overdue"], 0);
    for private in ["王监督员", "张三", "清单外的无犯罪记录证明", "12 号窗口", "photo"] {
        assert!(!text.contains(private), "{private} leaked into {text}");
    }
    let resp = app.get("/api/v1/stats/supervision?site=no-such-site").await;
    assert_eq!(resp.status(), 404);
}

/// An observation whose stored stage or day does not decode is an error for everyone who
/// reads it, never shown as some other stage.
async fn a_stored_observation_that_does_not_decode_is_an_error(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let created = post(&app, "/api/v1/supervisor/observations", &me, &observation("undecodable-key-0001")).await;
    assert_eq!(created.status(), 201);
    let created_id = created.json::<Value>().await.unwrap()["summary"]["id"].as_i64().unwrap();
    assert_eq!(get(&app, "/api/v1/supervisor/observations", &me).await.status(), 200);
    for corruption in ["stage = 'lost_in_transit'", "submitted_day = '2025-13-40'", "method = 'rumour'"] {
        app.execute_sql("UPDATE observations SET stage = 'submitted', submitted_day = '2025-03-03', method = 'open'")
            .await;
        assert_eq!(get(&app, "/api/v1/supervisor/observations", &me).await.status(), 200, "restored");
        app.execute_sql(&format!("UPDATE observations SET {corruption}")).await;
        for path in ["/api/v1/supervisor/observations", "/api/v1/supervisor/dashboard"] {
            let resp = get(&app, path, &me).await;
            assert_error(resp, StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
        }
    }
    app.execute_sql("UPDATE observations SET stage = 'submitted', submitted_day = '2025-03-03', method = 'open'").await;
    let detail = format!("/api/v1/supervisor/observations/{}", created_id);
    assert_eq!(get(&app, &detail, &me).await.status(), 200, "restored");
    for corruption in ["kind = 'teleported'", "role = 'system'"] {
        app.execute_sql("UPDATE observation_events SET kind = 'submitted', role = 'supervisor'").await;
        app.execute_sql(&format!("UPDATE observation_events SET {corruption}")).await;
        assert_error(get(&app, &detail, &me).await, StatusCode::INTERNAL_SERVER_ERROR, "internal", None).await;
    }
}

both_backends!(
    a_stored_observation_that_does_not_decode_is_an_error,
    sign_in_lockout_revocation_and_terms,
    a_supervisor_never_sees_another_supervisors_observations,
    every_step_of_the_lifecycle_and_no_other,
    observations_are_checked_field_by_field,
    an_observation_key_may_hold_underscores_as_a_review_key_may,
    public_figures_carry_no_personal_data,
);
