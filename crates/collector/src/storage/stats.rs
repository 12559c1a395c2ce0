//! The queries behind the published figures. They read the maintained counts (see
//! `counts/`), never the reviews: a site's figures read its own rows (days × a few dozen),
//! one service's only that service's, whatever the number of reviews; and no row with a
//! comment, a contact or a receipt ever leaves the database for them.

use mingjing_domain::exclusion::ExclusionCategory;
use sqlx::Row;

use super::counts::ALL_SERVICES;
use super::{Storage, StorageError, with_pool};

/// Which reviews a figure counts.
#[derive(Debug, Clone)]
pub struct StatsFilter<'a> {
    pub site_id: &'a str,
    pub service_code: Option<&'a str>,
    /// Only these services: a department's items in the catalogue.
    pub services_in: Option<&'a [String]>,
    /// The first China day counted, `YYYY-MM-DD` (inclusive); `None` from the first review.
    pub from_day: Option<String>,
    /// The last China day counted (inclusive); `None` up to today.
    pub to_day: Option<String>,
}

/// How many reviews share a rating, a verified flag and whether the system recorded them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingGroup {
    pub rating: i64,
    pub verified: bool,
    pub system_default: bool,
    /// Set for reviews excluded after a confirmed appeal.
    pub excluded: Option<ExclusionCategory>,
    pub count: i64,
}

/// The follow-up counts over the filter's poor reviews; `FollowUpFigures` in the domain
/// crate defines each one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUpCounts {
    pub poor: i64,
    pub named_poor: i64,
    pub called_back: i64,
    pub confirmed: i64,
    pub rectified: i64,
    pub closed: i64,
    pub closed_on_time: i64,
    pub overdue_open: i64,
}

/// The filter on a count table: the site and the days. Every stored day sorts between ""
/// and "~", so an open end of the period costs no special case.
const SCOPE: &str = "site_id = $1 AND day >= $3 AND day <= $4";

/// Which services' rows the filter reads: the whole site's own rows, one service's ($2),
/// or a department's list as `service_code IN ($n, …)`, its placeholders numbered from
/// `first`; an empty list matches nothing.
fn services_clause(filter: &StatsFilter<'_>, first: usize) -> String {
    match filter.services_in {
        None => format!(" AND service_code = COALESCE($2, '{ALL_SERVICES}')"),
        Some([]) => " AND 1 = 0 AND COALESCE($2, '') = ''".to_owned(),
        Some(codes) => {
            let marks: Vec<String> = (first..first + codes.len()).map(|n| format!("${n}")).collect();
            format!(" AND ($2 IS NULL OR service_code = $2) AND service_code IN ({})", marks.join(", "))
        }
    }
}

/// Binds a filter's parameters to a count query in [`SCOPE`]'s order: the site, the
/// service, the first and last day, `today` when the statement compares due dates, then a
/// department's services.
macro_rules! bind_scope {
    ($query:expr, $filter:expr, $today:expr) => {{
        let filter: &StatsFilter<'_> = $filter;
        let mut query = $query
            .bind(filter.site_id)
            .bind(filter.service_code)
            .bind(filter.from_day.as_deref().unwrap_or(""))
            .bind(filter.to_day.as_deref().unwrap_or("~"));
        if let Some(today) = $today {
            query = query.bind(today);
        }
        for code in filter.services_in.unwrap_or_default() {
            query = query.bind(code);
        }
        query
    }};
}

/// The ratings, grouped as the published sets need them.
fn rating_sql(filter: &StatsFilter<'_>) -> String {
    format!(
        "SELECT rating, verified, system_default, excluded_as, CAST(SUM(n) AS BIGINT) AS n
         FROM rating_counts WHERE {SCOPE}{services}
         GROUP BY rating, verified, system_default, excluded_as",
        services = services_clause(filter, 5)
    )
}

/// The poor reviews by where their follow-up stands.
fn states_sql(filter: &StatsFilter<'_>) -> String {
    format!(
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN named THEN n ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN called_back THEN n ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN confirmed THEN n ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN rectified THEN n ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN closed THEN n ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN closed_on_time THEN n ELSE 0 END), 0) AS BIGINT)
         FROM follow_up_counts WHERE {SCOPE}{services}",
        services = services_clause(filter, 5)
    )
}

/// The open poor reviews due before today (`$5`).
fn overdue_sql(filter: &StatsFilter<'_>) -> String {
    format!(
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM open_follow_up_counts WHERE {SCOPE}{} AND due_date < $5",
        services_clause(filter, 6)
    )
}

impl Storage {
    /// The filter's ratings, grouped as the published sets need them.
    pub async fn rating_groups(&self, filter: &StatsFilter<'_>) -> Result<Vec<RatingGroup>, StorageError> {
        let sql = rating_sql(filter);
        let rows: Vec<(i64, bool, bool, String, i64)> = with_pool!(self, |pool| {
            bind_scope!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), filter, None::<&str>).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(rating, verified, system_default, excluded, count)| {
                let excluded = match excluded.as_str() {
                    "" => None,
                    other => Some(
                        ExclusionCategory::parse(other)
                            .ok_or_else(|| StorageError::Corrupt(format!("a count excluded as {other:?}")))?,
                    ),
                };
                Ok(RatingGroup { rating, verified, system_default, excluded, count })
            })
            .collect()
    }

    /// The follow-up counts of the filter's poor reviews (levels 1 and 2). `today` is the
    /// China date, `YYYY-MM-DD`, that decides what is overdue.
    pub async fn follow_up_counts(
        &self,
        filter: &StatsFilter<'_>,
        today: &str,
    ) -> Result<FollowUpCounts, StorageError> {
        let (states, overdue) = (states_sql(filter), overdue_sql(filter));
        type Row = (i64, i64, i64, i64, i64, i64, i64);
        let (row, overdue_open): (Row, i64) = with_pool!(self, |pool| {
            let row =
                bind_scope!(sqlx::query_as(sqlx::AssertSqlSafe(states)), filter, None::<&str>).fetch_one(pool).await?;
            let overdue = bind_scope!(sqlx::query_scalar(sqlx::AssertSqlSafe(overdue)), filter, Some(today))
                .fetch_one(pool)
                .await?;
            (row, overdue)
        });
        let (poor, named_poor, called_back, confirmed, rectified, closed, closed_on_time) = row;
        Ok(FollowUpCounts { poor, named_poor, called_back, confirmed, rectified, closed, closed_on_time, overdue_open })
    }

    /// The query plans of the very statements a stats request runs (`EXPLAIN QUERY PLAN` on
    /// SQLite, `EXPLAIN` on PostgreSQL), one line per step: for an operator checking what
    /// the figures cost, and for the test that proves they never read the reviews.
    pub async fn stats_query_plans(&self, filter: &StatsFilter<'_>, today: &str) -> Result<Vec<String>, StorageError> {
        let explain = if matches!(self, Storage::Sqlite(_)) { "EXPLAIN QUERY PLAN" } else { "EXPLAIN" };
        let statements = [(rating_sql(filter), None), (states_sql(filter), None), (overdue_sql(filter), Some(today))];
        let mut plans = Vec::new();
        for (statement, today) in statements {
            let sql = format!("{explain} {statement}");
            let lines: Vec<String> = with_pool!(self, |pool| {
                let rows = bind_scope!(sqlx::query(sqlx::AssertSqlSafe(sql)), filter, today).fetch_all(pool).await?;
                rows.iter()
                    .map(|r| {
                        (0..r.columns().len())
                            .filter_map(|i| r.try_get::<String, _>(i).ok())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            });
            plans.extend(lines);
        }
        Ok(plans)
    }
}
