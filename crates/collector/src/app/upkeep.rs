//! Housekeeping that keeps tables from growing without end: sign-in attempt counts whose
//! window has passed, expired sessions and open-review allowances of past hours, every ten
//! minutes; and every minute (on PostgreSQL) the count shards, folded into one row per
//! period, so that the figures read few rows.

use std::time::Duration;

use crate::china_time::now_millis;
use crate::storage::{Storage, StorageError};

/// How often the count shards are folded.
const FOLD_EVERY: Duration = Duration::from_secs(60);
/// How many folds between two tidyings: ten minutes.
const TIDY_EVERY_FOLDS: u32 = 10;
/// How long an ended window or session is kept before it is removed.
const KEEP_MS: i64 = 24 * 3_600_000;

/// Removes what has ended more than a day before `now` (ms); returns the rows removed.
pub async fn tidy(storage: &Storage, now: i64) -> Result<u64, StorageError> {
    let sign_ins = storage.prune_sign_ins(now - KEEP_MS).await?;
    let quota = storage.prune_open_review_quota((now - KEEP_MS) / 3_600_000).await?;
    Ok(sign_ins + quota)
}

pub async fn run_forever(storage: Storage) {
    let mut ticks = tokio::time::interval(FOLD_EVERY);
    for run in 0u32.. {
        ticks.tick().await;
        match storage.fold_count_shards().await {
            Ok(f) if f == Default::default() => {}
            Ok(f) => {
                tracing::debug!(rows = f.count_rows, open = f.open_rows, deferred = f.deferred, "folded count shards")
            }
            Err(e) => tracing::warn!(error = %e, "folding count shards: will retry"),
        }
        if run % TIDY_EVERY_FOLDS != 0 {
            continue;
        }
        match tidy(&storage, now_millis()).await {
            Ok(0) => {}
            Ok(removed) => tracing::debug!(removed, "tidied sign-ins, sessions and allowances"),
            Err(e) => tracing::warn!(error = %e, "housekeeping: will retry"),
        }
    }
}
