use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::{SignInRequest, SignInResponse};
use mingjing_domain::site::SiteId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::http::error::ApiError;
use crate::http::extract::AppJson;
use crate::http::session::{self, Role, STAFF_SESSION_MS};
use crate::http::sign_in::{Attempt, Holder, exchange_code};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in)).routes(routes!(sign_out))
}

/// Staff sign in to the desk with their access code and get a session token.
///
/// Five attempts on one account from one address lock that pair out for 15 minutes (429);
/// thirty from one address, whatever the accounts, lock the address out.
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
    let client = crate::http::client_ip::client_ip(peer, &headers, &state.trusted_proxies);
    let staff = match session::code_id(&req.code) {
        Some(id) => state.storage.staff(id).await?,
        None => None,
    };
    let holder =
        staff.map(|s| Holder { id: s.id, site_id: s.site_id, code_hash: s.code_hash, name: s.name, usable: s.active });
    let attempt = Attempt { role: Role::Staff, site: &site, client, code: &req.code, ttl_ms: STAFF_SESSION_MS };
    let response = exchange_code(&state, attempt, holder).await?;
    Ok((StatusCode::CREATED, Json(response)))
}

/// Staff sign out: the session ends on the server at once, not only in the browser.
///
/// Signing out is idempotent: a token that is unknown, expired or already signed out also
/// gets 204, so a retried sign-out whose first answer was lost is not an error. Only a
/// request without a bearer token is refused (401).
#[utoipa::path(
    delete,
    path = "/api/v1/staff/session",
    tag = "desk",
    responses(
        (status = 204, description = "signed out; the token no longer works (or never did)"),
        (status = 401, description = "no bearer token", body = ErrorEnvelope),
    ),
    security(("staff_session" = []))
)]
async fn sign_out(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Result<StatusCode, ApiError> {
    session::end(&state, &headers, Role::Staff).await?;
    Ok(StatusCode::NO_CONTENT)
}
