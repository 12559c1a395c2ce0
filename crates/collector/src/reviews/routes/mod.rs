//! The citizen's review and receipt, and the back office's transactions.

mod post;
mod receipt;
mod transactions;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post::post)).routes(routes!(receipt::get)).merge(transactions::router())
}
