//! Headless Chromium driven over WebDriver by chromedriver on a free port, with the flags
//! that work on these machines (see `tests/src/browser.rs` and TOOLCHAIN.md).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use super::collector::free_port;
use crate::deps;

#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium whose profile and caches live in
    /// `profile`, then turns Chromium's HTTP cache off so that every load is a first visit.
    pub async fn launch(profile: &Path) -> anyhow::Result<Browser> {
        let port = free_port()?;
        let driver = Command::new(deps::chromedriver())
            .arg(format!("--port={port}"))
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_CACHE_HOME", profile.join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", deps::chromedriver().display()))?;
        let mut guard = DriverGuard(Some(driver));
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": deps::chromium(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                    "--disable-domain-reliability", "--disable-breakpad", "--password-store=basic",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    format!("--user-data-dir={}", profile.join("chromium").display()),
                    "--window-size=1280,900",
                ]
            }
        });
        let Value::Object(capabilities) = capabilities else { bail!("capabilities are a JSON object") };
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(capabilities.clone());
            match builder.connect(&url).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => bail!("chromedriver started no Chromium session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let browser = Browser { client, driver: guard.take()? };
        browser.devtools("Network.enable", json!({})).await?;
        browser.devtools("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
        Ok(browser)
    }

    /// A Chrome DevTools Protocol call, through chromedriver.
    async fn devtools(&self, cmd: &'static str, params: Value) -> anyhow::Result<Value> {
        self.client.issue_cmd(DevTools { cmd, params }).await.with_context(|| format!("DevTools {cmd} failed"))
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

/// Stops chromedriver if a launch fails before the browser owns it.
struct DriverGuard(Option<Child>);

impl DriverGuard {
    fn take(&mut self) -> anyhow::Result<Child> {
        self.0.take().context("chromedriver was already handed over")
    }
}

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(driver) = &mut self.0 {
            stop(driver);
        }
    }
}

/// chromedriver takes its Chromium down with it.
fn stop(driver: &mut Child) {
    let _ = driver.kill();
    let _ = driver.wait();
}

/// `POST /session/{id}/goog/cdp/execute`, chromedriver's door to the DevTools protocol.
#[derive(Debug)]
struct DevTools {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}
