//! Housekeeping that keeps tables from growing without end: sign-in attempt counts whose
//! window has passed, expired sessions, open-review allowances of past hours, and (on
//! PostgreSQL) the count shards of closed days and months, folded into one row each.

use std::time::Duration;

use crate::china_time::{china_date, iso, now_millis};
use crate::storage::{Storage, StorageError};

/// How often the housekeeping runs.
const EVERY: Duration = Duration::from_secs(600);
/// How long an ended window or session is kept before it is removed.
const KEEP_MS: i64 = 24 * 3_600_000;

/// Removes what has ended more than a day before `now` (ms) and folds the shards of the
/// periods closed by then; returns the rows removed.
pub async fn tidy(storage: &Storage, now: i64) -> Result<u64, StorageError> {
    let sign_ins = storage.prune_sign_ins(now - KEEP_MS).await?;
    let quota = storage.prune_open_review_quota((now - KEEP_MS) / 3_600_000).await?;
    let folded = storage.fold_count_shards(&iso(china_date(now))).await?;
    Ok(sign_ins + quota + folded.count_rows + folded.open_rows)
}

pub async fn run_forever(storage: Storage) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        match tidy(&storage, now_millis()).await {
            Ok(0) => {}
            Ok(removed) => {
                tracing::debug!(removed, "tidied sign-ins, sessions and allowances, and folded count shards")
            }
            Err(e) => tracing::warn!(error = %e, "housekeeping: will retry"),
        }
    }
}
