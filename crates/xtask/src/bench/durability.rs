//! What a 2xx promises on each backend: read from the collector's SQLite setup and asked of
//! the PostgreSQL server, so the report cannot claim more than was measured.

use std::process::Command;

use crate::deps;
use crate::util;

/// The SQLite file's journal mode and synchronous setting, as `storage/mod.rs` opens it.
#[derive(Debug, Clone)]
pub struct Sqlite {
    pub journal_mode: String,
    pub synchronous: String,
}

/// Reads `SqliteJournalMode::…` and `SqliteSynchronous::…` from the collector's storage setup.
pub fn sqlite() -> Sqlite {
    let path = util::workspace_root().join("crates/collector/src/storage/mod.rs");
    let source = std::fs::read_to_string(path).unwrap_or_default();
    Sqlite {
        journal_mode: setting(&source, ".journal_mode(SqliteJournalMode::"),
        synchronous: setting(&source, ".synchronous(SqliteSynchronous::"),
    }
}

fn setting(source: &str, call: &str) -> String {
    source
        .split_once(call)
        .and_then(|(_, rest)| rest.split(')').next())
        .map_or_else(|| "unknown (not found in the collector's storage setup)".to_owned(), str::to_uppercase)
}

/// The PostgreSQL settings that decide when a commit is on disk, as the server reports them:
/// (name, value), or a note why they could not be read.
pub fn postgres(url: &str) -> Vec<(String, String)> {
    let Some(psql) = deps::postgres_bindir().map(|dir| dir.join("psql")).filter(|psql| psql.is_file()) else {
        return vec![("settings".to_owned(), "not read (no psql)".to_owned())];
    };
    let query = "SELECT name, setting FROM pg_settings WHERE name IN \
                 ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes') ORDER BY name";
    match util::capture(Command::new(psql).args([url, "-AtF", "=", "-c", query])) {
        Ok(output) => String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split_once('=').map(|(name, value)| (name.to_owned(), value.to_owned())))
            .collect(),
        Err(e) => vec![("settings".to_owned(), format!("not read: {e:#}"))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_is_the_enum_variant_in_capitals() {
        let source = ".journal_mode(SqliteJournalMode::Wal)\n.synchronous(SqliteSynchronous::Full)";
        assert_eq!(setting(source, ".journal_mode(SqliteJournalMode::"), "WAL");
        assert_eq!(setting(source, ".synchronous(SqliteSynchronous::"), "FULL");
        assert!(setting("", ".synchronous(SqliteSynchronous::").starts_with("unknown"));
    }
}
