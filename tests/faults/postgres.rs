//! A PostgreSQL server of the test's own, so that it can be stopped and started under a
//! running collector without disturbing the other tests' server.

use std::path::PathBuf;
use std::process::Command;

pub struct OwnPostgres {
    bindir: PathBuf,
    as_postgres_user: bool,
    port: u16,
    dir: tempfile::TempDir,
}

fn bindir() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

impl OwnPostgres {
    /// A fresh cluster on a free port; `None` when PostgreSQL is not installed.
    pub fn start() -> Option<Self> {
        let bindir = bindir()?;
        let as_postgres_user = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let dir = tempfile::tempdir().expect("a folder for the cluster");
        if as_postgres_user {
            let chown = Command::new("chown").arg("postgres:postgres").arg(dir.path()).status().expect("chown runs");
            assert!(chown.success(), "cannot hand the cluster's folder to user postgres");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let server = Self { bindir, as_postgres_user, port, dir };
        let data = server.dir.path().join("data");
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
        server.run(&mut initdb);
        server.up();
        Some(server)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bindir.join(program);
        let mut command = if self.as_postgres_user {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        command.current_dir(self.dir.path());
        command
    }

    fn run(&self, command: &mut Command) {
        let out = command.output().expect("a PostgreSQL command runs");
        assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Starts the server and waits until it accepts connections.
    pub fn up(&self) {
        let options =
            format!("-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off", self.port, self.dir.path().display());
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl.arg("-D").arg(self.dir.path().join("data")).arg("-l").arg(self.dir.path().join("log"));
        pg_ctl.args(["-w", "-t", "30", "-o", &options, "start"]);
        self.run(&mut pg_ctl);
    }

    /// Stops the server at once, as a crash would (no checkpoint, clients cut off).
    pub fn down(&self) {
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl.arg("-D").arg(self.dir.path().join("data")).args(["-w", "-t", "30", "stop", "-m", "immediate"]);
        self.run(&mut pg_ctl);
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        if self.dir.path().join("data/postmaster.pid").exists() {
            let mut pg_ctl = self.command("pg_ctl");
            pg_ctl.arg("-D").arg(self.dir.path().join("data")).args(["-w", "-t", "30", "stop", "-m", "fast"]);
            let _ = pg_ctl.output();
        }
    }
}
