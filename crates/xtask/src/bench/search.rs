//! Lookup search: the latency of `GET /api/v1/services?q=…` over a generated catalogue, query
//! by query, against `GET /api/v1/health` of the same server in the same run. One connection
//! gives the time a search takes; sixteen show it under load.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::Value;

use super::Plan;
use super::collector::{Mingjing, Store};
use super::http;
use super::memory::{self, Resident};
use super::metrics::Buckets;
use super::stats::Spread;
use super::wrk::{Load, Run, Script, Wrk};
use crate::util::{format_duration, say};

/// The searches measured: what a citizen types, in each way the index matches.
pub const QUERIES: [(&str, &str); 5] = [
    ("企业设立", "Chinese substring"),
    ("qiyesheli", "full pinyin"),
    ("qysl", "pinyin initials"),
    ("11530100MJ0001", "code prefix"),
    ("量子计算机", "no hits"),
];

/// Connections for the latency figures and for the figures under load.
pub const CONNECTIONS: [u32; 2] = [1, 16];

/// One query's (or the baseline's) figures at each number of connections, in milliseconds.
#[derive(Debug, Clone)]
pub struct Figures {
    pub label: String,
    pub kind: &'static str,
    /// The query's `total`; `None` for the baseline.
    pub hits: Option<u64>,
    pub at: Vec<LevelFigures>,
}

#[derive(Debug, Clone)]
pub struct LevelFigures {
    pub connections: u32,
    pub per_second: Spread,
    pub p50: Spread,
    pub p99: Spread,
    /// The collector's own histogram: the bucket edge under which 99% of the searches fell.
    pub server_p99_at_most: Option<f64>,
    pub rejected: u64,
}

#[derive(Debug, Clone)]
pub struct Search {
    pub items: u32,
    pub import: Duration,
    /// The first search after start, which builds the index.
    pub first_search: Duration,
    pub queries: Vec<Figures>,
    pub health: Figures,
    /// Resident memory with the index built, after the searches.
    pub memory: Resident,
}

impl Search {
    /// The worst p99 of any query at one connection.
    pub fn worst_p99(&self) -> Option<(&Figures, f64)> {
        self.queries
            .iter()
            .filter_map(|q| q.at.iter().find(|level| level.connections == 1).map(|level| (q, level.p99.median)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

#[allow(clippy::too_many_arguments)]
pub fn measure(
    mingjing: &Mingjing,
    store: &Store,
    catalog: &Path,
    items: u32,
    www: &Path,
    pkg: &Path,
    wrk: &Wrk,
    plan: &Plan,
) -> anyhow::Result<Search> {
    say(format!("importing the {items}-item catalogue"));
    let import = mingjing.import_catalog(store, catalog)?;
    let server = mingjing.serve(store, www, pkg)?;

    let paths: Vec<String> = QUERIES.iter().map(|(q, _)| format!("/api/v1/services?q={}", percent_encode(q))).collect();
    // The first search after start builds the index; it is timed, then not counted again.
    let mut hits = Vec::new();
    let mut first_search = Duration::ZERO;
    for path in &paths {
        let started = Instant::now();
        let response = http::get(server.port(), path, Duration::from_secs(120))?;
        if hits.is_empty() {
            first_search = started.elapsed();
            say(format!("the first search (which builds the index) took {}", format_duration(first_search)));
        }
        if response.status != 200 {
            bail!("GET {path} answered {}: {}", response.status, response.body);
        }
        let page: Value = serde_json::from_str(&response.body).with_context(|| format!("GET {path}: not JSON"))?;
        hits.push(page.get("total").and_then(Value::as_u64).with_context(|| format!("GET {path}: no total"))?);
    }

    let health_path = "/api/v1/health";
    let targets: Vec<&str> = std::iter::once(health_path).chain(paths.iter().map(String::as_str)).collect();
    let mut runs: Vec<Vec<Vec<Run>>> = vec![vec![Vec::new(); CONNECTIONS.len()]; targets.len()];
    let mut server_p99: Vec<Vec<Option<f64>>> = vec![vec![None; CONNECTIONS.len()]; targets.len()];
    for target in &targets {
        wrk.run(&Load::plain(server.url(target), Script::Get, 4, plan.warmup_seconds))?;
    }
    for (level, &connections) in CONNECTIONS.iter().enumerate() {
        for _ in 0..plan.repeats {
            for (t, target) in targets.iter().enumerate() {
                let route = if t == 0 { health_path } else { "/api/v1/services" };
                let before = Buckets::read(server.port(), "GET", route)?;
                let load = Load::plain(server.url(target), Script::Get, connections, plan.search_seconds);
                runs[t][level].push(wrk.run(&load)?);
                let after = Buckets::read(server.port(), "GET", route)?.since(&before);
                // The worst repeat's bucket: the coarse edges make a median meaningless.
                server_p99[t][level] = match (server_p99[t][level], after.quantile_at_most_ms(0.99)) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
        }
    }
    let memory = memory::resident(server.pid())?;
    server.stop()?;

    let figures = |t: usize, label: String, kind: &'static str, hits: Option<u64>| -> anyhow::Result<Figures> {
        let at = CONNECTIONS
            .iter()
            .enumerate()
            .map(|(level, &connections)| level_figures(connections, &runs[t][level], server_p99[t][level]))
            .collect::<anyhow::Result<_>>()?;
        Ok(Figures { label, kind, hits, at })
    };
    let health = figures(0, "GET /api/v1/health".to_owned(), "baseline", None)?;
    let queries = QUERIES
        .iter()
        .enumerate()
        .map(|(i, (q, kind))| figures(i + 1, format!("q={q}"), kind, hits.get(i).copied()))
        .collect::<anyhow::Result<_>>()?;
    Ok(Search { items, import, first_search, queries, health, memory })
}

fn level_figures(connections: u32, runs: &[Run], server_p99_at_most: Option<f64>) -> anyhow::Result<LevelFigures> {
    let spread =
        |figure: fn(&Run) -> f64| Spread::of(&runs.iter().map(figure).collect::<Vec<_>>()).context("no search runs");
    Ok(LevelFigures {
        connections,
        per_second: spread(Run::accepted_per_second)?,
        p50: spread(|run| run.p50_ms)?,
        p99: spread(|run| run.p99_ms)?,
        server_p99_at_most,
        rejected: runs.iter().map(|run| run.rejected + run.socket_errors + run.timeouts).sum(),
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a query string.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_percent_encoded_as_utf8() {
        assert_eq!(percent_encode("企业"), "%E4%BC%81%E4%B8%9A");
        assert_eq!(percent_encode("qysl-1"), "qysl-1");
    }
}
