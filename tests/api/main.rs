//! API tests: the real collector on port 0, on SQLite and on PostgreSQL.

// Test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

mod accounts;
mod bad_input;
mod catalog;
mod counts;
mod desk;
mod desk_admin;
mod desk_pages;
mod early_answers;
mod exclusion;
mod export;
mod export_stream;
mod files;
mod headers;
mod migrations;
mod open_review_abuse;
mod open_reviews;
mod operations;
mod pools;
mod public_cache;
mod reviews;
mod services;
mod sign_in;
mod sign_out;
mod stats;
mod stored_values;
mod supervision;
mod system_default;
mod tokens;
mod widget_endpoints;

// The widgets' table of the endpoints they call: a file of plain constants, included here
// rather than depending on the widgets crate, which would compile Yew for the tests.
#[path = "../../crates/widgets/src/api/endpoints.rs"]
mod widget_api;
