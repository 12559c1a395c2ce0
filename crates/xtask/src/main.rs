//! `cargo xtask <job>`: building the widgets, serving the demo and running every check, in Rust
//! instead of shell scripts.

mod bench;
mod demo;
mod deps;
mod manifest;
mod npm_tools;
mod postgres;
mod schemathesis;
mod test;
mod util;
mod widgets;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Mingjing's build, demo, test and bench jobs")]
struct Cli {
    #[command(subcommand)]
    job: Job,
}

#[derive(Debug, Subcommand)]
enum Job {
    /// Build the widget bundle into pkg/ (wasm, JS glue, assets, manifest.json).
    Build {
        /// Use the dev profile and skip wasm-opt: quicker, much larger.
        #[arg(long)]
        dev: bool,
    },
    /// Build everything and serve the demo department site.
    Demo {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Where the demo keeps its SQLite database and site secret [default: <workspace>/data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// A PostgreSQL URL (or SQLite file) instead of DATA_DIR/mingjing.db.
        #[arg(long)]
        database: Option<String>,
    },
    /// Run everything CI runs: system dependencies, rustfmt, clippy, the bundle, all tests.
    Test {
        /// Skip the browser tests (sets MINGJING_SKIP_BROWSER=1) and the Chromium install.
        #[arg(long)]
        no_browser: bool,
        /// Skip the throwaway PostgreSQL and its tests (sets MINGJING_SKIP_POSTGRES=1).
        #[arg(long)]
        no_postgres: bool,
    },
    /// Build the bundle and retake the webmaster guide's screenshots (www/docs/screenshots).
    Screenshots,
    /// Measure bundle weight, time to interactive, ingest, search and memory; write BENCHMARKS.md.
    Bench {
        /// Shorter wrk runs, fewer page loads, 200,000 reviews: a rough check in about 8 minutes.
        #[arg(long)]
        quick: bool,
        /// Only the published figures at scale (section 6), printed against their targets;
        /// BENCHMARKS.md is left as it is. For working on the figures.
        #[arg(long)]
        scale_only: bool,
    },
    /// Start a throwaway PostgreSQL, run COMMAND with MINGJING_TEST_POSTGRES_URL set (or wait for
    /// Ctrl-C), then stop and delete it.
    Postgres {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "COMMAND")]
        command: Vec<OsString>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match util::handle_ctrl_c().and_then(|()| run(cli.job)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(job: Job) -> anyhow::Result<()> {
    match job {
        Job::Screenshots => screenshots(),
        Job::Build { dev } => widgets::build(if dev { widgets::Profile::Dev } else { widgets::Profile::Release }),
        Job::Demo { port, data_dir, database } => {
            let data_dir =
                data_dir.map(|dir| util::absolute(&dir)).unwrap_or_else(|| util::workspace_root().join("data"));
            demo::run(&demo::DemoOptions { port, data_dir, database })
        }
        Job::Test { no_browser, no_postgres } => test::run(test::TestOptions { no_browser, no_postgres }),
        Job::Postgres { command } => postgres::run_with(&command),
        Job::Bench { quick, scale_only } => bench::run(bench::BenchOptions { quick, scale_only }),
    }
}

/// Every widget in Chromium against a real collector, written where the guide links them.
fn screenshots() -> anyhow::Result<()> {
    deps::ensure(&[deps::Need::Chromium, deps::Need::CjkFonts])?;
    widgets::build(widgets::Profile::Release)?;
    let root = util::workspace_root();
    util::run(
        util::cargo()
            .args(["run", "--quiet", "-p", "mingjing-tests", "--bin", "screenshots", "--"])
            .arg(root.join("www/docs/screenshots"))
            .env("MINGJING_PKG_DIR", widgets::pkg_dir())
            .env("MINGJING_WWW_DIR", root.join("www"))
            .env("MINGJING_CHROMIUM", deps::chromium())
            .env("MINGJING_CHROMEDRIVER", deps::chromedriver()),
    )
}
