//! What the end-to-end tests and `cargo xtask` both start and throw away: a PostgreSQL
//! cluster, a headless Chromium under chromedriver, a temporary folder and a free port.
//!
//! It is for development only, and it depends only on crates that xtask builds anyway.

pub mod browser;
pub mod postgres;
mod temp_dir;

use std::net::TcpListener;

use anyhow::Context;

pub use temp_dir::TempDir;

/// A port nobody listens on now. Another process could take it before ours does, but on a
/// developer machine or CI that is rare enough not to retry.
pub fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}
