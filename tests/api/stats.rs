//! The published figures, checked against fixtures counted by hand: every level, share and
//! rate, the China-day period, the service filter, bad parameters, and that nothing in the
//! answer identifies a reviewer.

use mingjing_collector::china_time::now_millis;
use mingjing_collector::china_time::{china_date, iso};
use mingjing_collector::reviews::system_default;
use mingjing_collector::storage::{EventRow, NewReview, StepColumns};
use mingjing_domain::desk::DeskEntry;
use mingjing_domain::follow_up::Stage;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::builders::{NAME, PHONE, Review, SERVICE, review, stored_review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::{Value, json};

const OTHER_SERVICE: &str = "11530100MJ0001001W3001030002000";
const COMMENT: &str = mingjing_tests::builders::POOR_COMMENT;
const PRAISE: &str = "工作人员耐心细致";

/// A review as these fixtures write it: every one has a comment, and a poor one a reason.
fn fixture_review(service: &str, rating: i64, key: &str, named: bool) -> Review {
    let body = review(service, rating, key).comment(if rating <= 2 { COMMENT } else { PRAISE });
    let body = if rating <= 2 { body.long_wait() } else { body };
    if named { body.named() } else { body }
}

/// Posts an open review (no token) through the API and returns its receipt.
async fn open_review(app: &TestApp, service: &str, rating: i64, key: &str, named: bool) -> String {
    let resp = app.post_json("/api/v1/reviews", &fixture_review(service, rating, key, named)).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let receipt: Value = resp.json().await.unwrap();
    assert_eq!(receipt["verified"], false);
    receipt["receipt"].as_str().unwrap().to_owned()
}

/// Registers transaction `no` with the site secret and posts a review with its token.
async fn verified_review(app: &TestApp, no: &str, rating: i64, named: bool) -> String {
    let transaction = transaction(no).between("2026-11-23T09:00:00+08:00", "2026-11-24T16:30:00+08:00");
    let registered: Value = app.register_transaction(&transaction).await.json().await.unwrap();
    let token = registered["token"].as_str().unwrap();
    let body = fixture_review(SERVICE, rating, &format!("verified-key-{no}"), named).token(token);
    let resp = app.post_json("/api/v1/reviews", &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let receipt: Value = resp.json().await.unwrap();
    assert_eq!(receipt["verified"], true);
    receipt["receipt"].as_str().unwrap().to_owned()
}

/// Registers transaction `no` with the site secret and leaves it unrated, for the
/// system-default job to rate.
async fn unrated_transaction(app: &TestApp, no: &str) {
    let transaction = transaction(no).between("2025-06-02T09:00:00+08:00", "2025-06-02T16:30:00+08:00");
    assert!(app.register_transaction(&transaction).await.status().is_success(), "register {no}");
}

async fn insert(app: &TestApp, review: NewReview) -> String {
    app.storage.insert_review(&review).await.unwrap().receipt
}

/// Records desk steps for a review, as a signed-in member of staff.
async fn steps(app: &TestApp, token: &str, receipt: &str, bodies: &[Value]) {
    for body in bodies {
        let url = app.url(&format!("/api/v1/desk/reviews/{receipt}/steps"));
        let resp = app.client.post(url).bearer_auth(token).json(body).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{body}");
    }
}

async fn stats(app: &TestApp, query: &str) -> Value {
    let resp = app.get(&format!("/api/v1/stats?{query}")).await;
    assert_eq!(resp.status(), StatusCode::OK, "{query}");
    resp.json().await.unwrap()
}

/// Rates travel as JSON decimals, so they are compared to within a rounding error.
fn assert_rate(actual: &Value, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(actual.is_null(), "{what}: expected null, got {actual}"),
        Some(e) => {
            let a = actual.as_f64().unwrap_or_else(|| panic!("{what}: expected {e}, got {actual}"));
            assert!((a - e).abs() < 1e-12, "{what}: expected {e}, got {a}");
        }
    }
}

/// Checks a `Figures` object: the count, `(count, share)` for levels 5 down to 1, and the
/// satisfaction and poor rates.
fn assert_figures(f: &Value, count: u64, levels: [(u64, f64); 5], satisfaction: f64, poor: f64, what: &str) {
    assert_eq!(f["count"], count, "{what}.count");
    let got = f["levels"].as_array().unwrap();
    assert_eq!(got.len(), 5, "{what}.levels");
    for (i, (level, (n, share))) in (1..=5u64).rev().zip(levels).enumerate() {
        assert_eq!(got[i]["level"], level, "{what}.levels[{i}]");
        assert_eq!(got[i]["count"], n, "{what} level {level}");
        assert_rate(&got[i]["share"], Some(share), &format!("{what} level {level} share"));
    }
    assert_rate(&f["satisfaction_rate"], Some(satisfaction), &format!("{what}.satisfaction_rate"));
    assert_rate(&f["poor_rate"], Some(poor), &format!("{what}.poor_rate"));
}

/// A millisecond instant, checked against the China day it is meant to fall on.
fn at(millis: i64, china_day: &str) -> i64 {
    assert_eq!(iso(china_date(millis)), china_day, "fixture instant {millis}");
    millis
}

async fn published_figures_match_a_hand_counted_fixture(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Six verified reviews (token-bound): 5, 5, 4, 3, and two poor ones, P3 (1) and P5 (2),
    // both named.
    for (no, rating) in [("BJ-1", 5), ("BJ-2", 5), ("BJ-3", 4), ("BJ-4", 3)] {
        verified_review(&app, no, rating, false).await;
    }
    let p3 = verified_review(&app, "BJ-P3", 1, true).await;
    let _p5 = verified_review(&app, "BJ-P5", 2, true).await;
    // Eight open reviews through the API: 5, 4, 4, 3, and poor P1 (1, named), P2 (2, named),
    // P4 (1, anonymous), P6 (1, anonymous).
    for (i, rating) in [5, 4, 4, 3].into_iter().enumerate() {
        open_review(&app, SERVICE, rating, &format!("open-key-00000000{i}"), false).await;
    }
    let p1 = open_review(&app, SERVICE, 1, "open-key-p1-0000001", true).await;
    let p2 = open_review(&app, SERVICE, 2, "open-key-p2-0000001", true).await;
    let p4 = open_review(&app, SERVICE, 1, "open-key-p4-0000001", false).await;
    let p6 = open_review(&app, SERVICE, 1, "open-key-p6-0000001", false).await;
    // Two open poor reviews received on 2025-06-02 and due 2025-06-23, long past: P7 (2,
    // anonymous) is never answered; P8 (1, named) is answered today, late.
    let june = at(1_748_829_600_000, "2025-06-02");
    insert(&app, stored_review(2, june, Some("2025-06-23"))).await;
    let p8 = insert(
        &app,
        NewReview {
            contact_sealed: Some("sealed contact stand-in".into()),
            contact_phone_masked: Some("139****5678".into()),
            ..stored_review(1, june, Some("2025-06-23"))
        },
    )
    .await;
    // Four system-default ratings (channel 7, level 3), recorded by the real job: four
    // transactions completed on 2025-06-02 and never rated, long past their five working days.
    for i in 0..4 {
        unrated_transaction(&app, &format!("BJ-SD-{i}")).await;
    }
    assert_eq!(system_default::run_once(&app.storage, now_millis()).await.unwrap(), 4);
    // Another site's poor review, which must not count here.
    app.register_site("other-site", &[mingjing_tests::app::ALLOWED_ORIGIN]).await;
    let elsewhere = review(SERVICE, 1, "elsewhere-key-000001").site("other-site").long_wait();
    assert_eq!(app.post_json("/api/v1/reviews", &elsewhere).await.status(), StatusCode::CREATED);

    // The follow-ups, on the desk.
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let token = app.staff_session(TEST_SITE, &code).await;
    let call = |reached: bool| json!({"kind": "call_back", "reached": reached, "note": "已回访"});
    let verify = |v: &str| json!({"kind": "verify", "verification": v, "note": "已核实"});
    let decide = |o: &str| json!({"kind": "decide", "outcome": o, "note": "处理意见"});
    let plan = json!({"kind": "decide", "outcome": "rectification_plan", "note": "限期整改", "plan_due": "2026-12-31"});
    let rectified = json!({"kind": "rectified", "note": "已整改"});
    let reply = json!({"kind": "reply", "reply": "感谢监督"});
    // P1: reached, confirmed, fixed on the spot, replied: rectified, on time.
    steps(&app, &token, &p1, &[call(true), verify("confirmed"), decide("fixed_on_the_spot"), reply.clone()]).await;
    // P2: called but not reached, confirmed, planned, rectified, replied: rectified, on time.
    steps(&app, &token, &p2, &[call(false), verify("confirmed"), plan.clone(), rectified, reply.clone()]).await;
    // P3: confirmed but only explained: closed on time, not rectified.
    steps(&app, &token, &p3, &[call(true), verify("confirmed"), decide("explanation"), reply.clone()]).await;
    // P4: anonymous, not confirmed, explained: closed on time, not among the confirmed.
    steps(&app, &token, &p4, &[verify("not_confirmed"), decide("explanation"), reply.clone()]).await;
    // P5: not called back yet, due in 15 working days: open, not overdue.
    // P6: anonymous, confirmed, rectification under way: confirmed, not rectified, not overdue.
    steps(&app, &token, &p6, &[verify("confirmed"), plan]).await;
    // P8: called, confirmed, fixed on the spot, replied today, after its due date: rectified, late.
    steps(&app, &token, &p8, &[call(true), verify("confirmed"), decide("fixed_on_the_spot"), reply]).await;

    let text = app.get(&format!("/api/v1/stats?site={TEST_SITE}")).await.text().await.unwrap();
    let s: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["site"], TEST_SITE);
    assert!(s["service"].is_null() && s["from"].is_null() && s["to"].is_null());
    assert_eq!(s["as_of"], iso(china_date(now_millis())));

    // all, 20 ratings: level 5 ×3 (V, V, O), 4 ×3 (V, O, O), 3 ×6 (V, O, 4 system defaults),
    // 2 ×3 (P5, P2, P7), 1 ×5 (P3, P1, P4, P6, P8). Shares 3/20 = .15, .15, 6/20 = .30, .15,
    // 5/20 = .25; satisfied (3–5) 12/20 = .6; poor (1–2) 8/20 = .4.
    assert_figures(&s["all"], 20, [(3, 0.15), (3, 0.15), (6, 0.30), (3, 0.15), (5, 0.25)], 0.6, 0.4, "all");
    // real = all minus the 4 system defaults, 16: 3, 3, 2, 3, 5. Shares 3/16 = .1875,
    // .1875, 2/16 = .125, .1875, 5/16 = .3125; satisfied 8/16 = .5; poor 8/16 = .5.
    assert_figures(&s["real"], 16, [(3, 0.1875), (3, 0.1875), (2, 0.125), (3, 0.1875), (5, 0.3125)], 0.5, 0.5, "real");
    // verified, 6 (the system defaults, token-bound but not a person's, excluded): 2, 1, 1,
    // 1, 1. Shares 2/6, then 1/6 each; satisfied 4/6; poor 2/6.
    let sixth = 1.0 / 6.0;
    assert_figures(
        &s["verified"],
        6,
        [(2, 2.0 / 6.0), (1, sixth), (1, sixth), (1, sixth), (1, sixth)],
        4.0 / 6.0,
        2.0 / 6.0,
        "verified",
    );
    // open, 10 (8 posted + P7 + P8): 1, 2, 1, 2
    // (P2, P7), 4 (P1, P4, P6, P8). Shares .1, .2, .1, .2, .4; satisfied .4; poor .6.
    assert_figures(&s["open"], 10, [(1, 0.1), (2, 0.2), (1, 0.1), (2, 0.2), (4, 0.4)], 0.4, 0.6, "open");
    assert_eq!(s["system_default_count"], 4);

    // Follow-up of the 8 poor reviews. Named: P1, P2, P3, P5, P8 = 5; called back (reached
    // or not): P1, P2, P3, P8 = 4, rate 4/5. Confirmed: P1, P2, P3, P6, P8 = 5; rectified
    // and closed: P1, P2, P8 = 3, rate 3/5. Closed: P1, P2, P3, P4, P8 = 5; on time: all but
    // P8 = 4, rate 4/5. Overdue and open: P7 = 1.
    let f = &s["follow_up"];
    let counts =
        ["poor", "named_poor", "called_back", "confirmed", "rectified", "closed", "closed_on_time", "overdue_open"]
            .map(|k| f[k].as_u64().unwrap_or_else(|| panic!("follow_up.{k}")));
    assert_eq!(counts, [8, 5, 4, 5, 3, 5, 4, 1]);
    assert_rate(&f["call_back_rate"], Some(0.8), "call_back_rate");
    assert_rate(&f["rectification_rate"], Some(0.6), "rectification_rate");
    assert_rate(&f["on_time_rate"], Some(0.8), "on_time_rate");

    // Nothing that identifies a reviewer or a review is in the answer, and no field beyond
    // the published ones.
    let receipts = [&p1, &p2, &p3, &p4, &p6, &p8].map(|r| r.as_str());
    for private in [COMMENT, PRAISE, NAME, PHONE, "****", "long_wait"].into_iter().chain(receipts) {
        assert!(!text.contains(private), "the figures contain {private:?}: {text}");
    }
    let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let published = [
        "all",
        "as_of",
        "excluded_after_appeal",
        "follow_up",
        "from",
        "open",
        "real",
        "service",
        "site",
        "system_default_count",
        "to",
        "verified",
    ];
    assert_eq!(keys, published);
}

