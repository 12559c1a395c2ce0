//! A real headless Chromium, driven over WebDriver by chromedriver on a free port.

use std::time::{Duration, Instant};

use fantoccini::Client;
use mingjing_testkit::browser::{self, Chromedriver, devtools};
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
    // Dropped in this order: the session's processes, then their profile folder.
    _driver: Chromedriver,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium with a window of this size.
    pub async fn launch(width: u32, height: u32) -> Self {
        let profile = tempfile::tempdir().expect("profile folder");
        let (client, driver) = browser::launch(profile.path(), width, height).await.unwrap_or_else(|e| {
            panic!(
                "{e:#}: `cargo xtask test` installs the Debian packages chromium and chromium-driver; \
                 MINGJING_SKIP_BROWSER=1 skips the browser tests"
            )
        });
        Self { client, _driver: driver, _profile: profile }
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
        let params = json!({ "media": media });
        devtools(&self.client, "Emulation.setEmulatedMedia", params).await.unwrap_or_else(|e| panic!("{e:#}"));
    }

    /// Renders the page at a viewport narrower than the window can be: headless Chromium
    /// keeps a window at least 500 px wide, so `--window-size=375,…` alone lays out at 485.
    pub async fn emulate_viewport(&self, width: u32, height: u32) {
        let params = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true });
        devtools(&self.client, "Emulation.setDeviceMetricsOverride", params).await.unwrap_or_else(|e| panic!("{e:#}"));
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
