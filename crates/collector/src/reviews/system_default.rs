//! Yunnan's rule: a registered transaction that nobody rates within N working days of its
//! completion is recorded as 基本满意 by the system (channel 7). These ratings are marked as
//! system-generated and the statistics always show them apart from real ones.

use std::time::Duration;

use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::review::{Channel, Rating};
use mingjing_domain::site::SiteId;

use crate::china_time;
use crate::china_time::now_millis;
use crate::crypto::secret;
use crate::storage::{NewReview, Storage, StorageError};

/// Records the default rating for every overdue unrated transaction of every site that
/// uses the rule, as of `now` (ms). Returns how many were recorded.
pub async fn run_once(storage: &Storage, now: i64) -> Result<u64, StorageError> {
    let today = china_time::china_date(now);
    let mut recorded = 0;
    for (id, _) in storage.list_sites().await? {
        let Ok(site_id) = SiteId::parse(&id) else { continue };
        let Some(site) = storage.site(&site_id).await? else { continue };
        let Some(days) = site.review_config()?.system_default_after_working_days else { continue };
        // Cheap filter first: N working days are at least N calendar days.
        let candidates = storage.unrated_transactions(&id, now - i64::from(days) * 86_400_000).await?;
        for t in candidates {
            let due = WorkCalendar::china().add_working_days(china_time::china_date(t.completed_at), days);
            if today <= due.date {
                continue;
            }
            let review = NewReview {
                receipt: secret::receipt_code(),
                site_id: id.clone(),
                service_code: t.service_code.clone(),
                rating: i64::from(Rating::SYSTEM_DEFAULT.get()),
                dimensions_json: "[]".into(),
                reasons_json: "[]".into(),
                comment: None,
                channel: i64::from(Channel::SystemDefault.code()),
                verified: true,
                // One key per transaction, so two collectors running this at once store it once.
                // The colon keeps it out of the keys clients may send (letters, digits, - and
                // _), so an open review cannot claim it and suppress the default.
                idempotency_key: format!("system:default:{}", t.transaction_no),
                created_at: now,
                transaction: Some((t.transaction_no.clone(), 1)),
                contact_sealed: None,
                contact_phone_masked: None,
                follow_up_due: None,
            };
            match storage.insert_review(&review).await {
                Ok(stored) if stored.created => recorded += 1,
                Ok(_) => {}
                // Rated by a person in the meantime: theirs stands.
                Err(StorageError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(recorded)
}

/// Runs [`run_once`] now and then every `every`, logging what it did.
pub async fn run_forever(storage: Storage, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match run_once(&storage, now_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(recorded = n, "recorded system-default ratings"),
            Err(e) => tracing::warn!(error = %e, "system-default ratings: will retry"),
        }
    }
}
