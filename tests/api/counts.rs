//! The published figures are maintained counts: after any mix of reviews (some received on
//! past days), system defaults, follow-up steps and exclusions, the counts the changes kept
//! up to date equal a recount from the reviews, and the figures do not move when the
//! counts are rebuilt; over any range of days (whole years read from the yearly rows, the
//! months at their edges from the monthly rows, the edge days from the daily ones) the
//! figures equal those summed from the recount's days. Folding PostgreSQL's count shards
//! changes no figure, and folding while reviews arrive refuses none of them. The stats
//! route's queries read only the count tables.

use mingjing_collector::china_time::{iso, today_date};
use mingjing_collector::cli::stats::{self as stats_admin, StatsCommand};
use mingjing_collector::reviews::system_default;
use mingjing_collector::storage::{ALL_SERVICES, CountsSnapshot, Grain, StatsFilter, SummedCounts};
use mingjing_domain::follow_up::{Stage, StepKind};
use mingjing_tests::app::TEST_SITE;
use mingjing_tests::builders::{SERVICE, review, stored_review, transaction};
use mingjing_tests::{Backend, TestApp, both_backends};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use time::{Date, Duration};

/// Two services of the demo catalogue, so that the service filter has something to split.
const SERVICES: [&str; 2] = [SERVICE, "11530100MJ0001001W3001030002000"];

