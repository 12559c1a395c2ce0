//! The scale section of `BENCHMARKS.md` and its targets (#13).

use std::fmt::Write;

use super::Plan;
use super::format::{ms_spread, rate_spread, ratio, thousands};
use super::memory::format_mb;
use super::report::Target;
use super::scale::Scale;

const STATS_P99_MS: f64 = 10.0;
const STATS_PER_SECOND: f64 = 2_000.0;
const INGEST_RATIO: f64 = 0.8;
const EXPORT_GROWTH_BYTES: u64 = 50_000_000;
const DESK_P99_MS: f64 = 20.0;

pub fn targets(all: &[Scale]) -> Vec<Target> {
    let mut targets = Vec::new();
    for s in all {
        let on = format!("{} reviews, {}", thousands(s.reviews), s.backend);
        if let (Some(p99), Some(rate)) = (Scale::p99(&s.stats_site), Scale::per_second(&s.stats_site)) {
            targets.push(Target {
                what: format!("`stats?site=` p99 < 10 ms at 16 clients, no HTTP cache ({on})"),
                measured: ms_spread(&p99),
                met: p99.median < STATS_P99_MS,
            });
            targets.push(Target {
                what: format!("… ≥ 2,000 answers/s ({on})"),
                measured: rate_spread(&rate),
                met: rate.median >= STATS_PER_SECOND,
            });
        }
        if let Some(p99) = Scale::p99(&s.stats_dept) {
            targets.push(Target {
                what: format!("`stats` with `dept=` and a date range p99 < 10 ms ({on})"),
                measured: ms_spread(&p99),
                met: p99.median < STATS_P99_MS,
            });
        }
        if let Some(r) = s.ingest_ratio() {
            targets.push(Target {
                what: format!("ingest beside stats read at ~500/s ≥ 0.8 of ingest alone ({on})"),
                measured: format!("{} (range {}–{})", ratio(r.median), ratio(r.min), ratio(r.max)),
                met: r.median >= INGEST_RATIO,
            });
        }
        targets.push(Target {
            what: format!("export of all reviews: extra peak memory < 50 MB ({on})"),
            measured: format!("{} for {}", format_mb(s.export.peak_growth), format_mb(s.export.bytes)),
            met: s.export.peak_growth < EXPORT_GROWTH_BYTES,
        });
        if let Some(p99) = Scale::p99(&s.desk_page) {
            targets.push(Target {
                what: format!("desk list page p99 < 20 ms with {} open items ({})", thousands(s.open_items), s.backend),
                measured: ms_spread(&p99),
                met: p99.median < DESK_P99_MS,
            });
        }
    }
    targets
}

pub fn write(out: &mut String, all: &[Scale], plan: &Plan) -> std::fmt::Result {
    writeln!(out, "## 6. Published figures at scale\n")?;
    writeln!(
        out,
        "A year of generated reviews for one site, rating {} services of the imported catalogue (one in ten poor, \
         a third of those with a contact), loaded by `synthetic-reviews` through the collector's own storage \
         functions (the group-commit writer's on SQLite, the review route's on PostgreSQL), so the maintained \
         counts are kept as live traffic keeps them. Each figure is the median of {} runs of {} s, with the range. \
         \"Ingest beside stats\" runs the review load (64 connections) while {} more connections read \
         `stats?site=` about 500 times a second (each waits {} ms before each request); its ratio pairs each run \
         with the ingest-alone run just before it.\n",
        super::scale::SERVICES,
        plan.repeats,
        plan.ingest_seconds,
        super::scale::PACED_CONNECTIONS,
        super::scale::PACED_DELAY_MS,
    )?;
    writeln!(out, "| figure | {} |", all.iter().map(|s| s.backend).collect::<Vec<_>>().join(" | "))?;
    writeln!(out, "| --- |{}", " ---: |".repeat(all.len()))?;
    let row = |out: &mut String, name: &str, cell: &dyn Fn(&Scale) -> String| {
        writeln!(out, "| {name} | {} |", all.iter().map(cell).collect::<Vec<_>>().join(" | "))
    };
    let opt = |s: Option<String>| s.unwrap_or_else(|| "n/a".to_owned());
    row(out, "reviews loaded", &|s| thousands(s.reviews))?;
    row(out, "load time", &|s| format!("{:.0} s ({:.0}/s)", s.load_seconds, s.reviews as f64 / s.load_seconds))?;
    row(out, "database size", &|s| format_mb(s.database_bytes))?;
    row(out, "… per million reviews", &|s| format_mb(s.database_bytes * 1_000_000 / s.reviews.max(1)))?;
    row(out, "`stats?site=` p99, 16 clients", &|s| opt(Scale::p99(&s.stats_site).map(|p| ms_spread(&p))))?;
    row(out, "`stats?site=` answers/s", &|s| opt(Scale::per_second(&s.stats_site).map(|p| rate_spread(&p))))?;
    row(out, "`stats` with `dept=` and a range, p99", &|s| opt(Scale::p99(&s.stats_dept).map(|p| ms_spread(&p))))?;
    row(out, "ingest alone, reviews/s (64 conn.)", &|s| {
        opt(Scale::per_second(&s.ingest_alone).map(|p| rate_spread(&p)))
    })?;
    row(out, "ingest beside stats, reviews/s", &|s| {
        opt(Scale::per_second(&s.ingest_beside_stats).map(|p| rate_spread(&p)))
    })?;
    row(out, "… ratio to ingest alone", &|s| opt(s.ingest_ratio().map(|r| ratio(r.median))))?;
    row(out, "paced stats readers: answers/s, p99", &|s| {
        opt(Scale::per_second(&s.paced_stats)
            .zip(Scale::p99(&s.paced_stats))
            .map(|(r, p)| format!("{}, {}", rate_spread(&r), ms_spread(&p))))
    })?;
    row(out, "export of every review (CSV)", &|s| {
        format!("{} in {:.1} s", format_mb(s.export.bytes), s.export.seconds)
    })?;
    row(out, "… extra peak memory (VmHWM)", &|s| format_mb(s.export.peak_growth))?;
    row(out, "open poor reviews on the desk", &|s| thousands(s.open_items))?;
    row(out, "desk list page (50 items) p99, 16 clients", &|s| opt(Scale::p99(&s.desk_page).map(|p| ms_spread(&p))))?;
    writeln!(out)
}
