//! The published figures as maintained counts. Every change that moves a figure (a review
//! stored, a follow-up step, an exclusion approved) takes the review's old contribution
//! away and adds its new one in the same transaction as the change, so a stats request
//! reads counts and never the reviews. Each contribution is counted twice: under the
//! review's service, and under [`ALL_SERVICES`] for the whole site, which is what a site's
//! own figures read. [`contribution`] is the
//! one definition of what a review adds to which count; [`Storage::rebuild_counts`] runs
//! it over every review, and must give the very counts the changes maintained.

use std::collections::HashMap;

use mingjing_domain::exclusion::ExclusionCategory;
use mingjing_domain::follow_up::{Outcome, Stage, Verification};
use mingjing_domain::iso_date;
use sqlx::Row;

use super::{NewReview, Storage, StorageError, with_pool};
use crate::china_time::{china_date, now_millis};

/// The version of the counts' definition. Raising it rebuilds them on the next start.
const COUNTS_VERSION: i64 = 1;

/// The `service_code` of the rows that count a review for its whole site.
pub const ALL_SERVICES: &str = "";

/// What counting needs of one review, decoded.
#[derive(Debug, Clone)]
pub struct Counted {
    pub site_id: String,
    pub service_code: String,
    pub created_at: i64,
    pub rating: i64,
    pub verified: bool,
    pub channel: i64,
    pub excluded_as: Option<ExclusionCategory>,
    pub named: bool,
    pub called_back: bool,
    pub verification: Option<Verification>,
    pub outcome: Option<Outcome>,
    pub rectified: bool,
    pub stage: Option<Stage>,
    pub due_date: Option<String>,
    pub closed_at: Option<i64>,
}

/// The columns [`counted_row`] reads, for `SELECT {COUNTED_COLUMNS} FROM reviews …`.
pub(super) const COUNTED_COLUMNS: &str = "id, site_id, service_code, created_at, rating, verified, channel,
     excluded_as, contact_sealed IS NOT NULL AS named, called_back IS NOT NULL AS called_back, verification,
     outcome, rectified_at IS NOT NULL AS rectified, stage, due_date, closed_at";

/// Decodes a review for counting; a stored value that does not decode is an error.
pub(super) fn counted_row<R: Row>(row: &R) -> Result<Counted, StorageError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> bool: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let id: i64 = row.try_get("id")?;
    fn typed<T>(
        id: i64,
        what: &str,
        raw: Option<String>,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<T>, StorageError> {
        raw.map(|r| parse(&r).ok_or_else(|| StorageError::Corrupt(format!("review {id}: unknown {what} {r:?}"))))
            .transpose()
    }
    Ok(Counted {
        site_id: row.try_get("site_id")?,
        service_code: row.try_get("service_code")?,
        created_at: row.try_get("created_at")?,
        rating: row.try_get("rating")?,
        verified: row.try_get("verified")?,
        channel: row.try_get("channel")?,
        excluded_as: typed(id, "exclusion", row.try_get("excluded_as")?, ExclusionCategory::parse)?,
        named: row.try_get("named")?,
        called_back: row.try_get("called_back")?,
        verification: typed(id, "verification", row.try_get("verification")?, Verification::parse)?,
        outcome: typed(id, "outcome", row.try_get("outcome")?, Outcome::parse)?,
        rectified: row.try_get("rectified")?,
        stage: typed(id, "stage", row.try_get("stage")?, Stage::parse)?,
        due_date: row.try_get("due_date")?,
        closed_at: row.try_get("closed_at")?,
    })
}

/// Reads a review for counting inside a transaction, so that what it takes away is what
/// the change then replaces.
pub(super) async fn counted_in<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    review_id: i64,
) -> Result<Counted, StorageError>
where
    DB: sqlx::Database,
    for<'a> &'a str: sqlx::ColumnIndex<DB::Row>,
    for<'a> i64: sqlx::Decode<'a, DB> + sqlx::Type<DB> + sqlx::Encode<'a, DB>,
    for<'a> String: sqlx::Decode<'a, DB> + sqlx::Type<DB>,
    for<'a> bool: sqlx::Decode<'a, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    let sql = format!("SELECT {COUNTED_COLUMNS} FROM reviews WHERE id = $1");
    let row = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql)).bind(review_id).fetch_one(&mut **tx).await?;
    counted_row(&row)
}

