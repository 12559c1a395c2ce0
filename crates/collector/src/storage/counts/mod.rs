//! The published figures as maintained counts. Every change that moves a figure (a review
//! stored, a follow-up step, an exclusion approved) takes the review's old contribution
//! away and adds its new one in the same transaction as the change, so a stats request
//! reads counts and never the reviews.
//!
//! A contribution is counted four times: by the day and by the month it was received, each
//! under the review's service and under [`ALL_SERVICES`] for the whole site, which is what a
//! site's own figures read. A range then reads its whole months from the monthly rows and
//! only the days at its edges from the daily ones (`cover.rs`). The open items are counted
//! by day and due date only, since a stats request reads just those not yet due.
//!
//! [`contribution`] is the one definition of what a review adds to which count;
//! `rebuild.rs` runs it over every review, and must give the very counts the changes
//! maintained; `tally.rs` sums contributions and writes them to the tables.

use mingjing_domain::exclusion::ExclusionCategory;
use mingjing_domain::follow_up::{Outcome, Stage, Verification};
use mingjing_domain::iso_date;
use sqlx::Row;

pub mod cover;
mod rebuild;
mod tally;

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
}

impl Grain {
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Grain> {
        match text {
            "day" => Some(Grain::Day),
            "month" => Some(Grain::Month),
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

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RatingKey {
    pub site_id: String,
    pub service_code: String,
    pub grain: Grain,
    /// `YYYY-MM-DD` for a day, `YYYY-MM` for a month.
    pub period: String,
    pub rating: i64,
    pub verified: bool,
    pub system_default: bool,
    /// `""` for a review that counts.
    pub excluded_as: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FollowUpKey {
    pub site_id: String,
    pub service_code: String,
    pub grain: Grain,
    pub period: String,
    pub named: bool,
    pub called_back: bool,
    pub confirmed: bool,
    pub rectified: bool,
    pub closed: bool,
    pub closed_on_time: bool,
    /// Not closed, with a due date: an open item of the desk, overdue once the due date
    /// has passed.
    pub still_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpenKey {
    pub site_id: String,
    pub service_code: String,
    pub due_date: String,
    pub day: String,
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

    /// The same contribution to its month's counts; the open items are not rolled up.
    fn for_month(&self) -> Contribution {
        let mut month = self.clone();
        month.rating.grain = Grain::Month;
        month.rating.period = cover::month_of(&self.rating.period).to_owned();
        if let Some(f) = &mut month.follow_up {
            f.grain = Grain::Month;
            f.period = cover::month_of(&f.period).to_owned();
        }
        month.open = None;
        month
    }

    /// Every row the contribution adds to: its day's and its month's, under its service
    /// and for the whole site.
    fn rows(&self) -> [Contribution; 4] {
        let month = self.for_month();
        [self.for_site(), month.for_site(), self.clone(), month]
    }
}

/// The one definition of what a review counts for; `mingjing_domain::stats` defines the
/// figures in words. A review counts on the China day it was received.
pub fn contribution(c: &Counted) -> Contribution {
    let day = iso_date::format(china_date(c.created_at));
    let rating = RatingKey {
        site_id: c.site_id.clone(),
        service_code: c.service_code.clone(),
        grain: Grain::Day,
        period: day.clone(),
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
    let still_open = !closed && c.stage.is_some() && c.due_date.is_some();
    let follow_up = FollowUpKey {
        site_id: c.site_id.clone(),
        service_code: c.service_code.clone(),
        grain: Grain::Day,
        period: day.clone(),
        named: c.named,
        called_back: c.named && c.called_back,
        confirmed,
        rectified: confirmed && closed && fixed,
        closed,
        closed_on_time,
        still_open,
    };
    let open = match (&c.stage, &c.due_date) {
        (Some(stage), Some(due)) if *stage != Stage::Closed => Some(OpenKey {
            site_id: c.site_id.clone(),
            service_code: c.service_code.clone(),
            due_date: due.clone(),
            day,
        }),
        _ => None,
    };
    Contribution { rating, follow_up: Some(follow_up), open }
}
