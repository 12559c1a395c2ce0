//! `cargo xtask test`: everything CI runs, in order, stopping at the first failure.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::deps::{self, Need};
use crate::npm_tools;
use crate::util::{self, format_duration, say};
use crate::widgets::{self, Profile};
use mingjing_testkit::postgres::ThrowawayPostgres;

#[derive(Debug, Clone, Copy)]
pub struct TestOptions {
    pub no_browser: bool,
    pub no_postgres: bool,
}

pub fn run(options: TestOptions) -> anyhow::Result<()> {
    let mut steps = Steps::new();
    let result = run_steps(options, &mut steps);
    steps.report(result.is_ok());
    result
}

fn run_steps(options: TestOptions, steps: &mut Steps) -> anyhow::Result<()> {
    steps.run("system dependencies", || {
        deps::ensure_wasm_target()?;
        let mut needs = vec![Need::Node];
        if !options.no_browser {
            needs.extend([Need::Chromium, Need::CjkFonts]);
        }
        if !options.no_postgres {
            needs.push(Need::Postgres);
        }
        deps::ensure(&needs)
    })?;
    steps.run("rustfmt", || {
        util::run(util::cargo().args(["fmt", "--all", "--", "--check"]))
            .context("code is not formatted: run `cargo fmt --all`")
    })?;
    steps.run("clippy (native)", || {
        let args = "clippy --workspace --exclude mingjing-widgets --all-targets -- -D warnings";
        util::run(util::cargo().args(args.split(' ')))
    })?;
    steps.run("clippy (wasm widgets)", || {
        let args = "clippy -p mingjing-widgets --target wasm32-unknown-unknown -- -D warnings";
        util::run(util::cargo().args(args.split(' ')))
    })?;
    steps.run("widget unit tests (native)", || {
        // Pure logic such as reducers; the rest runs in Chromium below, and the message
        // catalogues are tested with the workspace (`mingjing-i18n`).
        util::run(util::cargo().args(["test", "-p", "mingjing-widgets", "--lib"]))
    })?;
    steps.run("widget bundle", || widgets::build(Profile::Release))?;

    // Lives until the tests are done; dropping it stops the server, also on failure or panic.
    let postgres = match options.no_postgres {
        true => None,
        false => Some(steps.run("throwaway PostgreSQL", ThrowawayPostgres::start)?),
    };

    steps.run("cargo test", || {
        let root = util::workspace_root();
        let mut test = util::cargo();
        // The widgets only build for wasm32; their checks are the clippy step and the browser tests.
        test.args(["test", "--workspace", "--exclude", "mingjing-widgets"])
            .env("MINGJING_CHROMIUM", deps::chromium())
            .env("MINGJING_CHROMEDRIVER", deps::chromedriver())
            .env("MINGJING_PKG_DIR", widgets::pkg_dir())
            .env("MINGJING_WWW_DIR", root.join("www"))
            .env("MINGJING_WORKSPACE", &root)
            .env("MINGJING_AXE", npm_tools::axe());
        if options.no_browser {
            say("skipping the browser tests (--no-browser): MINGJING_SKIP_BROWSER=1");
            test.env("MINGJING_SKIP_BROWSER", "1");
        }
        match &postgres {
            Some(server) => {
                test.env("MINGJING_TEST_POSTGRES_URL", server.url());
            }
            None => {
                say("skipping the PostgreSQL tests (--no-postgres): MINGJING_SKIP_POSTGRES=1");
                test.env("MINGJING_SKIP_POSTGRES", "1").env_remove("MINGJING_TEST_POSTGRES_URL");
            }
        }
        util::run(&mut test)
    })?;
    drop(postgres);
    steps.run("API fuzzing (schemathesis)", crate::schemathesis::run)?;
    Ok(())
}

/// The steps run so far and how long each took.
struct Steps {
    started: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Steps {
    fn new() -> Steps {
        Steps { started: Instant::now(), done: Vec::new() }
    }

    fn run<T>(&mut self, name: &'static str, step: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
        util::check_interrupted()?;
        println!();
        say(format!("test step: {name}"));
        let started = Instant::now();
        let result = step();
        let elapsed = started.elapsed();
        match &result {
            Ok(_) => {
                say(format!("test step {name} passed in {}", format_duration(elapsed)));
                self.done.push((name, elapsed));
            }
            Err(_) => say(format!("test step {name} FAILED after {}", format_duration(elapsed))),
        }
        result.with_context(|| format!("step `{name}` failed"))
    }

    fn report(&self, passed: bool) {
        println!();
        for (name, elapsed) in &self.done {
            println!("  {:>8}  {name}", format_duration(*elapsed));
        }
        let total = format_duration(self.started.elapsed());
        match passed {
            true => println!("xtask test: all steps passed in {total}"),
            false => println!("xtask test: stopped at the first failure after {total}"),
        }
    }
}
