//! `BENCHMARKS.md`: the machine, the targets and whether each was met, then each measurement
//! with its spread and its baseline.

use std::fmt::Write;
use std::time::Duration;

use super::Plan;
use super::bundle::{BundleWeight, FEDERAL_WIDGET_RAW};
use super::durability;
use super::format::{at_most, ms, ms_quartiles, ms_spread, rate_spread, ratio, thousands, yes_no};
use super::ingest::Ingest;
use super::machine::Machine;
use super::memory::format_mb;
use super::scale::Scale;
use super::scale_report;
use super::search::Search;
use super::stats;
use super::tti::TimeToInteractive;
use crate::manifest::Sizes;
use crate::util::format_duration;

/// The issue's targets.
const INGEST_TARGET_PER_SECOND: f64 = 5_000.0;
const INGEST_TARGET_CONNECTIONS: u32 = 64;
const INGEST_TARGET_P99_MS: f64 = 20.0;
const SEARCH_TARGET_P99_MS: f64 = 5.0;
const IDLE_TARGET_BYTES: u64 = 30_000_000;

#[derive(Debug)]
pub struct Report<'a> {
    pub plan: &'a Plan,
    pub machine: Machine,
    pub sqlite_durability: durability::Sqlite,
    pub postgres_settings: Vec<(String, String)>,
    pub bundle: BundleWeight,
    pub tti: TimeToInteractive,
    /// SQLite first, then PostgreSQL.
    pub ingest: Vec<Ingest>,
    pub search: Search,
    /// SQLite first, then PostgreSQL.
    pub scale: Vec<Scale>,
    pub elapsed: Duration,
}

/// One target: what it asks, what was measured, whether it was met.
pub struct Target {
    pub what: String,
    pub measured: String,
    pub met: bool,
}

impl Target {
    /// `met     what: measured`, as the end of a run prints it.
    pub fn line(&self) -> String {
        format!("{:<7} {}: {}", if self.met { "met" } else { "MISSED" }, self.what, self.measured)
    }
}

fn targets(r: &Report) -> Vec<Target> {
    let mut targets = vec![Target {
        what: format!("review form page ≤ {} bytes brotli", thousands(r.bundle.budget_brotli)),
        measured: format!("{} bytes", thousands(r.bundle.review.total().brotli)),
        met: r.bundle.within_budget(),
    }];
    if let Some(point) = r.ingest.first().and_then(|sqlite| sqlite.at(INGEST_TARGET_CONNECTIONS)) {
        targets.push(Target {
            what: format!("≥ 5,000 durable reviews/s on SQLite at {INGEST_TARGET_CONNECTIONS} connections"),
            measured: rate_spread(&point.reviews_per_second),
            met: point.reviews_per_second.median >= INGEST_TARGET_PER_SECOND,
        });
        targets.push(Target {
            what: format!("… with p99 < 20 ms at {INGEST_TARGET_CONNECTIONS} connections"),
            measured: ms_spread(&point.review_p99),
            met: point.review_p99.median < INGEST_TARGET_P99_MS,
        });
    }
    if let Some((query, p99)) = r.search.worst_p99() {
        targets.push(Target {
            what: format!(
                "lookup search p99 < 5 ms on {} items (worst query, 1 connection)",
                thousands(r.search.items.into())
            ),
            measured: format!("{} ({})", ms(p99), query.label),
            met: p99 < SEARCH_TARGET_P99_MS,
        });
    }
    if let Some(sqlite) = r.ingest.first() {
        targets.push(Target {
            what: "collector < 30 MB resident at idle (SQLite)".to_owned(),
            measured: format_mb(sqlite.idle.now),
            met: sqlite.idle.now < IDLE_TARGET_BYTES,
        });
    }
    targets.extend(scale_report::targets(&r.scale));
    targets
}

/// One line per target, for the terminal.
pub fn target_lines(r: &Report) -> Vec<String> {
    targets(r).iter().map(Target::line).collect()
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_all(&mut out, r);
    out
}

