//! The aggregate queries behind the published figures. Both return counts only: no row
//! with a comment, a contact or a receipt ever leaves the database for them.

use mingjing_domain::exclusion::ExclusionCategory;

use super::{Storage, StorageError, with_pool};

/// Which reviews a figure counts.
#[derive(Debug, Clone)]
pub struct StatsFilter<'a> {
    pub site_id: &'a str,
    pub service_code: Option<&'a str>,
    /// Only these services: a department's items in the catalogue.
    pub services_in: Option<&'a [String]>,
    /// Reviews stored at or after this instant (ms since the epoch)…
    pub created_from: i64,
    /// …and before this one.
    pub created_before: i64,
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

const SCOPE: &str = "site_id = $1 AND ($2 IS NULL OR service_code = $2) AND created_at >= $3 AND created_at < $4";

/// The filter's list of services as `AND service_code IN ($n, …)`, its placeholders
/// numbered from `first`; an empty list matches nothing.
fn services_clause(filter: &StatsFilter<'_>, first: usize) -> String {
    match filter.services_in {
        None => String::new(),
        Some([]) => " AND 1 = 0".to_owned(),
        Some(codes) => {
            let marks: Vec<String> = (first..first + codes.len()).map(|n| format!("${n}")).collect();
            format!(" AND service_code IN ({})", marks.join(", "))
        }
    }
}

impl Storage {
    /// Review counts grouped by rating, verified, and channel 7 (system default).
    pub async fn rating_groups(&self, filter: &StatsFilter<'_>) -> Result<Vec<RatingGroup>, StorageError> {
        let sql = format!(
            "SELECT rating, verified, channel = 7 AS system_default, excluded_as, COUNT(*) AS n
             FROM reviews WHERE {SCOPE}{services}
             GROUP BY rating, verified, channel = 7, excluded_as",
            services = services_clause(filter, 5)
        );
        let rows: Vec<(i64, bool, bool, Option<String>, i64)> = with_pool!(self, |pool| {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(filter.site_id)
                .bind(filter.service_code)
                .bind(filter.created_from)
                .bind(filter.created_before);
            for code in filter.services_in.unwrap_or_default() {
                query = query.bind(code);
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(rating, verified, system_default, excluded, count)| {
                let excluded = excluded
                    .map(|e| {
                        ExclusionCategory::parse(&e)
                            .ok_or_else(|| StorageError::Corrupt(format!("a review excluded as {e:?}")))
                    })
                    .transpose()?;
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
        let sql = format!(
            "WITH poor AS (
                 SELECT contact_sealed, called_back, verification, outcome, rectified_at, stage, due_date, closed_at,
                        CAST(SUBSTR(due_date, 1, 4) AS BIGINT) AS due_y,
                        CAST(SUBSTR(due_date, 6, 2) AS BIGINT) AS due_m,
                        CAST(SUBSTR(due_date, 9, 2) AS BIGINT) AS due_d
                 FROM reviews WHERE {SCOPE}{services} AND rating <= 2
             ),
             shifted AS (
                 SELECT *, due_y + 4800 - (14 - due_m) / 12 AS jy, due_m + 12 * ((14 - due_m) / 12) - 3 AS jm
                 FROM poor
             )
             SELECT COUNT(*),
                    COUNT(CASE WHEN contact_sealed IS NOT NULL THEN 1 END),
                    COUNT(CASE WHEN contact_sealed IS NOT NULL AND called_back IS NOT NULL THEN 1 END),
                    COUNT(CASE WHEN verification = 'confirmed' THEN 1 END),
                    COUNT(CASE WHEN verification = 'confirmed' AND stage = 'closed'
                                AND (outcome = 'fixed_on_the_spot'
                                     OR (outcome = 'rectification_plan' AND rectified_at IS NOT NULL))
                               THEN 1 END),
                    COUNT(CASE WHEN stage = 'closed' THEN 1 END),
                    COUNT(CASE WHEN stage = 'closed' AND {CLOSED_DAY} <= {DUE_DAY} THEN 1 END),
                    COUNT(CASE WHEN stage IS NOT NULL AND stage <> 'closed' AND due_date < $5 THEN 1 END)
             FROM shifted",
            services = services_clause(filter, 6)
        );
        type Row = (i64, i64, i64, i64, i64, i64, i64, i64);
        let row: Row = with_pool!(self, |pool| {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(filter.site_id)
                .bind(filter.service_code)
                .bind(filter.created_from)
                .bind(filter.created_before)
                .bind(today);
            for code in filter.services_in.unwrap_or_default() {
                query = query.bind(code);
            }
            query.fetch_one(pool).await?
        });
        let (poor, named_poor, called_back, confirmed, rectified, closed, closed_on_time, overdue_open) = row;
        Ok(FollowUpCounts { poor, named_poor, called_back, confirmed, rectified, closed, closed_on_time, overdue_open })
    }
}

/// The China date of `closed_at` as a day number (days since 1970-01-01): shift the
/// instant by UTC+8, then count whole days. Times are positive, so `/` rounds down.
const CLOSED_DAY: &str = "(closed_at + 28800000) / 86400000";

/// The due date as the same day number, in integer arithmetic that SQLite and PostgreSQL
/// both do alike: the Fliegel–Van Flandern Julian day number, `jy` and `jm` being the year
/// and month counted from March (computed in `shifted`), less 2440588, the Julian day
/// number of 1970-01-01. Every term is positive, so `/` rounds down on both backends.
/// The dates are compared as numbers because the two backends share no date function.
const DUE_DAY: &str = "(due_d + (153 * jm + 2) / 5 + 365 * jy + jy / 4 - jy / 100 + jy / 400 - 32045 - 2440588)";
