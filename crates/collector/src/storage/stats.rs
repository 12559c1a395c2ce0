//! The queries behind the published figures. They read the maintained counts (see
//! `counts/`), never the reviews: a range's whole months from the monthly rows and its edge
//! days from the daily ones, a site's own rows for a site, one service's for a service, and
//! a department's services' rows summed; so what a request reads is bounded by services ×
//! months, whatever the number of reviews. No row with a comment, a contact or a receipt
//! ever leaves the database for them.

use mingjing_domain::exclusion::ExclusionCategory;
use sqlx::Row;
use time::Date;

use super::counts::ALL_SERVICES;
use super::counts::cover::{Span, cover};
use super::{Storage, StorageError, with_pool};

/// Which reviews a figure counts.
#[derive(Debug, Clone)]
pub struct StatsFilter<'a> {
    pub site_id: &'a str,
    pub service_code: Option<&'a str>,
    /// Only these services: a department's items in the catalogue.
    pub services_in: Option<&'a [String]>,
    /// The first China day counted (inclusive); `None` from the first review.
    pub from: Option<Date>,
    /// The last China day counted (inclusive); `None` up to today.
    pub to: Option<Date>,
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

/// A statement over the count tables and its parameters, all text, numbered as they are
/// added.
struct CountQuery {
    sql: String,
    params: Vec<Option<String>>,
}

impl CountQuery {
    /// `$n` for a new parameter.
    fn param(&mut self, value: Option<&str>) -> String {
        self.params.push(value.map(str::to_owned));
        format!("${}", self.params.len())
    }

    /// The site and services part of a `WHERE`: the whole site's own rows, one service's,
    /// or a department's services' (an empty department matches nothing).
    fn scope(&mut self, filter: &StatsFilter<'_>) -> String {
        let site = self.param(Some(filter.site_id));
        match filter.services_in {
            None => format!(
                "site_id = {site} AND service_code = {}",
                self.param(Some(filter.service_code.unwrap_or(ALL_SERVICES)))
            ),
            Some([]) => format!("site_id = {site} AND 1 = 0"),
            Some(codes) => {
                let marks: Vec<String> = codes.iter().map(|c| self.param(Some(c))).collect();
                let one = match filter.service_code {
                    Some(code) => format!(" AND service_code = {}", self.param(Some(code))),
                    None => String::new(),
                };
                format!("site_id = {site} AND service_code IN ({}){one}", marks.join(", "))
            }
        }
    }

    fn span(&mut self, column: &str, span: &Span) -> String {
        let first = self.param(Some(&span.first));
        let last = self.param(Some(&span.last));
        format!("{column} >= {first} AND {column} <= {last}")
    }

    /// `columns, n` of a count table's rows that cover the filter's range: its edge days
    /// and its whole months.
    fn covering(&mut self, table: &str, columns: &str, filter: &StatsFilter<'_>) -> String {
        let scope = self.scope(filter);
        let c = cover(filter.from, filter.to);
        let arms = [("day", &c.head_days), ("month", &c.months), ("day", &c.tail_days)].map(|(grain, span)| {
            let span = self.span("period", span);
            format!("SELECT {columns}, n FROM {table} WHERE {scope} AND grain = '{grain}' AND {span}")
        });
        arms.join(" UNION ALL ")
    }

    /// The ratings, grouped as the published sets need them.
    fn ratings(filter: &StatsFilter<'_>) -> CountQuery {
        let mut q = CountQuery { sql: String::new(), params: Vec::new() };
        let rows = q.covering("rating_counts", "rating, verified, system_default, excluded_as", filter);
        q.sql = format!(
            "SELECT rating, verified, system_default, excluded_as, CAST(SUM(n) AS BIGINT) AS n
             FROM ({rows}) AS c GROUP BY rating, verified, system_default, excluded_as"
        );
        q
    }

