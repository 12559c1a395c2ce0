//! The published figures for supervisors' observations (Art. 67), per department: how many,
//! how many confirmed, the rectification rate, the median days to rectify and how many are
//! overdue. Never a supervisor's identity, a description or a photo.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::site::SiteId;
use mingjing_domain::supervision::SupervisionStats;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::china_time::today_date;
use crate::http::error::ApiError;
use crate::http::public_cache::cached_json;
use crate::supervision::figures::public_stats;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SupervisionQuery {
    /// The site whose supervisors' observations are counted.
    site: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/stats/supervision",
    tag = "supervision",
    params(SupervisionQuery),
    responses(
        (status = 200, description = "per-department figures, with an `ETag` and `Cache-Control: public, max-age=…`", body = SupervisionStats),
        (status = 304, description = "the figures are those `If-None-Match` names"),
        (status = 404, description = "unknown site", body = ErrorEnvelope),
        (status = 422, description = "not a valid site id", body = ErrorEnvelope),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SupervisionQuery>,
) -> Result<Response, ApiError> {
    let site = state.site(&SiteId::parse(&q.site)?).await?;
    let rows = state.heavy.observations_of_site(site.id.as_str()).await?;
    cached_json(&headers, &public_stats(&rows, today_date()), state.limits.public_max_age_secs)
}
