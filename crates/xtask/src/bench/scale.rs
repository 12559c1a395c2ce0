//! Published figures at a city's scale (#13): a generated year of reviews is loaded through
//! the collector's own storage functions, then the stats route, the desk's list and a whole
//! export are measured against it, and review ingest alone against ingest while a busy home
//! page reads the stats at a steady 500 requests a second.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;

use super::Plan;
use super::collector::{Mingjing, REVIEW_ORIGIN, SITE, Server, Store};
use super::memory;
use super::stats::Spread;
use super::wrk::{Load, Run, Script, Wrk};
use crate::util::{self, say};

/// The generated reviews rate this many services of the imported catalogue.
pub const SERVICES: u32 = 200;
/// Stats readers while ingest is measured: 16 connections, each waiting 32 ms before each
/// request, read about 500 times a second.
pub const PACED_CONNECTIONS: u32 = 16;
pub const PACED_DELAY_MS: u32 = 32;

/// A whole export, downloaded to nowhere.
#[derive(Debug, Clone, Copy)]
pub struct Export {
    pub bytes: u64,
    pub seconds: f64,
    /// How much the export raised the collector's peak memory (VmHWM).
    pub peak_growth: u64,
}

#[derive(Debug)]
pub struct Scale {
    pub backend: &'static str,
    pub reviews: u64,
    pub load_seconds: f64,
    pub database_bytes: u64,
    /// `stats?site=` and `stats?site=&dept=&from=&to=`, 16 connections.
    pub stats_site: Vec<Run>,
    pub stats_dept: Vec<Run>,
    pub ingest_alone: Vec<Run>,
    pub ingest_beside_stats: Vec<Run>,
    pub paced_stats: Vec<Run>,
    pub export: Export,
    pub desk_page: Vec<Run>,
    pub open_items: u64,
}

impl Scale {
    fn spread(runs: &[Run], value: fn(&Run) -> f64) -> Option<Spread> {
        Spread::of(&runs.iter().map(value).collect::<Vec<_>>())
    }

    pub fn p99(runs: &[Run]) -> Option<Spread> {
        Self::spread(runs, |r| r.p99_ms)
    }

    pub fn per_second(runs: &[Run]) -> Option<Spread> {
        Self::spread(runs, Run::accepted_per_second)
    }

    /// Ingest beside the paced stats readers over ingest alone, pairing the alternated runs.
    pub fn ingest_ratio(&self) -> Option<Spread> {
        let ratios: Vec<f64> = self
            .ingest_beside_stats
            .iter()
            .zip(&self.ingest_alone)
            .map(|(beside, alone)| beside.accepted_per_second() / alone.accepted_per_second())
            .collect();
        Spread::of(&ratios)
    }
}

/// Loads `reviews` into a fresh store and measures it.
#[allow(clippy::too_many_arguments)]
pub fn measure(
    mingjing: &Mingjing,
    backend: &'static str,
    store: &Store,
    catalog_file: &Path,
    reviews: u64,
    www: &Path,
    pkg: &Path,
    wrk: &Wrk,
    plan: &Plan,
) -> anyhow::Result<Scale> {
    say(format!("scale ({backend}): loading {} generated reviews through the storage functions", reviews));
    mingjing.add_site(store, &[REVIEW_ORIGIN])?;
    mingjing.import_catalog(store, catalog_file)?;
    let (load_seconds, department) = generate(store, reviews)?;
    say(format!("scale ({backend}): loaded in {load_seconds:.0} s ({:.0} reviews/s)", reviews as f64 / load_seconds));
    let code = mingjing.add_staff(store)?;
    let database_bytes = database_size(store)?;
    let server = mingjing.serve(store, www, pkg)?;
    let token = sign_in(&server, &code)?;
    let bearer = |url: String, connections, seconds| Load {
        bearer: Some(token.clone()),
        ..Load::plain(url, Script::Get, connections, seconds)
    };

    let site = server.url(&format!("/api/v1/stats?site={SITE}"));
    let dept = server.url(&format!(
        "/api/v1/stats?site={SITE}&dept={}&from={}&to={}",
        encode(&department),
        "2020-01-01",
        "2099-12-31"
    ));
    let desk = server.url("/api/v1/desk/reviews?limit=50");
    let reviews_url = server.url("/api/v1/reviews");
    let seconds = plan.ingest_seconds;
    // A review names a service of the catalogue, whose index is built on first use: build it
    // now, so that no measurement waits for it.
    super::http::get(server.port(), "/api/v1/services?q=%E4%BC%81%E4%B8%9A", std::time::Duration::from_secs(60))?;
    wrk.run(&Load::plain(site.clone(), Script::Get, 4, plan.warmup_seconds))?;
    wrk.run(&Load::plain(reviews_url.clone(), Script::PostReview, 16, plan.warmup_seconds))?;
    let (mut stats_site, mut stats_dept, mut desk_page) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ingest_alone, mut ingest_beside_stats, mut paced_stats) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..plan.repeats {
        stats_site.push(wrk.run_allowing_none(&Load::plain(site.clone(), Script::Get, 16, seconds))?);
        stats_dept.push(wrk.run_allowing_none(&Load::plain(dept.clone(), Script::Get, 16, seconds))?);
        desk_page.push(wrk.run_allowing_none(&bearer(desk.clone(), 16, seconds))?);
        ingest_alone.push(wrk.run_allowing_none(&Load::plain(reviews_url.clone(), Script::PostReview, 64, seconds))?);
        let paced = Load {
            delay_ms: Some(PACED_DELAY_MS),
            ..Load::plain(site.clone(), Script::Get, PACED_CONNECTIONS, seconds + 1)
        };
        let (beside, readers) = std::thread::scope(|scope| {
            let readers = scope.spawn(|| wrk.run_allowing_none(&paced));
            let beside = wrk.run_allowing_none(&Load::plain(reviews_url.clone(), Script::PostReview, 64, seconds));
            (beside, readers.join())
        });
        ingest_beside_stats.push(beside?);
        paced_stats.push(readers.map_err(|_| anyhow::anyhow!("the paced stats readers panicked"))??);
    }
    let open_items = open_items(&server, &token)?;
    let export = export(&server, &token)?;
    server.stop()?;
    Ok(Scale {
        backend,
        reviews,
        load_seconds,
        database_bytes,
        stats_site,
        stats_dept,
        ingest_alone,
        ingest_beside_stats,
        paced_stats,
        export,
        desk_page,
        open_items,
    })
}

