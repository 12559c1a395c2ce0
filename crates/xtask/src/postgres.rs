//! A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary folder, on a
//! free port on 127.0.0.1, stopped and deleted when the guard drops (also on error or panic).

use std::ffi::OsString;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::deps;
use crate::util::{self, TempDir, say};

/// `cargo xtask postgres [COMMAND…]`: a server for running single tests or poking with psql.
pub fn run_with(command: &[OsString]) -> anyhow::Result<()> {
    deps::ensure(&[deps::Need::Postgres])?;
    let server = ThrowawayPostgres::start()?;
    let url = server.url();
    say(format!("MINGJING_TEST_POSTGRES_URL={url}"));
    match command.split_first() {
        Some((program, args)) => {
            let mut cmd = Command::new(program);
            cmd.args(args).env("MINGJING_TEST_POSTGRES_URL", &url);
            util::run(&mut cmd)
        }
        None => {
            say(format!("PostgreSQL is listening on 127.0.0.1:{} (Ctrl-C to stop)", server.port()));
            while !util::interrupted() {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Ok(())
        }
    }
}

/// A running server; dropping it stops the server and removes its folder.
#[derive(Debug)]
pub struct ThrowawayPostgres {
    bindir: PathBuf,
    /// Root cannot run PostgreSQL, so as root every server command runs as user `postgres`.
    as_postgres_user: bool,
    port: u16,
    // Dropped after `drop` has stopped the server, which still needs the folder.
    dir: TempDir,
}

/// Whether the server flushes its write-ahead log to disk before a commit returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `fsync=off`: the tests need no crash safety, and it makes them quicker.
    Off,
    /// PostgreSQL's defaults (`fsync=on`, `synchronous_commit=on`), as in production; for
    /// benchmarks of durable writes.
    Full,
}

impl ThrowawayPostgres {
    /// A server for tests: in the system's temporary folder, without fsync.
    pub fn start() -> anyhow::Result<ThrowawayPostgres> {
        ThrowawayPostgres::start_in(&std::env::temp_dir(), Durability::Off)
    }

    /// A server whose cluster lives in a fresh folder under `base`.
    pub fn start_in(base: &Path, durability: Durability) -> anyhow::Result<ThrowawayPostgres> {
        let bindir = deps::postgres_bindir()
            .context("cannot find PostgreSQL's initdb and pg_ctl (Debian package postgresql)")?;
        let as_postgres_user = deps::is_root()?;
        let dir = TempDir::new_in(base, "mingjing-postgres")?;
        if as_postgres_user {
            util::capture(Command::new("chown").arg("postgres:postgres").arg(dir.path()))
                .context("cannot hand the database folder to user postgres (does the user exist?)")?;
        }
        let port = free_port()?;
        // Built before starting, so that a failed start is still cleaned up by `drop`.
        let server = ThrowawayPostgres { bindir, as_postgres_user, port, dir };

        say(format!("creating a throwaway PostgreSQL cluster in {}", server.dir.path().display()));
        let data = server.data_dir();
        let mut initdb = server.command("initdb");
        initdb.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]);
        util::capture(&mut initdb)?;

        say(format!("starting it on 127.0.0.1:{port}"));
        let fsync = match durability {
            Durability::Off => " -c fsync=off",
            Durability::Full => "",
        };
        let options = format!("-c listen_addresses=127.0.0.1 -p {port} -k {}{fsync}", server.dir.path().display());
        let mut pg_ctl = server.command("pg_ctl");
        pg_ctl.arg("-D").arg(&data).arg("-l").arg(server.log_file()).args(["-w", "-t", "30", "-o", &options, "start"]);
        if let Err(e) = util::capture(&mut pg_ctl) {
            let log = std::fs::read_to_string(server.log_file()).unwrap_or_default();
            bail!("{e:#}\nserver log:\n{log}");
        }
        Ok(server)
    }

    fn port(&self) -> u16 {
        self.port
    }

    /// A URL for the `postgres` superuser and database, without password (trust on loopback).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("log")
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bindir.join(program);
        let mut cmd = if self.as_postgres_user {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        // User postgres may not be allowed into the folder xtask was started from.
        cmd.current_dir(self.dir.path());
        cmd
    }
}

impl Drop for ThrowawayPostgres {
    fn drop(&mut self) {
        if !is_running(&self.data_dir()) {
            return;
        }
        let mut stop = self.command("pg_ctl");
        stop.arg("-D").arg(self.data_dir()).args(["-w", "-t", "30", "stop", "-m", "fast"]);
        match stop.output() {
            Ok(output) if output.status.success() => {
                say(format!("stopped the throwaway PostgreSQL on port {}", self.port))
            }
            Ok(output) => eprintln!(
                "xtask: cannot stop the throwaway PostgreSQL ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ),
            Err(e) => eprintln!("xtask: cannot run pg_ctl stop: {e}"),
        }
    }
}

/// A server that was started, or half-started, leaves its pid file behind.
fn is_running(data: &Path) -> bool {
    data.join("postmaster.pid").exists()
}

/// A port nobody listens on now. Another process could take it before PostgreSQL does, but on
/// a developer machine or CI that is rare enough not to retry.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}
