//! The real collector, started in-process on port 0.

use std::net::SocketAddr;

use mingjing_collector::app::config::ServeConfig;
use mingjing_collector::app::startup::Application;
use mingjing_collector::crypto::secret;
use mingjing_collector::storage::{NewSite, Storage};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::site::SiteId;
use reqwest::StatusCode;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::backend::{Backend, TestDatabase};
use crate::builders::Transaction;
use crate::paths;

/// The origin that the test site registers; requests "from a page" send it.
pub const ALLOWED_ORIGIN: &str = "http://allowed.example";
pub const TEST_SITE: &str = "test-site";

#[derive(Debug)]
pub struct TestApp {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base: String,
    pub client: reqwest::Client,
    pub storage: Storage,
    /// The collector's own pool for exports and the public figures.
    pub heavy: Storage,
    pub backend: Backend,
    /// The secret of [`TEST_SITE`].
    pub secret: String,
    pub database: TestDatabase,
    /// What the collector was started with (its address aside), to start it again alike.
    pub config: ServeConfig,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    /// Starts the collector on a fresh database with [`TEST_SITE`] registered.
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like [`TestApp::spawn`], with the configuration changed first (limits, proxies…).
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut ServeConfig)) -> Self {
        Self::spawn_on_with(backend, backend.fresh_database().await, configure).await
    }

    /// Starts the collector on the given database with [`TEST_SITE`] registered.
    pub async fn spawn_on(backend: Backend, database: TestDatabase) -> Self {
        Self::spawn_on_with(backend, database, |_| {}).await
    }

    async fn spawn_on_with(backend: Backend, database: TestDatabase, configure: impl FnOnce(&mut ServeConfig)) -> Self {
        let mut config = config_for(&database, SocketAddr::from(([127, 0, 0, 1], 0)));
        configure(&mut config);
        let (addr, (storage, heavy), shutdown, server) = launch(&config).await;
        let mut test_app = Self {
            addr,
            base: format!("http://{addr}"),
            client: reqwest::Client::builder().no_proxy().build().expect("http client"),
            storage,
            heavy,
            backend,
            secret: String::new(),
            database,
            config,
            shutdown: Some(shutdown),
            server: Some(server),
        };
        test_app.secret = test_app.register_site(TEST_SITE, &[ALLOWED_ORIGIN]).await;
        test_app
    }

    /// Stops the collector but keeps its database, as when the server goes down.
    pub async fn take_down(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server stopped cleanly");
        }
    }

    /// Starts the collector again on the same address and database.
    pub async fn bring_back(&mut self) {
        let config = ServeConfig { addr: self.addr, ..self.config.clone() };
        let (_, (storage, heavy), shutdown, server) = launch(&config).await;
        self.storage = storage;
        self.heavy = heavy;
        self.shutdown = Some(shutdown);
        self.server = Some(server);
    }

    /// A second collector on the same database and configuration, on its own port, as when
    /// several collectors share one PostgreSQL. It stops when the returned handle drops.
    pub async fn second_collector(&self) -> SecondCollector {
        let config = ServeConfig { addr: SocketAddr::from(([127, 0, 0, 1], 0)), ..self.config.clone() };
        let (addr, _, shutdown, _) = launch(&config).await;
        SecondCollector { base: format!("http://{addr}"), _shutdown: shutdown }
    }

    /// Registers a site the way `mingjing site add` does, and returns its secret.
    pub async fn register_site(&self, id: &str, origins: &[&str]) -> String {
        let secret = secret::generate();
        let site = NewSite {
            id: SiteId::parse(id).expect("valid site id"),
            name: format!("测试站点 {id}"),
            origins: origins.iter().map(|o| o.to_string()).collect(),
            secret_hash: secret::hash(&secret),
            token_key: mingjing_collector::sites::keys::seal(&self.database.contact_key, &secret::token_key(&secret)),
        };
        self.storage.insert_site(&site).await.expect("site registered");
        secret
    }

    /// Adds a staff member the way `mingjing staff add` does, and returns their access code.
    pub async fn add_staff(&self, site: &str, name: &str) -> (i64, String) {
        let id = self.storage.insert_staff(site, name).await.expect("staff added");
        let code = mingjing_collector::http::session::new_access_code(id);
        self.storage.set_staff_code(id, &mingjing_collector::http::session::hash_code(&code)).await.expect("code set");
        (id, code)
    }

    /// Signs a staff member in and returns the session token.
    pub async fn staff_session(&self, site: &str, code: &str) -> String {
        let resp = self
            .client
            .post(self.url("/api/v1/staff/session"))
            .json(&serde_json::json!({ "site": site, "code": code }))
            .send()
            .await
            .expect("sign-in sent");
        assert_eq!(resp.status(), StatusCode::CREATED, "sign-in");
        let body: Value = resp.json().await.expect("sign-in body");
        body["token"].as_str().expect("token").to_owned()
    }

    /// Appoints a supervisor for `site` serving `term` (first and last day); returns the id
    /// and the one-time access code, as `mingjing supervisor add` would.
    pub async fn add_supervisor(&self, site: &str, name: &str, term: (&str, &str)) -> (i64, String) {
        let now = mingjing_collector::china_time::now_millis();
        let id = self.storage.insert_supervisor(site, name, "chamber", term, now).await.expect("supervisor added");
        let code = mingjing_collector::http::session::new_access_code(id);
        self.storage
            .set_supervisor_code(id, &mingjing_collector::http::session::hash_code(&code))
            .await
            .expect("code set");
        (id, code)
    }

    /// Signs a supervisor in and returns the session token.
    pub async fn supervisor_session(&self, site: &str, code: &str) -> String {
        let resp = self
            .client
            .post(self.url("/api/v1/supervisor/session"))
            .json(&serde_json::json!({ "site": site, "code": code }))
            .send()
            .await
            .expect("sign-in sent");
        assert_eq!(resp.status(), StatusCode::CREATED, "supervisor sign-in");
        let body: Value = resp.json().await.expect("sign-in body");
        body["token"].as_str().expect("token").to_owned()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request sent")
    }

    /// POSTs JSON as a page on [`ALLOWED_ORIGIN`] would.
    pub async fn post_json(&self, path: &str, body: &impl Serialize) -> reqwest::Response {
        let body = serde_json::to_vec(body).expect("a JSON body");
        self.post_raw(path, Some("application/json"), body, Some(ALLOWED_ORIGIN)).await
    }

    /// Registers a transaction as the site's back office does, signed with the site secret.
    pub async fn register_transaction(&self, transaction: &Transaction) -> reqwest::Response {
        self.register_transaction_signed(transaction, Some(&self.secret)).await
    }

    /// Registers a transaction signed with `secret`, or unsigned.
    pub async fn register_transaction_signed(
        &self,
        transaction: &Transaction,
        secret: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url("/api/v1/transactions")).json(transaction);
        if let Some(secret) = secret {
            request = request.bearer_auth(secret);
        }
        request.send().await.expect("request sent")
    }

    pub async fn post_raw(
        &self,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        origin: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self.client.post(self.url(path)).body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        req.send().await.expect("request sent")
    }

    /// Runs SQL on the collector's database behind its back, as a dishonest or careless
    /// operator would: to age a session, break a stored value, and so on.
    pub async fn execute_sql(&self, sql: &str) {
        let query = sqlx::AssertSqlSafe(sql.to_owned());
        match &self.storage {
            Storage::Sqlite(pool) => sqlx::query(query).execute(pool).await.map(|_| ()),
            Storage::Postgres(pool) => sqlx::query(query).execute(pool).await.map(|_| ()),
        }
        .expect("SQL runs");
    }

    /// One number read with SQL, behind the collector's back: to check what a table holds.
    pub async fn count_sql(&self, sql: &str) -> i64 {
        let query = sqlx::AssertSqlSafe(sql.to_owned());
        match &self.storage {
            Storage::Sqlite(pool) => sqlx::query_scalar(query).fetch_one(pool).await,
            Storage::Postgres(pool) => sqlx::query_scalar(query).fetch_one(pool).await,
        }
        .expect("SQL runs")
    }

    pub async fn reviews_stored(&self, site: &str) -> i64 {
        self.storage.review_count(site).await.expect("count reviews")
    }

    /// Stops the server gracefully and waits until it has finished.
    pub async fn stop(mut self) {
        self.take_down().await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Another collector on a [`TestApp`]'s database; see [`TestApp::second_collector`].
#[derive(Debug)]
pub struct SecondCollector {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    _shutdown: oneshot::Sender<()>,
}

/// The address, the main and heavy-read storage, the stop signal and the server task.
type Launched = (SocketAddr, (Storage, Storage), oneshot::Sender<()>, JoinHandle<std::io::Result<()>>);

fn config_for(database: &TestDatabase, addr: SocketAddr) -> ServeConfig {
    ServeConfig {
        addr,
        database: database.url.clone(),
        pkg_dir: paths::pkg_dir(),
        www_dir: paths::www_dir(),
        public_url: None,
        contact_key: database.contact_key.clone(),
        // Tests run the job themselves, at the times they choose.
        system_default_every: None,
        trusted_proxies: Vec::new(),
        request_timeout: std::time::Duration::from_secs(15),
        connections: Default::default(),
        limits: Default::default(),
    }
}

async fn launch(config: &ServeConfig) -> Launched {
    let app = Application::build(config).await.expect("collector starts");
    let addr = app.local_addr();
    let storage = (app.storage().clone(), app.heavy_storage().clone());
    let (tx, rx) = oneshot::channel();
    let server = tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    (addr, storage, tx, server)
}

/// Asserts that a response is our JSON error with this status, code and field.
pub async fn assert_error(
    resp: reqwest::Response,
    status: StatusCode,
    code: &str,
    field: Option<&str>,
) -> ErrorEnvelope {
    assert_eq!(resp.status(), status, "status");
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(ct.starts_with("application/json"), "content type was {ct:?}");
    let body: ErrorEnvelope = resp.json().await.expect("JSON error body");
    assert_eq!(body.error.code, code, "code in {body:?}");
    assert_eq!(body.error.field.as_deref(), field, "field in {body:?}");
    assert!(!body.error.message.is_empty());
    body
}
