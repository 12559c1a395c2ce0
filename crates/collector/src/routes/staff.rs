use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::{SignInRequest, SignInResponse};
use mingjing_domain::site::SiteId;
use time::format_description::well_known::Rfc3339;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::AppJson;
use crate::session::{self, LOCKOUT_MS, MAX_FAILURES, STAFF_SESSION_MS};
use crate::state::AppState;
use crate::storage::{SessionRecord, now_millis};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in))
}

/// Staff sign in to the desk with their access code and get a session token.
///
/// Five wrong codes from one address lock it out for 15 minutes (429).
#[utoipa::path(
    post,
    path = "/api/v1/staff/session",
    tag = "desk",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "signed in", body = SignInResponse),
        (status = 400, description = "malformed JSON", body = ErrorEnvelope),
        (status = 401, description = "wrong, revoked or unknown code", body = ErrorEnvelope),
        (status = 415, description = "not JSON", body = ErrorEnvelope),
        (status = 422, description = "not a valid site id", body = ErrorEnvelope),
        (status = 429, description = "locked out after repeated wrong codes", body = ErrorEnvelope),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    AppJson(req): AppJson<SignInRequest>,
) -> Result<(StatusCode, Json<SignInResponse>), ApiError> {
    let site = SiteId::parse(&req.site)?;
    let attempt_key = format!("staff:{site}:{}", crate::client_ip::client_ip(peer, &headers, &state.trusted_proxies));
    if let Some(until) = state.storage.locked_until(&attempt_key).await? {
        return Err(ApiError::LockedOut { retry_after_secs: ((until - now_millis()) / 1000 + 1).max(1) as u64 });
    }
    let staff = match session::code_id(&req.code) {
        Some(id) => state.storage.staff(id).await?,
        None => None,
    };
    let valid =
        staff.filter(|s| s.active && s.site_id == site.as_str() && session::verify_code(&req.code, &s.code_hash));
    let Some(staff) = valid else {
        state.storage.record_sign_in_failure(&attempt_key, MAX_FAILURES, LOCKOUT_MS).await?;
        return Err(ApiError::BadCode);
    };
    state.storage.clear_sign_in_failures(&attempt_key).await?;
    let (token, hash) = session::new_token();
    let expires_at = now_millis() + STAFF_SESSION_MS;
    let record =
        SessionRecord { role: "staff".into(), principal_id: staff.id, site_id: staff.site_id.clone(), expires_at };
    state.storage.insert_session(&hash, &record).await?;
    let expires =
        time::OffsetDateTime::from_unix_timestamp(expires_at / 1000).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        StatusCode::CREATED,
        Json(SignInResponse {
            token,
            expires_at: expires.format(&Rfc3339).map_err(|e| ApiError::Internal(e.to_string()))?,
            name: staff.name,
        }),
    ))
}
