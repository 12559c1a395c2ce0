//! `cargo xtask bench`: measures what the widgets weigh, how soon the review form is ready,
//! how many durable reviews the collector takes per second, how fast the service lookup
//! searches, and how much memory the collector holds, then writes `BENCHMARKS.md`.
//!
//! These machines are noisy, so every timing is the median of repeated runs with its spread,
//! and every timing has a baseline measured in the same run on the same server (the health
//! route, or the same page without the widget) so that the ratio survives the noise.

mod bundle;
mod catalog;
mod collector;
mod durability;
mod format;
mod http;
mod ingest;
mod machine;
mod memory;
mod metrics;
mod report;
mod scale;
mod scale_report;
mod search;
mod stats;
mod tti;
mod wrk;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::deps::{self, Need};
use crate::util::{self, TempDir, say};
use crate::widgets::{self, Profile};
use collector::{Mingjing, Store};
use mingjing_testkit::postgres::{Durability, ThrowawayPostgres};

/// The report's file name, at the workspace root.
pub const REPORT: &str = "BENCHMARKS.md";

#[derive(Debug, Clone, Copy)]
pub struct BenchOptions {
    /// Shorter wrk runs and fewer page loads: a rough check, not figures to publish.
    pub quick: bool,
    /// Only the figures at scale, printed against their targets, not written to the report.
    pub scale_only: bool,
}

/// How long and how often to measure.
#[derive(Debug, Clone)]
pub struct Plan {
    pub quick: bool,
    /// Concurrent connections for the ingest runs.
    pub connections: Vec<u32>,
    /// Runs of each wrk measurement, for its median and spread.
    pub repeats: usize,
    pub ingest_seconds: u32,
    pub search_seconds: u32,
    pub warmup_seconds: u32,
    pub page_loads: usize,
    pub catalog_items: u32,
    /// Generated reviews for the scale figures, on SQLite and on PostgreSQL.
    pub scale_reviews: (u64, u64),
    /// How long a fresh server is left alone before its idle memory is read.
    pub idle_settle: Duration,
}

impl Plan {
    pub fn new(quick: bool) -> Plan {
        Plan {
            quick,
            connections: vec![1, 16, 64, 256],
            repeats: 3,
            ingest_seconds: if quick { 2 } else { 8 },
            search_seconds: if quick { 1 } else { 4 },
            warmup_seconds: if quick { 1 } else { 2 },
            page_loads: if quick { 5 } else { 20 },
            catalog_items: 100_000,
            scale_reviews: if quick { (200_000, 200_000) } else { (10_000_000, 1_000_000) },
            idle_settle: Duration::from_secs(if quick { 1 } else { 3 }),
        }
    }
}

