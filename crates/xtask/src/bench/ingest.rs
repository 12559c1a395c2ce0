//! Ingest: new open reviews accepted per second, and their latency, at several numbers of
//! concurrent connections, against `GET /api/v1/health` of the same server in the same run
//! (which also asks the database, with `SELECT 1`). Runs alternate between the two.

use std::path::Path;

use anyhow::Context;

use super::Plan;
use super::collector::{Mingjing, REVIEW_ORIGIN, Store};
use super::memory::{self, Resident};
use super::metrics::Buckets;
use super::stats::Spread;
use super::wrk::{Load, Run, Script, Wrk};
use crate::util::say;

/// The figures at one number of connections; latencies in milliseconds.
#[derive(Debug, Clone)]
pub struct Point {
    pub connections: u32,
    pub reviews_per_second: Spread,
    pub review_p50: Spread,
    pub review_p99: Spread,
    pub health_per_second: Spread,
    pub health_p50: Spread,
    pub health_p99: Spread,
    /// Over all repeats: 201s, other 2xx, and everything else.
    pub created: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub socket_errors: u64,
    /// The collector's own histogram: the bucket edge under which 99% of the reviews fell.
    pub server_review_p99_at_most: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Ingest {
    pub backend: &'static str,
    pub points: Vec<Point>,
    /// Resident memory a few seconds after start, before any load.
    pub idle: Resident,
    /// After the whole run: `peak` is the most the server held at any time.
    pub after: Resident,
}

impl Ingest {
    pub fn at(&self, connections: u32) -> Option<&Point> {
        self.points.iter().find(|point| point.connections == connections)
    }
}

pub fn measure(
    mingjing: &Mingjing,
    backend: &'static str,
    store: &Store,
    www: &Path,
    pkg: &Path,
    wrk: &Wrk,
    plan: &Plan,
) -> anyhow::Result<Ingest> {
    say(format!("ingest on {backend}: registering the site and starting the collector"));
    mingjing.add_site(store, &[REVIEW_ORIGIN])?;
    let server = mingjing.serve(store, www, pkg)?;
    std::thread::sleep(plan.idle_settle);
    let idle = memory::resident(server.pid())?;
    say(format!("ingest on {backend}: {} resident at idle", memory::format_mb(idle.now)));

    let reviews = server.url("/api/v1/reviews");
    let health = server.url("/api/v1/health");
    let load = |url: &str, script, connections, seconds| Load::plain(url.to_owned(), script, connections, seconds);
    // Warms the database's caches and the allocator; not recorded.
    wrk.run(&load(&reviews, Script::PostReview, 16, plan.warmup_seconds))?;
    wrk.run(&load(&health, Script::Get, 16, plan.warmup_seconds))?;

    let mut points = Vec::new();
    for &connections in &plan.connections {
        let before = Buckets::read(server.port(), "POST", "/api/v1/reviews")?;
        let (mut review_runs, mut health_runs) = (Vec::new(), Vec::new());
        for _ in 0..plan.repeats {
            health_runs.push(wrk.run(&load(&health, Script::Get, connections, plan.ingest_seconds))?);
            review_runs.push(wrk.run(&load(&reviews, Script::PostReview, connections, plan.ingest_seconds))?);
        }
        let server_side = Buckets::read(server.port(), "POST", "/api/v1/reviews")?.since(&before);
        let point = summarise(connections, &review_runs, &health_runs, server_side.quantile_at_most_ms(0.99))?;
        say(format!(
            "ingest on {backend}, {connections} connections: {:.0} reviews/s (p99 {:.1} ms), health {:.0}/s",
            point.reviews_per_second.median, point.review_p99.median, point.health_per_second.median
        ));
        points.push(point);
    }
    let after = memory::resident(server.pid())?;
    server.stop()?;
    Ok(Ingest { backend, points, idle, after })
}

fn summarise(connections: u32, reviews: &[Run], health: &[Run], server_p99: Option<f64>) -> anyhow::Result<Point> {
    let spread = |runs: &[Run], figure: fn(&Run) -> f64| {
        Spread::of(&runs.iter().map(figure).collect::<Vec<_>>()).context("no runs to summarise")
    };
    Ok(Point {
        connections,
        reviews_per_second: spread(reviews, Run::accepted_per_second)?,
        review_p50: spread(reviews, |run| run.p50_ms)?,
        review_p99: spread(reviews, |run| run.p99_ms)?,
        health_per_second: spread(health, Run::accepted_per_second)?,
        health_p50: spread(health, |run| run.p50_ms)?,
        health_p99: spread(health, |run| run.p99_ms)?,
        created: reviews.iter().map(|run| run.created).sum(),
        accepted: reviews.iter().map(|run| run.accepted).sum(),
        rejected: reviews.iter().map(|run| run.rejected).sum::<u64>()
            + health.iter().map(|run| run.rejected).sum::<u64>(),
        socket_errors: reviews.iter().chain(health).map(|run| run.socket_errors + run.timeouts).sum(),
        server_review_p99_at_most: server_p99,
    })
}
