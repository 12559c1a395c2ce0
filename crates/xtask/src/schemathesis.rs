//! API fuzzing with schemathesis (from PyPI): the collector's own OpenAPI document drives a
//! fixed number of generated requests, with a fixed seed, against a running collector. It
//! passes when no answer is a 5xx and every answer conforms to the document (status codes,
//! content types, headers, schemas).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::util::{self, TempDir, say};
use crate::widgets;
use mingjing_testkit::free_port;

/// Generated requests per operation, and the seed that makes the run repeatable.
const EXAMPLES: &str = "50";
const SEED: &str = "20261128";

fn venv() -> PathBuf {
    util::target_dir().join("schemathesis-venv")
}

/// Installs the pinned schemathesis into a virtualenv under `target/`, once.
fn ensure_installed() -> anyhow::Result<PathBuf> {
    let st = venv().join("bin/st");
    let requirements = util::workspace_root().join("crates/xtask/python/requirements.txt");
    let stamp = venv().join("requirements.txt");
    if st.is_file() && std::fs::read(&stamp).ok() == std::fs::read(&requirements).ok() {
        return Ok(st);
    }
    say("installing schemathesis from PyPI into target/schemathesis-venv");
    util::run(Command::new("python3").args(["-m", "venv"]).arg(venv()))
        .context("python3 -m venv failed: install Python 3 with venv (Debian: python3-venv)")?;
    util::run(Command::new(venv().join("bin/pip")).args(["install", "--quiet", "-r"]).arg(&requirements))?;
    std::fs::copy(&requirements, &stamp)?;
    Ok(st)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs schemathesis against a fresh collector on SQLite with the demo catalogue.
pub fn run() -> anyhow::Result<()> {
    let st = ensure_installed()?;
    util::run(util::cargo().args(["build", "-q", "-p", "mingjing-collector", "--bin", "mingjing"]))?;
    let mingjing = util::target_dir().join("debug/mingjing");
    let data = TempDir::new("mingjing-schemathesis")?;
    let port = free_port()?;
    let origin = format!("http://127.0.0.1:{port}");
    let admin = |args: &[&str]| {
        util::capture(Command::new(&mingjing).arg("--data-dir").arg(data.path()).args(args)).map(|_| ())
    };
    admin(&["site", "add", "--name", "schemathesis", "--origin", &origin, "--id", "demo"])?;
    let catalogue = util::workspace_root().join("crates/domain/data/demo-catalog.json");
    admin(&["catalog", "import", &catalogue.to_string_lossy()])?;
    let server = Server(
        Command::new(&mingjing)
            .arg("--data-dir")
            .arg(data.path())
            .args(["serve", "--port", &port.to_string(), "--system-default-minutes", "0"])
            .arg("--pkg-dir")
            .arg(widgets::pkg_dir())
            .arg("--www-dir")
            .arg(util::workspace_root().join("www"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start the collector")?,
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            bail!("the collector did not start on port {port}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let result = util::run(
        Command::new(st)
            .arg("run")
            .arg(format!("{origin}/api/v1/openapi.json"))
            .args(["--experimental=openapi-3.1", "--checks", "all"])
            // A session that does not exist: protected routes must answer 401 as documented.
            .args(["-H", "Authorization: Bearer not-a-session"])
            // One connection per request: no race between a reused connection and the
            // server closing it after refusing a request early.
            .args(["-H", "Connection: close"])
            .args(["--hypothesis-max-examples", EXAMPLES, "--hypothesis-seed", SEED, "--hypothesis-derandomize"])
            .args(["--no-color"])
            .current_dir(data.path()),
    );
    drop(server);
    result.context("schemathesis found answers that are 5xx or do not conform to the OpenAPI document")
}
