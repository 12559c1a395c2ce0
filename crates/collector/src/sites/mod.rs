//! Registered sites: the snapshot every request reads, origins, the review-token keys and
//! the public site settings route.

pub(crate) mod cache;
pub mod keys;
pub(crate) mod origin;
pub(crate) mod routes;