pub fn run(options: BenchOptions) -> anyhow::Result<()> {
    let started = Instant::now();
    let load_at_start = machine::load_average();
    let plan = Plan::new(options.quick);
    say(format!(
        "benchmarking ({}): this takes about {} on 2 cores",
        if plan.quick { "--quick, rough figures" } else { "full run" },
        if plan.quick { "8 minutes" } else { "50 minutes, most of it loading ten million reviews" }
    ));
    deps::ensure(&[Need::Wrk, Need::Chromium, Need::CjkFonts, Need::Postgres, Need::Curl])?;
    // An overweight review page is a finding to report, not a reason to stop.
    widgets::build_measured(Profile::Release)?;
    let pkg = widgets::pkg_dir();
    let bundle = bundle::measure(&pkg)?;

    let work = TempDir::new_in(&work_base(), "mingjing-bench")?;
    say(format!("databases, logs and the catalogue go in {}", work.path().display()));
    let mingjing = Mingjing::build(work.path())?;
    let catalog_file = catalog::generate(work.path(), plan.catalog_items)?;
    let wrk = wrk::Wrk::new(work.path())?;
    let www = work.path().join("www");
    std::fs::create_dir_all(&www).with_context(|| format!("cannot create {}", www.display()))?;
    tti::write_pages(&www, collector::SITE)?;
    let store = |name: &str, database: Option<String>| Store::new(work.path().join(name), database);
    if options.scale_only {
        let scale = scale_figures(&mingjing, &work, &catalog_file, &www, &pkg, &wrk, &plan)?;
        println!();
        for target in scale_report::targets(&scale) {
            println!("  {}", target.line());
        }
        say(format!("{REPORT} left as it is (--scale-only); took {}", util::format_duration(started.elapsed())));
        return Ok(());
    }

    util::check_interrupted()?;
    say(format!("time to interactive: {} loads of each page in headless Chromium", plan.page_loads));
    let tti_store = store("tti", None)?;
    mingjing.add_site(&tti_store, &[collector::REVIEW_ORIGIN])?;
    let server = mingjing.serve(&tti_store, &www, &pkg)?;
    let tti = tti::measure(&server, &work.path().join("chromium"), plan.page_loads)?;
    server.stop()?;

    let sqlite = ingest::measure(&mingjing, "SQLite", &store("sqlite", None)?, &www, &pkg, &wrk, &plan)?;
    let postgres_server = ThrowawayPostgres::start_in(work.path(), Durability::Full)?;
    let postgres_settings = durability::postgres(&postgres_server.url());
    let postgres_store = store("postgres", Some(postgres_server.url()))?;
    let postgres = ingest::measure(&mingjing, "PostgreSQL", &postgres_store, &www, &pkg, &wrk, &plan)?;
    drop(postgres_server);

    let search_store = store("search", None)?;
    let search = search::measure(&mingjing, &search_store, &catalog_file, plan.catalog_items, &www, &pkg, &wrk, &plan)?;

    let scale = scale_figures(&mingjing, &work, &catalog_file, &www, &pkg, &wrk, &plan)?;

    let report = report::Report {
        plan: &plan,
        machine: machine::describe(work.path(), load_at_start),
        sqlite_durability: durability::sqlite(),
        postgres_settings,
        bundle,
        tti,
        ingest: vec![sqlite, postgres],
        search,
        scale,
        elapsed: started.elapsed(),
    };
    let path = util::workspace_root().join(REPORT);
    std::fs::write(&path, report::render(&report)).with_context(|| format!("cannot write {}", path.display()))?;
    println!();
    for line in report::target_lines(&report) {
        println!("  {line}");
    }
    say(format!("wrote {} in {}", path.display(), util::format_duration(started.elapsed())));
    Ok(())
}

/// Section 6: a generated year loaded into a fresh SQLite store and a fresh PostgreSQL
/// cluster, each measured.
fn scale_figures(
    mingjing: &Mingjing,
    work: &TempDir,
    catalog_file: &std::path::Path,
    www: &std::path::Path,
    pkg: &std::path::Path,
    wrk: &wrk::Wrk,
    plan: &Plan,
) -> anyhow::Result<Vec<scale::Scale>> {
    let store = |name: &str, database: Option<String>| Store::new(work.path().join(name), database);
    let sqlite = scale::measure(
        mingjing,
        "SQLite",
        &store("scale-sqlite", None)?,
        catalog_file,
        plan.scale_reviews.0,
        www,
        pkg,
        wrk,
        plan,
    )?;
    let server = ThrowawayPostgres::start_in(work.path(), Durability::Full)?;
    let postgres = scale::measure(
        mingjing,
        "PostgreSQL",
        &store("scale-postgres", Some(server.url()))?,
        catalog_file,
        plan.scale_reviews.1,
        www,
        pkg,
        wrk,
        plan,
    )?;
    Ok(vec![sqlite, postgres])
}

/// A folder on disk for the databases: `/var/tmp` (the system's temporary folder can be a
/// RAM disk, where durable writes would cost nothing).
fn work_base() -> PathBuf {
    let var_tmp = PathBuf::from("/var/tmp");
    if var_tmp.is_dir() { var_tmp } else { std::env::temp_dir() }
}
