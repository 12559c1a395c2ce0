//! An export's memory does not grow with its size: 120,000 reviews (a file of about 54 MB)
//! leave the collector process's peak memory within 16 MB of where it was, because rows are
//! streamed a batch at a time. What it does add is bounded by the connections' SQLite page
//! caches and a few batches, whatever the number of rows (seen: +9 MB for 40,000 rows and
//! +7 MB for 120,000, in a debug build).

use std::time::{Duration, Instant};

use mingjing_collector::storage::Storage;
use mingjing_tests::builders::stored_review;
use serde_json::{Value, json};

use crate::process::{Collector, Log, admin};

const SITE: &str = "export-site";
const ORIGIN: &str = "https://export.example.gov.cn";
const REVIEWS: usize = 120_000;
/// What the collector may add to its peak while exporting all of them.
const MAX_GROWTH: u64 = 16 << 20;

/// Writes the reviews through the group-commit writer's storage function, 2,000 a commit.
async fn load(data_dir: &std::path::Path) {
    let storage = Storage::open_sqlite(&data_dir.join("mingjing.db")).await.unwrap();
    let Storage::Sqlite(pool) = &storage else { unreachable!("a SQLite file") };
    let comment = "窗口排队两个小时没人管，叫号系统也不显示，希望增加窗口并在高峰期安排引导人员。".repeat(3);
    let day = 1_767_225_600_000; // 2026-01-01 in China
    let rows: Vec<_> = (0..REVIEWS)
        .map(|n| {
            let mut r = stored_review(1, day + i64::try_from(n).unwrap() * 1_000, Some("2026-01-09"));
            r.site_id = SITE.to_owned();
            r.comment = Some(comment.clone());
            r
        })
        .collect();
    for chunk in rows.chunks(2_000) {
        for outcome in Storage::insert_reviews_together(pool, chunk).await.unwrap() {
            assert!(outcome.unwrap().created);
        }
    }
    storage.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_120_000_reviews_takes_a_few_megabytes_not_the_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::default();
    admin(dir.path(), None, &["site", "add", "--name", "导出测试", "--origin", ORIGIN, "--id", SITE]);
    let added = admin(dir.path(), None, &["staff", "add", "--site", SITE, "--name", "李四"]);
    let code = added.lines().find_map(|l| l.strip_prefix("access_code=")).unwrap().to_owned();
    load(dir.path()).await;
    let collector = Collector::start(dir.path(), None, &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(120)).build().unwrap();
    let session: Value = client
        .post(format!("{}/api/v1/staff/session", collector.base))
        .json(&json!({ "site": SITE, "code": code }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["token"].as_str().unwrap().to_owned();
    let export =
        |query: String| client.get(format!("{}/api/v1/desk/export?{query}", collector.base)).bearer_auth(&token).send();
    // Every path an export takes, once, on the last 600 rows: what stays is the baseline.
    let warm = export(format!("format=csv&after={}", REVIEWS - 600)).await.unwrap();
    assert_eq!(warm.status(), 200);
    assert_eq!(warm.text().await.unwrap().lines().count(), 601);
    let baseline = collector.peak_memory();

    let started = Instant::now();
    let mut resp = export("format=csv".to_owned()).await.unwrap();
    assert_eq!(resp.status(), 200);
    let (mut bytes, mut lines) = (0usize, 0usize);
    while let Some(chunk) = resp.chunk().await.unwrap() {
        bytes += chunk.len();
        lines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    let took = started.elapsed();
    let peak = collector.peak_memory();
    eprintln!(
        "exported {REVIEWS} reviews, {} MiB, in {took:?}; peak memory {} MiB, {} MiB before",
        bytes >> 20,
        peak >> 20,
        baseline >> 20
    );
    assert_eq!(lines, REVIEWS + 1, "a header and every review");
    assert!(bytes > 3 * MAX_GROWTH as usize, "the file ({bytes} bytes) is far bigger than the growth allowed");
    assert!(peak - baseline < MAX_GROWTH, "peak memory grew by {} MiB", (peak - baseline) >> 20);
    collector.kill();
}
