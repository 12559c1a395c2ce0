//! Signing in with an access code, for staff and supervisors alike.
//!
//! An access code is `<id>-<secret>`: the id finds the person, the secret (about 60 random
//! bits) is checked against an argon2 hash. Ids are short sequential numbers, so anyone can
//! name any account; a hard lock per account would let a stranger lock every member of
//! staff out. So attempts are counted three ways, each atomically in the database before
//! any hash is computed:
//!
//! - per (account, client): 5 attempts in 15 minutes, then a hard lock (429) until the
//!   window ends;
//! - per client: 30 attempts in 15 minutes across all accounts, so that one office behind
//!   one address does not lock out every colleague, but a guesser cannot roam;
//! - per account, from anywhere: past 5 attempts each further one waits a growing delay
//!   (at most [`LONGEST_DELAY`]) before its code is checked; nobody is locked out by it.
//!
//! A wrong code, an unknown id and a revoked account all cost one argon2 hash (against a
//! dummy hash where there is no account), run on the blocking pool, a few at a time.

use std::net::IpAddr;
use std::sync::LazyLock;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use mingjing_domain::desk::{AuditAction, SignInResponse};
use mingjing_domain::site::SiteId;
use rand::Rng;
use tokio::sync::Semaphore;

use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::http::client_ip::client_key;
use crate::http::error::ApiError;
use crate::http::session::{Role, new_token};
use crate::storage::SessionRecord;

/// Attempts per (account, client) before the hard lock, and how long a window lasts.
pub const MAX_FAILURES: i64 = 5;
pub const LOCKOUT_MS: i64 = 15 * 60_000;
/// Attempts per client address across all accounts of a site, per window.
pub const MAX_ATTEMPTS_PER_CLIENT: i64 = 30;
/// The longest delay before a code is checked, for an account under attack.
pub const LONGEST_DELAY: Duration = Duration::from_secs(8);

/// argon2 takes about 19 MiB and tens of milliseconds per hash: a few at a time keeps a
/// burst of sign-ins from taking every core and gigabytes of memory.
static HASHING: Semaphore = Semaphore::const_new(2);

/// What unknown ids are checked against, so that they cost what a known one costs.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_code(&new_access_code(0)));

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

/// Whose code is being tried: the person's id, site, stored hash, name and whether the code
/// may be used today.
#[derive(Debug)]
pub struct Holder {
    pub id: i64,
    pub site_id: String,
    pub code_hash: String,
    pub name: String,
    pub usable: bool,
}

/// One sign-in: who claims to be whom, from where.
#[derive(Debug)]
pub struct Attempt<'a> {
    pub role: Role,
    pub site: &'a SiteId,
    pub client: IpAddr,
    pub code: &'a str,
    pub ttl_ms: i64,
}

/// Exchanges an access code for a session token; see the module's notes for the limits.
pub async fn exchange_code(
    state: &AppState,
    attempt: Attempt<'_>,
    holder: Option<Holder>,
) -> Result<SignInResponse, ApiError> {
    let Attempt { role, site, client, code, ttl_ms } = attempt;
    // An unknown site records nothing and costs no hash.
    match state.site(site).await {
        Err(ApiError::NotFound { .. }) => return Err(ApiError::BadCode),
        other => other?,
    };
    let client_hash = state.contact_key.keyed_hash("audit client", &client_key(client).to_string());
    let account = code_id(code).map_or_else(|| "-".to_owned(), |id| id.to_string());
    let role_name = role.as_str();
    let per_client = format!("{role_name}:{site}:*:{client}", client = client_key(client));
    let per_pair = format!("{role_name}:{site}:{account}:{client}", client = client_key(client));
    let per_account = format!("{role_name}:{site}:{account}:*");
    let now = now_millis();
    for (key, limit) in [(&per_client, MAX_ATTEMPTS_PER_CLIENT), (&per_pair, MAX_FAILURES)] {
        let (count, until) = state.storage.count_sign_in_attempt(key, limit, LOCKOUT_MS, now).await?;
        if count > limit {
            if count == limit + 1 {
                state
                    .audit(site.as_str(), &format!("{role_name}:{account}"), AuditAction::LockedOut, &client_hash)
                    .await?;
            }
            return Err(ApiError::LockedOut { retry_after_secs: ((until - now) / 1000 + 1).max(1) as u64 });
        }
    }
    if holder.is_some() {
        let (count, _) = state.storage.count_sign_in_attempt(&per_account, i64::MAX, LOCKOUT_MS, now).await?;
        tokio::time::sleep(delay_after(count)).await;
    }
    let right = check(state, code, holder.as_ref().map(|h| h.code_hash.as_str())).await?;
    let valid = holder.filter(|h| right && h.usable && h.site_id == site.as_str());
    let Some(holder) = valid else {
        state.audit(site.as_str(), &format!("{role_name}:{account}"), AuditAction::SignInFailed, &client_hash).await?;
        return Err(ApiError::BadCode);
    };
    state.storage.clear_sign_in_attempts(&[&per_pair, &per_account]).await?;
    let (token, hash) = new_token();
    let expires_at = now_millis() + ttl_ms;
    let record = SessionRecord { role, principal_id: holder.id, site_id: site.clone(), expires_at };
    state.storage.insert_session(&hash, &record).await?;
    state.audit(site.as_str(), &format!("{role_name}:{}", holder.id), AuditAction::SignIn, &client_hash).await?;
    Ok(SignInResponse { token, expires_at: crate::china_time::rfc3339(expires_at), name: holder.name })
}

/// How long an attempt on an account waits, given the account's attempts in the window.
fn delay_after(attempts: i64) -> Duration {
    if attempts <= MAX_FAILURES {
        return Duration::ZERO;
    }
    let doublings = u32::try_from(attempts - MAX_FAILURES - 1).unwrap_or(u32::MAX).min(6);
    Duration::from_millis(250 * 2u64.pow(doublings)).min(LONGEST_DELAY)
}

/// Checks the code against the holder's hash, or against the dummy hash when there is no
/// holder, on the blocking pool; every check is counted in the metrics.
async fn check(state: &AppState, code: &str, hash: Option<&str>) -> Result<bool, ApiError> {
    let _turn = HASHING.acquire().await.map_err(|e| ApiError::Internal(e.to_string()))?;
    let (code, hash) = (code.to_owned(), hash.map(str::to_owned));
    state.metrics.code_hashes.inc();
    let right = tokio::task::spawn_blocking(move || {
        let right = verify_code(&code, hash.as_deref().unwrap_or(DUMMY_HASH.as_str()));
        right && hash.is_some()
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(right)
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

    #[test]
    fn the_delay_grows_past_the_limit_and_stops_growing() {
        assert_eq!(delay_after(MAX_FAILURES), Duration::ZERO);
        assert_eq!(delay_after(MAX_FAILURES + 1), Duration::from_millis(250));
        assert_eq!(delay_after(MAX_FAILURES + 2), Duration::from_millis(500));
        assert_eq!(delay_after(1_000), LONGEST_DELAY);
    }
}
