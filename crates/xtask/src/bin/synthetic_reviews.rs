//! Loads a generated history of reviews for the scale benchmark, through the collector's
//! own storage functions (the group-commit writer's on SQLite, the review route's on
//! PostgreSQL), so the maintained counts are kept exactly as live traffic keeps them:
//! `synthetic-reviews --database URL --site SITE --reviews N --services K`.
//!
//! The services are the first `K` items of the collector's synthetic catalogue, the one the
//! benchmark imports, so that a department's figures find them. The reviews spread evenly
//! over the 365 days before now; one in ten is poor, with a due date ten days on, and about
//! a third of those left a call-back contact.

use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use mingjing_collector::catalog::index::synthetic_catalog;
use mingjing_collector::china_time::{china_date, now_millis};
use mingjing_collector::storage::{NewReview, Storage};

#[derive(Debug, Parser)]
#[command(about = "Load generated reviews (demo data) through the collector's storage, for benchmarks")]
struct Args {
    /// `postgres://…`, or a SQLite file.
    #[arg(long)]
    database: String,
    #[arg(long)]
    site: String,
    #[arg(long, default_value_t = 200_000)]
    reviews: u64,
    #[arg(long, default_value_t = 200)]
    services: u32,
}

/// Reviews per group commit on SQLite, and per writer task on PostgreSQL.
const BATCH: u64 = 5_000;
const DAY_MS: i64 = 86_400_000;

fn review(n: u64, total: u64, site: &str, codes: &[String], now: i64) -> NewReview {
    // An even spread over the year, oldest first, as a year of traffic would arrive.
    let span = 365 * DAY_MS;
    let created_at = now - span + i64::try_from(n * (span as u64 / total.max(1))).unwrap_or(0);
    // Skewed towards the first services, as real traffic is.
    let service = &codes[(n % 7 * n % 13 + n) as usize % codes.len()];
    let rating = match n % 20 {
        0 => 1,
        1 => 2,
        2 | 3 => 3,
        4..=8 => 4,
        _ => 5,
    };
    let poor = rating <= 2;
    let named = poor && n.is_multiple_of(3);
    let due = china_date(created_at + 10 * DAY_MS);
    NewReview {
        receipt: format!("G{n:011}"),
        site_id: site.to_owned(),
        service_code: service.clone(),
        rating,
        dimensions_json: "[]".to_owned(),
        reasons_json: if poor { r#"["long_wait"]"# } else { "[]" }.to_owned(),
        comment: poor.then(|| "窗口排队时间较长，希望增加窗口。".to_owned()),
        channel: i64::try_from(n % 6 + 1).unwrap_or(1),
        verified: n.is_multiple_of(3),
        idempotency_key: format!("synthetic-{n:012}"),
        created_at,
        transaction: None,
        contact_sealed: named.then(|| "generated-demo-contact".to_owned()),
        contact_phone_masked: named.then(|| "139****0000".to_owned()),
        follow_up_due: poor.then_some(due),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let items = synthetic_catalog(args.services);
    let codes: Vec<String> = items.iter().map(|item| item.implementation_code().as_str().to_owned()).collect();
    let department = items.first().context("--services must be at least 1")?.department().name().as_str().to_owned();
    let of_department = items.iter().filter(|i| i.department().name().as_str() == department).count();
    let storage = Storage::open(&args.database).await.context("cannot open the database")?;
    let (now, total, started) = (now_millis(), args.reviews, Instant::now());
    match &storage {
        Storage::Sqlite(pool) => {
            for start in (0..total).step_by(BATCH as usize) {
                let batch: Vec<NewReview> =
                    (start..(start + BATCH).min(total)).map(|n| review(n, total, &args.site, &codes, now)).collect();
                for outcome in Storage::insert_reviews_together(pool, &batch).await? {
                    outcome?;
                }
            }
        }
        Storage::Postgres(_) => {
            // As many writers as the collector's pool would let requests use.
            let mut writers = tokio::task::JoinSet::new();
            let chunk = total.div_ceil(16).max(1);
            for start in (0..total).step_by(chunk as usize) {
                let (storage, site, codes) = (storage.clone(), args.site.clone(), codes.clone());
                writers.spawn(async move {
                    for n in start..(start + chunk).min(total) {
                        storage.insert_review(&review(n, total, &site, &codes, now)).await?;
                    }
                    anyhow::Ok(())
                });
            }
            while let Some(done) = writers.join_next().await {
                done??;
            }
        }
    }
    // As the collector's housekeeping would within a minute: PostgreSQL's count shards
    // folded into one row per period, and SQLite's write-ahead log checkpointed into the file.
    let folded = storage.fold_count_shards().await?;
    storage.checkpoint().await?;
    let took = started.elapsed();
    println!("folded_count_rows={} folded_open_rows={}", folded.count_rows, folded.open_rows);
    println!("loaded={total} seconds={:.1} per_second={:.0}", took.as_secs_f64(), total as f64 / took.as_secs_f64());
    // A department whose services have reviews, for the benchmark's `dept=` figures.
    println!("department={department}");
    println!("department_services={of_department}");
    storage.close().await;
    Ok(())
}
