//! HTTP plumbing every route shares: the error type and its JSON, extractors, sessions and
//! sign-in, the client's address, headers on every answer, and the health route.

pub(crate) mod auth;
pub(crate) mod channel_body;
pub(crate) mod client_ip;
pub(crate) mod error;
pub mod extract;
pub(crate) mod health;
pub(crate) mod page_headers;
pub(crate) mod public_cache;
pub mod session;
pub(crate) mod sign_in;
pub(crate) mod unread_body;
