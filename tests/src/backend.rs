//! Which database a test runs on, and how it gets a fresh one.

use std::sync::atomic::{AtomicU32, Ordering};

use mingjing_collector::crypto::seal::ContactKey;
use sqlx::Connection;
use tempfile::TempDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database for one test. The SQLite file lives in a temporary folder that is removed
/// when this is dropped.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    pub dir: Option<TempDir>,
    /// The key the collector seals contacts with; it outlives a restart, like the data.
    pub contact_key: mingjing_collector::crypto::seal::ContactKey,
}

/// Postgres tests are skipped only when asked (`MINGJING_SKIP_POSTGRES=1`), never silently.
pub fn postgres_skipped() -> bool {
    if std::env::var_os("MINGJING_SKIP_POSTGRES").is_some_and(|v| v == "1") {
        eprintln!("skipping: MINGJING_SKIP_POSTGRES=1");
        return true;
    }
    false
}

impl TestDatabase {
    /// The SQLite file `url`, in (or under) the temporary folder `dir`.
    pub fn sqlite(dir: TempDir, url: String) -> Self {
        TestDatabase { url, dir: Some(dir), contact_key: ContactKey::random() }
    }
}

impl Backend {
    pub async fn fresh_database(self) -> TestDatabase {
        match self {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = dir.path().join("mingjing.db").to_string_lossy().into_owned();
                TestDatabase { url, dir: Some(dir), contact_key: ContactKey::random() }
            }
            Backend::Postgres => {
                let server = std::env::var("MINGJING_TEST_POSTGRES_URL").expect(
                    "MINGJING_TEST_POSTGRES_URL is not set: run the tests with `cargo xtask test`, \
                     which starts a throwaway PostgreSQL, or set MINGJING_SKIP_POSTGRES=1",
                );
                static COUNTER: AtomicU32 = AtomicU32::new(0);
                let name = format!(
                    "mj_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.subsec_nanos())
                        .unwrap_or(0)
                );
                let mut conn = sqlx::PgConnection::connect(&server).await.expect("connect to the test PostgreSQL");
                // The name is generated above from digits and underscores only.
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                let base = server.rsplit_once('/').map(|(b, _)| b).unwrap_or(&server);
                TestDatabase { url: format!("{base}/{name}"), dir: None, contact_key: ContactKey::random() }
            }
        }
    }
}
