//! A throwaway PostgreSQL server: a fresh cluster in a temporary folder, on a free port on
//! 127.0.0.1, stopped and deleted when the guard drops (also on error or panic).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{TempDir, free_port};

/// A running server; dropping it stops the server and removes its folder.
#[derive(Debug)]
pub struct ThrowawayPostgres {
    bindir: PathBuf,
    /// Root cannot run PostgreSQL, so as root every server command runs as user `postgres`.
    as_postgres_user: bool,
    port: u16,
    durability: Durability,
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
        let bindir = bindir().context("cannot find PostgreSQL's initdb and pg_ctl (Debian package postgresql)")?;
        let as_postgres_user = is_root()?;
        let dir = TempDir::new_in(base, "mingjing-postgres")?;
        if as_postgres_user {
            run(Command::new("chown").arg("postgres:postgres").arg(dir.path()))
                .context("cannot hand the database folder to user postgres (does the user exist?)")?;
        }
        let port = free_port()?;
        // Built before starting, so that a failed start is still cleaned up by `drop`.
        let server = ThrowawayPostgres { bindir, as_postgres_user, port, durability, dir };
        let mut initdb = server.command("initdb");
        initdb.arg("-D").arg(server.data_dir()).args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]);
        run(&mut initdb)?;
        server.start_again()?;
        Ok(server)
    }

    /// Starts the server (again, after [`ThrowawayPostgres::stop_immediately`]) and waits
    /// until it accepts connections.
    pub fn start_again(&self) -> anyhow::Result<()> {
        let fsync = match self.durability {
            Durability::Off => " -c fsync=off",
            Durability::Full => "",
        };
        let options = format!("-c listen_addresses=127.0.0.1 -p {} -k {}{fsync}", self.port, self.dir.path().display());
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl.arg("-D").arg(self.data_dir()).arg("-l").arg(self.log_file());
        pg_ctl.args(["-w", "-t", "30", "-o", &options, "start"]);
        if let Err(e) = run(&mut pg_ctl) {
            let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
            bail!("{e:#}\nserver log:\n{log}");
        }
        Ok(())
    }

    /// Stops the server at once, as a crash would (no checkpoint, clients cut off).
    pub fn stop_immediately(&self) -> anyhow::Result<()> {
        self.stop("immediate")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A URL for the `postgres` superuser and database, without password (trust on loopback).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn stop(&self, mode: &str) -> anyhow::Result<()> {
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl.arg("-D").arg(self.data_dir()).args(["-w", "-t", "30", "stop", "-m", mode]);
        run(&mut pg_ctl)
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
        // User postgres may not be allowed into the folder we were started from.
        cmd.current_dir(self.dir.path());
        cmd
    }
}

impl Drop for ThrowawayPostgres {
    fn drop(&mut self) {
        // A server that was started, or half-started, leaves its pid file behind.
        if !self.data_dir().join("postmaster.pid").exists() {
            return;
        }
        if let Err(e) = self.stop("fast") {
            eprintln!("cannot stop the throwaway PostgreSQL on port {}: {e:#}", self.port);
        }
    }
}

/// The PostgreSQL server programs' folder, holding `initdb` and `pg_ctl`.
///
/// `pg_config --bindir` can name a client-only folder (Debian's libpq-dev), so each candidate
/// must really hold the server programs. After it come Debian's versioned folders, newest first,
/// then `PATH`.
pub fn bindir() -> Option<PathBuf> {
    let has_server = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    if let Some(dir) = from_pg_config.filter(|dir| has_server(dir)) {
        return Some(dir);
    }
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_server(dir))
        .collect();
    versioned.sort();
    if let Some((_, dir)) = versioned.pop() {
        return Some(dir);
    }
    std::env::split_paths(&std::env::var_os("PATH")?).find(|dir| has_server(dir))
}

pub fn is_root() -> anyhow::Result<bool> {
    let output = Command::new("id").arg("-u").output().context("cannot run `id -u`")?;
    Ok(String::from_utf8_lossy(&output.stdout).trim() == "0")
}

/// Runs `cmd` quietly and fails, with what it wrote to stderr, unless it succeeds.
fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let output = cmd.output().with_context(|| format!("cannot start {:?}", cmd.get_program()))?;
    if !output.status.success() {
        bail!("{cmd:?} failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(())
}
