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
    pub contact_key: crate::seal::ContactKey,
    /// How often to record system-default ratings (see `system_default.rs`); `None` leaves
    /// it to another collector sharing the database, or to tests that run it by hand.
    pub system_default_every: Option<std::time::Duration>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `client_ip.rs`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The longest a request may take, body included: a client that sends its body too
    /// slowly is answered 408 and let go, so it cannot hold a connection's worth of server.
    pub request_timeout: std::time::Duration,
}

impl ServeConfig {
    /// The SQLite file a data directory holds by default.
    pub fn default_database(data_dir: &std::path::Path) -> String {
        data_dir.join("mingjing.db").to_string_lossy().into_owned()
    }
}
