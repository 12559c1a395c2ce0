//! Fault tests: the collector as a separate process, killed and restarted under load, with
//! its log searched for personal data.

// Test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

mod abuse;
mod audit_trail;
mod crash;
mod database_down;
mod export_memory;
mod process;
mod slow_clients;
