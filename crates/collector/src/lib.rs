//! The Mingjing collector: one binary that stores reviews, the service catalogue and
//! supervisors' observations, on SQLite by default or PostgreSQL.
//!
//! `main.rs` only calls [`cli::run`]; everything else is library code that tests import.
//! Each feature has a folder (`reviews`, `desk`, `catalog`, `supervision`, `sites`,
//! `stats`) holding its routes and logic; `app` wires them together, `http` is the
//! plumbing every route shares, `cli` the administration commands, and `storage` all SQL.
//! `ARCHITECTURE.md` at the top of the repository is the tour.

pub mod app;
pub mod catalog;
pub mod china_time;
pub mod cli;
pub mod crypto;
mod desk;
mod files;
pub mod fuzzing;
pub mod http;
pub mod reviews;
pub mod sites;
mod stats;
pub mod storage;
pub mod supervision;
