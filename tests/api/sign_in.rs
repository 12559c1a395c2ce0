//! Signing in under attack: limits per (account, client), per client and per account,
//! counted atomically; unknown sites and ids; the cost in hashes; pruning; the audit trail.

use futures_util::future::join_all;
use mingjing_collector::app::upkeep;
use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::json;

/// A collector behind a trusted proxy on 127.0.0.1, so each test request can name its
/// client address in `X-Forwarded-For`.
async fn behind_proxy(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await
}

async fn sign_in(app: &TestApp, site: &str, code: &str, client: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/staff/session"))
        .header("x-forwarded-for", client)
        .json(&json!({ "site": site, "code": code }))
        .send()
        .await
        .unwrap()
}

async fn hashes(app: &TestApp) -> u64 {
    let text = app.get("/metrics").await.text().await.unwrap();
    let line = text.lines().find(|l| l.starts_with("mingjing_access_code_hashes_total ")).expect("hash counter");
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

async fn five_attempts_lock_the_pair_but_not_the_account_or_the_office(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (id, code) = app.add_staff(TEST_SITE, "李四").await;
    let (_, colleague) = app.add_staff(TEST_SITE, "王五").await;
    let wrong = format!("{id}-WRONGWRONGWR");
    for _ in 0..5 {
        assert_error(sign_in(&app, TEST_SITE, &wrong, "203.0.113.7").await, StatusCode::UNAUTHORIZED, "bad_code", None)
            .await;
    }
    let locked = sign_in(&app, TEST_SITE, &code, "203.0.113.7").await;
    assert!(locked.headers().contains_key("retry-after"));
    assert_error(locked, StatusCode::TOO_MANY_REQUESTS, "locked_out", None).await;
    // A colleague in the same office, behind the same address, still signs in.
    assert_eq!(sign_in(&app, TEST_SITE, &colleague, "203.0.113.7").await.status(), StatusCode::CREATED);
    // And the stranger who sent the wrong codes has not locked the account itself.
    assert_eq!(sign_in(&app, TEST_SITE, &code, "198.51.100.20").await.status(), StatusCode::CREATED);
}

async fn parallel_wrong_codes_are_counted_atomically(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (id, _) = app.add_staff(TEST_SITE, "李四").await;
    let wrong = format!("{id}-WRONGWRONGWR");
    let answers = join_all((0..40).map(|_| sign_in(&app, TEST_SITE, &wrong, "203.0.113.8"))).await;
    let statuses: Vec<StatusCode> = answers.iter().map(reqwest::Response::status).collect();
    let refused = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let locked = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(refused <= 5, "at most five codes checked, got {refused}: {statuses:?}");
    assert_eq!(refused + locked, 40, "{statuses:?}");
}

async fn one_client_cannot_roam_across_accounts(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    // Thirty attempts on made-up accounts from one address: each account only once, so no
    // pair is locked, but the address is.
    for id in 1000..1030 {
        let resp = sign_in(&app, TEST_SITE, &format!("{id}-WRONGWRONGWR"), "203.0.113.9").await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "attempt on {id}");
    }
    let resp = sign_in(&app, TEST_SITE, &code, "203.0.113.9").await;
    assert_error(resp, StatusCode::TOO_MANY_REQUESTS, "locked_out", None).await;
    assert_eq!(sign_in(&app, TEST_SITE, &code, "203.0.113.10").await.status(), StatusCode::CREATED);
}

async fn unknown_ids_cost_one_hash_and_unknown_sites_none(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (id, _) = app.add_staff(TEST_SITE, "李四").await;
    let before = hashes(&app).await;
    assert_eq!(sign_in(&app, TEST_SITE, &format!("{id}-WRONGWRONGWR"), "203.0.113.1").await.status(), 401);
    assert_eq!(hashes(&app).await, before + 1, "a known id with a wrong code: one hash");
    assert_eq!(sign_in(&app, TEST_SITE, "99999-WRONGWRONGWR", "203.0.113.1").await.status(), 401);
    assert_eq!(hashes(&app).await, before + 2, "an unknown id: the same one hash, against a dummy");
    assert_eq!(sign_in(&app, TEST_SITE, "not a code", "203.0.113.1").await.status(), 401);
    assert_eq!(hashes(&app).await, before + 3, "a malformed code: the same");

    let rows = app.storage.sign_in_attempt_counts().await.unwrap();
    for n in 0..20 {
        let resp = sign_in(&app, &format!("made-up-{n}"), &format!("{id}-WRONGWRONGWR"), "203.0.113.2").await;
        assert_error(resp, StatusCode::UNAUTHORIZED, "bad_code", None).await;
    }
    assert_eq!(hashes(&app).await, before + 3, "an unknown site costs no hash");
    assert_eq!(app.storage.sign_in_attempt_counts().await.unwrap(), rows, "and records nothing");
}

async fn attempt_counts_are_pruned_once_their_window_has_passed(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (id, _) = app.add_staff(TEST_SITE, "李四").await;
    assert_eq!(sign_in(&app, TEST_SITE, &format!("{id}-WRONGWRONGWR"), "203.0.113.3").await.status(), 401);
    let kept = app.storage.sign_in_attempt_counts().await.unwrap();
    assert!(kept >= 2, "the client's and the pair's counts, at least");
    let now = mingjing_collector::china_time::now_millis();
    upkeep::tidy(&app.storage, now).await.unwrap();
    assert_eq!(app.storage.sign_in_attempt_counts().await.unwrap(), kept, "a live window is kept");
    upkeep::tidy(&app.storage, now + 2 * 24 * 3_600_000).await.unwrap();
    assert_eq!(app.storage.sign_in_attempt_counts().await.unwrap(), 0, "an ended one goes");
}

async fn sign_ins_failures_and_lockouts_are_audited_without_the_address(backend: Backend) {
    let app = behind_proxy(backend).await;
    let (id, code) = app.add_staff(TEST_SITE, "李四").await;
    for _ in 0..6 {
        sign_in(&app, TEST_SITE, &format!("{id}-WRONGWRONGWR"), "203.0.113.44").await;
    }
    assert_eq!(sign_in(&app, TEST_SITE, &code, "198.51.100.44").await.status(), StatusCode::CREATED);
    let entries = app.storage.audit_entries(Some(TEST_SITE), 0, None, 100).await.unwrap();
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["sign_in_failed"; 5].into_iter().chain(["locked_out", "sign_in"]).collect::<Vec<_>>());
    for e in &entries {
        assert_eq!(e.actor, format!("staff:{id}"));
        assert!(!e.client.contains("203.0.113") && !e.client.contains("198.51.100"), "{e:?}");
        assert_eq!(e.client.len(), 12, "a keyed hash: {e:?}");
    }
    assert_ne!(entries[0].client, entries[1].client, "two addresses, two hashes");
    assert_eq!(entries[1].client, entries[2].client, "one address, one hash");
}

both_backends!(
    five_attempts_lock_the_pair_but_not_the_account_or_the_office,
    parallel_wrong_codes_are_counted_atomically,
    one_client_cannot_roam_across_accounts,
    unknown_ids_cost_one_hash_and_unknown_sites_none,
    attempt_counts_are_pruned_once_their_window_has_passed,
    sign_ins_failures_and_lockouts_are_audited_without_the_address,
);
