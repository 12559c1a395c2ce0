//! Hostile clients against the collector process: bodies sent too slowly are cut off
//! (408) without holding the server, and floods of oversized or deeply nested JSON are
//! refused quickly without the process's memory growing with them.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::process::{Collector, Log, admin};

const SITE: &str = "abuse-site";
const ORIGIN: &str = "https://abuse.example.gov.cn";

fn setup() -> (tempfile::TempDir, Log) {
    let dir = tempfile::tempdir().unwrap();
    admin(dir.path(), None, &["site", "add", "--name", "滥用测试", "--origin", ORIGIN, "--id", SITE]);
    let config = dir.path().join("review.json");
    std::fs::write(&config, json!({ "open_reviews_per_client_per_hour": 100_000 }).to_string()).unwrap();
    admin(dir.path(), None, &["site", "configure", "--id", SITE, "--review-config", config.to_str().unwrap()]);
    (dir, Log::default())
}

async fn review(client: &reqwest::Client, base: &str, key: &str) -> u16 {
    let body = json!({ "site": SITE, "service": "S1", "rating": 4, "idempotency_key": key });
    let resp = client.post(format!("{base}/api/v1/reviews")).header("origin", ORIGIN).json(&body).send().await.unwrap();
    resp.status().as_u16()
}

/// Starts a request whose body never finishes arriving.
async fn dribble(address: &str) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/reviews HTTP/1.1\r\nHost: {address}\r\nOrigin: {ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{{\"site\":\"{SITE}\","
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_are_cut_off_without_holding_the_server() {
    let (dir, log) = setup();
    let collector = Collector::start_with(dir.path(), None, &log, &["--request-timeout-secs", "2"]);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let started = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..64 {
        slow.push(dribble(collector.address()).await);
    }
    // While 64 bodies hang, other people are served as usual.
    for i in 0..20 {
        assert_eq!(review(&client, &collector.base, &format!("served-meanwhile-{i:04}")).await, 201);
    }
    for mut stream in slow {
        let mut answer = vec![0u8; 64];
        let n =
            tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer)).await.expect("an answer").unwrap();
        let status_line = String::from_utf8_lossy(&answer[..n]).lines().next().unwrap_or_default().to_owned();
        assert!(status_line.starts_with("HTTP/1.1 408"), "a slow body got {status_line:?}");
    }
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(10), "cut off after {waited:?}");
    let stored: serde_json::Value =
        client.get(format!("{}/api/v1/stats?site={SITE}", collector.base)).send().await.unwrap().json().await.unwrap();
    assert_eq!(stored["all"]["count"], 20, "only the complete reviews were stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_and_deeply_nested_bodies_are_refused_without_memory_growth() {
    let (dir, log) = setup();
    let collector = Collector::start(dir.path(), None, &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    assert_eq!(review(&client, &collector.base, "before-the-flood-0001").await, 201);
    let baseline = collector.peak_memory();
    let huge = format!(r#"{{"site":"{SITE}","comment":"{}"}}"#, "长".repeat(4 * 1024 * 1024));
    let nested = format!("{}1{}", "[".repeat(30_000), "]".repeat(30_000));
    let started = Instant::now();
    for round in 0..16 {
        for (body, expected) in [(&huge, 413u16), (&nested, 400)] {
            let resp = client
                .post(format!("{}/api/v1/reviews", collector.base))
                .header("origin", ORIGIN)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await;
            // A server may close the connection once it has refused an oversized body.
            if let Ok(resp) = resp {
                assert_eq!(resp.status().as_u16(), expected, "round {round}");
            }
        }
    }
    let took = started.elapsed();
    let peak = collector.peak_memory();
    eprintln!(
        "32 hostile bodies refused in {took:?}; peak memory {} MiB (baseline {} MiB)",
        peak >> 20,
        baseline >> 20
    );
    assert!(took < Duration::from_secs(8), "refusing took {took:?}");
    assert!(peak < baseline + 64 * 1024 * 1024, "memory grew from {baseline} to {peak} bytes");
    assert_eq!(review(&client, &collector.base, "after-the-flood-00001").await, 201, "still serving");
}

/// Sites are remembered for a second: an origin that `mingjing site add` (another process)
/// registers while the collector runs is accepted within about a second, not at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_origin_registered_by_another_process_is_accepted_within_a_second() {
    let (dir, log) = setup();
    let collector = Collector::start(dir.path(), None, &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let late = "https://late.example.gov.cn";
    let post = |key: &'static str| {
        let body = json!({ "site": SITE, "service": "S1", "rating": 4, "idempotency_key": key });
        client.post(format!("{}/api/v1/reviews", collector.base)).header("origin", late).json(&body).send()
    };
    assert_eq!(post("late-origin-key-0001").await.unwrap().status(), 403);
    admin(dir.path(), None, &["site", "add", "--name", "滥用测试", "--origin", late, "--id", SITE, "--if-missing"]);
    // A refused review stores nothing, so the same one is sent until the cache has the
    // origin; the site cache refreshes every second, so five is generous.
    let started = Instant::now();
    loop {
        let status = post("late-origin-key-0002").await.unwrap().status();
        if status != 403 {
            assert_eq!(status, 201);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "the new origin was still refused after 5 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
