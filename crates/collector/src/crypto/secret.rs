//! Site secrets. A secret is shown once, when the site is added; the collector keeps only its
//! SHA-256 (to authenticate back-office calls) and a key derived from it (to sign review
//! tokens), so a copy of the database cannot be used to call the API as the department.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The label that separates the token key from any other use of the secret. A department
/// that mints tokens itself derives the same key: HMAC-SHA256(secret, this label).
pub const TOKEN_KEY_LABEL: &[u8] = b"mingjing review token v1";

/// A freshly generated secret: `mjs_` and 43 characters of base64url (256 random bits).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("mjs_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Hex SHA-256 of the secret. A fast hash is enough: the secret has 256 random bits.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Checks a presented secret against a stored hash in constant time.
pub fn verify(secret: &str, stored_hash: &str) -> bool {
    let presented = hash(secret);
    presented.len() == stored_hash.len()
        && presented.bytes().zip(stored_hash.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The review-token signing key, base64url.
pub fn token_key(secret: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("hmac takes any key length");
    mac.update(TOKEN_KEY_LABEL);
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// A short code that people can read out on the phone: `MJ` and 10 characters of
/// Crockford base32 (no I, L, O or U), about 50 random bits.
pub fn receipt_code() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let code: String = bytes.iter().map(|b| ALPHABET[usize::from(b & 31)] as char).collect();
    format!("MJ{code}")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_verify_only_against_their_own_hash() {
        let s = generate();
        assert!(s.starts_with("mjs_") && s.len() == 47);
        assert!(verify(&s, &hash(&s)));
        assert!(!verify(&generate(), &hash(&s)));
        assert_ne!(token_key(&s), hash(&s));
    }

    #[test]
    fn receipt_codes_avoid_ambiguous_letters() {
        let r = receipt_code();
        assert_eq!(r.len(), 12);
        assert!(!r[2..].contains(['I', 'L', 'O', 'U']));
    }
}
