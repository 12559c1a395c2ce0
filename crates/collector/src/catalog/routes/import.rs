use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mingjing_domain::api_error::{ErrorBody, ErrorEnvelope, FieldError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::state::AppState;
use crate::cli::catalog::{CatalogProblem, CatalogSourceFormat, read_catalog};
use crate::http::error::ApiError;
use crate::http::extract::RawBody;
use crate::http::session::StaffSession;

/// A catalogue may be far larger than any other body: 32 MiB holds about 20,000 items.
pub const MAX_CATALOG_BODY: usize = 32 * 1024 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportParams {
    /// Who publishes the catalogue; required for CSV (a JSON file names its own).
    publisher: Option<String>,
    /// `true` marks a CSV catalogue as demonstration data.
    demo: Option<bool>,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    /// The catalogue version the import created.
    pub version: i64,
    pub items: i64,
    /// Changes to fees and time limits recorded in the items' public histories.
    pub changes: i64,
}

/// A staff member who may replace the catalogue. The collector has one catalogue, shared by
/// every site, so this is an instance-wide right (`mingjing staff add --catalog-admin`),
/// not a site's. Being an extractor of the request's head, it runs before the body is
/// read: nobody else can make the collector take in a 32 MiB upload.
#[derive(Debug)]
pub struct CatalogAdmin(StaffSession);

impl axum::extract::FromRequestParts<AppState> for CatalogAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &AppState) -> Result<Self, ApiError> {
        let staff = StaffSession::from_request_parts(parts, state).await?;
        if !staff.catalog_admin {
            return Err(ApiError::Forbidden("only a catalogue administrator may replace the catalogue"));
        }
        Ok(Self(staff))
    }
}

/// A refused catalogue: the usual error, plus every problem found.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogRejection {
    pub error: ErrorBody,
    pub problems: Vec<CatalogProblem>,
}

/// Replace the service catalogue with a new version (JSON `mingjing-catalog/1`, or the CSV
/// variant with `Content-Type: text/csv`). All or nothing: one bad record and nothing
/// changes, and every bad record is listed. The catalogue is the collector's, shared by every
/// site: only a staff member added with `--catalog-admin` (an instance-wide right) may
/// replace it, and the body is not read before that is known.
#[utoipa::path(
    post,
    path = "/api/v1/desk/catalog",
    tag = "desk",
    params(ImportParams),
    request_body(content = String, description = "the catalogue file", content_type = "application/json"),
    responses(
        (status = 200, description = "imported as a new version", body = ImportReport),
        (status = 401, description = "no valid staff session", body = ErrorEnvelope),
        (status = 403, description = "not a catalogue administrator", body = ErrorEnvelope),
        (status = 415, description = "neither JSON nor CSV", body = ErrorEnvelope),
        (status = 422, description = "the catalogue was refused; nothing changed", body = CatalogRejection),
    ),
    security(("staff_session" = []))
)]
pub async fn import(
    State(state): State<AppState>,
    CatalogAdmin(staff): CatalogAdmin,
    Query(params): Query<ImportParams>,
    headers: HeaderMap,
    RawBody(body): RawBody<MAX_CATALOG_BODY>,
) -> Result<Response, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let media = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let format = match media.as_str() {
        "application/json" => CatalogSourceFormat::Json,
        "text/csv" => {
            let publisher = params.publisher.filter(|p| !p.trim().is_empty()).ok_or_else(|| {
                FieldError::new("publisher", "required", "a CSV catalogue needs ?publisher= (who publishes it)")
            })?;
            CatalogSourceFormat::Csv { publisher, demo: params.demo.unwrap_or(false) }
        }
        _ => return Err(ApiError::UnsupportedMediaType),
    };
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadJson { message: "the catalogue must be UTF-8 text".to_owned(), field: None })?;
    let catalog = match read_catalog(text, &format) {
        Ok(catalog) => catalog,
        Err(problems) => {
            let error = ErrorBody {
                code: "catalog_rejected".to_owned(),
                message: format!("the catalogue was refused with {} problem(s); nothing changed", problems.len()),
                field: None,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(CatalogRejection { error, problems })).into_response());
        }
    };
    let outcome = state.storage.import_catalog(&catalog, &format!("desk:staff:{}", staff.staff_id)).await?;
    tracing::info!(staff = staff.staff_id, version = outcome.version, items = outcome.items, "catalogue imported");
    Ok(Json(ImportReport { version: outcome.version, items: outcome.items, changes: outcome.changes }).into_response())
}
