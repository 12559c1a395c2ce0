//! A temporary folder without the `tempfile` crate, which xtask does not build.

use std::path::{Path, PathBuf};
use std::{env, fs};

use anyhow::{Context, bail};

/// A fresh folder, removed with everything in it when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A fresh folder under the system's temporary folder.
    pub fn new(prefix: &str) -> anyhow::Result<TempDir> {
        TempDir::new_in(&env::temp_dir(), prefix)
    }

    /// A fresh folder under `base`, for when the system's temporary folder will not do (it
    /// can be a RAM disk, where an fsync costs nothing).
    pub fn new_in(base: &Path, prefix: &str) -> anyhow::Result<TempDir> {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        for attempt in 0..100u32 {
            let path = base.join(format!("{prefix}-{}-{nanos}-{attempt}", std::process::id()));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot create {}", path.display()));
                }
            }
        }
        bail!("cannot create a temporary folder in {}", base.display())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(e) = fs::remove_dir_all(&self.path) {
            eprintln!("cannot remove {}: {e}", self.path.display());
        }
    }
}
