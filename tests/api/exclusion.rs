//! 申诉复核: one member of staff asks for a review to leave the figures, an approver who is
//! not the one who asked confirms or refuses it; a confirmed exclusion takes the review out
//! of every rating figure and counts it apart by category, and the review stays on the
//! desk with the whole history.

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn ok(resp: reqwest::Response) -> Value {
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

async fn stats(app: &TestApp) -> Value {
    app.get(&format!("/api/v1/stats?site={TEST_SITE}")).await.json().await.unwrap()
}

async fn an_exclusion_needs_a_second_person_and_then_leaves_the_figures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.post_json("/api/v1/reviews", &review("S1", 1, "exclusion-poor-0001").long_wait()).await;
    let receipt = resp.json::<Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned();
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 5, "exclusion-good-0001")).await.status(), 201);
    let (asker_id, code) = app.add_staff(TEST_SITE, "李四").await;
    let asker = app.staff_session(TEST_SITE, &code).await;
    let (approver_id, code) = app.add_staff(TEST_SITE, "王五").await;
    app.storage.set_staff_approver(approver_id, true).await.unwrap();
    let approver = app.staff_session(TEST_SITE, &code).await;
    let ask = format!("/api/v1/desk/reviews/{receipt}/exclusion");
    let decide = format!("/api/v1/desk/reviews/{receipt}/exclusion/decision");
    let before = stats(&app).await;
    assert_eq!((&before["all"]["count"], &before["all"]["poor_rate"]), (&json!(2), &json!(0.5)));

    let short = post(&app, &asker, &ask, json!({"category": "mistaken", "reason": "错"})).await;
    assert_error(short, StatusCode::UNPROCESSABLE_ENTITY, "length", Some("reason")).await;
    let asked = ok(post(&app, &asker, &ask, json!({"category": "mistaken", "reason": "评价人选错了事项"})).await).await;
    assert_eq!(
        (&asked["exclusion"]["requested_by_me"], &asked["exclusion"]["may_decide"]),
        (&json!(true), &json!(false))
    );
    assert_eq!(asked["exclusion"]["excluded"], false);
    let again = post(&app, &asker, &ask, json!({"category": "mistaken", "reason": "再次申请剔除"})).await;
    assert_error(again, StatusCode::CONFLICT, "exclusion_standing", None).await;
    let approve = json!({"approve": true, "note": "核实属误评"});
    // Not an approver; then an approver, but the one who asked: neither may decide.
    assert_error(post(&app, &asker, &decide, approve.clone()).await, StatusCode::FORBIDDEN, "forbidden", None).await;
    app.storage.set_staff_approver(asker_id, true).await.unwrap();
    assert_error(post(&app, &asker, &decide, approve.clone()).await, StatusCode::FORBIDDEN, "forbidden", None).await;
    assert_eq!(stats(&app).await["all"]["count"], 2, "a waiting request changes nothing");

    // Refused: the review keeps counting, and a new request may follow.
    let refused =
        ok(post(&app, &approver, &decide, json!({"approve": false, "note": "理由不足，不予剔除"})).await).await;
    assert_eq!(refused["exclusion"], Value::Null);
    assert_eq!(stats(&app).await["all"]["count"], 2);
    ok(post(&app, &asker, &ask, json!({"category": "malicious", "reason": "同一号码连续恶意差评"})).await).await;
    let seen = ok(app
        .client
        .get(app.url(&format!("/api/v1/desk/reviews/{receipt}")))
        .bearer_auth(&approver)
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(
        (&seen["exclusion"]["requested_by_me"], &seen["exclusion"]["requested_by"]),
        (&json!(false), &json!(format!("staff:{asker_id}")))
    );
    let approved = ok(post(&app, &approver, &decide, json!({"approve": true, "note": "经核查属恶意评价"})).await).await;
    assert_eq!(
        (&approved["exclusion"]["excluded"], &approved["exclusion"]["category"]),
        (&json!(true), &json!("malicious"))
    );

    let after = stats(&app).await;
    assert_eq!(
        (&after["all"]["count"], &after["real"]["count"], &after["open"]["count"]),
        (&json!(1), &json!(1), &json!(1))
    );
    assert_eq!(after["all"]["poor_rate"], 0.0);
    assert_eq!(after["excluded_after_appeal"], json!({"mistaken": 0, "malicious": 1}));
    assert_eq!(after["follow_up"]["poor"], 1, "the duty to answer the review stays");

    // Nothing is deleted: the review is still on the desk, with every step in its history.
    let kinds: Vec<(String, String)> = approved["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_owned(), e["actor"].as_str().unwrap().to_owned()))
        .collect();
    let (a, b) = (format!("staff:{asker_id}"), format!("staff:{approver_id}"));
    let expected = [
        ("exclusion_requested", &a),
        ("exclusion_refused", &b),
        ("exclusion_requested", &a),
        ("exclusion_approved", &b),
    ];
    assert_eq!(kinds, expected.map(|(k, who)| (k.to_owned(), who.clone())));
    assert_eq!(approved["events"][3]["category"], "malicious");
    assert_eq!(approved["events"][3]["note"], "经核查属恶意评价");
    let list = ok(app.client.get(app.url("/api/v1/desk/reviews")).bearer_auth(&asker).send().await.unwrap()).await;
    assert_eq!(list["items"][0]["receipt"], receipt.as_str());
    let again = post(&app, &asker, &ask, json!({"category": "mistaken", "reason": "再次申请剔除"})).await;
    assert_error(again, StatusCode::CONFLICT, "exclusion_standing", None).await;
    let twice = post(&app, &approver, &decide, approve).await;
    assert_error(twice, StatusCode::CONFLICT, "nothing_to_decide", None).await;
    let me = ok(app.client.get(app.url("/api/v1/desk/me")).bearer_auth(&approver).send().await.unwrap()).await;
    assert_eq!(me["approver"], true);
}

both_backends!(an_exclusion_needs_a_second_person_and_then_leaves_the_figures);
