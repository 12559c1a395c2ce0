//! The machine and tools a run measured on, for the report: figures mean little without them.

use std::path::Path;
use std::process::Command;

use crate::deps;
use crate::util;

#[derive(Debug, Clone)]
pub struct Machine {
    pub date: String,
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub kernel: String,
    /// The file system type of the folder the databases were in (`ext4`, `tmpfs`, …).
    pub data_fs: String,
    pub data_dir: String,
    pub commit: String,
    /// `/proc/loadavg`'s 1, 5 and 15 minute figures when the run began and when it ended:
    /// other work on the machine shows up here.
    pub load_at_start: String,
    pub load_at_end: String,
    pub tools: Vec<(&'static str, String)>,
}

impl Machine {
    /// Whether something else kept the machine busy just before the run: a one-minute load
    /// average of more than a quarter of the cores.
    pub fn busy_at_start(&self) -> bool {
        let one_minute = self.load_at_start.split(' ').next().and_then(|load| load.parse::<f64>().ok());
        one_minute.is_some_and(|load| load > 0.25 * self.cores as f64)
    }
}

pub fn describe(data_dir: &Path, load_at_start: String) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':').map(|(_, v)| v.trim().to_owned()))
        .unwrap_or_else(|| "unknown".to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:")?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
        .map_or_else(|| "unknown".to_owned(), |kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0));
    let commit =
        first_line(Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(util::workspace_root()));
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .current_dir(util::workspace_root())
        .output()
        .is_ok_and(|output| !output.stdout.is_empty());
    let postgres = deps::postgres_bindir().map(|dir| dir.join("postgres"));
    Machine {
        date: first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])),
        cpu,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory,
        kernel: first_line(Command::new("uname").args(["-sr"])),
        data_fs: file_system(data_dir),
        data_dir: data_dir.display().to_string(),
        load_at_start,
        load_at_end: load_average(),
        commit: if dirty { format!("{commit} with uncommitted changes") } else { commit },
        tools: vec![
            ("rustc", first_line(Command::new("rustc").arg("--version"))),
            (
                "wrk",
                first_line(Command::new("wrk").arg("--version")).split(" Copyright").next().unwrap_or("").to_owned(),
            ),
            ("Chromium", first_line(Command::new(deps::chromium()).arg("--version"))),
            (
                "PostgreSQL",
                postgres.map_or_else(|| "unknown".to_owned(), |p| first_line(Command::new(p).arg("--version"))),
            ),
        ],
    }
}

/// The first line a command prints (wrk prints its version and then fails), or "unknown".
fn first_line(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .and_then(|output| String::from_utf8_lossy(&output.stdout).lines().next().map(|line| line.trim().to_owned()))
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The type of the file system holding `dir`, from the longest mount point above it.
fn file_system(dir: &Path) -> String {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let (_, mount_point, fs_type) = (fields.next()?, fields.next()?, fields.next()?);
            dir.starts_with(mount_point).then(|| (mount_point.len(), fs_type.to_owned()))
        })
        .max()
        .map_or_else(|| "unknown".to_owned(), |(_, fs_type)| fs_type)
}

/// The load averages over 1, 5 and 15 minutes.
pub fn load_average() -> String {
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let figures: Vec<&str> = loadavg.split_whitespace().take(3).collect();
    if figures.len() == 3 { figures.join(" ") } else { "unknown".to_owned() }
}
