//! The system packages and Rust targets the jobs need, installed when we may.
//!
//! On Debian as root (every developer machine and CI here) missing packages are installed
//! with apt; anywhere else a missing package is an error that names it.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, bail};

use crate::util::{self, say};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub use mingjing_testkit::browser::{chromedriver, chromium};
pub use mingjing_testkit::postgres::bindir as postgres_bindir;
use mingjing_testkit::postgres::is_root;

const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Something a job needs from the system, and the Debian packages that provide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Node.js and npm, to install the pinned npm tools (wasm-opt, axe-core).
    Node,
    /// A CJK font, so Chromium renders Chinese as people see it (layout, screenshots).
    CjkFonts,
    /// Headless Chromium and chromedriver, for the browser tests.
    Chromium,
    /// `initdb` and `pg_ctl`, for a throwaway test database.
    Postgres,
    /// The HTTP load generator, for the benchmarks.
    Wrk,
    /// An HTTP client that streams a large answer to nowhere, for the export benchmark.
    Curl,
}

impl Need {
    fn packages(self) -> &'static [&'static str] {
        match self {
            Need::Node => &["nodejs", "npm"],
            Need::CjkFonts => &["fonts-noto-cjk"],
            Need::Chromium => &["chromium", "chromium-driver"],
            Need::Postgres => &["postgresql"],
            Need::Wrk => &["wrk"],
            Need::Curl => &["curl"],
        }
    }

    fn why(self) -> &'static str {
        match self {
            Need::Node => "npm installs the pinned wasm-opt and axe-core",
            Need::CjkFonts => "Chromium needs a Chinese font to lay out the widgets as people see them",
            Need::Chromium => "needed for browser tests",
            Need::Postgres => "the tests run against a throwaway PostgreSQL too",
            Need::Wrk => "the benchmarks load the collector with wrk",
            Need::Curl => "the scale benchmark downloads a whole export with curl",
        }
    }

    /// What `is_present` looks for, for error messages.
    fn provides(self) -> String {
        match self {
            Need::Node => "npm on PATH".to_owned(),
            Need::CjkFonts => CJK_FONT.to_owned(),
            Need::Chromium => format!("{} and {}", chromium().display(), chromedriver().display()),
            Need::Postgres => "initdb and pg_ctl (pg_config --bindir or /usr/lib/postgresql/*/bin)".to_owned(),
            Need::Wrk => "wrk on PATH".to_owned(),
            Need::Curl => "curl on PATH".to_owned(),
        }
    }

    fn is_present(self) -> bool {
        match self {
            Need::Node => util::which("npm").is_some() && util::which("node").is_some(),
            Need::CjkFonts => std::path::Path::new(CJK_FONT).is_file(),
            Need::Chromium => chromium().is_file() && chromedriver().is_file(),
            Need::Postgres => postgres_bindir().is_some(),
            Need::Wrk => util::which("wrk").is_some(),
            Need::Curl => util::which("curl").is_some(),
        }
    }
}

/// Makes sure every need is met, installing what is missing with one `apt-get install`.
pub fn ensure(needs: &[Need]) -> anyhow::Result<()> {
    let missing: Vec<Need> = needs.iter().copied().filter(|need| !need.is_present()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let packages: Vec<&str> = missing.iter().flat_map(|need| need.packages()).copied().collect();
    let reasons: Vec<&str> = missing.iter().map(|need| need.why()).collect();
    let wanted = packages.join(" ");
    if !is_root()? || !Path::new("/etc/debian_version").exists() {
        bail!("missing system packages: install {wanted} (Debian names) and try again; {}", reasons.join("; "));
    }
    apt_update_once()?;
    say(format!("installing {wanted} with apt ({})", reasons.join("; ")));
    let mut install = Command::new("apt-get");
    install.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "--no-install-recommends"]).args(&packages);
    util::run(&mut install).with_context(|| format!("cannot install {wanted}"))?;
    if let Some(still) = missing.iter().find(|need| !need.is_present()) {
        bail!("installed {} but still cannot find {}", still.packages().join(" "), still.provides());
    }
    Ok(())
}

fn apt_update_once() -> anyhow::Result<()> {
    static UPDATED: AtomicBool = AtomicBool::new(false);
    if UPDATED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    say("refreshing apt's package lists (apt-get update)");
    util::run(Command::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive").arg("update"))
}

/// Makes sure rustup has the wasm target, adding it if not.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let output = util::capture(Command::new("rustup").args(["target", "list", "--installed"]))
        .context("cannot ask rustup for the installed targets (is rustup installed?)")?;
    if String::from_utf8_lossy(&output.stdout).lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    say(format!("adding the Rust target {WASM_TARGET} with rustup (the widgets compile to it)"));
    util::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}
