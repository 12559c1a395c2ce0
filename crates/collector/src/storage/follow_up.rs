use mingjing_domain::desk::DeskEntry;
use mingjing_domain::exclusion::ExclusionCategory;
use mingjing_domain::follow_up::{Outcome, Stage, Verification};
use mingjing_domain::iso_date;
use mingjing_domain::review::Channel;
use sqlx::Row;
use time::Date;

use super::counts::{ALL_SERVICES, Tallies, contribution, counted_in};
use super::{Conflict, Storage, StorageError, with_pool};
use crate::china_time::now_millis;

/// A poor review as the desk lists it.
#[derive(Debug, Clone)]
pub struct FollowUpRow {
    pub id: i64,
    pub receipt: String,
    pub service_code: String,
    pub rating: i64,
    pub reasons: Vec<String>,
    pub comment: Option<String>,
    pub channel: Channel,
    pub verified: bool,
    pub created_at: i64,
    pub stage: Stage,
    pub due_date: Date,
    pub phone_masked: Option<String>,
    pub named: bool,
    pub reply: Option<String>,
}

/// One entry in a review's history: a step, or a reveal of the contact.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub entry: DeskEntry,
    pub actor: String,
    pub note: String,
    /// Milliseconds since the epoch; 0 for now.
    pub at: i64,
}

/// The columns a step sets; `None` leaves a column as it is.
#[derive(Debug, Clone, Default)]
pub struct StepColumns {
    pub called_back: Option<bool>,
    pub verification: Option<Verification>,
    pub outcome: Option<Outcome>,
    pub plan_due: Option<Date>,
    pub rectified_at: Option<i64>,
    pub reply: Option<String>,
    pub closed_at: Option<i64>,
}

/// How an entry is stored: its kind, and the choice it made in the `data` column
/// (`reached`, `confirmed`, `rectification_plan 2026-12-31`).
fn stored_entry(entry: &DeskEntry) -> (&'static str, String) {
    match entry {
        DeskEntry::CallBack { reached } => ("call_back", if *reached { "reached" } else { "not_reached" }.to_owned()),
        DeskEntry::Verify { verification } => ("verify", verification.as_str().to_owned()),
        DeskEntry::Decide { outcome, plan_due: Some(due) } => ("decide", format!("{} {due}", outcome.as_str())),
        DeskEntry::Decide { outcome, plan_due: None } => ("decide", outcome.as_str().to_owned()),
        DeskEntry::Rectified => ("rectified", "rectified".to_owned()),
        DeskEntry::Reply => ("reply", "replied".to_owned()),
        DeskEntry::RevealContact => ("reveal_contact", String::new()),
        DeskEntry::ExclusionRequested { category } => ("exclusion_requested", category.as_str().to_owned()),
        DeskEntry::ExclusionApproved { category } => ("exclusion_approved", category.as_str().to_owned()),
        DeskEntry::ExclusionRefused { category } => ("exclusion_refused", category.as_str().to_owned()),
    }
}

/// The entry a stored (kind, data) pair holds, or `None` when it holds none.
fn entry_from(kind: &str, data: &str) -> Option<DeskEntry> {
    Some(match (kind, data) {
        ("call_back", "reached") => DeskEntry::CallBack { reached: true },
        ("call_back", "not_reached") => DeskEntry::CallBack { reached: false },
        ("verify", v) => DeskEntry::Verify { verification: Verification::parse(v)? },
        ("decide", d) => {
            let (outcome, due) = match d.split_once(' ') {
                Some((outcome, due)) => (outcome, Some(iso_date::parse(due)?)),
                None => (d, None),
            };
            let outcome = Outcome::parse(outcome)?;
            if (outcome == Outcome::RectificationPlan) != due.is_some() {
                return None;
            }
            DeskEntry::Decide { outcome, plan_due: due.map(iso_date::format) }
        }
        ("rectified", "rectified") => DeskEntry::Rectified,
        ("reply", "replied") => DeskEntry::Reply,
        ("reveal_contact", "") => DeskEntry::RevealContact,
        ("exclusion_requested", c) => DeskEntry::ExclusionRequested { category: ExclusionCategory::parse(c)? },
        ("exclusion_approved", c) => DeskEntry::ExclusionApproved { category: ExclusionCategory::parse(c)? },
        ("exclusion_refused", c) => DeskEntry::ExclusionRefused { category: ExclusionCategory::parse(c)? },
        _ => return None,
    })
}