/// Runs the generator; returns how long the load took and a department with reviews.
fn generate(store: &Store, reviews: u64) -> anyhow::Result<(f64, String)> {
    let database = match &store.database {
        Some(url) => url.clone(),
        None => store.data_dir.join("mingjing.db").to_string_lossy().into_owned(),
    };
    let mut generate = util::cargo();
    generate
        .args(["run", "--quiet", "--release", "-p", "xtask", "--features", "synthetic-catalog"])
        .args(["--bin", "synthetic-reviews", "--", "--database", &database, "--site", SITE])
        .args(["--reviews", &reviews.to_string(), "--services", &SERVICES.to_string()]);
    let started = Instant::now();
    let out = util::capture(&mut generate)?;
    let took = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| stdout.lines().find_map(|l| l.strip_prefix(name)).map(str::to_owned);
    let seconds = field("loaded=").and_then(|l| l.split("seconds=").nth(1)?.split(' ').next()?.parse().ok());
    let department = field("department=").context("the generator named no department")?;
    Ok((seconds.unwrap_or(took), department))
}

/// The database's size on disk: the SQLite file and its WAL, or what PostgreSQL reports.
fn database_size(store: &Store) -> anyhow::Result<u64> {
    match &store.database {
        None => Ok(["mingjing.db", "mingjing.db-wal"]
            .iter()
            .filter_map(|name| std::fs::metadata(store.data_dir.join(name)).ok())
            .map(|m| m.len())
            .sum()),
        Some(url) => {
            let psql = crate::deps::postgres_bindir().context("no PostgreSQL binaries")?.join("psql");
            let out = util::capture(Command::new(psql).args([
                url.as_str(),
                "-Atc",
                "SELECT pg_database_size(current_database())",
            ]))?;
            String::from_utf8_lossy(&out.stdout).trim().parse().context("psql printed no size")
        }
    }
}

fn curl(args: &[&str]) -> anyhow::Result<String> {
    let out = util::capture(Command::new("curl").args(["--silent", "--show-error", "--fail"]).args(args))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn sign_in(server: &Server, code: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({ "site": SITE, "code": code }).to_string();
    let url = server.url("/api/v1/staff/session");
    let answer = curl(&["-H", "Content-Type: application/json", "--data", &body, &url])?;
    let answer: serde_json::Value = serde_json::from_str(&answer).context("the sign-in answer is not JSON")?;
    answer["token"].as_str().map(str::to_owned).context("the sign-in answer has no token")
}

fn open_items(server: &Server, token: &str) -> anyhow::Result<u64> {
    let header = format!("Authorization: Bearer {token}");
    let page = curl(&["-H", &header, &server.url("/api/v1/desk/reviews?limit=1")])?;
    let page: serde_json::Value = serde_json::from_str(&page).context("the desk page is not JSON")?;
    page["total"].as_u64().context("the desk page has no total")
}

/// Downloads every review as CSV to nowhere, reading the collector's peak memory before and
/// after.
fn export(server: &Server, token: &str) -> anyhow::Result<Export> {
    let before = memory::resident(server.pid())?.peak;
    let header = format!("Authorization: Bearer {token}");
    let url = server.url("/api/v1/desk/export?format=csv");
    let written =
        curl(&["-H", &header, "--output", "/dev/null", "--write-out", "%{size_download} %{time_total}", &url])?;
    let after = memory::resident(server.pid())?.peak;
    let mut parts = written.split_whitespace();
    let bytes = parts.next().and_then(|b| b.parse().ok()).context("curl printed no size")?;
    let seconds = parts.next().and_then(|s| s.parse().ok()).context("curl printed no time")?;
    Ok(Export { bytes, seconds, peak_growth: after.saturating_sub(before) })
}

/// A query-string value, percent-encoded.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
