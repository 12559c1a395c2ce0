//! Time to interactive: how long a first visit to a page with `<mingjing-review>` takes, from
//! navigation start to the element's `mingjing:ready` event (fired once the form is rendered
//! and takes input), against the same page without the widget (navigation start to the end of
//! its load event). Both pages come from the collector on loopback, with Chromium's cache off.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use fantoccini::Client;
use mingjing_testkit::browser::{self, devtools};
use serde_json::{Value, json};

use super::collector::Server;
use super::stats::Spread;
use super::wrk::REVIEW_SERVICE;
use crate::util::say;

/// The two pages, written into the folder the collector serves as its site.
pub const WIDGET_PAGE: &str = "bench-review.html";
pub const BASELINE_PAGE: &str = "bench-baseline.html";

#[derive(Debug, Clone)]
pub struct TimeToInteractive {
    /// Navigation start to `mingjing:ready`, in milliseconds.
    pub widget_ready: Spread,
    /// Navigation start to the end of the widget page's load event.
    pub widget_load: Spread,
    /// Navigation start to the end of the baseline page's load event.
    pub baseline_load: Spread,
    /// Bytes the widget page transferred, the page itself included.
    pub widget_bytes: Spread,
    /// Loads in which the wasm came from a cache after all (should be none).
    pub cached_wasm_loads: usize,
}

/// Writes the widget page and the baseline page into `www`.
pub fn write_pages(www: &Path, site: &str) -> anyhow::Result<()> {
    let loader = r#"<script type="module" src="/widgets/mingjing.js"></script>"#;
    let element = format!(r#"<mingjing-review site="{site}" service="{REVIEW_SERVICE}"></mingjing-review>"#);
    let widget = page(loader, &element);
    let baseline = page("", "");
    for (name, html) in [(WIDGET_PAGE, widget), (BASELINE_PAGE, baseline), (TIMING_SCRIPT, TIMING.to_owned())] {
        let path = www.join(name);
        std::fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Notes when the widget is ready, in the page's own clock (milliseconds since navigation
/// start). A file of its own, not an inline script: the collector's pages carry a CSP that
/// allows scripts from the collector only, as a department's strict policy would.
const TIMING_SCRIPT: &str = "bench-timing.js";
const TIMING: &str = r#"window.__bench = { widget: document.currentScript.dataset.widget === "true" };
document.addEventListener("mingjing:ready", () => { window.__bench.ready = performance.now(); }, { once: true });
document.addEventListener("mingjing:error", (e) => { window.__bench.error = JSON.stringify(e.detail); }, { once: true });
"#;

/// A department page; its first script, a classic one, runs before any other.
fn page(head: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务评价 — benchmark</title>
<script src="/{TIMING_SCRIPT}" data-widget="{widget}"></script>
{head}
</head>
<body>
<main>
<h1>企业设立登记 服务评价</h1>
<p>请对本次办事服务进行评价。</p>
{body}
</main>
</body>
</html>
"#,
        widget = !body.is_empty(),
    )
}

/// Waits for the page to be done (its load event over and, on the widget page, the widget
/// ready or failed), then reports what the page measured.
const COLLECT: &str = r#"
const done = arguments[arguments.length - 1];
const check = () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const bench = window.__bench || {};
  const settled = !bench.widget || bench.ready != null || bench.error != null;
  if (!nav || nav.loadEventEnd <= 0 || !settled) { setTimeout(check, 20); return; }
  const resources = performance.getEntriesByType("resource");
  done({
    ready: bench.ready ?? null,
    error: bench.error ?? null,
    load: nav.loadEventEnd,
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    wasm_bytes: resources.filter((r) => r.name.endsWith(".wasm")).reduce((sum, r) => sum + r.transferSize, 0),
  });
};
check();
"#;

/// Loads each page `loads` times, alternating which goes first, after one unrecorded load of
/// each to start Chromium's renderer.
pub fn measure(server: &Server, profile: &Path, loads: usize) -> anyhow::Result<TimeToInteractive> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let (client, _driver) = browser::launch(profile, 1280, 900).await?;
        // Every load is a first visit.
        devtools(&client, "Network.enable", json!({})).await?;
        devtools(&client, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
        let result = measure_in(&client, server, loads).await;
        let _ = client.close().await;
        result
    })
}

async fn measure_in(client: &Client, server: &Server, loads: usize) -> anyhow::Result<TimeToInteractive> {
    let (widget_url, baseline_url) = (server.url(&format!("/{WIDGET_PAGE}")), server.url(&format!("/{BASELINE_PAGE}")));
    load(client, &widget_url).await?;
    load(client, &baseline_url).await?;
    let (mut ready, mut widget_load, mut baseline_load, mut bytes) = (vec![], vec![], vec![], vec![]);
    let mut cached_wasm_loads = 0;
    for i in 0..loads {
        crate::util::check_interrupted()?;
        let order = if i % 2 == 0 { [&widget_url, &baseline_url] } else { [&baseline_url, &widget_url] };
        for url in order {
            let seen = load(client, url).await?;
            if url == &baseline_url {
                baseline_load.push(seen.load);
                continue;
            }
            ready.push(seen.ready.context("the widget page had no ready time")?);
            widget_load.push(seen.load);
            bytes.push(seen.bytes);
            if seen.wasm_bytes == 0.0 {
                cached_wasm_loads += 1;
            }
        }
    }
    let spread = |values: &[f64], what: &str| Spread::of(values).with_context(|| format!("no {what} measured"));
    let result = TimeToInteractive {
        widget_ready: spread(&ready, "ready time")?,
        widget_load: spread(&widget_load, "widget page load")?,
        baseline_load: spread(&baseline_load, "baseline load")?,
        widget_bytes: spread(&bytes, "transfer size")?,
        cached_wasm_loads,
    };
    say(format!(
        "time to interactive: widget ready {:.0} ms, baseline load {:.0} ms (medians of {loads})",
        result.widget_ready.median, result.baseline_load.median
    ));
    Ok(result)
}

/// What one page load measured, in milliseconds and bytes.
#[derive(Debug)]
struct Seen {
    ready: Option<f64>,
    load: f64,
    bytes: f64,
    wasm_bytes: f64,
}

async fn load(client: &Client, url: &str) -> anyhow::Result<Seen> {
    client.goto("about:blank").await.context("cannot open about:blank")?;
    client.goto(url).await.with_context(|| format!("cannot load {url}"))?;
    let seen = tokio::time::timeout(Duration::from_secs(60), client.execute_async(COLLECT, vec![]))
        .await
        .with_context(|| format!("{url} was not ready within 60 s"))?
        .with_context(|| format!("cannot read the timings of {url}"))?;
    if let Some(error) = seen.get("error").and_then(Value::as_str) {
        bail!("the widget on {url} reported mingjing:error {error}");
    }
    let number = |name: &str| seen.get(name).and_then(Value::as_f64);
    Ok(Seen {
        ready: number("ready"),
        load: number("load").with_context(|| format!("{url}: no load time"))?,
        bytes: number("bytes").unwrap_or(f64::NAN),
        wasm_bytes: number("wasm_bytes").unwrap_or(f64::NAN),
    })
}
