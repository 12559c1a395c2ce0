use axum::Json;
use axum::extract::{Query, State};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::catalog::SearchPage;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::state::AppState;
use crate::catalog::index::{MAX_PER_PAGE, SearchQuery};
use crate::http::error::ApiError;

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchParams {
    /// Chinese, full pinyin (`qiyesheli`), pinyin initials (`qysl`) or a code.
    q: Option<String>,
    /// A department's name or unified social credit code.
    dept: Option<String>,
    /// A two-letter type code: XK, QR, GG, CF, JF, JC, ZS, JL, CJ, QZ, QT.
    #[serde(rename = "type")]
    item_type: Option<String>,
    /// The page, from 1.
    page: Option<u32>,
    /// Results per page, 1 to 50 (20 by default).
    per_page: Option<u32>,
}

/// Search the service catalogue. Exact names come first, then names that start with the
/// query (in characters, pinyin or initials), then other matches.
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "catalogue",
    params(SearchParams),
    responses(
        (status = 200, description = "one page of matching items", body = SearchPage),
        (status = 422, description = "a parameter is out of range", body = ErrorEnvelope),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    if p.q.as_deref().is_some_and(|q| q.chars().count() > 100) {
        return Err(FieldError::new("q", "too_long", "a search is at most 100 characters").into());
    }
    let per_page = p.per_page.unwrap_or(20);
    if per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(FieldError::new("per_page", "out_of_range", "per_page must be from 1 to 50").into());
    }
    if p.page == Some(0) {
        return Err(FieldError::new("page", "out_of_range", "pages count from 1").into());
    }
    let index = state.catalog.index(&state.storage).await?;
    let query = SearchQuery {
        q: p.q.filter(|q| !q.trim().is_empty()),
        dept: p.dept.filter(|d| !d.trim().is_empty()),
        item_type: p.item_type.filter(|t| !t.trim().is_empty()),
        page: p.page.unwrap_or(1),
        per_page,
    };
    Ok(Json(index.search(&query)))
}

/// The departments that have items in the catalogue: (name, unified social credit code).
#[utoipa::path(
    get,
    path = "/api/v1/departments",
    tag = "catalogue",
    responses((status = 200, description = "departments, sorted", body = Vec<Vec<String>>))
)]
pub async fn departments(State(state): State<AppState>) -> Result<Json<Vec<(String, String)>>, ApiError> {
    let index = state.catalog.index(&state.storage).await?;
    Ok(Json(index.departments().to_vec()))
}
