//! Types shared by the Mingjing widgets (wasm32) and the collector (native).
//!
//! Everything here compiles for `wasm32-unknown-unknown`: no tokio, no sqlx, no web-sys,
//! and no `usize` in anything serialized, because the two sides must agree on the JSON.

pub mod api_error;
pub mod calendar;
pub mod catalog;
pub mod desk;
pub mod exclusion;
pub mod follow_up;
pub mod idempotency_key;
pub mod iso_date;
pub mod parse;
pub mod review;
pub mod site;
pub mod stats;
pub mod supervision;
pub mod transaction;