async fn the_period_counts_whole_days_in_china_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The last millisecond of 31 March and the first of 1 May in China; between them, the
    // first millisecond of 1 April (still 31 March in UTC) and the last of 30 April.
    let march_31 = at(1_743_436_799_999, "2025-03-31");
    let april_1 = at(1_743_436_800_000, "2025-04-01");
    let april_30 = at(1_746_028_799_999, "2025-04-30");
    let may_1 = at(1_746_028_800_000, "2025-05-01");
    insert(&app, stored_review(5, march_31, None)).await;
    insert(&app, stored_review(4, april_1, None)).await;
    insert(&app, stored_review(2, april_30, Some("2025-05-22"))).await;
    insert(&app, stored_review(1, may_1, Some("2025-05-23"))).await;

    // April: 2 reviews, levels 4 and 2, so .5 each; satisfied .5, poor .5; one poor review,
    // open past its due date.
    let april = stats(&app, &format!("site={TEST_SITE}&from=2025-04-01&to=2025-04-30")).await;
    assert_eq!((april["from"].as_str(), april["to"].as_str()), (Some("2025-04-01"), Some("2025-04-30")));
    assert_figures(&april["all"], 2, [(0, 0.0), (1, 0.5), (0, 0.0), (1, 0.5), (0, 0.0)], 0.5, 0.5, "april");
    assert_eq!((april["follow_up"]["poor"].as_u64(), april["follow_up"]["overdue_open"].as_u64()), (Some(1), Some(1)));
    // Either bound alone: from 1 April, 3 (4, 2, 1); up to 30 April, 3 (5, 4, 2); one day, 1.
    for (query, count) in [("from=2025-04-01", 3), ("to=2025-04-30", 3), ("from=2025-04-01&to=2025-04-01", 1)] {
        assert_eq!(stats(&app, &format!("site={TEST_SITE}&{query}")).await["all"]["count"], count, "{query}");
    }
    // No review at all in the period: counts 0 and every rate null, never 0%.
    let empty = stats(&app, &format!("site={TEST_SITE}&from=2025-06-01&to=2025-06-30")).await;
    assert_eq!(empty["all"]["count"], 0);
    assert!(empty["all"]["levels"].as_array().unwrap().iter().all(|l| l["count"] == 0 && l["share"].is_null()));
    for rate in ["satisfaction_rate", "poor_rate"] {
        assert!(empty["all"][rate].is_null() && empty["real"][rate].is_null(), "{rate}");
    }
    for rate in ["call_back_rate", "rectification_rate", "on_time_rate"] {
        assert!(empty["follow_up"][rate].is_null(), "{rate}");
    }
}

