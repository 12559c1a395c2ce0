//! The service catalogue's public routes, read by `<mingjing-lookup>`.

mod detail;
mod registers;
mod search;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search::search))
        .routes(routes!(search::departments))
        .routes(routes!(detail::detail))
        .routes(routes!(registers::intermediary_services))
        .routes(routes!(registers::certificates))
}
