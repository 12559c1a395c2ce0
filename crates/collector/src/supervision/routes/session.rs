use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::{SignInRequest, SignInResponse};
use mingjing_domain::site::SiteId;

use crate::app::state::AppState;
use crate::china_time::today;
use crate::http::error::ApiError;
use crate::http::extract::AppJson;
use crate::http::session::{self, Role};
use crate::http::sign_in::{Attempt, Holder, exchange_code};

/// Supervisors are signed in for two hours at a time.
const SUPERVISOR_SESSION_MS: i64 = 2 * 3_600_000;

/// A supervisor signs in with the access code from their appointment. A revoked code, or
/// one outside the term, is refused like a wrong one; five wrong codes from one address
/// lock it out for 15 minutes (429).
#[utoipa::path(
    post,
    path = "/api/v1/supervisor/session",
    tag = "supervision",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "signed in", body = SignInResponse),
        (status = 400, description = "malformed JSON", body = ErrorEnvelope),
        (status = 401, description = "wrong, revoked or expired code", body = ErrorEnvelope),
        (status = 422, description = "not a valid site id", body = ErrorEnvelope),
        (status = 429, description = "locked out after repeated wrong codes", body = ErrorEnvelope),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AppJson(req): AppJson<SignInRequest>,
) -> Result<(StatusCode, Json<SignInResponse>), ApiError> {
    let site = SiteId::parse(&req.site)?;
    let client = crate::http::client_ip::client_ip(peer, &headers, &state.trusted_proxies);
    let supervisor = match session::code_id(&req.code) {
        Some(id) => state.storage.supervisor(id).await?,
        None => None,
    };
    let today = today();
    let holder = supervisor.map(|s| Holder {
        id: s.id,
        usable: s.serving_on(&today),
        site_id: s.site_id,
        code_hash: s.code_hash,
        name: s.name,
    });
    let attempt =
        Attempt { role: Role::Supervisor, site: &site, client, code: &req.code, ttl_ms: SUPERVISOR_SESSION_MS };
    let response = exchange_code(&state, attempt, holder).await?;
    Ok((StatusCode::CREATED, Json(response)))
}

/// A supervisor signs out: the session ends on the server at once, not only in the browser.
///
/// Signing out is idempotent: a token that is unknown, expired or already signed out also
/// gets 204, so a retried sign-out whose first answer was lost is not an error. Only a
/// request without a bearer token is refused (401).
#[utoipa::path(
    delete,
    path = "/api/v1/supervisor/session",
    tag = "supervision",
    responses(
        (status = 204, description = "signed out; the token no longer works (or never did)"),
        (status = 401, description = "no bearer token", body = ErrorEnvelope),
    ),
    security(("supervisor_session" = []))
)]
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    session::end(&state, &headers, Role::Supervisor).await?;
    Ok(StatusCode::NO_CONTENT)
}
