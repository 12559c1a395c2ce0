//! Load from wrk (Debian's package): a fixed number of connections, each sending its next
//! request as soon as the last was answered, for a fixed time. Its Lua scripts count the
//! responses by status and print the latency percentiles as one JSON line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, bail};
use serde_json::Value;

use super::collector::{REVIEW_ORIGIN, SITE};
use crate::util;

const COUNT_LUA: &str = include_str!("wrk/count.lua");
const POST_REVIEW_LUA: &str = include_str!("wrk/post_review.lua");

/// The service the benchmark's reviews rate: 企业设立登记 in the demo catalogue.
pub const REVIEW_SERVICE: &str = "11530100MJ0001001W3001030001000";

/// What each connection sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// `GET` the URL.
    Get,
    /// `POST` a new open review to the URL, as the review form does.
    PostReview,
}

/// One wrk run to make.
#[derive(Debug, Clone)]
pub struct Load {
    pub url: String,
    pub script: Script,
    pub connections: u32,
    pub seconds: u32,
    /// Sent as `Authorization: Bearer …` (a staff session, for the desk).
    pub bearer: Option<String>,
    /// Each connection waits this long before each request, so that the load is paced at
    /// about `connections × 1000 / delay_ms` requests a second instead of as fast as possible.
    pub delay_ms: Option<u32>,
}

impl Load {
    /// As fast as the server answers, with no session.
    pub fn plain(url: String, script: Script, connections: u32, seconds: u32) -> Load {
        Load { url, script, connections, seconds, bearer: None, delay_ms: None }
    }
}

/// What one wrk run saw. Latencies are wrk's: from writing the request to reading the whole
/// response on loopback, so an upper bound on the time spent in the server.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub requests: u64,
    /// 201 Created: a review written by this request.
    pub created: u64,
    /// Any 2xx.
    pub accepted: u64,
    pub rejected: u64,
    pub socket_errors: u64,
    pub timeouts: u64,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Run {
    pub fn accepted_per_second(&self) -> f64 {
        self.accepted as f64 / self.seconds
    }
}

/// wrk with its scripts written out.
#[derive(Debug)]
pub struct Wrk {
    get_script: PathBuf,
    post_script: PathBuf,
}

impl Wrk {
    pub fn new(work: &Path) -> anyhow::Result<Wrk> {
        let get_script = work.join("wrk-get.lua");
        let post_script = work.join("wrk-post-review.lua");
        std::fs::write(&get_script, COUNT_LUA).with_context(|| format!("cannot write {}", get_script.display()))?;
        std::fs::write(&post_script, format!("{COUNT_LUA}\n{POST_REVIEW_LUA}"))
            .with_context(|| format!("cannot write {}", post_script.display()))?;
        Ok(Wrk { get_script, post_script })
    }

    pub fn run(&self, load: &Load) -> anyhow::Result<Run> {
        let run = self.run_allowing_none(load)?;
        if run.requests == 0 {
            bail!("wrk made no requests to {}", load.url);
        }
        Ok(run)
    }

    /// Like [`Wrk::run`], but a run in which no answer came back is a result (its latencies
    /// NaN, so that it reads "n/a"), not an error: at scale, a route slower than the run
    /// is a finding to report.
    pub fn run_allowing_none(&self, load: &Load) -> anyhow::Result<Run> {
        util::check_interrupted()?;
        // Keys must never repeat within a database, or a review would be a retry (200), not new.
        static RUNS: AtomicU32 = AtomicU32::new(0);
        let run_id = format!("r{}", RUNS.fetch_add(1, Ordering::SeqCst));
        let base = match load.script {
            Script::Get => &self.get_script,
            Script::PostReview => &self.post_script,
        };
        let script = if load.bearer.is_none() && load.delay_ms.is_none() {
            base.clone()
        } else {
            // The base script with a session header and a pacing delay before it.
            let mut extra = String::new();
            if load.bearer.is_some() {
                extra
                    .push_str("wrk.headers[\"Authorization\"] = \"Bearer \" .. os.getenv(\"MINGJING_BENCH_BEARER\")\n");
            }
            if let Some(ms) = load.delay_ms {
                extra.push_str(&format!("function delay() return {ms} end\n"));
            }
            let text = std::fs::read_to_string(base).with_context(|| format!("cannot read {}", base.display()))?;
            let path = base.with_file_name(format!("wrk-extra-{run_id}.lua"));
            std::fs::write(&path, format!("{text}\n{extra}"))
                .with_context(|| format!("cannot write {}", path.display()))?;
            path
        };
        let mut wrk = Command::new("wrk");
        wrk.arg(format!("--threads={}", threads(load.connections)))
            .arg(format!("--connections={}", load.connections))
            .arg(format!("--duration={}s", load.seconds))
            // Slow responses must count in the percentiles, not vanish as timeouts.
            .arg("--timeout=10s")
            .arg("--script")
            .arg(&script)
            .arg(&load.url)
            .arg("--")
            .arg(&run_id)
            .env("MINGJING_BENCH_SITE", SITE)
            .env("MINGJING_BENCH_SERVICE", REVIEW_SERVICE)
            .env("MINGJING_BENCH_ORIGIN", REVIEW_ORIGIN)
            .env("MINGJING_BENCH_BEARER", load.bearer.as_deref().unwrap_or(""));
        let output = util::capture(&mut wrk)?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find_map(|line| line.strip_prefix("MINGJING_BENCH "))
            .with_context(|| format!("wrk printed no result line:\n{stdout}"))?;
        let mut run = parse(line).with_context(|| format!("cannot read wrk's result line {line}"))?;
        if run.requests == 0 {
            (run.p50_ms, run.p99_ms) = (f64::NAN, f64::NAN);
        }
        Ok(run)
    }
}

/// One wrk thread per core, but never more threads than connections.
fn threads(connections: u32) -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u32;
    cores.min(connections).max(1)
}

fn parse(line: &str) -> anyhow::Result<Run> {
    let value: Value = serde_json::from_str(line)?;
    let count = |name: &str| value.get(name).and_then(Value::as_u64).with_context(|| format!("no {name}"));
    let ms = |name: &str| count(name).map(|us| us as f64 / 1000.0);
    Ok(Run {
        requests: count("requests")?,
        created: count("created")?,
        accepted: count("accepted")?,
        rejected: count("rejected")?,
        socket_errors: count("socket_errors")?,
        timeouts: count("timeouts")?,
        seconds: count("duration_us")? as f64 / 1e6,
        p50_ms: ms("p50_us")?,
        p99_ms: ms("p99_us")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_line_is_read_in_milliseconds_and_seconds() {
        let line = r#"{"requests":10,"duration_us":2000000,"created":8,"accepted":9,"rejected":1,"socket_errors":0,"timeouts":0,"p50_us":1500,"p99_us":20000}"#;
        let run = parse(line).unwrap();
        assert_eq!((run.accepted, run.seconds, run.p50_ms, run.p99_ms), (9, 2.0, 1.5, 20.0));
        assert_eq!(run.accepted_per_second(), 4.5);
    }

    #[test]
    fn there_are_never_more_threads_than_connections() {
        assert_eq!(threads(1), 1);
        assert!(threads(256) >= 1);
    }
}