fn write_all(out: &mut String, r: &Report) -> std::fmt::Result {
    let m = &r.machine;
    writeln!(out, "# Benchmarks\n")?;
    writeln!(
        out,
        "Measured by `cargo xtask bench{}` on {}, commit {}; the run took {}. This file is generated: \
         to reproduce or refresh it, run\n\n```sh\ncargo xtask bench          # about 50 minutes on 2 cores, most of it loading 10 million reviews\n\
         cargo xtask bench --quick  # about 8 minutes: shorter runs, fewer page loads, 200,000 reviews, rough figures\n```\n",
        if r.plan.quick { " --quick" } else { "" },
        m.date,
        m.commit,
        format_duration(r.elapsed)
    )?;
    writeln!(
        out,
        "It installs what it needs with apt when missing (wrk, chromium, chromium-driver, fonts-noto-cjk, postgresql).\n"
    )?;

    writeln!(out, "## Machine\n\n| | |\n| --- | --- |")?;
    writeln!(out, "| CPU | {} × {} |", m.cores, m.cpu)?;
    writeln!(out, "| memory | {} |", m.memory)?;
    writeln!(out, "| kernel | {} |", m.kernel)?;
    writeln!(out, "| databases on | {} (`{}`) |", m.data_fs, m.data_dir)?;
    writeln!(
        out,
        "| load average (1, 5, 15 min) | {} before the run, {} at its end (its own load included) |",
        m.load_at_start, m.load_at_end
    )?;
    for (tool, version) in &m.tools {
        writeln!(out, "| {tool} | {version} |")?;
    }
    writeln!(
        out,
        "\nThe collector, wrk and Chromium share these {} cores, over loopback: the load generator takes CPU \
         from the server it measures, as it would not in production.",
        m.cores
    )?;
    if m.busy_at_start() {
        writeln!(
            out,
            "Other work was running when this run began (load average {}): expect lower throughput and longer \
             latencies than on an idle machine. The ratios to the baselines, measured alongside, are steadier.",
            m.load_at_start
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Targets\n\n| target | measured | |\n| --- | --- | --- |")?;
    for t in targets(r) {
        writeln!(out, "| {} | {} | {} |", t.what, t.measured, yes_no(t.met))?;
    }
    writeln!(out)?;

    write_durability(out, r)?;
    write_bundle(out, &r.bundle)?;
    write_tti(out, &r.tti, r.bundle.review.total(), r.plan)?;
    write_ingest(out, &r.ingest, r.plan)?;
    write_search(out, &r.search, r.plan)?;
    write_memory(out, r)?;
    scale_report::write(out, &r.scale, r.plan)?;
    write_method(out, r.plan)
}

fn write_durability(out: &mut String, r: &Report) -> std::fmt::Result {
    let d = &r.sqlite_durability;
    writeln!(out, "## Durability\n")?;
    writeln!(
        out,
        "- **SQLite**: `journal_mode={}`, `synchronous={}`, as `crates/collector/src/storage/mod.rs` opens the \
         file. With WAL and FULL, SQLite syncs the write-ahead log at every commit, so a 2xx means the review \
         is on disk.",
        d.journal_mode, d.synchronous
    )?;
    let settings: Vec<String> = r.postgres_settings.iter().map(|(name, value)| format!("`{name}={value}`")).collect();
    writeln!(
        out,
        "- **PostgreSQL**: {}, as the server reported them. The benchmark's throwaway cluster keeps PostgreSQL's \
         defaults for these (the test suite's runs with `fsync=off`).",
        settings.join(", ")
    )?;
    writeln!(out, "- Both databases live on {} under `{}`.\n", r.machine.data_fs, r.machine.data_dir)
}

fn write_bundle(out: &mut String, b: &BundleWeight) -> std::fmt::Result {
    writeln!(out, "## 1. Bundle weight\n")?;
    writeln!(
        out,
        "Bytes a page downloads for the widgets, from `pkg/manifest.json` after a release build \
         (compression effort `{}`: gzip -9, brotli 11).\n",
        b.compression
    )?;
    writeln!(
        out,
        "| page | raw | gzip | brotli | raw vs. a 430 KB federal form |\n| --- | ---: | ---: | ---: | ---: |"
    )?;
    for page in [&b.review, &b.suite] {
        let total = page.total();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            page.name,
            thousands(total.raw),
            thousands(total.gzip),
            thousands(total.brotli),
            ratio(stats::ratio(total.raw as f64, FEDERAL_WIDGET_RAW as f64))
        )?;
    }
    writeln!(
        out,
        "\nThe review form page is {} bytes brotli'd against its budget of {}: {}. The reference is a comparable \
         US federal feedback widget, about 430 KB uncompressed per form.\n",
        thousands(b.review.total().brotli),
        thousands(b.budget_brotli),
        if b.within_budget() { "within budget" } else { "over budget" }
    )?;
    writeln!(out, "| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |")?;
    let mut files: Vec<_> = b.review.files.iter().chain(&b.suite.files).collect();
    files.sort_by_key(|(name, _)| *name);
    files.dedup_by_key(|(name, _)| *name);
    for (name, s) in files {
        writeln!(out, "| `{name}` | {} | {} | {} |", thousands(s.raw), thousands(s.gzip), thousands(s.brotli))?;
    }
    writeln!(out)
}

fn write_tti(out: &mut String, t: &TimeToInteractive, review_page: Sizes, plan: &Plan) -> std::fmt::Result {
    writeln!(out, "## 2. Time to interactive\n")?;
    writeln!(
        out,
        "Headless Chromium, first visits (HTTP cache off through DevTools), pages served by the collector on \
         loopback, {} loads of each page alternating with the baseline. The widget page holds \
         `<mingjing-review site=… service=…>`; `mingjing:ready` fires once the form is rendered and takes input.\n",
        plan.page_loads
    )?;
    writeln!(out, "| from navigation start to | median | p25–p75 | min–max |\n| --- | ---: | ---: | ---: |")?;
    let rows = [
        ("`mingjing:ready` on the widget page", &t.widget_ready),
        ("the end of the widget page's load event", &t.widget_load),
        ("**baseline**: the end of the load event of the same page without the widget", &t.baseline_load),
    ];
    for (what, spread) in rows {
        let (median, quartiles, range) = ms_quartiles(spread);
        writeln!(out, "| {what} | {median} | {quartiles} | {range} |")?;
    }
    writeln!(
        out,
        "\nReady vs. baseline: {} ({} more). The widget page transferred {} bytes per load (median, as the \
         collector sent them to Chromium, the page itself and the configuration request included; its widget \
         files are {} bytes raw, {} brotli'd).{}\n",
        ratio(stats::ratio(t.widget_ready.median, t.baseline_load.median)),
        ms(t.widget_ready.median - t.baseline_load.median),
        thousands(t.widget_bytes.median.round() as u64),
        thousands(review_page.raw),
        thousands(review_page.brotli),
        if t.cached_wasm_loads > 0 {
            format!(" In {} loads the wasm came from a cache after all.", t.cached_wasm_loads)
        } else {
            String::new()
        }
    )
}

fn write_ingest(out: &mut String, all: &[Ingest], plan: &Plan) -> std::fmt::Result {
    writeln!(out, "## 3. Ingest\n")?;
    writeln!(
        out,
        "New open reviews (`POST /api/v1/reviews`) accepted per second and their latency as wrk sees it, \
         median of {} runs of {} s each with the range, against `GET /api/v1/health` (which runs `SELECT 1` \
         on the same database) at the same connections, the runs alternating. \"Server p99\" is the collector's \
         own histogram bucket holding the 99th percentile of the reviews' handling time over all runs at that \
         number of connections (its buckets end at 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500 ms …).\n",
        plan.repeats, plan.ingest_seconds
    )?;
    for ingest in all {
        writeln!(out, "### {}\n", ingest.backend)?;
        writeln!(
            out,
            "| connections | reviews | p50 | p99 | server p99 | **health** | health p50 | health p99 | \
             reviews vs. health | p99 vs. health |"
        )?;
        writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
        for p in &ingest.points {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                p.connections,
                rate_spread(&p.reviews_per_second),
                ms_spread(&p.review_p50),
                ms_spread(&p.review_p99),
                at_most(p.server_review_p99_at_most),
                rate_spread(&p.health_per_second),
                ms_spread(&p.health_p50),
                ms_spread(&p.health_p99),
                ratio(stats::ratio(p.reviews_per_second.median, p.health_per_second.median)),
                ratio(stats::ratio(p.review_p99.median, p.health_p99.median)),
            )?;
        }
        let created: u64 = ingest.points.iter().map(|p| p.created).sum();
        let accepted: u64 = ingest.points.iter().map(|p| p.accepted).sum();
        let rejected: u64 = ingest.points.iter().map(|p| p.rejected).sum();
        let errors: u64 = ingest.points.iter().map(|p| p.socket_errors).sum();
        writeln!(
            out,
            "\nOver the measured runs: {} reviews accepted, {} of them new (201); {} responses that were not 2xx; \
             {} socket errors or timeouts.\n",
            thousands(accepted),
            thousands(created),
            thousands(rejected),
            thousands(errors)
        )?;
    }
    Ok(())
}

