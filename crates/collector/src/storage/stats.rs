//! The queries behind the published figures. They read the maintained counts (see
//! `counts/`), never the reviews: a range's whole years from the yearly rows, the months
//! at their edges from the monthly rows and the edge days from the daily ones; a site's own
//! rows for a site, one service's for a service, and a department's services' rows summed;
//! so what a request reads is bounded by services × periods, whatever the number of
//! reviews. No row with a comment, a contact or a receipt ever leaves the database for them.

use sqlx::Row;
use time::Date;

use super::counts::cover::{Span, cover};
use super::counts::{ALL_SERVICES, COLUMNS, Counters, FollowUpFlag, Grain};
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

/// A filter's counts summed, and how many of its open items are overdue today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SummedCounts {
    pub counters: Counters,
    pub overdue_open: i64,
}

impl SummedCounts {
    pub fn follow_up(&self) -> FollowUpCounts {
        let c = |flag| self.counters.follow_up(flag);
        FollowUpCounts {
            poor: c(FollowUpFlag::Poor),
            named_poor: c(FollowUpFlag::Named),
            called_back: c(FollowUpFlag::CalledBack),
            confirmed: c(FollowUpFlag::Confirmed),
            rectified: c(FollowUpFlag::Rectified),
            closed: c(FollowUpFlag::Closed),
            closed_on_time: c(FollowUpFlag::ClosedOnTime),
            overdue_open: self.overdue_open,
        }
    }
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

    /// The one statement behind a figure: every column summed over the filter's rows,
    /// then the open items not yet due on `today` (see [`CountQuery::not_yet_due`]).
    ///
    /// The rows are those of the range's whole years, the whole months at their edges and
    /// the days at the edges of those (see [`cover`]), each part summed where it is read
    /// (which halves the work of summing the rows they give), then the parts added.
    fn figures(filter: &StatsFilter<'_>, today: &str) -> CountQuery {
        let mut q = CountQuery { sql: String::new(), params: Vec::new() };
        let scope = q.scope(filter);
        let c = cover(filter.from, filter.to);
        let inner: Vec<String> = COLUMNS.iter().map(|c| format!("SUM({c}) AS {c}")).collect();
        // A part that matches no period is left out, since each costs a seek per service;
        // one is kept if all do, so that the statement still reads the count table.
        let mut parts: Vec<(Grain, &Span)> = c.parts().into_iter().filter(|(_, span)| !span.is_empty()).collect();
        if parts.is_empty() {
            parts.push((Grain::Year, &c.years));
        }
        let arms: Vec<String> = parts
            .into_iter()
            .map(|(grain, span)| {
                let span = q.span("period", span);
                let grain = grain.as_str();
                format!("SELECT {} FROM review_counts WHERE {scope} AND grain = '{grain}' AND {span}", inner.join(", "))
            })
            .collect();
        let outer: Vec<String> = COLUMNS.iter().map(|c| format!("CAST(COALESCE(SUM({c}), 0) AS BIGINT)")).collect();
        let later = q.not_yet_due(&scope, filter, today);
        q.sql = format!("SELECT {}, ({later}) FROM ({}) AS c", outer.join(", "), arms.join(" UNION ALL "));
        q
    }

    /// How many open poor reviews received in the range are not yet due on `today`: the
    /// rest of the open ones are overdue. Only the due dates from today on are read.
    /// `scope` is the figure's own, whose parameters are bound already.
    fn not_yet_due(&mut self, scope: &str, filter: &StatsFilter<'_>, today: &str) -> String {
        let today = self.param(Some(today));
        let days = Span {
            first: filter.from.map_or_else(String::new, crate::china_time::iso),
            last: filter.to.map_or_else(|| "~".to_owned(), crate::china_time::iso),
        };
        let days = self.span("day", &days);
        format!(
            "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM open_follow_up_counts
             WHERE {scope} AND due_date >= {today} AND {days}"
        )
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
    /// The filter's counts summed, in one statement. `today` is the China date,
    /// `YYYY-MM-DD`, that decides what is overdue.
    pub async fn summed_counts(&self, filter: &StatsFilter<'_>, today: &str) -> Result<SummedCounts, StorageError> {
        let q = CountQuery::figures(filter, today);
        let (counters, not_yet_due) = with_pool!(self, |pool| {
            let row = bound!(sqlx::query(sqlx::AssertSqlSafe(q.sql.as_str())), q).fetch_one(pool).await?;
            let mut counters = Counters::default();
            for (i, n) in counters.0.iter_mut().enumerate() {
                *n = row.try_get(i)?;
            }
            let not_yet_due: i64 = row.try_get(COLUMNS.len())?;
            (counters, not_yet_due)
        });
        Ok(SummedCounts { counters, overdue_open: counters.follow_up(FollowUpFlag::StillOpen) - not_yet_due })
    }

    /// The query plan of the very statement a stats request runs (`EXPLAIN QUERY PLAN` on
    /// SQLite, `EXPLAIN` on PostgreSQL), one line per step: for an operator checking what
    /// the figures cost, and for the test that proves they never read the reviews.
    pub async fn stats_query_plans(&self, filter: &StatsFilter<'_>, today: &str) -> Result<Vec<String>, StorageError> {
        let explain = if matches!(self, Storage::Sqlite(_)) { "EXPLAIN QUERY PLAN" } else { "EXPLAIN" };
        let q = CountQuery::figures(filter, today);
        let sql = format!("{explain} {}", q.sql);
        let plans = with_pool!(self, |pool| {
            let rows = bound!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())), q).fetch_all(pool).await?;
            rows.iter()
                .map(|r| {
                    (0..r.columns().len()).filter_map(|i| r.try_get::<String, _>(i).ok()).collect::<Vec<_>>().join(" ")
                })
                .collect()
        });
        Ok(plans)
    }
}
