//! A real headless Chromium, driven over WebDriver by chromedriver on a free port.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;

/// Browser tests are skipped only when asked (`MINGJING_SKIP_BROWSER=1`).
pub fn browser_skipped() -> bool {
    if std::env::var_os("MINGJING_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("skipping: MINGJING_SKIP_BROWSER=1");
        return true;
    }
    false
}

/// The axe-core script that `cargo xtask test` installs from npm.
pub fn axe_source() -> String {
    let path = std::env::var("MINGJING_AXE").unwrap_or_else(|_| {
        format!("{}/target/npm-tools/node_modules/axe-core/axe.min.js", crate::paths::workspace().display())
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core is missing at {path} ({e}): run the tests with `cargo xtask test`, which installs it from npm")
    })
}

#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium with a window of this size.
    pub async fn launch(width: u32, height: u32) -> Self {
        let chromium = std::env::var("MINGJING_CHROMIUM").unwrap_or_else(|_| "/usr/lib/chromium/chromium".into());
        let chromedriver = std::env::var("MINGJING_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        assert!(
            std::path::Path::new(&chromium).exists() && std::path::Path::new(&chromedriver).exists(),
            "Chromium ({chromium}) or chromedriver ({chromedriver}) is missing: run `cargo xtask test`, \
             which installs the Debian packages chromium and chromium-driver, or set MINGJING_SKIP_BROWSER=1"
        );
        let profile = tempfile::tempdir().expect("profile folder");
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .env("XDG_CONFIG_HOME", profile.path().join("config"))
            .env("XDG_CACHE_HOME", profile.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                    "--disable-domain-reliability", "--disable-breakpad", "--password-store=basic",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    format!("--user-data-dir={}", profile.path().join("chromium").display()),
                    format!("--window-size={width},{height}"),
                ]
            }
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!("a JSON object literal"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(caps.clone());
            match builder.connect(&url).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => {
                    panic!("chromedriver did not start a session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Self { client, driver, _profile: profile }
    }

    /// Runs `script` (a function body that `return`s a value) until it returns something
    /// other than null/false, or panics after `timeout` with `what`.
    pub async fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.client.execute(script, vec![]).await.unwrap_or(Value::Null);
            if !(value.is_null() || value == Value::Bool(false)) {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// An element inside the shadow root of the first element matching `host`.
    pub async fn in_widget(&self, host: &str, css: &str) -> fantoccini::elements::Element {
        let host_el = self.client.find(fantoccini::Locator::Css(host)).await.expect("widget host element");
        let root = host_el.shadow_root().await.expect("an open shadow root");
        root.find(fantoccini::Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css} in {host}: {e}"))
    }

    /// Clicks an element inside a widget with a real WebDriver click.
    pub async fn click_in(&self, host: &str, css: &str) {
        self.in_widget(host, css).await.click().await.unwrap_or_else(|e| panic!("click {css} in {host}: {e}"));
    }

    /// Waits for a JavaScript expression about the page to become truthy.
    pub async fn wait_until(&self, what: &str, expression: &str) -> Value {
        self.wait_for(what, &format!("return ({expression}) || null;"), Duration::from_secs(20)).await
    }

    /// Text of the first element matching `css` in the shadow root of `host`, or null.
    pub fn shadow_text(host: &str, css: &str) -> String {
        format!("document.querySelector({host:?})?.shadowRoot?.querySelector({css:?})?.textContent")
    }

    /// The `mingjing:*` events and CSP violations that `watch.js` recorded.
    pub async fn recorded(&self) -> Value {
        self.client.execute("return window.__mj;", vec![]).await.expect("recorded events")
    }

    /// Runs axe on the whole page, shadow roots included, and returns the violations.
    pub async fn axe_violations(&self, axe: &str, state: &str) -> Vec<String> {
        let loaded: Value = self.client.execute("return typeof window.axe === 'object';", vec![]).await.unwrap();
        if loaded != Value::Bool(true) {
            self.client.execute(&format!("{axe}\nreturn true;"), vec![]).await.unwrap();
        }
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
                     .then(r => done(r.violations.map(v => v.id + " (" + v.impact + "): " + v.nodes.map(n => JSON.stringify(n.target)).join(", "))))
                     .catch(e => done(["axe failed: " + e]));"#,
                vec![],
            )
            .await
            .unwrap();
        found.as_array().unwrap().iter().map(|v| format!("[{state}] {}", v.as_str().unwrap())).collect()
    }

    /// Makes the page render as if printed (`print`) or on screen again (`""`), through
    /// chromedriver's Chrome DevTools endpoint, so print stylesheets can be checked.
    pub async fn emulate_media(&self, media: &str) {
        let command = DevTools { cmd: "Emulation.setEmulatedMedia", params: json!({ "media": media }) };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("emulate media {media:?}: {e}"));
    }

    /// Renders the page at a viewport narrower than the window can be: headless Chromium
    /// keeps a window at least 500 px wide, so `--window-size=375,…` alone lays out at 485.
    pub async fn emulate_viewport(&self, width: u32, height: u32) {
        let params = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true });
        let command = DevTools { cmd: "Emulation.setDeviceMetricsOverride", params };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("emulate a {width} px viewport: {e}"));
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// A Chrome DevTools Protocol call sent through chromedriver (`goog/cdp/execute`).
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
