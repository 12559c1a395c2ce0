//! Crash safety on SQLite: the collector is killed with SIGKILL at moments of a flood of
//! review POSTs, ten times, and restarted each time. Every review that got a 2xx must be
//! stored exactly once, nothing may be stored twice, and SQLite's integrity check must pass.
//! The same run's log, at debug level, and every public endpoint are then searched for the
//! names and phone numbers the reviews carried.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use sqlx::sqlite::SqliteConnectOptions;

use crate::process::{Collector, Log, admin};

const SITE: &str = "crash-site";
const ORIGIN: &str = "https://crash.example.gov.cn";
const ROUNDS: u64 = 10;
const CLIENTS: usize = 16;
const NAME: &str = "欧阳明月";
const PHONE: &str = "13987654321";

/// A small deterministic generator, so a failure can be replayed with the same kill times.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// POSTs reviews until told to stop; returns (idempotency key, receipt) of every 2xx.
async fn flood(
    base: String,
    client: reqwest::Client,
    worker: usize,
    round: u64,
    stop: Arc<AtomicBool>,
) -> Vec<(String, String)> {
    let mut acknowledged = Vec::new();
    let mut n = 0u32;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let key = format!("crash-{round:02}-{worker:02}-{n:06}");
        let mut body = json!({ "site": SITE, "service": "S1", "rating": 1 + (n % 5), "idempotency_key": key });
        if n % 5 <= 1 {
            body["reasons"] = json!(["long_wait"]);
            body["comment"] = json!("等候时间太长");
            body["contact"] = json!({ "name": NAME, "phone": PHONE, "consent": true });
        }
        let sent = client.post(format!("{base}/api/v1/reviews")).header("origin", ORIGIN).json(&body).send().await;
        match sent {
            Ok(resp) if resp.status().is_success() => {
                if let Ok(answer) = resp.json::<Value>().await {
                    acknowledged.push((key, answer["receipt"].as_str().unwrap_or_default().to_owned()));
                }
            }
            Ok(resp) => assert!(resp.status().as_u16() >= 500, "a review was refused: {}", resp.status()),
            // The collector is gone: this client's round is over.
            Err(_) => break,
        }
    }
    acknowledged
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_reviews_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let log: Log = Arc::default();
    admin(data, None, &["site", "add", "--name", "崩溃测试", "--origin", ORIGIN, "--id", SITE]);
    let config = dir.path().join("review.json");
    std::fs::write(&config, json!({ "open_reviews_per_client_per_hour": 1_000_000 }).to_string()).unwrap();
    admin(data, None, &["site", "configure", "--id", SITE, "--review-config", config.to_str().unwrap()]);

    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let mut random = Lcg(20_261_128);
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    for round in 0..ROUNDS {
        let collector = Collector::start(data, None, &log);
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..CLIENTS)
            .map(|w| tokio::spawn(flood(collector.base.clone(), client.clone(), w, round, stop.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(150 + random.next(600))).await;
        collector.kill();
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            acknowledged.extend(worker.await.unwrap());
        }
    }
    assert!(acknowledged.len() > 100, "the flood was too thin to prove anything: {}", acknowledged.len());

    // After a last restart (which replays SQLite's write-ahead log), check the file itself.
    let collector = Collector::start(data, None, &log);
    let options = SqliteConnectOptions::new().filename(data.join("mingjing.db")).read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&pool).await.unwrap();
    assert_eq!(integrity, "ok");
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT idempotency_key, receipt FROM reviews WHERE site_id = $1")
        .bind(SITE)
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut stored: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, receipt) in rows {
        stored.entry(key).or_default().push(receipt);
    }
    assert!(stored.values().all(|receipts| receipts.len() == 1), "a review is stored twice");
    for (key, receipt) in &acknowledged {
        assert_eq!(
            stored.get(key),
            Some(&vec![receipt.clone()]),
            "review {key} was acknowledged but is not stored as answered"
        );
    }
    eprintln!("{} reviews acknowledged over {ROUNDS} kills; {} stored", acknowledged.len(), stored.len());

    // Privacy: the public endpoints and the whole log never show a reviewer's name or phone.
    let mut public = Vec::new();
    for path in [
        format!("/api/v1/stats?site={SITE}"),
        format!("/api/v1/sites/{SITE}/config"),
        format!("/api/v1/stats/supervision?site={SITE}"),
        "/api/v1/services?q=qysl".to_owned(),
        "/api/v1/health".to_owned(),
        "/api/v1/openapi.json".to_owned(),
        "/metrics".to_owned(),
    ] {
        public.push(client.get(format!("{}{path}", collector.base)).send().await.unwrap().text().await.unwrap());
    }
    for (_, receipt) in acknowledged.iter().take(50) {
        let url = format!("{}/api/v1/reviews/{receipt}", collector.base);
        public.push(client.get(url).send().await.unwrap().text().await.unwrap());
    }
    collector.kill();
    let logged = log.lock().unwrap().join("\n");
    assert!(logged.contains("POST") || logged.contains("/api/v1/reviews"), "the log captured the requests");
    let masked = format!("{}****{}", &PHONE[..3], &PHONE[7..]);
    for text in public.iter().chain(std::iter::once(&logged)) {
        for secret in [NAME, PHONE, &masked] {
            assert!(!text.contains(secret), "{secret} appears in public output or the log");
        }
    }
}
