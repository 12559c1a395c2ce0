//! `cargo xtask demo`: the collector serving the demo department site, on this machine.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::util::{self, say};
use crate::widgets::{self, Profile};

const SITE_ID: &str = "demo";
const SITE_NAME: &str = "示例市政务服务中心（演示）";
const SECRET_FILE: &str = "demo-site-secret.txt";
const STAFF_CODE_FILE: &str = "demo-staff-code.txt";
const SUPERVISOR_CODE_FILE: &str = "demo-supervisor-code.txt";

#[derive(Debug)]
pub struct DemoOptions {
    pub port: u16,
    pub data_dir: PathBuf,
    pub database: Option<String>,
}

pub fn run(options: &DemoOptions) -> anyhow::Result<()> {
    widgets::build(Profile::Release)?;

    say("compiling the collector (mingjing-collector, release)");
    util::run(util::cargo().args(["build", "--release", "-p", "mingjing-collector"]))?;
    let mingjing = Mingjing { binary: util::target_dir().join("release/mingjing"), options };

    fs::create_dir_all(&options.data_dir).with_context(|| format!("cannot create {}", options.data_dir.display()))?;
    register_site(&mingjing)?;
    add_demo_person(&mingjing, STAFF_CODE_FILE, &["staff", "add", "--site", SITE_ID, "--name", "演示工作人员"])?;
    let supervisor = ["supervisor", "add", "--site", SITE_ID, "--name", "演示监督员", "--affiliation", "chamber"];
    let term = ["--term-start", "2025-01-01", "--term-end", "2029-12-31"];
    add_demo_person(&mingjing, SUPERVISOR_CODE_FILE, &[&supervisor[..], &term[..]].concat())?;
    import_catalog(&mingjing)?;

    let mut serve = mingjing.command();
    serve.args(["serve", "--port", &options.port.to_string()]);
    say(format!("running {}", util::display(&serve)));
    println!();
    println!("Demo department site: http://localhost:{}/  (Ctrl-C to stop)", options.port);
    println!("Desk access code for the demo staff member: {}", options.data_dir.join(STAFF_CODE_FILE).display());
    println!("Access code for the demo supervisor: {}", options.data_dir.join(SUPERVISOR_CODE_FILE).display());
    println!();
    // Ctrl-C reaches the server too (same process group); we only wait for it to shut down.
    let status = serve.status().context("cannot start mingjing serve")?;
    if !status.success() && !util::interrupted() {
        bail!("mingjing serve stopped: {status}");
    }
    Ok(())
}

/// The collector binary with the demo's storage flags, run from the workspace root so that its
/// default `pkg/` and `www/` folders are the right ones.
struct Mingjing<'a> {
    binary: PathBuf,
    options: &'a DemoOptions,
}

impl Mingjing<'_> {
    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.current_dir(util::workspace_root()).arg("--data-dir").arg(&self.options.data_dir);
        if let Some(url) = &self.options.database {
            cmd.args(["--database", url]);
        }
        cmd
    }
}

fn register_site(mingjing: &Mingjing) -> anyhow::Result<()> {
    let port = mingjing.options.port;
    let mut add = mingjing.command();
    add.args(["site", "add", "--id", SITE_ID, "--name", SITE_NAME])
        .args(["--origin", &format!("http://localhost:{port}")])
        .args(["--origin", &format!("http://127.0.0.1:{port}"), "--if-missing"]);
    say(format!("registering the demo site: {}", util::display(&add)));
    add.stderr(std::process::Stdio::inherit());
    let output = util::capture(&mut add)?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in stdout.lines() {
        match line.strip_prefix("secret=") {
            Some(secret) => {
                save_private(&mingjing.options.data_dir.join(SECRET_FILE), secret, "the demo site's secret")?
            }
            None => println!("{line}"),
        }
    }
    Ok(())
}

/// Adds a demo staff member or supervisor, once, and keeps their access code beside the data.
fn add_demo_person(mingjing: &Mingjing, code_file: &str, args: &[&str]) -> anyhow::Result<()> {
    let path = mingjing.options.data_dir.join(code_file);
    if path.is_file() {
        return Ok(());
    }
    let mut add = mingjing.command();
    add.args(args);
    say(format!("adding a demo {}: {}", args[0], util::display(&add)));
    let output = util::capture(&mut add)?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    match stdout.lines().find_map(|line| line.strip_prefix("access_code=")) {
        Some(code) => save_private(&path, code, "the access code"),
        None => bail!("mingjing {} add printed no access code", args[0]),
    }
}

/// Keeps a secret that is shown only once, readable by this user alone.
fn save_private(path: &Path, secret: &str, what: &str) -> anyhow::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    writeln!(file, "{secret}")?;
    say(format!("saved {what} to {} (mode 0600)", path.display()));
    Ok(())
}

/// Imports the demo service catalogue into an empty catalogue.
fn import_catalog(mingjing: &Mingjing) -> anyhow::Result<()> {
    let catalog = util::workspace_root().join("crates/domain/data/demo-catalog.json");
    if !catalog.is_file() {
        say(format!("skipping the catalog import: {} is missing", catalog.display()));
        return Ok(());
    }
    let mut import = mingjing.command();
    import.args(["catalog", "import", "--if-empty"]).arg(&catalog);
    say("importing the demo service catalog (only into an empty catalog)");
    util::run(&mut import)
}
