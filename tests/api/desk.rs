//! Staff sign in, follow a poor review through call-back, verification, rectification and
//! reply; the reviewer sees the reply and may rate the rectification once.

use mingjing_domain::calendar::WorkCalendar;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{NAME, PHONE, SERVICE, review};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn poor_review(app: &TestApp, key: &str, named: bool) -> String {
    let mut body = review(SERVICE, 1, key).long_wait().comment("等了两个小时");
    if named {
        body = body.named();
    }
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    resp.json::<Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned()
}

async fn step(app: &TestApp, token: &str, receipt: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/desk/reviews/{receipt}/steps")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get_with(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap()
}

async fn the_desk_needs_a_live_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_error(app.get("/api/v1/desk/reviews").await, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
    let (id, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    assert_eq!(get_with(&app, &token, "/api/v1/desk/reviews").await.status(), StatusCode::OK);
    // Revoking ends the session at once.
    app.storage.set_staff_active(id, false).await.unwrap();
    let resp = get_with(&app, &token, "/api/v1/desk/reviews").await;
    assert_error(resp, StatusCode::UNAUTHORIZED, "sign_in_required", None).await;
    assert_error(
        app.client
            .post(app.url("/api/v1/staff/session"))
            .json(&json!({"site": TEST_SITE, "code": code}))
            .send()
            .await
            .unwrap(),
        StatusCode::UNAUTHORIZED,
        "bad_code",
        None,
    )
    .await;
}

async fn a_poor_review_is_followed_through_to_a_reply_and_a_rerating(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let receipt = poor_review(&app, "desk-key-0000000001", true).await;
    let (staff_id, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;

    let list = get_with(&app, &token, "/api/v1/desk/reviews").await.text().await.unwrap();
    assert!(!list.contains(PHONE) && !list.contains(NAME), "the list shows personal data: {list}");
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!((&list["total"], &list["next"]), (&json!(1), &Value::Null));
    let item = &list["items"][0];
    assert_eq!(item["receipt"], receipt.as_str());
    assert_eq!(item["phone_masked"], "139****5678");
    assert_eq!(item["named"], true);
    assert_eq!(item["stage"], "new");
    assert_eq!(item["overdue"], false);
    let today = mingjing_collector::china_time::china_date(mingjing_collector::china_time::now_millis());
    let due = WorkCalendar::china().add_working_days(today, 15).date;
    assert_eq!(item["due_date"], mingjing_collector::china_time::iso(due));

    // A named reviewer is called back before anything is verified.
    let early =
        step(&app, &token, &receipt, json!({"kind": "verify", "verification": "confirmed", "note": "属实"})).await;
    assert_error(early, StatusCode::CONFLICT, "illegal_transition", None).await;
    let no_note = step(&app, &token, &receipt, json!({"kind": "call_back", "reached": true, "note": " "})).await;
    assert_error(no_note, StatusCode::UNPROCESSABLE_ENTITY, "required", Some("note")).await;
    let no_due =
        step(&app, &token, &receipt, json!({"kind": "decide", "outcome": "rectification_plan", "note": "x"})).await;
    assert_error(no_due, StatusCode::UNPROCESSABLE_ENTITY, "required", Some("plan_due")).await;

    for (body, stage) in [
        (json!({"kind": "call_back", "reached": true, "note": "已电话联系，情况属实"}), "called_back"),
        (json!({"kind": "verify", "verification": "confirmed", "note": "窗口人手不足"}), "verified"),
        (
            json!({"kind": "decide", "outcome": "rectification_plan", "note": "增设综合窗口", "plan_due": "2026-12-31"}),
            "rectifying",
        ),
        (json!({"kind": "rectified", "note": "已增设两个窗口"}), "awaiting_reply"),
        (json!({"kind": "reply", "reply": "感谢您的监督，我们已增设窗口，排队时间明显缩短。"}), "closed"),
    ] {
        let resp = step(&app, &token, &receipt, body).await;
        assert_eq!(resp.status(), StatusCode::OK);
        let detail: Value = resp.json().await.unwrap();
        assert_eq!(detail["item"]["stage"], stage);
    }
    let detail: Value = get_with(&app, &token, &format!("/api/v1/desk/reviews/{receipt}")).await.json().await.unwrap();
    let events = detail["events"].as_array().unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["call_back", "verify", "decide", "rectified", "reply"]);
    assert!(events.iter().all(|e| e["actor"] == format!("staff:{staff_id}") && e["at"].as_str().unwrap().len() >= 20));
    assert_eq!((&events[0]["reached"], &events[1]["verification"]), (&json!(true), &json!("confirmed")));
    assert_eq!((&events[2]["outcome"], &events[2]["plan_due"]), (&json!("rectification_plan"), &json!("2026-12-31")));

    // The reviewer's receipt shows the reply, no personal data, and offers a re-rating.
    let status_text = app.get(&format!("/api/v1/reviews/{receipt}")).await.text().await.unwrap();
    assert!(!status_text.contains(PHONE) && !status_text.contains(NAME));
    let status: Value = serde_json::from_str(&status_text).unwrap();
    assert_eq!(status["stage"], "closed");
    assert_eq!(status["reply"], "感谢您的监督，我们已增设窗口，排队时间明显缩短。");
    let rerate = status["rerate_token"].as_str().expect("a re-rating token").to_owned();
    let rating = review(SERVICE, 4, "rerate-key-00000001").token(&rerate);
    let resp = app.post_json("/api/v1/reviews", &rating).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_eq!(resp.json::<Value>().await.unwrap()["verified"], true);
    let status: Value = app.get(&format!("/api/v1/reviews/{receipt}")).await.json().await.unwrap();
    assert!(status["rerate_token"].is_null(), "rated once only");
    let again = rating.set("idempotency_key", "rerate-key-00000002");
    assert_error(app.post_json("/api/v1/reviews", &again).await, StatusCode::CONFLICT, "already_reviewed", None).await;
    assert_error(app.get("/api/v1/reviews/MJ0000000000").await, StatusCode::NOT_FOUND, "not_found", Some("receipt"))
        .await;
}

async fn phone_numbers_are_revealed_only_with_a_reason_and_logged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let receipt = poor_review(&app, "reveal-key-00000001", true).await;
    let anonymous = poor_review(&app, "reveal-key-00000002", false).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let reveal = |receipt: String, reason: &'static str| {
        app.client
            .post(app.url(&format!("/api/v1/desk/reviews/{receipt}/reveal")))
            .bearer_auth(&token)
            .json(&json!({ "reason": reason }))
            .send()
    };
    assert_error(
        reveal(receipt.clone(), "").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "required",
        Some("reason"),
    )
    .await;
    let contact: Value = reveal(receipt.clone(), "回访核实").await.unwrap().json().await.unwrap();
    assert_eq!(contact, json!({ "name": NAME, "phone": PHONE }));
    assert_error(
        reveal(anonymous.clone(), "回访核实").await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
        Some("receipt"),
    )
    .await;
    let detail: Value = get_with(&app, &token, &format!("/api/v1/desk/reviews/{receipt}")).await.json().await.unwrap();
    assert_eq!(detail["events"][0]["kind"], "reveal_contact");
    assert_eq!(detail["events"][0]["note"], "回访核实");
    // An anonymous review has nobody to call back: it goes straight to verification.
    let call =
        step(&app, &token, &anonymous, json!({"kind": "call_back", "reached": false, "note": "无联系方式"})).await;
    assert_error(call, StatusCode::CONFLICT, "illegal_transition", None).await;
    let verify =
        step(&app, &token, &anonymous, json!({"kind": "verify", "verification": "not_confirmed", "note": "无法核实"}))
            .await;
    assert_eq!(verify.status(), StatusCode::OK);
}

async fn staff_see_only_their_own_site(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let receipt = poor_review(&app, "isolation-key-000001", false).await;
    app.register_site("other-site", &["https://other.example"]).await;
    let (_, code) = app.add_staff("other-site", "赵六").await;
    let token = app.staff_session("other-site", &code).await;
    let list: Value = get_with(&app, &token, "/api/v1/desk/reviews").await.json().await.unwrap();
    assert_eq!(list, json!({"items": [], "total": 0, "next": null}));
    let resp = get_with(&app, &token, &format!("/api/v1/desk/reviews/{receipt}")).await;
    assert_error(resp, StatusCode::NOT_FOUND, "not_found", Some("receipt")).await;
}

both_backends!(
    the_desk_needs_a_live_session,
    a_poor_review_is_followed_through_to_a_reply_and_a_rerating,
    phone_numbers_are_revealed_only_with_a_reason_and_logged,
    staff_see_only_their_own_site,
);
