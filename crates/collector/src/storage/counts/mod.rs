//! The published figures as maintained counts. Every change that moves a figure (a review
//! stored, a follow-up step, an exclusion approved) takes the review's old contribution
//! away and adds its new one in the same transaction as the change, so a stats request
//! reads counts and never the reviews.
//!
//! A count row holds, for a day, a month or a year, one column per published set and level
//! and one per point of the follow-up (`counters.rs`), so a range reads one row per service
//! and period, however many kinds of review the period holds. A contribution is counted six
//! times: by the day, the month and the year it was received, each under the review's
//! service and under [`ALL_SERVICES`] for the whole site, which is what a site's own figures
//! read. A range then reads its whole years from the yearly rows, the whole months at their
//! edges from the monthly rows and only the days at its edges from the daily ones
//! (`cover.rs`). On PostgreSQL each row is spread over shards, which the housekeeping folds
//! (`fold.rs`). The open items are counted
//! by day and due date in a table of their own, since a stats request reads just those not
//! yet due.
//!
//! [`contribution`] is the one definition of what a review adds to which count;
//! `rebuild.rs` runs it over every review, and must give the very counts the changes
//! maintained; `tally.rs` sums contributions and writes them to the tables.

use mingjing_domain::exclusion::ExclusionCategory;
use mingjing_domain::follow_up::{Outcome, Stage, Verification};
use mingjing_domain::iso_date;
use sqlx::Row;

mod counters;
pub mod cover;
mod fold;
mod rebuild;
mod tally;

pub use counters::{COLUMNS, Counters, FollowUpFlag, RatingSet};

pub use fold::Folded;
pub use rebuild::CountsSnapshot;
pub(super) use tally::Tallies;

use super::{NewReview, StorageError};
use crate::china_time::china_date;

/// The `service_code` of the rows that count a review for its whole site.
pub const ALL_SERVICES: &str = "";

/// Whether a count row is one day's or one month's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    Day,
    Month,
    Year,
}

impl Grain {
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Month => "month",
            Grain::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Option<Grain> {
        match text {
            "day" => Some(Grain::Day),
            "month" => Some(Grain::Month),
            "year" => Some(Grain::Year),
            _ => None,
        }
    }
}

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

/// One count row: a site's (or one of its services') day, month or year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountKey {
    pub site_id: String,
    /// [`ALL_SERVICES`] for the whole site.
    pub service_code: String,
    pub grain: Grain,
    /// `YYYY-MM-DD` for a day, `YYYY-MM` for a month, `YYYY` for a year.
    pub period: String,
}

/// The open items received on a day and due on a date, under a service or the whole site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpenKey {
    pub site_id: String,
    pub service_code: String,
    pub due_date: String,
    pub day: String,
}

/// What one review adds to the counts of its service and its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub key: CountKey,
    pub counters: Counters,
    /// Poor reviews whose follow-up is not closed.
    pub open: Option<OpenKey>,
}

impl Contribution {
    /// Every row the contribution adds to: its day's, its month's and its year's, under its
    /// service and for the whole site; the open items by day only.
    fn rows(&self) -> [(CountKey, Option<OpenKey>); 6] {
        let day = &self.key;
        let at = |grain, period: &str| CountKey { grain, period: period.to_owned(), ..day.clone() };
        let month = at(Grain::Month, cover::month_of(&day.period));
        let year = at(Grain::Year, cover::year_of(&day.period));
        let site = |k: &CountKey| CountKey { service_code: ALL_SERVICES.to_owned(), ..k.clone() };
        let site_open = self.open.as_ref().map(|o| OpenKey { service_code: ALL_SERVICES.to_owned(), ..o.clone() });
        [
            (site(day), site_open),
            (site(&month), None),
            (site(&year), None),
            (day.clone(), self.open.clone()),
            (month, None),
            (year, None),
        ]
    }
}

/// The one definition of what a review counts for; `mingjing_domain::stats` defines the
/// figures in words. A review counts on the China day it was received.
pub fn contribution(c: &Counted) -> Contribution {
    let day = iso_date::format(china_date(c.created_at));
    let key = CountKey {
        site_id: c.site_id.clone(),
        service_code: c.service_code.clone(),
        grain: Grain::Day,
        period: day.clone(),
    };
    let mut counters = Counters::default();
    let set = match c.excluded_as {
        Some(ExclusionCategory::Mistaken) => RatingSet::Mistaken,
        Some(ExclusionCategory::Malicious) => RatingSet::Malicious,
        None if c.channel == 7 => RatingSet::SystemDefault,
        None if c.verified => RatingSet::Verified,
        None => RatingSet::Open,
    };
    counters.count_rating(set, c.rating);
    if c.rating > 2 {
        return Contribution { key, counters, open: None };
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
    let still_open = !closed && c.stage.is_some() && c.due_date.is_some();
    for (flag, yes) in [
        (FollowUpFlag::Poor, true),
        (FollowUpFlag::Named, c.named),
        (FollowUpFlag::CalledBack, c.named && c.called_back),
        (FollowUpFlag::Confirmed, confirmed),
        (FollowUpFlag::Rectified, confirmed && closed && fixed),
        (FollowUpFlag::Closed, closed),
        (FollowUpFlag::ClosedOnTime, closed_on_time),
        (FollowUpFlag::StillOpen, still_open),
    ] {
        counters.count_flag(flag, yes);
    }
    let open = match (&c.due_date, still_open) {
        (Some(due), true) => Some(OpenKey {
            site_id: c.site_id.clone(),
            service_code: c.service_code.clone(),
            due_date: due.clone(),
            day,
        }),
        _ => None,
    };
    Contribution { key, counters, open }
}

impl super::Storage {
    /// The shard a transaction's counts go to: 0 on SQLite, the next in turn on PostgreSQL
    /// (see [`tally::next_shard`]).
    pub(super) fn count_shard(&self) -> i64 {
        match self {
            super::Storage::Sqlite(_) => 0,
            super::Storage::Postgres(_) => tally::next_shard(),
        }
    }
}
