//! API tests: the real collector on port 0, on SQLite and on PostgreSQL.

mod bad_input;
mod operations;
mod reviews;
mod tokens;
