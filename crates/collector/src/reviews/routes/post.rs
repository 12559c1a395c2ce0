use axum::Json;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use mingjing_domain::api_error::{ErrorEnvelope, FieldError};
use mingjing_domain::review::{Review, ReviewConfig, ReviewReceipt, ReviewRequest};

use crate::app::state::AppState;
use crate::china_time;
use crate::china_time::now_millis;
use crate::crypto::secret;
use crate::http::client_ip::client_ip;
use crate::http::error::ApiError;
use crate::http::extract::Valid;
use crate::reviews::token::Claims;
use crate::storage::NewReview;

/// Submit a 好差评 review.
///
/// A retry with the same `idempotency_key` returns the first receipt with 200 and stores
/// nothing new.
#[utoipa::path(
    post,
    path = "/api/v1/reviews",
    tag = "reviews",
    request_body = ReviewRequest,
    responses(
        (status = 201, description = "stored", body = ReviewReceipt),
        (status = 200, description = "already stored by an earlier try with the same idempotency key", body = ReviewReceipt),
        (status = 400, description = "malformed JSON or a wrong type", body = ErrorEnvelope),
        (status = 403, description = "the page's origin is not registered for the site", body = ErrorEnvelope),
        (status = 404, description = "unknown site", body = ErrorEnvelope),
        (status = 409, description = "this transaction was already reviewed (本次服务已存在评价，请勿重复评价)", body = ErrorEnvelope),
        (status = 413, description = "body over 64 KiB", body = ErrorEnvelope),
        (status = 415, description = "not JSON", body = ErrorEnvelope),
        (status = 422, description = "a rule is broken; `field` names the field", body = ErrorEnvelope),
        (status = 429, description = "this client sent too many open reviews to the site this hour", body = ErrorEnvelope),
        (status = 503, description = "the database is unavailable; retry later", body = ErrorEnvelope),
    )
)]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Valid(review): Valid<Review>,
) -> Result<(StatusCode, Json<ReviewReceipt>), ApiError> {
    let site = state.site(&review.site).await?;
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !site.allows_origin(origin) {
            return Err(ApiError::OriginNotAllowed { site: site.id.to_string() });
        }
    }
    let config = site.review_config()?;
    check_against_config(&review, config)?;
    check_service_in_catalogue(&state, &review.service).await?;
    let now = now_millis();
    let claims = match &review.token {
        Some(t) => Some(crate::sites::keys::verify(&state.contact_key, &site, t, &review.service, now)?),
        None if config.allow_open_reviews => {
            let client = client_ip(peer, &headers, &state.trusted_proxies);
            if !state.open_review_limit.allow(site.id.as_str(), client, config.open_reviews_per_client_per_hour, now) {
                return Err(ApiError::RateLimited);
            }
            let ceiling = state.limits.open_reviews_per_site_per_hour;
            if !state.open_review_limit.take_site_allowance(&state.storage, site.id.as_str(), ceiling, now).await? {
                tracing::warn!(site = %site.id, ceiling, "the site's hourly ceiling for open reviews is reached");
                return Err(ApiError::RateLimited);
            }
            None
        }
        None => {
            return Err(FieldError::new(
                "token",
                "token_required",
                "this site accepts only reviews with a review token",
            )
            .into());
        }
    };
    // The token, signed by the department, says where the review was asked for.
    let channel = claims.as_ref().map_or(review.channel, Claims::channel);
    let created_at = now;
    let new = NewReview {
        receipt: secret::receipt_code(),
        site_id: review.site.to_string(),
        service_code: review.service.clone(),
        rating: i64::from(review.rating.get()),
        dimensions_json: serde_json::to_string(&review.dimensions).map_err(|e| ApiError::Internal(e.to_string()))?,
        reasons_json: serde_json::to_string(&review.reasons).map_err(|e| ApiError::Internal(e.to_string()))?,
        comment: review.comment.clone(),
        channel: i64::from(channel.code()),
        verified: claims.is_some(),
        idempotency_key: review.idempotency_key.as_str().to_owned(),
        created_at,
        transaction: claims.as_ref().map(|c| (c.transaction_no.clone(), i64::from(c.evaluation_no))),
        contact_sealed: review
            .contact
            .as_ref()
            .map(|c| state.contact_key.seal(&format!("{}\n{}", c.name(), c.phone().reveal()))),
        contact_phone_masked: review.contact.as_ref().map(|c| c.phone().masked()),
        follow_up_due: review
            .rating
            .is_poor()
            .then(|| china_time::due_after(created_at, config.follow_up_working_days).date),
    };
    let stored = state.reviews.insert(new).await?;
    let status = if stored.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(ReviewReceipt { receipt: stored.receipt, verified: claims.is_some() })))
}

/// When a catalogue is loaded, a review names one of its services.
async fn check_service_in_catalogue(state: &AppState, service: &str) -> Result<(), ApiError> {
    let catalogue = state.catalog.index(&state.storage).await?;
    if catalogue.is_empty() || catalogue.get(service).is_some() {
        return Ok(());
    }
    Err(FieldError::new("service", "unknown_service", "this service is not in the service catalogue").into())
}

/// The reasons and dimensions must be ones the site offers for this channel.
fn check_against_config(review: &Review, config: &ReviewConfig) -> Result<(), FieldError> {
    for (i, reason) in review.reasons.iter().enumerate() {
        if !config.reasons.iter().any(|c| &c.code == reason) {
            return Err(FieldError::new(
                format!("reasons[{i}]"),
                "unknown_reason",
                "this reason is not offered by the site",
            ));
        }
    }
    let offered = if review.channel.is_counter() { &config.counter_dimensions } else { &config.online_dimensions };
    for (i, (key, _)) in review.dimensions.iter().enumerate() {
        if !offered.iter().any(|c| &c.code == key) {
            return Err(FieldError::new(
                format!("dimensions[{i}].key"),
                "unknown_dimension",
                "this dimension is not rated on this channel",
            ));
        }
    }
    Ok(())
}