const ROW_COLUMNS: &str =
    "id, receipt, service_code, rating, reasons, comment, channel, verified, created_at, stage, due_date,
     contact_phone_masked, contact_sealed IS NOT NULL AS named, reply";

/// Decodes a stored poor review once, here: a stage, channel or reason list that does not
/// decode is corrupt data, reported as such, never replaced by a plausible default.
fn follow_up_row<R: Row>(row: &R) -> Result<FollowUpRow, StorageError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> bool: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let id: i64 = row.try_get("id")?;
    let corrupt =
        |what: &str, value: &dyn std::fmt::Debug| StorageError::Corrupt(format!("review {id}: {what} {value:?}"));
    let stage: String = row.try_get("stage")?;
    let stage = Stage::parse(&stage).ok_or_else(|| corrupt("unknown stage", &stage))?;
    let channel: i64 = row.try_get("channel")?;
    let channel =
        u8::try_from(channel).ok().and_then(Channel::from_code).ok_or_else(|| corrupt("unknown channel", &channel))?;
    let reasons: String = row.try_get("reasons")?;
    let reasons = serde_json::from_str(&reasons).map_err(|_| corrupt("unreadable reasons", &reasons))?;
    let due_date: String = row.try_get("due_date")?;
    let due_date = iso_date::parse(&due_date).ok_or_else(|| corrupt("unreadable due date", &due_date))?;
    Ok(FollowUpRow {
        id,
        receipt: row.try_get("receipt")?,
        service_code: row.try_get("service_code")?,
        rating: row.try_get("rating")?,
        reasons,
        comment: row.try_get("comment")?,
        channel,
        verified: row.try_get("verified")?,
        created_at: row.try_get("created_at")?,
        stage,
        due_date,
        phone_masked: row.try_get("contact_phone_masked")?,
        named: row.try_get("named")?,
        reply: row.try_get("reply")?,
    })
}

