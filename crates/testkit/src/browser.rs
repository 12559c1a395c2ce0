//! Headless Chromium driven over WebDriver by chromedriver on a free port, with the flags
//! that work on these machines (TOOLCHAIN.md).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::free_port;

/// The real Chromium binary: the `/usr/bin/chromium` wrapper adds flags that defeat
/// `--disable-background-networking`.
pub fn chromium() -> PathBuf {
    env_path("MINGJING_CHROMIUM", "/usr/lib/chromium/chromium")
}

pub fn chromedriver() -> PathBuf {
    env_path("MINGJING_CHROMEDRIVER", "/usr/bin/chromedriver")
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

/// The chromedriver process; dropping it stops chromedriver, which takes its Chromium down
/// with it.
#[derive(Debug)]
pub struct Chromedriver(Child);

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts chromedriver and a fresh headless Chromium with a window of `width` × `height`,
/// whose profile and caches live in `profile`. The session lasts while both are kept.
pub async fn launch(profile: &Path, width: u32, height: u32) -> anyhow::Result<(Client, Chromedriver)> {
    let (chromium, chromedriver) = (chromium(), chromedriver());
    if !chromium.is_file() || !chromedriver.is_file() {
        bail!("Chromium ({}) or chromedriver ({}) is missing", chromium.display(), chromedriver.display());
    }
    let port = free_port()?;
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .env("XDG_CACHE_HOME", profile.join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", chromedriver.display()))?;
    // Owned from here on, so that a failed launch stops chromedriver too.
    let driver = Chromedriver(driver);
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-domain-reliability", "--disable-breakpad", "--password-store=basic",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                format!("--user-data-dir={}", profile.join("chromium").display()),
                format!("--window-size={width},{height}"),
            ]
        }
    });
    let Value::Object(capabilities) = capabilities else { bail!("capabilities are a JSON object") };
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities.clone());
        match builder.connect(&url).await {
            Ok(client) => return Ok((client, driver)),
            Err(e) if Instant::now() > deadline => bail!("chromedriver started no Chromium session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// A Chrome DevTools Protocol call, through chromedriver.
pub async fn devtools(client: &Client, cmd: &'static str, params: Value) -> anyhow::Result<Value> {
    client.issue_cmd(DevTools { cmd, params }).await.with_context(|| format!("DevTools {cmd} failed"))
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
