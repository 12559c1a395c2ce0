//! A site's review-token keys at rest and in use. The key is HMAC-SHA256(site secret, label)
//! (see `secret.rs`); in the database it is sealed with the collector's key, which lives
//! outside the database like the contact key, so a copy of the database alone can neither
//! mint review tokens nor call the API as the department. After `mingjing site
//! rotate-secret` the previous key keeps verifying tokens for the grace period given then.

use crate::crypto::seal::ContactKey;
use crate::reviews::token::{self, Claims, TokenError};
use crate::storage::{Site, Storage, StorageError};

/// What marks a stored token key as sealed; keys stored before sealing have no prefix.
pub const SEALED_PREFIX: &str = "sealed:";

pub fn seal(key: &ContactKey, token_key: &str) -> String {
    format!("{SEALED_PREFIX}{}", key.seal(token_key))
}

fn open(key: &ContactKey, stored: &str) -> Result<String, TokenError> {
    match stored.strip_prefix(SEALED_PREFIX) {
        Some(sealed) => key.open(sealed).map_err(|_| TokenError::KeyUnavailable),
        None => Ok(stored.to_owned()),
    }
}

/// Signs review-token claims with the site's current key.
pub fn sign(key: &ContactKey, site: &Site, claims: &Claims) -> Result<String, TokenError> {
    token::sign(claims, &open(key, &site.token_key)?)
}

/// Verifies a review token with the site's current key, or with the previous one while its
/// grace period lasts.
pub fn verify(key: &ContactKey, site: &Site, token: &str, service: &str, now_ms: i64) -> Result<Claims, TokenError> {
    let site_id = site.id.as_str();
    match token::verify(token, &open(key, &site.token_key)?, site_id, service, now_ms / 1000) {
        Err(TokenError::BadSignature) => match &site.previous_token_key {
            Some((previous, until)) if *until > now_ms => {
                token::verify(token, &open(key, previous)?, site_id, service, now_ms / 1000)
            }
            _ => Err(TokenError::BadSignature),
        },
        other => other,
    }
}

/// Seals the token keys that an older collector stored in plain text; run at start.
pub async fn seal_stored_keys(storage: &Storage, key: &ContactKey) -> Result<usize, StorageError> {
    let plain = storage.unsealed_token_keys(SEALED_PREFIX).await?;
    for (site, token_key) in &plain {
        storage.seal_token_key(site, token_key, &seal(key, token_key)).await?;
    }
    if !plain.is_empty() {
        tracing::info!(sites = plain.len(), "sealed review-token keys stored in plain text");
    }
    Ok(plain.len())
}
