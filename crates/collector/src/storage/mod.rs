//! All SQL lives here. One [`Storage`] value speaks either SQLite (the embedded default) or
//! PostgreSQL, and every query is written once in the dialect both accept (`$1` parameters,
//! `RETURNING`, integers for times), so the two backends cannot drift apart.

mod audit;
mod catalog;
mod counts;
mod error;
mod exclusions;
mod export;
mod follow_up;
mod observations;
mod photos;
mod quota;
mod receipts;
mod reviews;
mod sessions;
mod sites;
mod staff;
mod stats;
mod supervisors;
mod system_default;
mod transactions;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use audit::{AuditEntry, AuditRow};
pub use catalog::{CatalogChange, ImportOutcome};
pub use counts::{ALL_SERVICES, CountKey, Counters, CountsSnapshot, Folded, FollowUpFlag, Grain, RatingSet};
pub use error::{Conflict, StorageError};
pub use exclusions::ExclusionRow;
pub use export::{ExportRange, ExportRow};
pub use follow_up::{EventRow, FollowUpRow, StepColumns};
pub use observations::{ObservationEventRow, ObservationRow, ObservationStep};
pub use receipts::ReceiptRow;
pub use reviews::{NewReview, StoredReceipt};
pub use sessions::{Role, SessionRecord};
pub use sites::{NewSite, Site, sites_generation};
pub use staff::StaffRecord;
pub use stats::{FollowUpCounts, StatsFilter, SummedCounts};
pub use supervisors::SupervisorRow;
pub use system_default::UnratedTransaction;
pub use transactions::{CompletedCase, NewTransaction};

/// Runs `$body` with `$pool` bound to whichever pool the storage holds. The body is the
/// same code for both backends; only the types differ.
macro_rules! with_pool {
    ($storage:expr, |$pool:ident| $body:expr) => {
        match $storage {
            $crate::storage::Storage::Sqlite($pool) => $body,
            $crate::storage::Storage::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

#[derive(Clone, Debug)]
pub enum Storage {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Storage {
    /// Opens (creating if needed) the SQLite file in WAL mode and applies migrations. The
    /// file and its `-wal` and `-shm` files are readable by the collector's account only.
    pub async fn open_sqlite(path: &Path) -> Result<Self, StorageError> {
        if path != Path::new(":memory:") {
            crate::files::private::prepare_database(path)
                .map_err(|source| StorageError::File { path: path.display().to_string(), source })?;
        }
        // WAL lets readers run beside the writer. `synchronous=FULL` makes every commit
        // durable before we acknowledge it: a 2xx means the review survives a power cut.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        let storage = Self::Sqlite(pool);
        storage.ensure_counts().await?;
        Ok(storage)
    }

    /// A pool of its own for the SQLite group-commit writer: one connection, on the same
    /// file and settings, so that no number of readers can keep the writer waiting for a
    /// connection. `None` on PostgreSQL, where each request writes for itself.
    pub async fn writer_pool(&self) -> Result<Option<SqlitePool>, StorageError> {
        let Storage::Sqlite(pool) = self else { return Ok(None) };
        let options = (*pool.connect_options()).clone();
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Some(writer))
    }

    /// A small pool of its own for reads that scan (exports) and for the public figures,
    /// so that however many of them run they cannot take the connections the review form
    /// and the desk need. On SQLite its connections are read-only.
    pub async fn heavy_reads(&self, connections: u32) -> Result<Storage, StorageError> {
        let connections = connections.max(1);
        Ok(match self {
            Storage::Sqlite(pool) => {
                let options = (*pool.connect_options()).clone().read_only(true);
                Storage::Sqlite(
                    SqlitePoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(Duration::from_secs(5))
                        .connect_with(options)
                        .await?,
                )
            }
            Storage::Postgres(pool) => {
                let options = (*pool.connect_options()).clone();
                Storage::Postgres(
                    PgPoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(Duration::from_secs(3))
                        .connect_with(options)
                        .await?,
                )
            }
        })
    }

    /// Connects to PostgreSQL and applies migrations.
    pub async fn open_postgres(url: &str) -> Result<Self, StorageError> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        let storage = Self::Postgres(pool);
        storage.ensure_counts().await?;
        Ok(storage)
    }

    /// Opens the database a `--database` value names: a `postgres://` URL, a
    /// `sqlite://` URL or a plain file path.
    pub async fn open(database: &str) -> Result<Self, StorageError> {
        if database.starts_with("postgres://") || database.starts_with("postgresql://") {
            Self::open_postgres(database).await
        } else {
            let path = database.strip_prefix("sqlite://").unwrap_or(database);
            Self::open_sqlite(Path::new(path)).await
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Storage::Sqlite(_) => "sqlite",
            Storage::Postgres(_) => "postgres",
        }
    }

    /// Whether the database answers right now; the health route reports it.
    pub async fn ping(&self) -> Result<(), StorageError> {
        with_pool!(self, |pool| sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Moves SQLite's write-ahead log into the database file and empties the log, so that
    /// the file alone holds everything (before a copy, or to state its size); nothing to do
    /// on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), StorageError> {
        if let Storage::Sqlite(pool) = self {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        with_pool!(self, |pool| pool.close().await);
    }
}
