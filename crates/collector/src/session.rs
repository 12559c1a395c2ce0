//! Access codes and sign-in sessions for department staff (and, later, supervisors).
//!
//! An access code is `<id>-<secret>`: the id finds the person, the secret is checked
//! against an argon2 hash. Signing in exchanges the code for a random session token, of
//! which only a SHA-256 is stored.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::{Rng, RngCore};

use crate::error::ApiError;
use crate::secret;
use crate::state::AppState;
use crate::storage::{SessionRecord, now_millis};

/// How long a staff session lasts: one working day.
pub const STAFF_SESSION_MS: i64 = 8 * 3_600_000;
/// Wrong codes allowed before a lockout, and how long the lockout lasts.
pub const MAX_FAILURES: i64 = 5;
pub const LOCKOUT_MS: i64 = 15 * 60_000;

/// A fresh access code for principal `id`: `7-K3M9Q2X8VWD4` (Crockford base32, ~60 bits).
pub fn new_access_code(id: i64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rngs::OsRng;
    let secret: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..32)] as char).collect();
    format!("{id}-{secret}")
}

/// The id part of a code, if it has the right shape.
pub fn code_id(code: &str) -> Option<i64> {
    let (id, secret) = code.trim().split_once('-')?;
    (secret.len() == 12).then_some(())?;
    id.parse().ok()
}

pub fn hash_code(code: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(code.trim().to_ascii_uppercase().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

pub fn verify_code(code: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default().verify_password(code.trim().to_ascii_uppercase().as_bytes(), &parsed).is_ok()
    })
}

/// A new session token and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = secret::hash(&token);
    (token, hash)
}

/// Whose code is being tried: the person's id, site, stored hash, name and whether the code
/// may be used today.
pub struct Holder {
    pub id: i64,
    pub site_id: String,
    pub code_hash: String,
    pub name: String,
    pub usable: bool,
}

/// Exchanges an access code for a session token, for staff and supervisors alike: wrong
/// codes count towards a lockout of the client for this role and site, a right one clears
/// it and opens a session of `ttl_ms`.
pub async fn exchange_code(
    state: &AppState,
    attempt_key: &str,
    role: &str,
    site: &str,
    code: &str,
    holder: Option<Holder>,
    ttl_ms: i64,
) -> Result<mingjing_domain::desk::SignInResponse, ApiError> {
    if let Some(until) = state.storage.locked_until(attempt_key).await? {
        return Err(ApiError::LockedOut { retry_after_secs: ((until - now_millis()) / 1000 + 1).max(1) as u64 });
    }
    let valid = holder.filter(|h| h.usable && h.site_id == site && verify_code(code, &h.code_hash));
    let Some(holder) = valid else {
        state.storage.record_sign_in_failure(attempt_key, MAX_FAILURES, LOCKOUT_MS).await?;
        return Err(ApiError::BadCode);
    };
    state.storage.clear_sign_in_failures(attempt_key).await?;
    let (token, hash) = new_token();
    let expires_at = now_millis() + ttl_ms;
    let record = SessionRecord { role: role.into(), principal_id: holder.id, site_id: holder.site_id, expires_at };
    state.storage.insert_session(&hash, &record).await?;
    Ok(mingjing_domain::desk::SignInResponse {
        token,
        expires_at: crate::deadline::rfc3339(expires_at),
        name: holder.name,
    })
}

/// A signed-in staff member; handlers that take it refuse requests without one (401).
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub staff_id: i64,
    pub site_id: String,
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
        let token = crate::auth::bearer(&parts.headers).ok_or(ApiError::SignInRequired)?;
        match state.storage.session(&secret::hash(token)).await? {
            Some(SessionRecord { role, principal_id, site_id, expires_at })
                if role == "staff" && expires_at > now_millis() =>
            {
                Ok(StaffSession { staff_id: principal_id, site_id })
            }
            _ => Err(ApiError::SignInRequired),
        }
    }
}

/// A signed-in supervisor whose code still works: not revoked and within the term, checked
/// on every request so that revoking or the end of a term takes effect at once.
#[derive(Debug, Clone)]
pub struct SupervisorSession {
    pub supervisor: crate::storage::SupervisorRow,
}

impl FromRequestParts<AppState> for SupervisorSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = crate::auth::bearer(&parts.headers).ok_or(ApiError::SignInRequired)?;
        let Some(SessionRecord { role, principal_id, expires_at, .. }) =
            state.storage.session(&secret::hash(token)).await?
        else {
            return Err(ApiError::SignInRequired);
        };
        if role != "supervisor" || expires_at <= now_millis() {
            return Err(ApiError::SignInRequired);
        }
        let today = crate::deadline::today();
        match state.storage.supervisor(principal_id).await? {
            Some(supervisor) if supervisor.serving_on(&today) => Ok(SupervisorSession { supervisor }),
            _ => Err(ApiError::SignInRequired),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_verify_only_against_their_hash() {
        let code = new_access_code(7);
        assert_eq!(code_id(&code), Some(7));
        let hash = hash_code(&code);
        assert!(hash.starts_with("$argon2"));
        assert!(verify_code(&code, &hash));
        assert!(verify_code(&code.to_lowercase(), &hash), "codes are read out and typed, so case does not matter");
        assert!(!verify_code(&new_access_code(7), &hash));
        assert_eq!(code_id("7-short"), None);
    }
}
