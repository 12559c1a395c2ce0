use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use serde::Serialize;
use tokio::sync::Semaphore;
use utoipa::ToSchema;

use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::http::error::ApiError;
use crate::http::extract::RawBody;
use crate::http::session::SupervisorSession;
use crate::supervision::photo::{self, PhotoError};

#[derive(Debug, Serialize, ToSchema)]
pub struct PhotoUploaded {
    /// Name this id in the observation's `photos`.
    pub id: i64,
    pub media_type: String,
    /// The size stored, as encoded afresh without metadata.
    pub bytes: u64,
}

/// Upload one photo (the raw JPEG or PNG bytes) before submitting the observation that
/// shows it. The content decides: a text file named `.jpg` is refused. The picture is
/// decoded, turned upright and encoded again, so nothing else of the file is stored: no
/// EXIF (with any GPS position or camera), XMP, comments, or images and bytes after the
/// first. A picture over 8192 pixels a side is refused before it is decoded.
#[utoipa::path(
    post,
    path = "/api/v1/supervisor/photos",
    tag = "supervision",
    request_body(content = Vec<u8>, description = "the photo's JPEG or PNG bytes (its content decides, not its type)", content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "stored without its metadata", body = PhotoUploaded),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 413, description = "over 2 MB", body = ErrorEnvelope),
        (status = 422, description = "not a JPEG or PNG image, a damaged one, or one over 8192 pixels a side", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn upload(
    State(state): State<AppState>,
    me: SupervisorSession,
    RawBody(body): RawBody<{ photo::MAX_PHOTO_BYTES }>,
) -> Result<(StatusCode, axum::Json<PhotoUploaded>), ApiError> {
    // Decoding and encoding a phone photo takes a core for a few hundred milliseconds and
    // up to a few hundred megabytes: on the blocking pool, not on an async worker, and only
    // a few at a time, so that a burst of uploads cannot exhaust the memory.
    static DECODING: Semaphore = Semaphore::const_new(2);
    let permit = DECODING.acquire().await.map_err(|e| ApiError::Internal(e.to_string()))?;
    // The permit goes with the work, which runs on even if the request times out.
    let cleaned = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        photo::clean(&body)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the photo task failed: {e}")))?;
    let clean = cleaned.map_err(|e| match e {
        PhotoError::TooLarge => ApiError::PayloadTooLarge { limit: photo::MAX_PHOTO_BYTES },
        PhotoError::NotAnImage => FieldError::new("photo", "unsupported_image", e.to_string()).into(),
        PhotoError::Damaged => FieldError::new("photo", "damaged_image", e.to_string()).into(),
        PhotoError::TooManyPixels => FieldError::new("photo", "image_too_large", e.to_string()).into(),
    })?;
    let id = state.storage.insert_photo(me.supervisor.id, clean.media_type, &clean.bytes, now_millis()).await?;
    let uploaded = PhotoUploaded { id, media_type: clean.media_type.to_owned(), bytes: clean.bytes.len() as u64 };
    Ok((StatusCode::CREATED, axum::Json(uploaded)))
}

/// One of this supervisor's photos, as stored (without metadata).
#[utoipa::path(
    get,
    path = "/api/v1/supervisor/photos/{id}",
    tag = "supervision",
    params(("id" = i64, Path, description = "the photo id")),
    responses(
        (status = 200, description = "the image", content_type = "image/jpeg"),
        (status = 401, description = "no valid supervisor session", body = ErrorEnvelope),
        (status = 404, description = "no such photo of this supervisor", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    me: SupervisorSession,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    match state.storage.photo(id).await? {
        Some((owner, _, media_type, data)) if owner == me.supervisor.id => Ok(image_response(media_type, data)),
        _ => Err(ApiError::NotFound { what: "photo", field: Some("id") }),
    }
}

/// The bytes with their type, never sniffed, never cached by a shared cache.
pub fn image_response(media_type: String, data: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        data,
    )
        .into_response()
}
