use axum::Json;
use axum::extract::State;
use mingjing_domain::catalog::{CertificateListing, IntermediaryListing};

use crate::app::state::AppState;
use crate::http::error::ApiError;

/// The intermediary services that catalogue items require (Art. 35), each with its
/// conditions, time limit and fee and the items that require it, sorted by name.
#[utoipa::path(
    get,
    path = "/api/v1/intermediary-services",
    tag = "catalogue",
    responses((status = 200, description = "the intermediary services", body = Vec<IntermediaryListing>))
)]
pub async fn intermediary_services(State(state): State<AppState>) -> Result<Json<Vec<IntermediaryListing>>, ApiError> {
    let index = state.catalog.index(&state.storage).await?;
    Ok(Json(index.registers().intermediary_services.clone()))
}

/// The certificates (证明事项) that catalogue items ask applicants for (Art. 36), each with
/// its issuer and the items that ask for it, sorted by name.
#[utoipa::path(
    get,
    path = "/api/v1/certificates",
    tag = "catalogue",
    responses((status = 200, description = "the certificates", body = Vec<CertificateListing>))
)]
pub async fn certificates(State(state): State<AppState>) -> Result<Json<Vec<CertificateListing>>, ApiError> {
    let index = state.catalog.index(&state.storage).await?;
    Ok(Json(index.registers().certificates.clone()))
}
