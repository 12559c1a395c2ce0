//! Sign-in sessions for department staff and supervisors. Signing in (see `sign_in.rs`)
//! exchanges an access code for a random session token, of which only a SHA-256 is stored.
//! A session ends at its expiry, after [`crate::app::config::Limits::session_idle_ms`] without a
//! request, at sign-out (`DELETE …/session`), or when the person's code is revoked or
//! reissued; each request checks all of these.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mingjing_domain::site::SiteId;
use rand::RngCore;

use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::crypto::secret;
use crate::http::error::ApiError;
pub use crate::storage::Role;
use crate::storage::SessionRecord;

/// How long a staff session lasts at most: one working day.
pub const STAFF_SESSION_MS: i64 = 8 * 3_600_000;

/// A new session token and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = secret::hash(&token);
    (token, hash)
}

/// Signing out, for either role: the session the bearer token names ends on the server.
/// An unknown or already ended token is not an error; a request without one is (401).
pub async fn end(state: &AppState, headers: &axum::http::HeaderMap, role: Role) -> Result<(), ApiError> {
    let token = crate::http::auth::bearer(headers).ok_or(ApiError::SignInRequired)?;
    state.storage.delete_session(&secret::hash(token), role).await?;
    Ok(())
}

/// The live session a request's bearer token names, for this role, noting its use.
async fn live_session(parts: &Parts, state: &AppState, role: Role) -> Result<SessionRecord, ApiError> {
    let token = crate::http::auth::bearer(&parts.headers).ok_or(ApiError::SignInRequired)?;
    let hash = secret::hash(token);
    match state.storage.session(&hash, state.limits.session_idle_ms).await? {
        Some(session) if session.role == role && session.expires_at > now_millis() => {
            state.storage.touch_session(&hash, now_millis()).await?;
            Ok(session)
        }
        _ => Err(ApiError::SignInRequired),
    }
}

/// A signed-in staff member whose code still works; handlers that take it refuse requests
/// without one (401).
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub staff_id: i64,
    pub site_id: SiteId,
    pub catalog_admin: bool,
    pub site_admin: bool,
    pub approver: bool,
}

impl StaffSession {
    /// How the person appears in the append-only history.
    pub fn actor(&self) -> String {
        format!("staff:{}", self.staff_id)
    }
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = live_session(parts, state, Role::Staff).await?;
        // Revocation is checked on every request, not only by deleting sessions at revoke
        // time, so a sign-in that was in flight during a revoke cannot outlive it.
        match state.storage.staff(session.principal_id).await? {
            Some(staff) if staff.active && staff.site_id == session.site_id.as_str() => Ok(StaffSession {
                staff_id: staff.id,
                site_id: session.site_id,
                catalog_admin: staff.catalog_admin,
                site_admin: staff.site_admin,
                approver: staff.approver,
            }),
            _ => Err(ApiError::SignInRequired),
        }
    }
}

/// A signed-in supervisor whose code still works: not revoked and within the term, checked
/// on every request so that revoking or the end of a term takes effect at once.
#[derive(Debug, Clone)]
pub struct SupervisorSession {
    pub supervisor: crate::storage::SupervisorRow,
    /// The site the supervisor serves, as the session was opened for it.
    pub site: SiteId,
}

impl FromRequestParts<AppState> for SupervisorSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = live_session(parts, state, Role::Supervisor).await?;
        let today = crate::china_time::today();
        match state.storage.supervisor(session.principal_id).await? {
            Some(supervisor) if supervisor.serving_on(&today) && supervisor.site_id == session.site_id.as_str() => {
                Ok(SupervisorSession { supervisor, site: session.site_id })
            }
            _ => Err(ApiError::SignInRequired),
        }
    }
}

pub use crate::http::sign_in::{code_id, hash_code, new_access_code};
