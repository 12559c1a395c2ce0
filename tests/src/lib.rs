//! The harness for Mingjing's end-to-end tests: the real collector on port 0 over a real
//! SQLite file or a real PostgreSQL database, and a real headless Chromium.
//!
//! `cargo xtask test` starts a throwaway PostgreSQL server and passes its URL in
//! `MINGJING_TEST_POSTGRES_URL`; each test gets a database of its own on it.

// Test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

pub mod app;
pub mod backend;
pub mod browser;
pub mod builders;
pub mod host_page;
pub mod paths;
pub mod photos;
pub mod raw_http;

pub use app::TestApp;
pub use backend::Backend;

/// Generates one `#[tokio::test]` per backend for each `async fn name(backend: Backend)`
/// in the calling module, in submodules `sqlite` and `postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if $crate::backend::postgres_skipped() {
                        return;
                    }
                    super::$name($crate::Backend::Postgres).await
                }
            )*
        }
    };
}
