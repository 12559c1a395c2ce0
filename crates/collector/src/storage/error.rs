use thiserror::Error;

/// What can go wrong below the HTTP layer.
#[derive(Debug, Error)]
pub enum StorageError {
    /// The database is unreachable or overloaded: the client may retry later (503).
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// A uniqueness or ordering rule refused the write.
    #[error("conflict: {0}")]
    Conflict(Conflict),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database file or its directory could not be made (or made private).
    #[error("cannot prepare the database file {path}: {source}")]
    File { path: String, source: std::io::Error },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Other(#[source] sqlx::Error),
}

/// Which rule a refused write broke; the text is what the client is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Conflict {
    /// The transaction, or the idempotency key, already has a review.
    #[error("本次服务已存在评价，请勿重复评价")]
    AlreadyReviewed,
    #[error("transaction already registered with different details")]
    TransactionDiffers,
    #[error("site id already registered")]
    SiteExists,
    /// Someone else recorded a step first.
    #[error("the follow-up changed meanwhile: reload it")]
    FollowUpChanged,
    /// A photo named in an observation is not the supervisor's, or is already attached.
    #[error("a photo is not one you uploaded, or it belongs to another observation")]
    PhotoUnavailable,
    /// A request to exclude the review is already waiting, or approved.
    #[error("this review already has a request to exclude it, waiting or approved")]
    ExclusionStanding,
    /// The request was decided by someone else meanwhile.
    #[error("the request was decided meanwhile: reload the review")]
    ExclusionDecided,
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Tls(_) => Self::Unavailable(e),
            sqlx::Error::Database(ref db) if is_transient(db.code().as_deref()) => Self::Unavailable(e),
            other => Self::Other(other),
        }
    }
}

/// PostgreSQL's "the server is going away or not ready" codes, and SQLite's busy/locked.
fn is_transient(code: Option<&str>) -> bool {
    matches!(
        code,
        Some(
            "57P01" | "57P02" | "57P03" | "08000" | "08001" | "08003" | "08004" | "08006" | "53300" | "5" | "6" | "517"
        )
    )
}