impl Counted {
    /// A review as it is stored, before any step.
    pub fn of_new(r: &NewReview) -> Self {
        Counted {
            site_id: r.site_id.clone(),
            service_code: r.service_code.clone(),
            created_at: r.created_at,
            rating: r.rating,
            verified: r.verified,
            channel: r.channel,
            excluded_as: None,
            named: r.contact_sealed.is_some(),
            called_back: false,
            verification: None,
            outcome: None,
            rectified: false,
            stage: r.follow_up_due.map(|_| Stage::New),
            due_date: r.follow_up_due.map(iso_date::format),
            closed_at: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RatingKey {
    pub site_id: String,
    pub day: String,
    pub service_code: String,
    pub rating: i64,
    pub verified: bool,
    pub system_default: bool,
    /// `""` for a review that counts.
    pub excluded_as: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FollowUpKey {
    pub site_id: String,
    pub day: String,
    pub service_code: String,
    pub named: bool,
    pub called_back: bool,
    pub confirmed: bool,
    pub rectified: bool,
    pub closed: bool,
    pub closed_on_time: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpenKey {
    pub site_id: String,
    pub day: String,
    pub service_code: String,
    pub due_date: String,
}

/// What one review adds to each count, under its service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub rating: RatingKey,
    /// Poor reviews (levels 1 and 2) only.
    pub follow_up: Option<FollowUpKey>,
    /// Poor reviews whose follow-up is not closed.
    pub open: Option<OpenKey>,
}

impl Contribution {
    /// The same contribution to the whole site's counts.
    fn for_site(&self) -> Contribution {
        let mut site = self.clone();
        site.rating.service_code = ALL_SERVICES.to_owned();
        if let Some(f) = &mut site.follow_up {
            f.service_code = ALL_SERVICES.to_owned();
        }
        if let Some(o) = &mut site.open {
            o.service_code = ALL_SERVICES.to_owned();
        }
        site
    }
}

/// The one definition of what a review counts for; `mingjing_domain::stats` defines the
/// figures in words. A review counts on the China day it was received.
pub fn contribution(c: &Counted) -> Contribution {
    let day = iso_date::format(china_date(c.created_at));
    let rating = RatingKey {
        site_id: c.site_id.clone(),
        day: day.clone(),
        service_code: c.service_code.clone(),
        rating: c.rating,
        verified: c.verified,
        system_default: c.channel == 7,
        excluded_as: c.excluded_as.map_or("", ExclusionCategory::as_str),
    };
    if c.rating > 2 {
        return Contribution { rating, follow_up: None, open: None };
    }
    let closed = c.stage == Some(Stage::Closed);
    let confirmed = c.verification == Some(Verification::Confirmed);
    let fixed = match c.outcome {
        Some(Outcome::FixedOnTheSpot) => true,
        Some(Outcome::RectificationPlan) => c.rectified,
        Some(Outcome::Explanation) | None => false,
    };
    let due = c.due_date.as_deref().and_then(iso_date::parse);
    let closed_on_time = closed && matches!((c.closed_at, due), (Some(at), Some(due)) if china_date(at) <= due);
    let follow_up = FollowUpKey {
        site_id: c.site_id.clone(),
        day: day.clone(),
        service_code: c.service_code.clone(),
        named: c.named,
        called_back: c.named && c.called_back,
        confirmed,
        rectified: confirmed && closed && fixed,
        closed,
        closed_on_time,
    };
    let open = match (&c.stage, &c.due_date) {
        (Some(stage), Some(due)) if *stage != Stage::Closed => Some(OpenKey {
            site_id: c.site_id.clone(),
            day,
            service_code: c.service_code.clone(),
            due_date: due.clone(),
        }),
        _ => None,
    };
    Contribution { rating, follow_up: Some(follow_up), open }
}

const ADD_RATING: &str = "INSERT INTO rating_counts
     (site_id, day, service_code, rating, verified, system_default, excluded_as, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (site_id, day, service_code, rating, verified, system_default, excluded_as)
     DO UPDATE SET n = rating_counts.n + excluded.n";
const ADD_FOLLOW_UP: &str = "INSERT INTO follow_up_counts
     (site_id, day, service_code, named, called_back, confirmed, rectified, closed, closed_on_time, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (site_id, day, service_code, named, called_back, confirmed, rectified, closed, closed_on_time)
     DO UPDATE SET n = follow_up_counts.n + excluded.n";
const ADD_OPEN: &str = "INSERT INTO open_follow_up_counts (site_id, day, service_code, due_date, n)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (site_id, day, service_code, due_date) DO UPDATE SET n = open_follow_up_counts.n + excluded.n";

/// Adds `n` times a contribution (`n = -1` takes one away), inside the caller's transaction.
pub(super) async fn add_counts<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    c: &Contribution,
    n: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    for c in [c.clone(), c.for_site()] {
        add_rating(tx, &c.rating, n).await?;
        if let Some(f) = &c.follow_up {
            add_follow_up(tx, f, n).await?;
        }
        if let Some(o) = &c.open {
            add_open(tx, o, n).await?;
        }
    }
    Ok(())
}

/// Every count, summed per key and without the keys that came to zero: what the tables
/// hold, in a form two ways of counting can be compared in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountsSnapshot {
    pub rating: Vec<(RatingKey, i64)>,
    pub follow_up: Vec<(FollowUpKey, i64)>,
    pub open: Vec<(OpenKey, i64)>,
}

#[derive(Default)]
struct Tallies {
    rating: HashMap<RatingKey, i64>,
    follow_up: HashMap<FollowUpKey, i64>,
    open: HashMap<OpenKey, i64>,
}

impl Tallies {
    fn add(&mut self, c: Contribution) {
        let site = c.for_site();
        for c in [c, site] {
            *self.rating.entry(c.rating).or_default() += 1;
            if let Some(f) = c.follow_up {
                *self.follow_up.entry(f).or_default() += 1;
            }
            if let Some(o) = c.open {
                *self.open.entry(o).or_default() += 1;
            }
        }
    }

    fn snapshot(self) -> CountsSnapshot {
        fn sorted<K: Ord>(m: HashMap<K, i64>) -> Vec<(K, i64)> {
            let mut v: Vec<(K, i64)> = m.into_iter().filter(|(_, n)| *n != 0).collect();
            v.sort();
            v
        }
        CountsSnapshot { rating: sorted(self.rating), follow_up: sorted(self.follow_up), open: sorted(self.open) }
    }
}

/// Reviews read at a time when counting from scratch.
const REBUILD_BATCH: i64 = 5_000;

impl Storage {
    /// The counts recomputed from every review, without writing them.
    pub async fn recount(&self) -> Result<CountsSnapshot, StorageError> {
        let mut tallies = Tallies::default();
        let mut after = 0;
        loop {
            let sql = format!("SELECT {COUNTED_COLUMNS} FROM reviews WHERE id > $1 ORDER BY id LIMIT $2");
            let batch: Vec<(i64, Counted)> = with_pool!(self, |pool| {
                let rows =
                    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(REBUILD_BATCH).fetch_all(pool).await?;
                rows.iter()
                    .map(|r| Ok((r.try_get::<i64, _>("id")?, counted_row(r)?)))
                    .collect::<Result<Vec<_>, StorageError>>()?
            });
            let full = batch.len() as i64 == REBUILD_BATCH;
            after = batch.last().map_or(after, |(id, _)| *id);
            for (_, counted) in &batch {
                tallies.add(contribution(counted));
            }
            if !full {
                return Ok(tallies.snapshot());
            }
        }
    }

    /// What the count tables hold now.
    pub async fn counts(&self) -> Result<CountsSnapshot, StorageError> {
        let mut tallies = Tallies::default();
        with_pool!(self, |pool| {
            let rows = sqlx::query(
                "SELECT site_id, day, service_code, rating, verified, system_default, excluded_as, n FROM rating_counts",
            )
            .fetch_all(pool)
            .await?;
            for r in &rows {
                let excluded: String = r.try_get("excluded_as")?;
                let excluded_as = match excluded.as_str() {
                    "" => "",
                    other => ExclusionCategory::parse(other)
                        .ok_or_else(|| StorageError::Corrupt(format!("a count excluded as {other:?}")))?
                        .as_str(),
                };
                let key = RatingKey {
                    site_id: r.try_get("site_id")?,
                    day: r.try_get("day")?,
                    service_code: r.try_get("service_code")?,
                    rating: r.try_get("rating")?,
                    verified: r.try_get("verified")?,
                    system_default: r.try_get("system_default")?,
                    excluded_as,
                };
                *tallies.rating.entry(key).or_default() += r.try_get::<i64, _>("n")?;
            }
            let rows = sqlx::query(
                "SELECT site_id, day, service_code, named, called_back, confirmed, rectified, closed, closed_on_time, n
                 FROM follow_up_counts",
            )
            .fetch_all(pool)
            .await?;
            for r in &rows {
                let key = FollowUpKey {
                    site_id: r.try_get("site_id")?,
                    day: r.try_get("day")?,
                    service_code: r.try_get("service_code")?,
                    named: r.try_get("named")?,
                    called_back: r.try_get("called_back")?,
                    confirmed: r.try_get("confirmed")?,
                    rectified: r.try_get("rectified")?,
                    closed: r.try_get("closed")?,
                    closed_on_time: r.try_get("closed_on_time")?,
                };
                *tallies.follow_up.entry(key).or_default() += r.try_get::<i64, _>("n")?;
            }
            let rows = sqlx::query("SELECT site_id, day, service_code, due_date, n FROM open_follow_up_counts")
                .fetch_all(pool)
                .await?;
            for r in &rows {
                let key = OpenKey {
                    site_id: r.try_get("site_id")?,
                    day: r.try_get("day")?,
                    service_code: r.try_get("service_code")?,
                    due_date: r.try_get("due_date")?,
                };
                *tallies.open.entry(key).or_default() += r.try_get::<i64, _>("n")?;
            }
        });
        Ok(tallies.snapshot())
    }

    /// Replaces every count with one recomputed from the reviews, in one transaction that
    /// holds off other writers meanwhile (`mingjing stats rebuild`, and the first start
    /// after the counts' definition changes). Returns how many reviews were counted.
    pub async fn rebuild_counts(&self) -> Result<u64, StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            if matches!(self, Storage::Postgres(_)) {
                sqlx::query(
                    "LOCK TABLE reviews, rating_counts, follow_up_counts, open_follow_up_counts IN EXCLUSIVE MODE",
                )
                .execute(&mut *tx)
                .await?;
            }
            for table in ["rating_counts", "follow_up_counts", "open_follow_up_counts", "counts_state"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *tx).await?;
            }
            let mut tallies = Tallies::default();
            let (mut after, mut counted) = (0i64, 0u64);
            loop {
                let sql = format!("SELECT {COUNTED_COLUMNS} FROM reviews WHERE id > $1 ORDER BY id LIMIT $2");
                let rows =
                    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(REBUILD_BATCH).fetch_all(&mut *tx).await?;
                for r in &rows {
                    after = r.try_get("id")?;
                    tallies.add(contribution(&counted_row(r)?));
                    counted += 1;
                }
                if (rows.len() as i64) < REBUILD_BATCH {
                    break;
                }
            }
            let snapshot = tallies.snapshot();
            for (key, n) in &snapshot.rating {
                add_rating(&mut tx, key, *n).await?;
            }
            for (key, n) in &snapshot.follow_up {
                add_follow_up(&mut tx, key, *n).await?;
            }
            for (key, n) in &snapshot.open {
                add_open(&mut tx, key, *n).await?;
            }
            sqlx::query("INSERT INTO counts_state (version, built_at) VALUES ($1, $2)")
                .bind(COUNTS_VERSION)
                .bind(now_millis())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(counted)
        })
    }

