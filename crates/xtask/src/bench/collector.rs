//! The collector under test: its release binary, its administration commands, and a running
//! `mingjing serve` that is stopped when dropped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::http;
use crate::util::{self, say};
use mingjing_testkit::free_port;

/// The site every benchmark posts to and embeds the form for.
pub const SITE: &str = "bench";

/// The origin the load generator's reviews come from; registered for [`SITE`].
pub const REVIEW_ORIGIN: &str = "http://bench.mingjing.example";

/// The release build of `mingjing`, copied out of the shared target folder so that another
/// build there cannot swap it in the middle of a run.
#[derive(Debug)]
pub struct Mingjing {
    binary: PathBuf,
}

impl Mingjing {
    pub fn build(work: &Path) -> anyhow::Result<Mingjing> {
        say("compiling the collector (mingjing-collector, release)");
        util::run(util::cargo().args(["build", "--release", "-p", "mingjing-collector"]))?;
        let built = util::target_dir().join("release/mingjing");
        let binary = work.join("mingjing");
        fs::copy(&built, &binary).with_context(|| format!("cannot copy {}", built.display()))?;
        Ok(Mingjing { binary })
    }

    /// A `mingjing` command on this store.
    fn command(&self, store: &Store) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("--data-dir").arg(&store.data_dir);
        if let Some(url) = &store.database {
            cmd.args(["--database", url]);
        }
        cmd
    }

    /// Registers [`SITE`] for these origins and lets one client send it as many open reviews
    /// as it likes: every wrk connection comes from 127.0.0.1, which the default hourly
    /// allowance per client would stop after a few dozen.
    pub fn add_site(&self, store: &Store, origins: &[&str]) -> anyhow::Result<()> {
        let mut add = self.command(store);
        add.args(["site", "add", "--id", SITE, "--name", "基准测试站点 (benchmark)"]);
        for origin in origins {
            add.args(["--origin", origin]);
        }
        util::capture(&mut add)?;
        let shown = util::capture(self.command(store).args(["site", "show-config", "--id", SITE]))?;
        let mut config: serde_json::Value =
            serde_json::from_slice(&shown.stdout).context("`mingjing site show-config` printed no JSON")?;
        config["open_reviews_per_client_per_hour"] = serde_json::Value::from(u32::MAX);
        let file = store.data_dir.join("bench-review-config.json");
        fs::write(&file, serde_json::to_vec_pretty(&config)?)
            .with_context(|| format!("cannot write {}", file.display()))?;
        let mut configure = self.command(store);
        configure.args(["site", "configure", "--id", SITE, "--review-config"]).arg(&file);
        util::capture(&mut configure)?;
        Ok(())
    }

    /// Adds a member of staff to [`SITE`] and returns their access code.
    pub fn add_staff(&self, store: &Store) -> anyhow::Result<String> {
        let added = util::capture(self.command(store).args(["staff", "add", "--site", SITE, "--name", "基准测试"]))?;
        let out = String::from_utf8_lossy(&added.stdout);
        out.lines()
            .find_map(|l| l.strip_prefix("access_code="))
            .map(str::to_owned)
            .context("`mingjing staff add` printed no access code")
    }

    pub fn import_catalog(&self, store: &Store, file: &Path) -> anyhow::Result<Duration> {
        let started = Instant::now();
        util::capture(self.command(store).args(["catalog", "import"]).arg(file))?;
        Ok(started.elapsed())
    }

    /// Starts `mingjing serve` on a free port and waits until its health route answers.
    pub fn serve(&self, store: &Store, www: &Path, pkg: &Path) -> anyhow::Result<Server> {
        let port = free_port()?;
        let log_path = store.data_dir.join(format!("serve-{port}.log"));
        let log = fs::File::create(&log_path).with_context(|| format!("cannot create {}", log_path.display()))?;
        let mut serve = self.command(store);
        // The system-default job would wake during a run and skew it; it has nothing to do here.
        // Every review comes from 127.0.0.1, so the site's hourly ceiling is lifted too.
        serve
            .args(["serve", "--port", &port.to_string(), "--system-default-minutes", "0"])
            .args(["--open-reviews-per-site-per-hour", "4000000000"])
            .arg("--www-dir")
            .arg(www)
            .arg("--pkg-dir")
            .arg(pkg)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        let child = serve.spawn().with_context(|| format!("cannot start {}", util::display(&serve)))?;
        let mut server = Server { child, port, log: log_path };
        server.wait_healthy()?;
        Ok(server)
    }
}

/// Where the collector keeps its data: a data folder, and a PostgreSQL URL or else the
/// SQLite file in that folder.
#[derive(Debug, Clone)]
pub struct Store {
    pub data_dir: PathBuf,
    pub database: Option<String>,
}

impl Store {
    pub fn new(data_dir: PathBuf, database: Option<String>) -> anyhow::Result<Store> {
        fs::create_dir_all(&data_dir).with_context(|| format!("cannot create {}", data_dir.display()))?;
        Ok(Store { data_dir, database })
    }
}

/// A running `mingjing serve`; dropping it stops the server.
#[derive(Debug)]
pub struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn wait_healthy(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("mingjing serve exited ({status}); its log:\n{}", self.log_tail());
            }
            match http::get(self.port, "/api/v1/health", Duration::from_secs(2)) {
                Ok(response) if response.status == 200 => return Ok(()),
                _ if Instant::now() > deadline => {
                    bail!("mingjing serve did not become healthy in 30 s; its log:\n{}", self.log_tail())
                }
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Stops the server as an operator would (SIGTERM, letting it finish requests and close
    /// its database), killing it if it has not exited within ten seconds.
    pub fn stop(mut self) -> anyhow::Result<()> {
        self.terminate()
    }

    fn terminate(&mut self) -> anyhow::Result<()> {
        if self.child.try_wait()?.is_some() {
            return Ok(());
        }
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().context("cannot kill mingjing serve")?;
        self.child.wait()?;
        bail!("mingjing serve did not stop within 10 s of SIGTERM and was killed")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Err(e) = self.terminate() {
            eprintln!("xtask: {e:#}");
        }
    }
}
