//! PostgreSQL restarted under a running collector: while the database is down the collector
//! answers 503 with Retry-After (never a 500, never a crash), and it recovers by itself.

use std::time::Duration;

use serde_json::{Value, json};

use crate::process::{Collector, Log, admin};
use mingjing_testkit::postgres::ThrowawayPostgres;

const SITE: &str = "restart-site";
const ORIGIN: &str = "https://restart.example.gov.cn";

async fn review(client: &reqwest::Client, base: &str, key: &str) -> reqwest::Response {
    let body = json!({ "site": SITE, "service": "S1", "rating": 5, "idempotency_key": key });
    client.post(format!("{base}/api/v1/reviews")).header("origin", ORIGIN).json(&body).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_restart_gives_503_then_recovers_without_help() {
    if mingjing_tests::backend::postgres_skipped() {
        return;
    }
    // A server of the test's own, so that stopping it leaves the other tests' server alone.
    let postgres = ThrowawayPostgres::start()
        .unwrap_or_else(|e| panic!("{e:#}: run the tests with `cargo xtask test`, or set MINGJING_SKIP_POSTGRES=1"));
    let url = postgres.url();
    let dir = tempfile::tempdir().unwrap();
    admin(dir.path(), Some(&url), &["site", "add", "--name", "重启测试", "--origin", ORIGIN, "--id", SITE]);
    let log: Log = Default::default();
    let collector = Collector::start(dir.path(), Some(&url), &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap();
    assert_eq!(review(&client, &collector.base, "restart-key-before-01").await.status(), 201);

    postgres.stop_immediately().unwrap();
    let mut statuses = Vec::new();
    for i in 0..3 {
        let resp = review(&client, &collector.base, &format!("restart-key-during-{i:02}")).await;
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get("retry-after").is_some();
        let body: Value = resp.json().await.unwrap();
        assert_eq!((status, retry_after, body["error"]["code"].as_str()), (503, true, Some("unavailable")), "{body}");
        statuses.push(status);
    }
    let health = client.get(format!("{}/api/v1/health", collector.base)).send().await.unwrap();
    assert_eq!(health.status(), 503, "health says the database is down");

    postgres.start_again().unwrap();
    let took = collector.wait_for_status(&client, "/api/v1/health", 200, Duration::from_secs(30)).await;
    eprintln!("recovered {took:?} after PostgreSQL came back");
    let after = review(&client, &collector.base, "restart-key-after-001").await;
    assert_eq!(after.status(), 201, "reviews are stored again without a restart of the collector");
    // The 503s stored nothing; a retry of one of them is stored now, once.
    assert_eq!(review(&client, &collector.base, "restart-key-during-00").await.status(), 201);
    assert_eq!(review(&client, &collector.base, "restart-key-during-00").await.status(), 200);
    collector.kill();
    let logged = log.lock().unwrap().join("\n");
    assert!(!logged.contains("panicked"), "the collector panicked:\n{logged}");
}