async fn the_service_filter_counts_only_that_service(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    open_review(&app, SERVICE, 5, "service-key-0000001", false).await;
    open_review(&app, SERVICE, 4, "service-key-0000002", false).await;
    open_review(&app, OTHER_SERVICE, 1, "service-key-0000003", true).await;
    // The other service: one poor review, named, so share 1 at level 1 and satisfaction 0.
    let other = stats(&app, &format!("site={TEST_SITE}&service={OTHER_SERVICE}")).await;
    assert_eq!(other["service"], OTHER_SERVICE);
    assert_figures(&other["all"], 1, [(0, 0.0), (0, 0.0), (0, 0.0), (0, 0.0), (1, 1.0)], 0.0, 1.0, "other");
    assert_eq!((other["follow_up"]["poor"].as_u64(), other["follow_up"]["named_poor"].as_u64()), (Some(1), Some(1)));
    assert_rate(&other["follow_up"]["call_back_rate"], Some(0.0), "not called yet");
    // The main service: 5 and 4, no poor review, so no call-back rate at all.
    let main = stats(&app, &format!("site={TEST_SITE}&service={SERVICE}")).await;
    assert_figures(&main["all"], 2, [(1, 0.5), (1, 0.5), (0, 0.0), (0, 0.0), (0, 0.0)], 1.0, 0.0, "main");
    assert_eq!(main["follow_up"]["poor"], 0);
    assert_rate(&main["follow_up"]["call_back_rate"], None, "nobody to call");
    assert_eq!(stats(&app, &format!("site={TEST_SITE}")).await["all"]["count"], 3);
}