impl Storage {
    /// One page of a site's poor reviews, the soonest due first (then by id), after the
    /// (due date, id) `after`; closed ones only when asked. Also how many there are in all.
    pub async fn follow_ups(
        &self,
        site_id: &str,
        include_closed: bool,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> Result<(Vec<FollowUpRow>, u64), StorageError> {
        // Every stored due date sorts after the empty string, so no cursor means the start.
        let (after_due, after_id) = after.map_or((String::new(), 0), |(due, id)| (iso_date::format(due), id));
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM reviews
             WHERE site_id = $1 AND stage IS NOT NULL AND ($2 OR stage <> 'closed') AND (due_date, id) > ($3, $4)
             ORDER BY due_date, id LIMIT $5"
        );
        // The total from the site's yearly counts, a row a year, rather than a count of
        // every open review; only poor reviews have a stage.
        const COUNT: &str =
            "SELECT CAST(COALESCE(SUM(poor_still_open + CASE WHEN $3 THEN poor_closed ELSE 0 END), 0) AS BIGINT)
             FROM review_counts WHERE site_id = $1 AND service_code = $2 AND grain = 'year'";
        let (rows, total) = with_pool!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(site_id)
                .bind(include_closed)
                .bind(&after_due)
                .bind(after_id)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?;
            let total: i64 =
                sqlx::query_scalar(COUNT).bind(site_id).bind(ALL_SERVICES).bind(include_closed).fetch_one(pool).await?;
            (rows.iter().map(follow_up_row).collect::<Result<Vec<_>, _>>()?, total)
        });
        Ok((rows, u64::try_from(total).unwrap_or(0)))
    }

    pub async fn follow_up(&self, site_id: &str, receipt: &str) -> Result<Option<FollowUpRow>, StorageError> {
        let sql =
            format!("SELECT {ROW_COLUMNS} FROM reviews WHERE site_id = $1 AND receipt = $2 AND stage IS NOT NULL");
        let row = with_pool!(self, |pool| {
            let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(site_id).bind(receipt).fetch_optional(pool).await?;
            row.as_ref().map(follow_up_row).transpose()?
        });
        Ok(row)
    }

    pub async fn follow_up_events(&self, review_id: i64) -> Result<Vec<EventRow>, StorageError> {
        let rows: Vec<(String, String, String, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT kind, actor, note, data, at FROM review_events WHERE review_id = $1 ORDER BY id")
                .bind(review_id)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter()
            .map(|(kind, actor, note, data, at)| {
                let entry = entry_from(&kind, &data).ok_or_else(|| {
                    StorageError::Corrupt(format!("review {review_id}: unknown history entry {kind:?} {data:?}"))
                })?;
                Ok(EventRow { entry, actor, note, at })
            })
            .collect()
    }

    /// Records a step: moves the stage from `from` to `to`, sets the step's columns, and
    /// appends the event, all in one transaction. If someone else moved the stage first,
    /// nothing is written and the answer is a conflict.
    pub async fn record_step(
        &self,
        review_id: i64,
        from: Stage,
        to: Stage,
        columns: &StepColumns,
        event: &EventRow,
    ) -> Result<(), StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let before = contribution(&counted_in(&mut tx, review_id).await?);
            let moved = sqlx::query(
                "UPDATE reviews SET stage = $1,
                    called_back = COALESCE($2, called_back), verification = COALESCE($3, verification),
                    outcome = COALESCE($4, outcome), plan_due = COALESCE($5, plan_due),
                    rectified_at = COALESCE($6, rectified_at), reply = COALESCE($7, reply),
                    closed_at = COALESCE($8, closed_at)
                 WHERE id = $9 AND stage = $10",
            )
            .bind(to.as_str())
            .bind(columns.called_back)
            .bind(columns.verification.map(Verification::as_str))
            .bind(columns.outcome.map(Outcome::as_str))
            .bind(columns.plan_due.map(iso_date::format))
            .bind(columns.rectified_at)
            .bind(&columns.reply)
            .bind(columns.closed_at)
            .bind(review_id)
            .bind(from.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved != 1 {
                return Err(StorageError::Conflict(Conflict::FollowUpChanged));
            }
            let after = contribution(&counted_in(&mut tx, review_id).await?);
            Tallies::moved(&before, &after).write(&mut tx, self.count_shard()).await?;
            insert_event(&mut tx, review_id, event).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Logs a reveal of a reviewer's contact and returns the sealed contact.
    pub async fn reveal_contact(&self, review_id: i64, event: &EventRow) -> Result<Option<String>, StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let sealed: Option<Option<String>> = sqlx::query_scalar("SELECT contact_sealed FROM reviews WHERE id = $1")
                .bind(review_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(Some(sealed)) = sealed else { return Ok(None) };
            insert_event(&mut tx, review_id, event).await?;
            tx.commit().await?;
            Ok(Some(sealed))
        })
    }
}

pub(super) async fn insert_event<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    review_id: i64,
    e: &EventRow,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    let (kind, data) = stored_entry(&e.entry);
    sqlx::query::<DB>(
        "INSERT INTO review_events (review_id, kind, actor, note, data, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(review_id)
    .bind(kind.to_owned())
    .bind(e.actor.clone())
    .bind(e.note.clone())
    .bind(data)
    .bind(if e.at == 0 { now_millis() } else { e.at })
    .execute(&mut **tx)
    .await?;
    Ok(())
}
