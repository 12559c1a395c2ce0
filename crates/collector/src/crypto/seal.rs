//! Sealing personal data at rest. A reviewer's call-back name and phone are encrypted with
//! ChaCha20-Poly1305 under the collector's contact key, which lives outside the database
//! (a file in the data directory, or `MINGJING_CONTACT_KEY`), so a copy of the database
//! alone does not reveal who complained.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;

#[derive(Clone)]
pub struct ContactKey([u8; 32]);

impl std::fmt::Debug for ContactKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ContactKey(<hidden>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the contact key must be 32 bytes of base64")]
    BadKey,
    #[error("cannot read or create the contact key file {0}: {1}")]
    KeyFile(String, std::io::Error),
    #[error("a sealed value is corrupt or was sealed with another key")]
    Corrupt,
}

impl ContactKey {
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        Self(key)
    }

    pub fn from_base64(raw: &str) -> Result<Self, SealError> {
        let bytes = STANDARD.decode(raw.trim()).map_err(|_| SealError::BadKey)?;
        Ok(Self(bytes.try_into().map_err(|_| SealError::BadKey)?))
    }

    /// Reads the key file, creating it (readable by the owner only) on first start.
    pub fn load_or_create(path: &Path) -> Result<Self, SealError> {
        let err = |e| SealError::KeyFile(path.display().to_string(), e);
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_base64(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::random();
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(err)?;
                std::io::Write::write_all(&mut file, STANDARD.encode(key.0).as_bytes()).map_err(err)?;
                Ok(key)
            }
            Err(e) => Err(err(e)),
        }
    }

    /// A short keyed hash of `data` for `label` (HMAC-SHA256, 12 hex digits): stable for
    /// this collector's key, so the audit log can tell that two events came from one
    /// client address without keeping the address.
    pub fn keyed_hash(&self, label: &str, data: &str) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.0).expect("hmac takes any key length");
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(data.as_bytes());
        mac.finalize().into_bytes()[..6].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Encrypts `plain` under a fresh random nonce: base64(nonce ‖ ciphertext).
    pub fn seal(&self, plain: &str) -> String {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&self.0));
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        // Encryption with a valid key and nonce only fails for inputs over 256 GiB.
        let sealed = cipher.encrypt(Nonce::from_slice(&nonce), plain.as_bytes()).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        STANDARD.encode(out)
    }

    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| SealError::Corrupt)?;
        if bytes.len() < 12 {
            return Err(SealError::Corrupt);
        }
        let (nonce, body) = bytes.split_at(12);
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&self.0));
        let plain = cipher.decrypt(Nonce::from_slice(nonce), body).map_err(|_| SealError::Corrupt)?;
        String::from_utf8(plain).map_err(|_| SealError::Corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key() {
        let key = ContactKey::random();
        let sealed = key.seal("张三|13800131234");
        assert!(!sealed.contains("138"));
        assert_eq!(key.open(&sealed).unwrap(), "张三|13800131234");
        assert!(ContactKey::random().open(&sealed).is_err());
        assert_ne!(key.seal("x"), key.seal("x"), "a fresh nonce every time");
    }
}
