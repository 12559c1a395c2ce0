//! What the collector keeps on disk (citizens' reviews, the sealed contacts and their key)
//! is for the account it runs as: directories it creates are 0700 and the SQLite database
//! 0600, whatever the umask. SQLite creates its `-wal` and `-shm` files with the
//! database file's permissions, so the database file is made before SQLite opens it.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` and any missing parents, each readable by the owner only. A directory
/// that exists is left as it is: the administrator chose it.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes sure the SQLite database at `path` exists with mode 0600 (its directory created
/// if missing), and takes group and other access away from an existing database and any
/// `-wal` and `-shm` files an earlier run left.
pub fn prepare_database(path: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir(parent)?;
    }
    let mut options = OpenOptions::new();
    // An empty file is what SQLite makes of a new database anyway.
    options.write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    for file in [path.to_owned(), with_suffix(path, "-wal"), with_suffix(path, "-shm")] {
        make_private(&file)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(unix)]
fn make_private(file: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match fs::metadata(file) {
        Ok(metadata) => metadata.permissions().mode(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if mode & 0o077 != 0 {
        fs::set_permissions(file, fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_file: &Path) -> io::Result<()> {
    Ok(())
}