async fn closing_on_time_is_judged_on_the_china_date(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // (due date, closed at, on time?): the last and first China milliseconds around a due
    // date, a leap day, a year end, and 2100, which is not a leap year.
    let cases = [
        ("2024-02-29", at(1_709_222_399_999, "2024-02-29"), true),
        ("2024-02-29", at(1_709_222_400_000, "2024-03-01"), false),
        ("2024-03-01", at(1_709_172_000_000, "2024-02-29"), true),
        ("2023-12-31", at(1_703_952_000_000, "2023-12-31"), true),
        ("2023-12-31", at(1_704_067_140_000, "2024-01-01"), false),
        ("2100-03-01", at(4_107_470_400_000, "2100-02-28"), true),
        ("2100-02-28", at(4_107_513_600_000, "2100-03-01"), false),
    ];
    for (due, closed_at, _) in cases {
        let receipt = insert(&app, stored_review(1, closed_at - 86_400_000, Some(due))).await;
        let row = app.storage.follow_up(TEST_SITE, &receipt).await.unwrap().unwrap();
        let columns = StepColumns { closed_at: Some(closed_at), ..StepColumns::default() };
        let event = EventRow { entry: DeskEntry::Reply, actor: "test".into(), note: "x".into(), at: 0 };
        app.storage.record_step(row.id, Stage::New, Stage::Closed, &columns, &event).await.unwrap();
    }
    // 7 closed, 4 of them on time: 4/7. Nobody named and nothing confirmed: no such rates.
    let f = &stats(&app, &format!("site={TEST_SITE}")).await["follow_up"];
    assert_eq!(cases.iter().filter(|c| c.2).count(), 4);
    assert_eq!((f["closed"].as_u64(), f["closed_on_time"].as_u64()), (Some(7), Some(4)));
    assert_rate(&f["on_time_rate"], Some(4.0 / 7.0), "on_time_rate");
    assert_rate(&f["call_back_rate"], None, "call_back_rate");
    assert_rate(&f["rectification_rate"], None, "rectification_rate");
    assert_eq!(f["overdue_open"], 0);
}