struct Staff {
    asker: String,
    approver: String,
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> u16 {
    app.client.post(app.url(path)).bearer_auth(token).json(&body).send().await.unwrap().status().as_u16()
}

/// The next step a poor review allows, with a choice made at random, or `None` once closed.
fn next_step(rng: &mut StdRng, stage: Stage, named: bool) -> Option<Value> {
    Some(match stage.next_step(named)? {
        StepKind::CallBack => json!({"kind": "call_back", "reached": rng.gen_bool(0.7), "note": "已回访"}),
        StepKind::Verify => {
            let verification = ["confirmed", "confirmed", "not_confirmed", "appealed_mistaken"][rng.gen_range(0..4)];
            json!({"kind": "verify", "verification": verification, "note": "已核实"})
        }
        StepKind::Decide => match rng.gen_range(0..3) {
            0 => json!({"kind": "decide", "outcome": "fixed_on_the_spot", "note": "立行立改"}),
            1 => json!({"kind": "decide", "outcome": "explanation", "note": "解释说明"}),
            _ => {
                json!({"kind": "decide", "outcome": "rectification_plan", "note": "限期整改", "plan_due": "2031-06-30"})
            }
        },
        StepKind::Rectified => json!({"kind": "rectified", "note": "已整改"}),
        StepKind::Reply => json!({"kind": "reply", "reply": "感谢您的监督"}),
    })
}

/// One change at random: a review now, one on a past day, a system default, a step on a
/// poor review, or an exclusion asked for and decided.
async fn random_change(app: &TestApp, rng: &mut StdRng, staff: &Staff, poor: &mut Vec<String>, n: usize) {
    match rng.gen_range(0..10) {
        0..=2 => {
            let rating = rng.gen_range(1..=5);
            let mut body = review(SERVICES[rng.gen_range(0..2)], rating, &format!("counts-review-{n:06}"));
            if rating <= 2 {
                body = body.long_wait();
                if rng.gen_bool(0.5) {
                    body = body.named();
                }
            }
            let resp = app.post_json("/api/v1/reviews", &body).await;
            assert_eq!(resp.status(), 201);
            if rating <= 2 {
                poor.push(resp.json::<Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned());
            }
        }
        3 => {
            // Up to 60 days back, a due date a week later, either side of today.
            let at = mingjing_collector::china_time::now_millis() - rng.gen_range(0..60) * 86_400_000;
            let rating = rng.gen_range(1..=5);
            let due =
                mingjing_collector::china_time::iso(mingjing_collector::china_time::china_date(at + 7 * 86_400_000));
            let mut stored = stored_review(rating, at, (rating <= 2).then_some(due.as_str()));
            stored.service_code = SERVICES[rng.gen_range(0..2)].to_owned();
            let receipt = app.storage.insert_review(&stored).await.unwrap().receipt;
            if rating <= 2 {
                poor.push(receipt);
            }
        }
        4 => {
            let no = format!("COUNTS-{n:06}");
            let t = transaction(&no).between("2025-06-02T09:00:00+08:00", "2025-06-02T16:30:00+08:00");
            assert!(app.register_transaction(&t).await.status().is_success());
            system_default::run_once(&app.storage, mingjing_collector::china_time::now_millis()).await.unwrap();
        }
        5..=7 if !poor.is_empty() => {
            let receipt = &poor[rng.gen_range(0..poor.len())];
            let path = format!("/api/v1/desk/reviews/{receipt}");
            let detail: Value =
                app.client.get(app.url(&path)).bearer_auth(&staff.asker).send().await.unwrap().json().await.unwrap();
            let stage: Stage = serde_json::from_value(detail["item"]["stage"].clone()).unwrap();
            if let Some(step) = next_step(rng, stage, detail["item"]["named"] == true) {
                assert_eq!(post(app, &staff.asker, &format!("{path}/steps"), step).await, 200);
            }
        }
        8..=9 if !poor.is_empty() => {
            let receipt = poor[rng.gen_range(0..poor.len())].clone();
            let ask = format!("/api/v1/desk/reviews/{receipt}/exclusion");
            let category = if rng.gen_bool(0.5) { "mistaken" } else { "malicious" };
            if post(app, &staff.asker, &ask, json!({"category": category, "reason": "经核查申请剔除"})).await == 200
            {
                let decision = json!({"approve": rng.gen_bool(0.6), "note": "审核意见"});
                assert_eq!(post(app, &staff.approver, &format!("{ask}/decision"), decision).await, 200);
            }
        }
        _ => {}
    }
}

async fn stats(app: &TestApp, query: &str) -> Value {
    app.get(&format!("/api/v1/stats?site={TEST_SITE}{query}")).await.json().await.unwrap()
}

/// Ranges that start and end inside months and at their edges, open or closed, over the
/// sixty days the changes spread over.
fn ranges() -> Vec<(Option<Date>, Option<Date>)> {
    let today = today_date();
    let first_of_month = today.replace_day(1).unwrap();
    let last_of_previous = first_of_month.previous_day().unwrap();
    vec![
        (Some(today - Duration::days(45)), Some(today - Duration::days(3))),
        (Some(last_of_previous.replace_day(1).unwrap()), Some(today)),
        (Some(today - Duration::days(59)), Some(last_of_previous)),
        (Some(today - Duration::days(20)), None),
        (None, Some(today - Duration::days(30))),
        (Some(today - Duration::days(2)), Some(today - Duration::days(1))),
        (None, None),
        // Whole years, with and without the current one's months and days.
        (Some(Date::from_calendar_date(today.year() - 1, time::Month::January, 1).unwrap()), Some(today)),
        (Some(Date::from_calendar_date(today.year(), time::Month::January, 1).unwrap()), None),
        (Some(time::macros::date!(2020 - 01 - 01)), Some(time::macros::date!(2099 - 12 - 31))),
    ]
}

/// The site's counts over a range, summed from a recount's daily rows.
fn from_days(snapshot: &CountsSnapshot, from: Option<Date>, to: Option<Date>) -> SummedCounts {
    let (from, to) = (from.map_or_else(String::new, iso), to.map_or_else(|| "~".to_owned(), iso));
    let within = |site: &str, service: &str, day: &str| {
        site == TEST_SITE && service == ALL_SERVICES && from.as_str() <= day && day <= to.as_str()
    };
    let mut summed = SummedCounts::default();
    for (k, counters) in &snapshot.counts {
        if k.grain == Grain::Day && within(&k.site_id, &k.service_code, &k.period) {
            summed.counters.add(counters, 1);
        }
    }
    let today = iso(today_date());
    for (k, n) in &snapshot.open {
        if within(&k.site_id, &k.service_code, &k.day) && k.due_date < today {
            summed.overdue_open += n;
        }
    }
    summed
}

/// The site's counts over a range, as the stats route reads them.
async fn from_counts(app: &TestApp, from: Option<Date>, to: Option<Date>) -> SummedCounts {
    let filter = StatsFilter { site_id: TEST_SITE, service_code: None, services_in: None, from, to };
    app.storage.summed_counts(&filter, &iso(today_date())).await.unwrap()
}

/// Folds the count shards; on PostgreSQL, where writers spread over shards, checks that
/// some were folded and that none is left.
async fn fold_shards(app: &TestApp, backend: Backend) {
    let folded = app.storage.fold_count_shards().await.unwrap();
    let left = app.count_sql("SELECT COUNT(*) FROM review_counts WHERE shard > 0").await
        + app.count_sql("SELECT COUNT(*) FROM open_follow_up_counts WHERE shard > 0").await;
    assert_eq!((left, folded.deferred), (0, 0), "shards are left: {folded:?}");
    match backend {
        Backend::Postgres => assert!(folded.count_rows > 0, "the reviews were spread over shards"),
        Backend::Sqlite => assert_eq!(folded, Default::default(), "SQLite writes shard 0 only"),
    }
}

async fn maintained_counts_equal_a_recount_after_any_mix_of_changes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let site = mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap();
    let settings = json!({ "review": { "open_reviews_per_client_per_hour": 1000 } });
    assert!(app.storage.set_site_config(&site, &settings).await.unwrap());
    let (_, code) = app.add_staff(TEST_SITE, "李四").await;
    let asker = app.staff_session(TEST_SITE, &code).await;
    let (approver_id, code) = app.add_staff(TEST_SITE, "王五").await;
    app.storage.set_staff_approver(approver_id, true).await.unwrap();
    let staff = Staff { asker, approver: app.staff_session(TEST_SITE, &code).await };
    let mut poor = Vec::new();
    let mut n = 0;
    for seed in [7, 1_234, 99_001] {
        let mut rng = StdRng::seed_from_u64(seed);
        for _ in 0..40 {
            random_change(&app, &mut rng, &staff, &mut poor, n).await;
            n += 1;
        }
        if seed == 1_234 {
            fold_shards(&app, backend).await;
        }
        let (kept, recounted) = (app.storage.counts().await.unwrap(), app.storage.recount().await.unwrap());
        assert_eq!(kept, recounted, "after seed {seed}");
        for (from, to) in ranges() {
            let expected = from_days(&recounted, from, to);
            assert_eq!(from_counts(&app, from, to).await, expected, "{from:?}..={to:?} after seed {seed}");
        }
    }
    assert!(!app.storage.counts().await.unwrap().counts.is_empty());
    let queries = ["", &format!("&service={SERVICE}"), "&from=2020-01-01&to=2099-12-31"];
    let mut before = Vec::new();
    for q in queries {
        before.push(stats(&app, q).await);
    }
    app.storage.rebuild_counts().await.unwrap();
    for (q, was) in queries.iter().zip(before) {
        assert_eq!(stats(&app, q).await, was, "the figures for {q:?} moved on a rebuild");
    }
}

