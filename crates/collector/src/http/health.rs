use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::http::error::ApiError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
    version: &'static str,
    database: &'static str,
}

/// Whether the collector and its database answer.
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "operations",
    responses(
        (status = 200, description = "the collector and its database are up", body = Health),
        (status = 503, description = "the database does not answer", body = mingjing_domain::api_error::ErrorEnvelope),
    )
)]
async fn get(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.storage.ping().await?;
    Ok(Json(Health { status: "ok", version: env!("CARGO_PKG_VERSION"), database: state.storage.backend() }))
}
