use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::review::PublicSiteConfig;
use mingjing_domain::site::SiteId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::http::error::ApiError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_config))
}

/// A site's public settings: its name, and the reasons and dimensions its review form offers.
#[utoipa::path(
    get,
    path = "/api/v1/sites/{site}/config",
    tag = "sites",
    params(("site" = String, Path, description = "the public site id")),
    responses(
        (status = 200, description = "the site's public settings", body = PublicSiteConfig),
        (status = 404, description = "unknown site", body = ErrorEnvelope),
        (status = 422, description = "not a valid site id", body = ErrorEnvelope),
    )
)]
async fn get_config(
    State(state): State<AppState>,
    Path(site): Path<String>,
) -> Result<Json<PublicSiteConfig>, ApiError> {
    let id = SiteId::parse(&site)?;
    let site = state.site(&id).await?;
    Ok(Json(PublicSiteConfig {
        site: site.id.to_string(),
        name: site.name.clone(),
        review: site.review_config()?.clone(),
    }))
}