async fn the_stats_commands_check_and_rebuild_the_counts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 4, "counts-command-0001")).await.status(), 201);
    stats_admin::run(&app.storage, StatsCommand::Check).await.unwrap();
    app.execute_sql("UPDATE review_counts SET open_4 = open_4 + 1").await;
    assert!(stats_admin::run(&app.storage, StatsCommand::Check).await.is_err(), "a drift is reported");
    assert_eq!(stats(&app, "").await["all"]["count"], 2, "the figures read the counts");
    stats_admin::run(&app.storage, StatsCommand::Rebuild).await.unwrap();
    stats_admin::run(&app.storage, StatsCommand::Check).await.unwrap();
    assert_eq!(stats(&app, "").await["all"]["count"], 1);
}

async fn the_stats_queries_read_only_the_count_tables(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let codes = SERVICES.map(str::to_owned);
    let filters = [
        StatsFilter { site_id: TEST_SITE, service_code: None, services_in: None, from: None, to: None },
        StatsFilter {
            site_id: TEST_SITE,
            service_code: Some(SERVICE),
            services_in: None,
            from: Some(time::macros::date!(2026 - 01 - 15)),
            to: Some(time::macros::date!(2026 - 12 - 20)),
        },
        StatsFilter { site_id: TEST_SITE, service_code: None, services_in: Some(&codes), from: None, to: None },
    ];
    for filter in &filters {
        let plans = app.storage.stats_query_plans(filter, "2026-12-03").await.unwrap().join("\n");
        for table in ["review_counts", "open_follow_up_counts"] {
            assert!(plans.contains(table), "{table} is not in the plans:\n{plans}");
        }
        assert!(!plans.contains("reviews"), "a stats query reads the reviews:\n{plans}");
    }
}

/// Reviews arrive from many connections while the shards are folded over and over: every
/// review is stored (a fold gives way to a writer rather than the other way round), and the
/// counts still equal a recount.
async fn folding_while_reviews_arrive_refuses_none_and_loses_no_count(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let site = mingjing_domain::site::SiteId::parse(TEST_SITE).unwrap();
    let settings = json!({ "review": { "open_reviews_per_client_per_hour": 1000 } });
    assert!(app.storage.set_site_config(&site, &settings).await.unwrap());
    let done = std::sync::atomic::AtomicBool::new(false);
    let folding = async {
        let mut folds = 0u32;
        while !done.load(std::sync::atomic::Ordering::Relaxed) {
            app.storage.fold_count_shards().await.expect("a fold fails only by giving way");
            folds += 1;
            // SQLite has nothing to fold and answers at once: let the writers run.
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        folds
    };
    let writing = async {
        for wave in 0..4 {
            let posts = (0..16).map(|i| {
                let rating = 1 + i64::try_from(i % 5).unwrap();
                let body = review(SERVICES[i % 2], rating, &format!("fold-race-review-{wave}-{i:04}"));
                let body = if i % 5 < 2 { body.long_wait() } else { body };
                let app = &app;
                async move { app.post_json("/api/v1/reviews", &body).await.status().as_u16() }
            });
            let statuses = futures_util::future::join_all(posts).await;
            assert!(statuses.iter().all(|s| *s == 201), "wave {wave}: {statuses:?}");
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let (folds, ()) = tokio::join!(folding, writing);
    assert!(folds > 0);
    let folded = app.storage.fold_count_shards().await.unwrap();
    let left = app.count_sql("SELECT COUNT(*) FROM review_counts WHERE shard > 0").await;
    assert_eq!((left, folded.deferred), (0, 0), "{folded:?}");
    let (kept, recounted) = (app.storage.counts().await.unwrap(), app.storage.recount().await.unwrap());
    assert_eq!(kept, recounted);
    assert_eq!(stats(&app, "").await["all"]["count"], 64);
}

both_backends!(
    folding_while_reviews_arrive_refuses_none_and_loses_no_count,
    maintained_counts_equal_a_recount_after_any_mix_of_changes,
    the_stats_commands_check_and_rebuild_the_counts,
    the_stats_queries_read_only_the_count_tables,
);
