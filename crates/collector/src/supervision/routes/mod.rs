//! The supervisor panel's routes (Art. 67). Every route but sign-in needs a supervisor
//! session, and a supervisor only ever sees their own observations and photos.

mod dashboard;
mod desk;
mod observations;
mod photos;
use photos::image_response;
mod session;
mod stats;

use axum::extract::DefaultBodyLimit;
use mingjing_domain::supervision::SupervisionSettings;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::error::ApiError;

use crate::app::state::AppState;
use crate::http::session::SupervisorSession;
use crate::storage::ObservationRow;
use crate::supervision::photo::MAX_PHOTO_BYTES;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session::sign_in))
        .routes(routes!(session::sign_out))
        .routes(routes!(observations::list, observations::create))
        .routes(routes!(observations::detail))
        .routes(routes!(observations::follow_up))
        .routes(routes!(dashboard::dashboard))
        .routes(routes!(dashboard::report))
        .routes(routes!(photos::get))
        // A photo may be far bigger than any JSON body.
        .merge(OpenApiRouter::new().routes(routes!(photos::upload)).layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES)))
        .routes(routes!(desk::list))
        .routes(routes!(desk::detail))
        .routes(routes!(desk::step))
        .routes(routes!(desk::photo))
}

/// The published figures, open to every origin and served to be cached.
pub fn public_router() -> OpenApiRouter<AppState> {
    stats::router()
}

/// The site's supervision settings, for this supervisor's site.
async fn settings_for(state: &AppState, me: &SupervisorSession) -> Result<SupervisionSettings, ApiError> {
    crate::supervision::observations::settings(state.site(&me.site).await?.as_ref())
}

/// One of this supervisor's observations, or 404: another's is indistinguishable from none.
async fn own(state: &AppState, me: &SupervisorSession, id: i64) -> Result<ObservationRow, ApiError> {
    match state.storage.observation(id).await? {
        Some(row) if row.supervisor_id == me.supervisor.id => Ok(row),
        _ => Err(ApiError::NotFound { what: "observation", field: Some("id") }),
    }
}
