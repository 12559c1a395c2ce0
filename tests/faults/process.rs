//! The collector as a separate process: started on port 0 with its log captured, and killed
//! with SIGKILL, as a power cut or the OOM killer would.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Collector {
    child: Child,
    pub base: String,
}

/// Everything every collector process of a test wrote to its log.
pub type Log = Arc<Mutex<Vec<String>>>;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_collector-under-test")
}

/// Runs an admin command (`site add …`) against a data directory and returns its output.
pub fn admin(data_dir: &Path, database: Option<&str>, args: &[&str]) -> String {
    let mut command = Command::new(binary());
    command.arg("--data-dir").arg(data_dir);
    if let Some(url) = database {
        command.args(["--database", url]);
    }
    let out = command.args(args).output().expect("the collector binary runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Collector {
    /// Starts `mingjing serve` on a free port and waits until it serves. Every review of a
    /// fault test comes from 127.0.0.1 to one site, so the site's hourly ceiling is lifted.
    pub fn start(data_dir: &Path, database: Option<&str>, log: &Log) -> Self {
        Self::start_with(data_dir, database, log, &["--open-reviews-per-site-per-hour", "1000000000"])
    }

    /// The same, with more `serve` flags.
    pub fn start_with(data_dir: &Path, database: Option<&str>, log: &Log, flags: &[&str]) -> Self {
        let mut command = Command::new(binary());
        command.arg("--data-dir").arg(data_dir);
        if let Some(url) = database {
            command.args(["--database", url]);
        }
        command
            .args(["serve", "--port", "0", "--system-default-minutes", "0"])
            .args(flags)
            .arg("--pkg-dir")
            .arg(mingjing_tests::paths::pkg_dir())
            .arg("--www-dir")
            .arg(mingjing_tests::paths::www_dir())
            // Everything the collector can log, so that the privacy scan sees it all.
            .env("MINGJING_LOG", "debug,sqlx=debug,hyper=info,h2=info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the collector starts");
        let stderr = child.stderr.take().expect("stderr piped");
        let (found, address) = std::sync::mpsc::channel();
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("serving on http://").nth(1) {
                    let _ = found.send(rest.trim_end_matches('/').split('/').next().unwrap_or_default().to_owned());
                }
                log.lock().expect("log").push(line);
            }
        });
        let address = address.recv_timeout(Duration::from_secs(30)).expect("the collector says where it serves");
        Self { child, base: format!("http://{address}") }
    }

    /// The most memory the process has held so far (VmHWM), in bytes.
    pub fn peak_memory(&self) -> u64 {
        self.memory("VmHWM:")
    }

    /// The memory the process holds now (VmRSS), in bytes.
    pub fn resident_memory(&self) -> u64 {
        self.memory("VmRSS:")
    }

    fn memory(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok());
        kib.unwrap_or_else(|| panic!("{field} in /proc/<pid>/status")) * 1024
    }

    pub fn address(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits until the collector answers `path` with `status`, or panics after `timeout`.
    pub async fn wait_for_status(
        &self,
        client: &reqwest::Client,
        path: &str,
        status: u16,
        timeout: Duration,
    ) -> Duration {
        let started = Instant::now();
        loop {
            let got = client.get(format!("{}{path}", self.base)).send().await.map(|r| r.status().as_u16()).ok();
            if got == Some(status) {
                return started.elapsed();
            }
            assert!(started.elapsed() < timeout, "{path} never answered {status} (last: {got:?})");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
