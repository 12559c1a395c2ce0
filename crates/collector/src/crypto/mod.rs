//! Secrets: hashed site secrets and access codes, and contacts sealed at rest.

pub mod seal;
pub mod secret;
