//! Small helpers every job uses: paths, running commands, temporary folders, timings.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use std::{env, fs};

use anyhow::{Context, bail};

/// The workspace root: this crate lives in `crates/xtask`.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.ancestors().nth(2).unwrap_or(manifest_dir).to_path_buf()
}

/// Cargo's target folder, shared with every other build in the workspace.
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => absolute(Path::new(&dir)),
        None => workspace_root().join("target"),
    }
}

/// A path made absolute against the folder `cargo xtask` was started from.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A `cargo` command, using the same cargo that started `cargo xtask`, run from the workspace root.
pub fn cargo() -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace_root());
    cmd
}

/// Prints one line saying what xtask does next.
pub fn say(message: impl std::fmt::Display) {
    println!("xtask: {message}");
}

/// Runs `cmd` with inherited stdio and fails unless it exits successfully.
pub fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = display(cmd);
    say(format!("running {shown}"));
    let status = cmd.status().with_context(|| format!("cannot start `{shown}`"))?;
    check_interrupted()?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd` quietly, capturing its output, and fails unless it exits successfully.
pub fn capture(cmd: &mut Command) -> anyhow::Result<Output> {
    let shown = display(cmd);
    let output = cmd.output().with_context(|| format!("cannot start `{shown}`"))?;
    check_interrupted()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!("`{shown}` failed ({}): {}", output.status, stderr.trim());
    }
    Ok(output)
}

/// The command line as a person would type it, for messages.
pub fn display(cmd: &Command) -> String {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let program = program.rsplit('/').next().unwrap_or(&program).to_owned();
    let args = cmd.get_args().map(|arg| {
        let arg = arg.to_string_lossy();
        if arg.is_empty() || arg.contains([' ', '"', '\'']) { format!("{arg:?}") } else { arg.into_owned() }
    });
    std::iter::once(program).chain(args).collect::<Vec<_>>().join(" ")
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Lets Ctrl-C reach the child processes (they share our process group) while xtask itself
/// stays alive long enough to stop its throwaway database and remove its temporary folders.
/// A second Ctrl-C exits at once.
pub fn handle_ctrl_c() -> anyhow::Result<()> {
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("xtask: interrupted; cleaning up (press Ctrl-C again to exit at once)");
    })
    .context("cannot install the Ctrl-C handler")
}

/// Fails once Ctrl-C was pressed, so a job stops between steps instead of going on.
pub fn check_interrupted() -> anyhow::Result<()> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        bail!("interrupted");
    }
    Ok(())
}

/// Whether Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// A program's path if it is on `PATH`.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

pub use mingjing_testkit::TempDir;

/// Every file under `dir`, as paths relative to it, sorted.
pub fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = fs::read_dir(dir.join(&relative))
            .with_context(|| format!("cannot list {}", dir.join(&relative).display()))?;
        for entry in entries {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// `1m 05s` or `4.2s`.
pub fn format_duration(elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    if secs >= 60 { format!("{}m {:02}s", secs / 60, secs % 60) } else { format!("{:.1}s", elapsed.as_secs_f64()) }
}

/// `231.4 KiB`.
pub fn format_size(bytes: u64) -> String {
    if bytes < 1024 { format!("{bytes} B") } else { format!("{:.1} KiB", bytes as f64 / 1024.0) }
}