async fn bad_parameters_name_the_field_and_unknown_sites_are_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    for (query, rule, field) in [
        ("", "required", "site"),
        ("site=Not%20A%20Site", "invalid_site_id", "site"),
        ("site=test-site&from=2025-13-01", "invalid_date", "from"),
        ("site=test-site&from=2025-4-1", "invalid_date", "from"),
        ("site=test-site&to=yesterday", "invalid_date", "to"),
        ("site=test-site&from=2025-04-02&to=2025-04-01", "before_from", "to"),
        ("site=test-site&service=no%20spaces", "invalid_service_code", "service"),
        ("site=test-site&site=test-site", "malformed_query", "query"),
    ] {
        let resp = app.get(&format!("/api/v1/stats?{query}")).await;
        assert_error(resp, unprocessable, rule, Some(field)).await;
    }
    let unknown = app.get("/api/v1/stats?site=no-such-site").await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found", Some("site")).await;
    // Empty optional fields, as a form sends them, mean "not given".
    let blank = stats(&app, &format!("site={TEST_SITE}&service=&from=&to=")).await;
    assert!(blank["service"].is_null() && blank["from"].is_null());
    let openapi: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(openapi["paths"]["/api/v1/stats"]["get"].is_object());
}

both_backends!(
    published_figures_match_a_hand_counted_fixture,
    the_period_counts_whole_days_in_china_time,
    the_service_filter_counts_only_that_service,
    closing_on_time_is_judged_on_the_china_date,
    bad_parameters_name_the_field_and_unknown_sites_are_not_found,
);
