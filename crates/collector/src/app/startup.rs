//! Builds the application: storage, routes, middleware, static files, and the listener.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::config::ServeConfig;
use crate::app::listener::ConnectionLimits;
use crate::app::metrics::{self, Metrics};
use crate::app::routes;
use crate::app::state::AppState;
use crate::http::error::ApiError;
use crate::http::extract::MAX_JSON_BODY;
use crate::storage::{Storage, StorageError};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
}

/// A collector that is bound to its port and ready to serve.
/// Connections of the pool for exports and the public figures.
const HEAVY_READ_CONNECTIONS: u32 = 4;

#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
    storage: Storage,
    /// The pool for exports and the public figures (see [`Storage::heavy_reads`]).
    heavy: Storage,
    system_default_every: Option<Duration>,
    connections: ConnectionLimits,
}

impl Application {
    pub async fn build(config: &ServeConfig) -> Result<Self, StartupError> {
        let storage = Storage::open(&config.database).await?;
        let heavy = storage.heavy_reads(HEAVY_READ_CONNECTIONS).await?;
        let reviews = crate::reviews::writer::ReviewWriter::start(storage.clone()).await?;
        crate::sites::keys::seal_stored_keys(&storage, &config.contact_key).await?;
        let connections = ConnectionLimits {
            max_connections: crate::app::listener::raise_file_limit(config.connections.max_connections),
            ..config.connections
        };
        let listener =
            TcpListener::bind(config.addr).await.map_err(|source| StartupError::Bind { addr: config.addr, source })?;
        let sites = Arc::new(crate::sites::cache::SiteCache::default());
        let router = router(
            AppState {
                storage: storage.clone(),
                metrics: Arc::new(Metrics::default()),
                public_url: config.public_url.clone(),
                contact_key: config.contact_key.clone(),
                open_review_limit: Arc::default(),
                catalog: Arc::default(),
                trusted_proxies: config.trusted_proxies.clone().into(),
                reviews,
                heavy: heavy.clone(),
                sites: sites.clone(),
                limits: config.limits,
                heavy_reads: Arc::new(tokio::sync::Semaphore::new(config.limits.heavy_reads as usize)),
            },
            config,
        );
        Ok(Self { listener, router, storage, heavy, system_default_every: config.system_default_every, connections })
    }

    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has a local address.
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    /// The pool exports and the public figures read through.
    pub fn heavy_storage(&self) -> &Storage {
        &self.heavy
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        let defaults = self
            .system_default_every
            .map(|every| tokio::spawn(crate::reviews::system_default::run_forever(self.storage.clone(), every)));
        let upkeep = tokio::spawn(crate::app::upkeep::run_forever(self.storage.clone()));
        crate::app::listener::serve(self.listener, self.router, self.connections, shutdown).await?;
        if let Some(task) = defaults {
            task.abort();
        }
        upkeep.abort();
        self.heavy.close().await;
        self.storage.close().await;
        Ok(())
    }
}

/// The whole HTTP surface, given its state.
pub fn router(state: AppState, config: &ServeConfig) -> Router {
    let (api, mut openapi) = routes::api().split_for_parts();
    let (public, public_doc) = routes::public_api().split_for_parts();
    openapi.merge(public_doc);
    utoipa::Modify::modify(&routes::CommonResponses, &mut openapi);
    let openapi = Arc::new(openapi);
    let api = json_errors(
        api.route("/api/v1/openapi.json", get(move || std::future::ready(axum::Json(openapi.as_ref().clone()))))
            .fallback(api_not_found)
            .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed }),
    )
    .layer(cors(state.storage.clone(), state.sites.clone()));
    // The public figures are open to every origin, with no `Vary: Origin`, so that one
    // cached copy serves every department's page; they set their own Cache-Control.
    let public = json_errors(public)
        .layer(SetResponseHeaderLayer::overriding(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")));
    let api = api
        .merge(public)
        .layer(middleware::from_fn(refuse_malformed_origin))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ));

    // The bundle is published twice: under /widgets/v<version>/, immutable and cached for a
    // year (pin it with an integrity hash), and under /widgets/ as the latest, cached briefly.
    let versioned = widgets(&config.pkg_dir, "public, max-age=31536000, immutable");
    let latest = widgets(&config.pkg_dir, "public, max-age=300");
    let www = crate::http::page_headers::pages(
        ServeDir::new(&config.www_dir).append_index_html_on_directories(true).not_found_service(get(api_not_found)),
    );

    Router::new()
        .merge(api)
        .route(
            "/metrics",
            get(|axum::extract::State(state): axum::extract::State<AppState>| async move {
                metrics::page(&state.metrics, state.sites.bytes())
            }),
        )
        .nest_service(&format!("/widgets/v{}", env!("CARGO_PKG_VERSION")), versioned)
        .nest_service("/widgets", latest)
        .fallback_service(www)
        .layer(middleware::from_fn_with_state(state.metrics.clone(), metrics::track))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            // Only the method and path template: query strings can carry personal data.
            let route = req.extensions().get::<axum::extract::MatchedPath>().map(|p| p.as_str().to_owned());
            tracing::info_span!("request", method = %req.method(), route = route.as_deref().unwrap_or("-"))
        }))
        // Inside the timeout, so that reading what a route left of a body is cut off too.
        .layer(middleware::from_fn(crate::http::unread_body::finish_reading))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(middleware::from_fn_with_state(
            crate::http::page_headers::Https::from_public_url(config.public_url.as_deref()),
            crate::http::page_headers::everywhere,
        ))
        .with_state(state)
}

/// Errors in our JSON format, under the JSON body limit: inside the CORS headers, so that
/// a page can read why it was refused.
fn json_errors(api: Router<AppState>) -> Router<AppState> {
    api.layer(middleware::map_response(crate::http::error::plain_rejections_as_json))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
}

/// The widget bundle, loaded cross-origin by every department page: module scripts and wasm
/// are fetched in CORS mode, so these public assets allow any origin.
fn widgets(pkg_dir: &std::path::Path, cache: &'static str) -> Router {
    Router::new()
        // `cargo xtask build` writes each file's .br and .gz forms beside it.
        .fallback_service(
            ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip().not_found_service(get(api_not_found)),
        )
        .layer(SetResponseHeaderLayer::overriding(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache)))
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound { what: "resource", field: None }
}

/// CORS for the API: only origins that some registered site lists. Whether the origin is
/// allowed for the *named* site is checked again by each handler, which knows the site.
fn cors(storage: Storage, sites: Arc<crate::sites::cache::SiteCache>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::async_predicate(move |origin: HeaderValue, _parts| {
            let (storage, sites) = (storage.clone(), sites.clone());
            async move {
                let Ok(origin) = origin.to_str() else {
                    return false;
                };
                sites.origin_registered(&storage, origin).await.unwrap_or(false)
            }
        }))
        // DELETE: the desk and the supervisor panel sign out from the department's page.
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(3600))
}

/// An `Origin` header that no browser would send (over-long, not `scheme://host[:port]`) is
/// refused before anything looks it up, so it is never compared, cached or logged.
async fn refuse_malformed_origin(req: axum::extract::Request, next: middleware::Next) -> axum::response::Response {
    match req.headers().get(header::ORIGIN) {
        Some(origin) if !crate::sites::origin::is_well_formed_header(origin.as_bytes()) => {
            axum::response::IntoResponse::into_response(ApiError::Invalid(mingjing_domain::api_error::FieldError::new(
                "origin",
                "invalid_origin",
                "the Origin header must be scheme://host[:port], at most 300 characters",
            )))
        }
        _ => next.run(req).await,
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
