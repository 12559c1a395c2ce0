//! Review tokens: what binds a verified review to one registered transaction.
//!
//! A token is `mj1.<payload>.<signature>`, both parts base64url without padding. The
//! payload is compact JSON, `{"s":site,"v":service,"t":transaction_no,"e":evaluation_no,
//! "c":channel_code,"x":expiry_unix_seconds}`, and the signature is HMAC-SHA256 over the
//! text `mj1.<payload>` with the site's token key, which is HMAC-SHA256(site secret,
//! "mingjing review token v1"). A department can therefore mint tokens in any language
//! from its secret alone; the webmaster guide has a worked example.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use mingjing_domain::api_error::FieldError;
use mingjing_domain::review::Channel;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

const PREFIX: &str = "mj1.";

/// What a token says, once its signature has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    #[serde(rename = "s")]
    pub site: String,
    #[serde(rename = "v")]
    pub service: String,
    #[serde(rename = "t")]
    pub transaction_no: String,
    /// 1 for the first rating, 2 for the re-rating after a rectification.
    #[serde(rename = "e")]
    pub evaluation_no: u8,
    #[serde(rename = "c")]
    pub channel: u8,
    #[serde(rename = "x")]
    pub expires_at: i64,
}

impl Claims {
    pub fn channel(&self) -> Channel {
        Channel::from_code(self.channel).unwrap_or_default()
    }
}

/// Why a token was refused. Each maps to a 4xx answer naming the `token` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the review token is malformed")]
    Malformed,
    #[error("the review token's signature does not match: it was altered or not issued by this site")]
    BadSignature,
    #[error("the review token has expired")]
    Expired,
    #[error("the review token is for another site or service")]
    Mismatch,
    /// The site's stored key cannot be opened with this collector's key (a 5xx, not the
    /// reviewer's fault).
    #[error("the site's token key cannot be opened with this collector's key")]
    KeyUnavailable,
}

impl TokenError {
    pub fn into_field_error(self) -> FieldError {
        let rule = match self {
            TokenError::Malformed => "invalid_token",
            TokenError::BadSignature => "invalid_token",
            TokenError::Expired => "expired_token",
            TokenError::Mismatch => "token_mismatch",
            TokenError::KeyUnavailable => "token_key_unavailable",
        };
        FieldError::new("token", rule, self.to_string())
    }
}

fn mac(key_b64: &str) -> Result<Hmac<Sha256>, TokenError> {
    let key = URL_SAFE_NO_PAD.decode(key_b64).map_err(|_| TokenError::BadSignature)?;
    <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| TokenError::BadSignature)
}

/// Signs claims with a site's token key (base64url, as stored).
pub fn sign(claims: &Claims, key_b64: &str) -> Result<String, TokenError> {
    let payload = serde_json::to_vec(claims).map_err(|_| TokenError::Malformed)?;
    let signed = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(payload));
    let mut mac = mac(key_b64)?;
    mac.update(signed.as_bytes());
    Ok(format!("{signed}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())))
}

/// Splits a token and decodes its claims without checking the signature: only for
/// choosing which key to check it with.
pub fn parse_unverified(token: &str) -> Result<(Claims, &str, &str), TokenError> {
    let rest = token.strip_prefix(PREFIX).ok_or(TokenError::Malformed)?;
    let (payload_b64, signature_b64) = rest.split_once('.').ok_or(TokenError::Malformed)?;
    if payload_b64.len() > 1024 || signature_b64.len() != 43 {
        return Err(TokenError::Malformed);
    }
    let payload = URL_SAFE_NO_PAD.decode(payload_b64).map_err(|_| TokenError::Malformed)?;
    let claims: Claims = serde_json::from_slice(&payload).map_err(|_| TokenError::Malformed)?;
    let signed = &token[..PREFIX.len() + payload_b64.len()];
    Ok((claims, signed, signature_b64))
}

/// Checks a token's signature and expiry, and that it is for this site and service.
pub fn verify(token: &str, key_b64: &str, site: &str, service: &str, now_unix: i64) -> Result<Claims, TokenError> {
    let (claims, signed, signature_b64) = parse_unverified(token)?;
    let signature = URL_SAFE_NO_PAD.decode(signature_b64).map_err(|_| TokenError::Malformed)?;
    let mut mac = mac(key_b64)?;
    mac.update(signed.as_bytes());
    mac.verify_slice(&signature).map_err(|_| TokenError::BadSignature)?;
    if claims.site != site || claims.service != service {
        return Err(TokenError::Mismatch);
    }
    // Channel 7 is the system's own default rating; no token may claim it.
    let channel = Channel::from_code(claims.channel);
    if !(1..=2).contains(&claims.evaluation_no) || channel.is_none() || channel == Some(Channel::SystemDefault) {
        return Err(TokenError::Malformed);
    }
    if claims.expires_at <= now_unix {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::secret;

    fn claims() -> Claims {
        Claims {
            site: "demo".into(),
            service: "S1".into(),
            transaction_no: "T-1".into(),
            evaluation_no: 1,
            channel: 1,
            expires_at: 2_000,
        }
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let key = secret::token_key(&secret::generate());
        let token = sign(&claims(), &key).unwrap();
        assert_eq!(verify(&token, &key, "demo", "S1", 1_999), Ok(claims()));
        assert_eq!(verify(&token, &key, "demo", "S1", 2_000), Err(TokenError::Expired));
        assert_eq!(verify(&token, &key, "demo", "S2", 1_000), Err(TokenError::Mismatch));
    }

    #[test]
    fn forged_and_altered_tokens_are_refused() {
        let key = secret::token_key(&secret::generate());
        let other = secret::token_key(&secret::generate());
        let forged = sign(&claims(), &other).unwrap();
        assert_eq!(verify(&forged, &key, "demo", "S1", 0), Err(TokenError::BadSignature));
        let token = sign(&claims(), &key).unwrap();
        let (_, sig) = token.rsplit_once('.').unwrap();
        let altered_claims = Claims { transaction_no: "T-2".into(), ..claims() };
        let altered = format!("{PREFIX}{}.{sig}", URL_SAFE_NO_PAD.encode(serde_json::to_vec(&altered_claims).unwrap()));
        assert_eq!(verify(&altered, &key, "demo", "S1", 0), Err(TokenError::BadSignature));
        let system = sign(&Claims { channel: 7, ..claims() }, &key).unwrap();
        assert_eq!(verify(&system, &key, "demo", "S1", 0), Err(TokenError::Malformed), "channel 7 is the system's");
        for junk in ["", "mj1.", "mj1.abc", "mj2.a.b", "mj1.!!!.xyz", &format!("{token}x")] {
            assert!(verify(junk, &key, "demo", "S1", 0).is_err(), "{junk}");
        }
    }
}
