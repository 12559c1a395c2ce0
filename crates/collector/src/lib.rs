//! The Mingjing collector: one binary that stores reviews, the service catalogue and
//! supervisors' observations, on SQLite by default or PostgreSQL.
//!
//! `main.rs` only calls [`cli::run`]; everything else is library code that tests import.

pub mod actual_times;
pub mod audit_admin;
pub mod auth;
pub mod catalog_admin;
pub mod catalog_cache;
pub mod catalog_csv;
pub mod catalog_index;
pub mod cli;
pub mod client_ip;
pub mod config;
pub mod deadline;
pub mod error;
pub mod extract;
pub mod fuzzing;
pub mod listener;
pub mod metrics;
pub mod observations;
pub mod open_review_limit;
pub mod origin;
pub mod page_headers;
pub mod photo;
pub mod private_files;
pub mod review_writer;
pub mod routes;
pub mod safe_csv;
pub mod seal;
pub mod secret;
pub mod session;
pub mod sign_in;
pub mod site_admin;
pub mod site_cache;
pub mod site_keys;
pub mod staff_admin;
pub mod startup;
pub mod state;
pub mod storage;
pub mod supervisor_admin;
pub mod system_default;
pub mod telemetry;
pub mod token;
pub mod unread_body;
pub mod upkeep;
