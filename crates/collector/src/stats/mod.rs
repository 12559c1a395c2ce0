//! The published 好差评 figures: public, per site and optionally per service, over a
//! period of China-time days. `mingjing_domain::stats` defines every figure.

use axum::extract::{FromRequestParts, Query, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::Response;
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::exclusion::ExclusionCategory;
use mingjing_domain::stats::{FollowUpFigures, Stats, StatsScope, Tally, rate};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::china_time;
use crate::china_time::today;
use crate::http::error::ApiError;
use crate::http::public_cache::cached_json;
use crate::storage::{FollowUpCounts, RatingSet, StatsFilter};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

/// The query string, as documented. [`ScopeQuery`] turns it into a checked [`StatsScope`].
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// The public site id (required).
    site: Option<String>,
    /// Limit the figures to one service code.
    service: Option<String>,
    /// Limit the figures to one department's services in the catalogue: its name or its
    /// unified social credit code.
    dept: Option<String>,
    /// The first day counted, `YYYY-MM-DD` in China time (UTC+8); default: the first review.
    from: Option<String>,
    /// The last day counted, inclusive, `YYYY-MM-DD` in China time; default: up to now.
    to: Option<String>,
}

/// Published review figures: the share at each level, the satisfaction and poor-review
/// rates, and how poor reviews were followed up (call-back, rectification, on time).
///
/// Reviews count on the China-time day they were received. System-default ratings are
/// shown apart (`all` includes them, `real`, `verified` and `open` do not), and a rate
/// with nothing to divide by is `null`, never 0. No comment, contact or receipt is in the
/// answer.
#[utoipa::path(
    get,
    path = "/api/v1/stats",
    tag = "stats",
    params(StatsQuery),
    responses(
        (status = 200, description = "the figures, with an `ETag` and `Cache-Control: public, max-age=…`", body = Stats),
        (status = 304, description = "the figures are those `If-None-Match` names"),
        (status = 404, description = "unknown site", body = ErrorEnvelope),
        (status = 422, description = "a parameter is wrong; `field` names it", body = ErrorEnvelope),
        (status = 503, description = "the database is unavailable; retry later", body = ErrorEnvelope),
    )
)]
async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    ScopeQuery(scope, dept): ScopeQuery,
) -> Result<Response, ApiError> {
    let site = state.site(&scope.site).await?;
    let department = match dept.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(wanted) => {
            let index = state.catalog.index(&state.storage).await?;
            let (name, _) =
                index.departments().iter().find(|(name, credit)| name == wanted || credit == wanted).ok_or_else(
                    || {
                        FieldError::new(
                            "dept",
                            "unknown_department",
                            "no department of that name or code is in the catalogue",
                        )
                    },
                )?;
            Some((name.clone(), index.codes_of_department(name)))
        }
    };
    let filter = StatsFilter {
        site_id: site.id.as_str(),
        service_code: scope.service.as_deref(),
        services_in: department.as_ref().map(|(_, codes)| codes.as_slice()),
        from: scope.from,
        to: scope.to,
    };
    let as_of = today();
    let counts = state.heavy.summed_counts(&filter, &as_of).await?;
    let mut tally = Tally::default();
    for set in RatingSet::ALL {
        let (verified, system_default, excluded) = match set {
            RatingSet::Verified => (true, false, None),
            RatingSet::Open => (false, false, None),
            RatingSet::SystemDefault => (false, true, None),
            RatingSet::Mistaken => (false, false, Some(ExclusionCategory::Mistaken)),
            RatingSet::Malicious => (false, false, Some(ExclusionCategory::Malicious)),
        };
        for level in 1..=5 {
            tally.add(level, verified, system_default, excluded, count(counts.counters.rating(set, level)));
        }
    }
    let follow_up = follow_up_figures(counts.follow_up());
    let (all, real, verified, open, system_default_count) = tally.figures();
    let stats = Stats {
        site: site.id.to_string(),
        service: scope.service,
        department: department.map(|(name, _)| name),
        from: scope.from.map(china_time::iso),
        to: scope.to.map(china_time::iso),
        as_of,
        all,
        real,
        verified,
        open,
        system_default_count,
        excluded_after_appeal: tally.excluded(),
        follow_up,
    };
    cached_json(&headers, &stats, state.limits.public_max_age_secs)
}

/// The checked scope, taken from the query string. Any fault is a 422 naming the field.
pub struct ScopeQuery(pub StatsScope, pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ScopeQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // Only a repeated parameter can fail here, since every field is an optional string.
        let Query(q) = Query::<StatsQuery>::try_from_uri(&parts.uri)
            .map_err(|e| FieldError::new("query", "malformed_query", e.body_text()))?;
        let scope = StatsScope::parse(q.site.as_deref(), q.service.as_deref(), q.from.as_deref(), q.to.as_deref())?;
        Ok(Self(scope, q.dept))
    }
}

/// A count as the figures give it; a negative count (which no change makes) reads as 0.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn follow_up_figures(c: FollowUpCounts) -> FollowUpFigures {
    let (named_poor, called_back) = (count(c.named_poor), count(c.called_back));
    let (confirmed, rectified) = (count(c.confirmed), count(c.rectified));
    let (closed, closed_on_time) = (count(c.closed), count(c.closed_on_time));
    FollowUpFigures {
        poor: count(c.poor),
        named_poor,
        called_back,
        call_back_rate: rate(called_back, named_poor),
        confirmed,
        rectified,
        rectification_rate: rate(rectified, confirmed),
        closed,
        closed_on_time,
        on_time_rate: rate(closed_on_time, closed),
        overdue_open: count(c.overdue_open),
    }
}
