//! API tests: the real collector on port 0, on SQLite and on PostgreSQL.

mod bad_input;
mod desk;
mod operations;
mod reviews;
mod tokens;
