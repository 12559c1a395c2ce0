//! The service catalogue's routes: the public ones `<mingjing-lookup>` reads, and the
//! desk's import.

mod detail;
mod import;
mod registers;
mod search;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search::search))
        .routes(routes!(search::departments))
        .routes(routes!(detail::detail))
        .routes(routes!(registers::intermediary_services))
        .routes(routes!(registers::certificates))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(import::import))
                .layer(axum::extract::DefaultBodyLimit::max(import::MAX_CATALOG_BODY)),
        )
}
