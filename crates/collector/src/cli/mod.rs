//! The `mingjing` command line: `serve`, and administration subcommands.

mod access;
mod audit;
pub mod catalog;
pub mod site;
pub mod staff;
pub mod stats;
pub mod supervisor;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::app::config::ServeConfig;
use crate::app::startup::{Application, shutdown_signal};
use crate::app::telemetry;
use crate::crypto::seal::ContactKey;
use crate::storage::Storage;

#[derive(Debug, Parser)]
#[command(name = "mingjing", version, about = "The Mingjing collection service")]
pub struct Cli {
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Folder for the embedded SQLite database and the contact key (created, 0700, if missing).
    #[arg(long, global = true, env = "MINGJING_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// `postgres://user@host/db` for PostgreSQL, or a SQLite file; default: DATA_DIR/mingjing.db.
    #[arg(long, global = true, env = "MINGJING_DATABASE")]
    pub database: Option<String>,
}

impl DatabaseArgs {
    pub fn url(&self) -> anyhow::Result<String> {
        match &self.database {
            Some(url) => Ok(url.clone()),
            None => {
                crate::files::private::create_dir(&self.data_dir)
                    .with_context(|| format!("cannot create data directory {}", self.data_dir.display()))?;
                Ok(ServeConfig::default_database(&self.data_dir))
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API, the widget bundle and the demo site.
    Serve(ServeArgs),
    /// Register and inspect the department sites that embed the widgets.
    #[command(subcommand)]
    Site(site::SiteCommand),
    /// Import the government-service catalogue.
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Add, list and revoke the department staff who use the desk.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Appoint, list, revoke and renew business-environment supervisors.
    #[command(subcommand)]
    Supervisor(supervisor::SupervisorCommand),
    /// Read the audit log of security events: sign-ins, lockouts, reveals, exports.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Check or rebuild the counts behind the published figures.
    #[command(subcommand)]
    Stats(stats::StatsCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, env = "MINGJING_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// 0 picks a free port; the log line says which.
    #[arg(long, env = "MINGJING_PORT", default_value_t = 8080)]
    pub port: u16,
    #[arg(long, default_value = "pkg")]
    pub pkg_dir: PathBuf,
    #[arg(long, default_value = "www")]
    pub www_dir: PathBuf,
    /// Public base URL for the links the collector hands out (default: the request's Host).
    #[arg(long, env = "MINGJING_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Minutes between runs of the system-default rating job (0: never, for example when
    /// another collector on the same PostgreSQL runs it).
    #[arg(long, default_value_t = 60)]
    pub system_default_minutes: u32,
    /// A reverse proxy in front of the collector whose `X-Forwarded-For` names the client
    /// (repeatable). Without it, limits and lockouts count the TCP peer.
    #[arg(long = "trusted-proxy")]
    pub trusted_proxies: Vec<IpAddr>,
    /// Log as JSON lines instead of text.
    #[arg(long)]
    pub log_json: bool,
    /// Seconds a request may take, its body included, before it is answered 408.
    #[arg(long, default_value_t = 15)]
    pub request_timeout_secs: u64,
    /// Seconds a client has to send a request's headers, from connecting or from the last
    /// response on a kept-alive connection; silent and idle connections are closed after it.
    #[arg(long, default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Connections open at once; past it, new ones wait until one closes. Capped by the
    /// open-file limit, whose soft value is raised to the hard one at start.
    #[arg(long, default_value_t = 4096)]
    pub max_connections: usize,
    /// Minutes without a request after which a staff or supervisor session ends.
    #[arg(long, default_value_t = 30)]
    pub session_idle_minutes: u32,
    /// Open reviews (without a review token) one site accepts in an hour from all clients
    /// together, counted in the database so that it holds across collectors.
    #[arg(long, default_value_t = 2000)]
    pub open_reviews_per_site_per_hour: u32,
    /// Seconds a browser, a department's proxy or a CDN may reuse the public figures
    /// (`Cache-Control: public, max-age=…`); 0 makes them revalidate every time.
    #[arg(long, env = "MINGJING_PUBLIC_MAX_AGE_SECS", default_value_t = 60)]
    pub public_max_age_secs: u32,
    /// Exports this collector runs at once; more are answered 503. 0 leaves exports to
    /// other collectors on the same database, keeping this one for the review form.
    #[arg(long, default_value_t = 2)]
    pub heavy_reads: u32,
}

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve(&cli.db, args).await,
            Command::Site(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = site::run(&storage, &contact_key(&cli.db)?, cmd).await;
                storage.close().await;
                result
            }
            Command::Catalog(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = catalog::run(&storage, cmd).await;
                storage.close().await;
                result
            }
            Command::Staff(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = staff::run(&storage, cmd).await;
                storage.close().await;
                result
            }
            Command::Supervisor(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = supervisor::run(&storage, cmd).await;
                storage.close().await;
                result
            }
            Command::Audit(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = audit::run(&storage, cmd).await;
                storage.close().await;
                result
            }
            Command::Stats(cmd) => {
                let storage = admin_storage(&cli.db).await?;
                let result = stats::run(&storage, cmd).await;
                storage.close().await;
                result
            }
        }
    })
}

async fn serve(db: &DatabaseArgs, args: ServeArgs) -> anyhow::Result<()> {
    telemetry::init(args.log_json);
    let config = ServeConfig {
        addr: SocketAddr::new(args.host, args.port),
        database: db.url()?,
        pkg_dir: args.pkg_dir,
        www_dir: args.www_dir,
        public_url: args.public_url,
        contact_key: contact_key(db)?,
        trusted_proxies: args.trusted_proxies,
        request_timeout: std::time::Duration::from_secs(args.request_timeout_secs.max(1)),
        connections: crate::app::listener::ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(args.header_timeout_secs.max(1)),
            max_connections: args.max_connections.max(1),
        },
        limits: crate::app::config::Limits {
            open_reviews_per_site_per_hour: args.open_reviews_per_site_per_hour.max(1),
            session_idle_ms: i64::from(args.session_idle_minutes.max(1)) * 60_000,
            public_max_age_secs: args.public_max_age_secs,
            heavy_reads: args.heavy_reads,
        },
        system_default_every: (args.system_default_minutes > 0)
            .then(|| std::time::Duration::from_secs(60 * u64::from(args.system_default_minutes))),
    };
    let started = std::time::Instant::now();
    let app = Application::build(&config).await?;
    tracing::info!(
        addr = %app.local_addr(),
        backend = app.storage().backend(),
        startup_ms = started.elapsed().as_millis() as u64,
        "mingjing is serving on http://{}/",
        app.local_addr()
    );
    app.run_until(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn admin_storage(db: &DatabaseArgs) -> anyhow::Result<Storage> {
    telemetry::init(false);
    Ok(Storage::open(&db.url()?).await?)
}

/// `MINGJING_CONTACT_KEY` (base64, for several collectors sharing one PostgreSQL), else the
/// key file in the data directory, created on first start.
fn contact_key(db: &DatabaseArgs) -> anyhow::Result<ContactKey> {
    if let Ok(raw) = std::env::var("MINGJING_CONTACT_KEY") {
        return Ok(ContactKey::from_base64(&raw)?);
    }
    crate::files::private::create_dir(&db.data_dir)
        .with_context(|| format!("cannot create data directory {}", db.data_dir.display()))?;
    Ok(ContactKey::load_or_create(&db.data_dir.join("contact.key"))?)
}