fn write_search(out: &mut String, s: &Search, plan: &Plan) -> std::fmt::Result {
    writeln!(out, "## 4. Lookup search\n")?;
    writeln!(
        out,
        "`GET /api/v1/services?q=…` over the collector's synthetic catalogue of {} items (demo data, \
         `catalog_index::synthetic_catalog`; {} to import with `mingjing catalog import`; the first search after \
         start builds the index and took {}). Latency as wrk sees it on loopback, an upper bound on the time in \
         the server, median of {} runs of {} s each with the range; \"server p99\" is the collector's own \
         histogram bucket, the worst of the runs. Baseline: `GET /api/v1/health` in the same runs.\n",
        thousands(s.items.into()),
        format_duration(s.import),
        format_duration(s.first_search),
        plan.repeats,
        plan.search_seconds
    )?;
    writeln!(
        out,
        "| query | matches | p50, 1 conn. | p99, 1 conn. | server p99 | p99 vs. health | requests, 16 conn. | p99, 16 conn. |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
    let health_p99 = s.health.at.first().map_or(f64::NAN, |level| level.p99.median);
    for figures in std::iter::once(&s.health).chain(&s.queries) {
        let (one, sixteen) = (figures.at.first(), figures.at.get(1));
        let label = if figures.hits.is_none() {
            format!("**{}** (baseline)", figures.label)
        } else {
            format!("`{}` ({})", figures.label, figures.kind)
        };
        writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {} | {} |",
            figures.hits.map_or_else(|| "–".to_owned(), thousands),
            one.map_or_else(String::new, |l| ms_spread(&l.p50)),
            one.map_or_else(String::new, |l| ms_spread(&l.p99)),
            one.map_or_else(String::new, |l| at_most(l.server_p99_at_most)),
            one.map_or_else(String::new, |l| ratio(stats::ratio(l.p99.median, health_p99))),
            sixteen.map_or_else(String::new, |l| rate_spread(&l.per_second)),
            sixteen.map_or_else(String::new, |l| ms_spread(&l.p99)),
        )?;
    }
    let failed: u64 = s.queries.iter().chain(std::iter::once(&s.health)).flat_map(|f| &f.at).map(|l| l.rejected).sum();
    writeln!(out, "\nResponses that were not 2xx, socket errors and timeouts: {}.\n", thousands(failed))
}

