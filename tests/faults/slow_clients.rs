//! Clients that hold resources without using them: sockets that never send a request (or
//! stop half-way through the head, or idle after one), made-up `Origin` headers by the
//! thousand, and made-up HTTP methods. None of them may starve anyone else or grow the
//! collector's memory.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::process::{Collector, Log, admin};

const SITE: &str = "slow-site";
const ORIGIN: &str = "https://slow.example.gov.cn";
const SILENT_SOCKETS: usize = 1_100;
const HEADER_TIMEOUT_SECS: u64 = 3;

fn setup() -> (tempfile::TempDir, Log) {
    let dir = tempfile::tempdir().unwrap();
    admin(dir.path(), None, &["site", "add", "--name", "慢速测试", "--origin", ORIGIN, "--id", SITE]);
    (dir, Log::default())
}

/// Waits until the server closes the socket (end of stream or a reset), up to `limit`.
async fn closed_within(mut stream: TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(limit.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            // A 408 or similar before the close is fine; keep reading to the close.
            Ok(Ok(_)) => continue,
            Err(_) => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_idle_sockets_are_closed_and_starve_nobody() {
    // This process holds the client ends: more than a default soft limit of 1,024.
    rlimit::increase_nofile_limit(u64::MAX).unwrap();
    let (dir, log) = setup();
    let timeout = HEADER_TIMEOUT_SECS.to_string();
    let collector = Collector::start_with(dir.path(), None, &log, &["--header-timeout-secs", &timeout]);
    let mut silent = Vec::with_capacity(SILENT_SOCKETS);
    for n in 0..SILENT_SOCKETS {
        let mut stream = TcpStream::connect(collector.address()).await.unwrap();
        if n % 2 == 1 {
            // Half stop in the middle of the head, as a slowloris client does.
            stream.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        }
        silent.push(stream);
    }
    // A connection that made one request and then idles with keep-alive.
    let mut idle = TcpStream::connect(collector.address()).await.unwrap();
    idle.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut first = [0u8; 256];
    let n = idle.read(&mut first).await.unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"));

    // With all of them open, everyone else is still served.
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap();
    let health = client.get(format!("{}/api/v1/health", collector.base)).send().await.unwrap();
    assert_eq!(health.status(), 200, "served while {SILENT_SOCKETS} sockets say nothing");

    // Each is closed by the server within the header timeout (and a margin for a busy machine).
    let limit = Duration::from_secs(HEADER_TIMEOUT_SECS + 12);
    let closes = futures_util::future::join_all(silent.into_iter().map(|s| closed_within(s, limit))).await;
    let open = closes.iter().filter(|c| c.is_none()).count();
    assert_eq!(open, 0, "{open} of {SILENT_SOCKETS} silent sockets still open after {limit:?}");
    let slowest = closes.iter().flatten().max().copied().unwrap_or_default();
    eprintln!("{SILENT_SOCKETS} silent sockets closed, the last after {slowest:?}");
    assert!(closed_within(idle, limit).await.is_some(), "an idle keep-alive connection is closed too");
}

fn series(metrics: &str) -> BTreeSet<String> {
    metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.rsplit_once(' ').map_or(l, |(name, _)| name).to_owned())
        .collect()
}

/// Requests with unique made-up methods and paths: three kinds of path, each new every time.
async fn strange_requests(client: &reqwest::Client, base: &str, from: usize, count: usize) {
    let requests = (from..from + count).map(|n| {
        let method = reqwest::Method::from_bytes(format!("M{n:X}Q").as_bytes()).unwrap();
        let path = match n % 3 {
            0 => format!("/api/v1/nothing-{n}"),
            1 => format!("/widgets/nothing-{n}.js"),
            _ => format!("/nothing-{n}"),
        };
        let method = if n % 4 == 0 { reqwest::Method::GET } else { method };
        client.request(method, format!("{base}{path}")).send()
    });
    let answers = futures_util::stream::iter(requests).buffer_unordered(16);
    futures_util::StreamExt::for_each(answers, |r| async move {
        assert!(r.unwrap().status().is_client_error());
    })
    .await;
}

use futures_util::StreamExt as _;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_methods_and_origins_add_no_metric_series_and_no_memory() {
    let (dir, log) = setup();
    let collector = Collector::start(dir.path(), None, &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap();
    let metrics =
        || async { client.get(format!("{}/metrics", collector.base)).send().await.unwrap().text().await.unwrap() };

    strange_requests(&client, &collector.base, 0, 24).await;
    metrics().await; // so that /metrics itself is among the series before
    let before = metrics().await;
    strange_requests(&client, &collector.base, 24, 5_000).await;
    let after = metrics().await;
    assert!(after.contains("mingjing_http_request_duration_seconds_count{method=\"other\""), "{after}");
    eprintln!("/metrics: {} bytes before 5,000 made-up requests, {} bytes after", before.len(), after.len());
    assert_eq!(series(&before), series(&after), "5,000 made-up methods and paths add no series");

    let cache_bytes = |text: &str| -> u64 {
        let line = text.lines().find(|l| l.starts_with("mingjing_site_cache_bytes ")).expect("the gauge");
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let review = json!({ "site": SITE, "service": "S1", "rating": 4, "idempotency_key": "origin-flood-00001" });
    let real = client.post(format!("{}/api/v1/reviews", collector.base)).header("origin", ORIGIN).json(&review);
    assert_eq!(real.send().await.unwrap().status(), 201, "a real review loads the registered sites");
    let cached = cache_bytes(&metrics().await);
    assert!(cached > 0);
    let resident_before = collector.resident_memory();
    let floods = (0..10_000).map(|n| {
        // Unique and 60 KB long, or unique, short and well formed but registered by nobody.
        let origin = if n % 2 == 0 {
            format!("https://{n}{}.example", "a".repeat(60_000))
        } else {
            format!("https://unregistered-{n}.example")
        };
        client.post(format!("{}/api/v1/reviews", collector.base)).header("origin", origin).json(&review).send()
    });
    let answers = futures_util::stream::iter(floods).buffer_unordered(16);
    answers
        .for_each(|r| async move {
            let status = r.unwrap().status().as_u16();
            assert!(status == 422 || status == 403, "refused with a 4xx, got {status}");
        })
        .await;
    let resident_after = collector.resident_memory();
    eprintln!(
        "10,000 made-up origins: resident memory {:.1} MB before, {:.1} MB after; site cache {cached} bytes",
        resident_before as f64 / 1e6,
        resident_after as f64 / 1e6
    );
    assert_eq!(cache_bytes(&metrics().await), cached, "the site cache holds only what is registered");
    assert!(cached < 64 * 1024, "one registered site: {cached} bytes");
    assert!(
        resident_after < resident_before + 32 * 1024 * 1024,
        "memory grew from {resident_before} to {resident_after} bytes"
    );
}