    /// The poor reviews by where their follow-up stands.
    fn states(filter: &StatsFilter<'_>) -> CountQuery {
        let mut q = CountQuery { sql: String::new(), params: Vec::new() };
        let rows = q.covering(
            "follow_up_counts",
            "named, called_back, confirmed, rectified, closed, closed_on_time, still_open",
            filter,
        );
        let sum = |column: &str| format!("CAST(COALESCE(SUM(CASE WHEN {column} THEN n ELSE 0 END), 0) AS BIGINT)");
        q.sql = format!(
            "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT), {}, {}, {}, {}, {}, {}, {} FROM ({rows}) AS c",
            sum("named"),
            sum("called_back"),
            sum("confirmed"),
            sum("rectified"),
            sum("closed"),
            sum("closed_on_time"),
            sum("still_open"),
        );
        q
    }

    /// The open poor reviews received in the range that are not yet due on `today`: the
    /// rest of the open ones are overdue. Only the due dates from today on are read.
    fn not_yet_due(filter: &StatsFilter<'_>, today: &str) -> CountQuery {
        let mut q = CountQuery { sql: String::new(), params: Vec::new() };
        let scope = q.scope(filter);
        let today = q.param(Some(today));
        let days = Span {
            first: filter.from.map_or_else(String::new, crate::china_time::iso),
            last: filter.to.map_or_else(|| "~".to_owned(), crate::china_time::iso),
        };
        let days = q.span("day", &days);
        q.sql = format!(
            "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM open_follow_up_counts
             WHERE {scope} AND due_date >= {today} AND {days}"
        );
        q
    }
}

/// Binds a [`CountQuery`]'s parameters in order.
macro_rules! bound {
    ($query:expr, $q:expr) => {{
        let mut query = $query;
        for p in &$q.params {
            query = query.bind(p.as_deref());
        }
        query
    }};
}

impl Storage {
    /// The filter's ratings, grouped as the published sets need them.
    pub async fn rating_groups(&self, filter: &StatsFilter<'_>) -> Result<Vec<RatingGroup>, StorageError> {
        let q = CountQuery::ratings(filter);
        let rows: Vec<(i64, bool, bool, String, i64)> = with_pool!(self, |pool| {
            bound!(sqlx::query_as(sqlx::AssertSqlSafe(q.sql.as_str())), q).fetch_all(pool).await?
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
        let (states, later) = (CountQuery::states(filter), CountQuery::not_yet_due(filter, today));
        type Row = (i64, i64, i64, i64, i64, i64, i64, i64);
        let (row, not_yet_due): (Row, i64) = with_pool!(self, |pool| {
            let row = bound!(sqlx::query_as(sqlx::AssertSqlSafe(states.sql.as_str())), states).fetch_one(pool).await?;
            let later =
                bound!(sqlx::query_scalar(sqlx::AssertSqlSafe(later.sql.as_str())), later).fetch_one(pool).await?;
            (row, later)
        });
        let (poor, named_poor, called_back, confirmed, rectified, closed, closed_on_time, open) = row;
        Ok(FollowUpCounts {
            poor,
            named_poor,
            called_back,
            confirmed,
            rectified,
            closed,
            closed_on_time,
            overdue_open: open - not_yet_due,
        })
    }

    /// The query plans of the very statements a stats request runs (`EXPLAIN QUERY PLAN` on
    /// SQLite, `EXPLAIN` on PostgreSQL), one line per step: for an operator checking what
    /// the figures cost, and for the test that proves they never read the reviews.
    pub async fn stats_query_plans(&self, filter: &StatsFilter<'_>, today: &str) -> Result<Vec<String>, StorageError> {
        let explain = if matches!(self, Storage::Sqlite(_)) { "EXPLAIN QUERY PLAN" } else { "EXPLAIN" };
        let statements =
            [CountQuery::ratings(filter), CountQuery::states(filter), CountQuery::not_yet_due(filter, today)];
        let mut plans = Vec::new();
        for q in statements {
            let sql = format!("{explain} {}", q.sql);
            let lines: Vec<String> = with_pool!(self, |pool| {
                let rows = bound!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())), q).fetch_all(pool).await?;
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
