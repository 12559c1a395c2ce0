//! The service catalogue (Arts. 16, 27, 28, 35, 36): its CSV format, the in-memory cache
//! and search index, the measured actual times, and the routes.

pub(crate) mod actual_times;
pub(crate) mod cache;
pub mod csv;
pub mod index;
pub(crate) mod routes;
