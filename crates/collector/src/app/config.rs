use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything `mingjing serve` needs to start.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    /// A `postgres://` URL, or a SQLite file path.
    pub database: String,
    /// The built widget bundle, served under `/widgets/`.
    pub pkg_dir: PathBuf,
    /// The department demo site and webmaster docs, served under `/`.
    pub www_dir: PathBuf,
    /// The public base URL for links the collector hands out, such as review URLs.
    pub public_url: Option<String>,
    pub contact_key: crate::crypto::seal::ContactKey,
    /// How often to record system-default ratings (see `system_default.rs`); `None` leaves
    /// it to another collector sharing the database, or to tests that run it by hand.
    pub system_default_every: Option<std::time::Duration>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `client_ip.rs`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The longest a request may take, body included: a client that sends its body too
    /// slowly is answered 408 and let go, so it cannot hold a connection's worth of server.
    pub request_timeout: std::time::Duration,
    /// Header-read timeout and connection cap (see `listener.rs`).
    pub connections: crate::app::listener::ConnectionLimits,
    /// Limits the handlers apply.
    pub limits: Limits,
}

/// Limits the handlers apply, set on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open reviews one site accepts in an hour from all clients and collectors together.
    pub open_reviews_per_site_per_hour: u32,
    /// A sign-in session ends after this long without a request.
    pub session_idle_ms: i64,
    /// How long shared caches may keep the public figures (see `http/public_cache.rs`).
    pub public_max_age_secs: u32,
    /// Exports one collector runs at once (see `AppState::heavy_reads`).
    pub heavy_reads: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            open_reviews_per_site_per_hour: 2_000,
            session_idle_ms: 30 * 60_000,
            public_max_age_secs: 60,
            heavy_reads: 2,
        }
    }
}

impl ServeConfig {
    /// The SQLite file a data directory holds by default.
    pub fn default_database(data_dir: &std::path::Path) -> String {
        data_dir.join("mingjing.db").to_string_lossy().into_owned()
    }
}