fn write_memory(out: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(out, "## 5. Memory\n")?;
    writeln!(out, "The collector's resident memory from `/proc/<pid>/status`.\n")?;
    writeln!(out, "| when | resident (VmRSS) | peak so far (VmHWM) |\n| --- | ---: | ---: |")?;
    for ingest in &r.ingest {
        writeln!(
            out,
            "| {}, idle {} s after start | {} | {} |",
            ingest.backend,
            r.plan.idle_settle.as_secs(),
            format_mb(ingest.idle.now),
            format_mb(ingest.idle.peak)
        )?;
        writeln!(
            out,
            "| {}, after the ingest runs | {} | **{}** |",
            ingest.backend,
            format_mb(ingest.after.now),
            format_mb(ingest.after.peak)
        )?;
    }
    writeln!(
        out,
        "| SQLite with the {}-item catalogue indexed, after the searches | {} | {} |\n",
        thousands(r.search.items.into()),
        format_mb(r.search.memory.now),
        format_mb(r.search.memory.peak)
    )
}

fn write_method(out: &mut String, plan: &Plan) -> std::fmt::Result {
    writeln!(out, "## Method\n")?;
    let lines = [
        format!(
            "Every wrk figure is the median of {} runs with the smallest and largest in brackets; the baseline \
             runs alternate with the measured ones on the same server, so both see the same noise. The \
             ratios divide medians.",
            plan.repeats
        ),
        "wrk keeps each connection busy: a connection sends its next request when the last is answered, so \
         past saturation the latencies are mostly queueing, and (as with any closed-loop load generator) they \
         do not count the requests that a slow response kept from being sent. wrk runs one thread per core, \
         never more than connections, with a 10 s timeout so that slow responses count in the percentiles."
            .to_owned(),
        "Each review carries an `Origin` registered for the site and a unique idempotency key. Every wrk \
         connection comes from 127.0.0.1, so the site's `open_reviews_per_client_per_hour` is raised to \
         4,294,967,295 with `mingjing site configure`; with the default of 30 nearly every review would be a 429. \
         Only 2xx responses count as accepted."
            .to_owned(),
        "The collector is the release build of `mingjing-collector`, started with `mingjing serve \
         --system-default-minutes 0` (the hourly system-default job would otherwise wake during a run) and its \
         default logging, a fresh database for each part."
            .to_owned(),
    ];
    for line in lines {
        writeln!(out, "- {line}")?;
    }
    Ok(())
}