    /// Builds the counts if this database has never had them at this version: the first
    /// start after the migration that made them, or after their definition changed.
    pub async fn ensure_counts(&self) -> Result<(), StorageError> {
        let built: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT version FROM counts_state WHERE version = $1")
                .bind(COUNTS_VERSION)
                .fetch_optional(pool)
                .await?
        });
        if built.is_none() {
            let n = self.rebuild_counts().await?;
            tracing::info!(reviews = n, "built the published figures' counts from the reviews");
        }
        Ok(())
    }
}

async fn add_rating<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>, r: &RatingKey, n: i64) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_RATING)
        .bind(r.site_id.clone())
        .bind(r.day.clone())
        .bind(r.service_code.clone())
        .bind(r.rating)
        .bind(r.verified)
        .bind(r.system_default)
        .bind(r.excluded_as.to_owned())
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn add_follow_up<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>, f: &FollowUpKey, n: i64) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_FOLLOW_UP)
        .bind(f.site_id.clone())
        .bind(f.day.clone())
        .bind(f.service_code.clone())
        .bind(f.named)
        .bind(f.called_back)
        .bind(f.confirmed)
        .bind(f.rectified)
        .bind(f.closed)
        .bind(f.closed_on_time)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn add_open<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>, o: &OpenKey, n: i64) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_OPEN)
        .bind(o.site_id.clone())
        .bind(o.day.clone())
        .bind(o.service_code.clone())
        .bind(o.due_date.clone())
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
