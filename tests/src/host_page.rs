//! A department's own web server, on another origin than the collector: it serves the
//! pages that embed the widgets, optionally under a Content Security Policy.

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::sync::oneshot;

/// Records the widgets' events and any CSP violation for the test to read. It is a file
/// from the page's own origin, so a strict CSP allows it.
const WATCH_JS: &str = r#"
window.__mj = { events: [], violations: [] };
for (const name of ["mingjing:ready", "mingjing:submitted", "mingjing:error"]) {
  document.addEventListener(name, (e) => window.__mj.events.push({
    type: e.type, tag: e.target.tagName.toLowerCase(), detail: e.detail, composed: e.composed, bubbles: e.bubbles,
  }));
}
document.addEventListener("securitypolicyviolation", (e) => window.__mj.violations.push({
  directive: e.violatedDirective, blocked: e.blockedURI,
}));
"#;

#[derive(Debug)]
pub struct HostPage {
    pub origin: String,
    shutdown: Option<oneshot::Sender<()>>,
}

impl HostPage {
    /// Serves `html` at `/` (and `/watch.js`), with this CSP header when one is given.
    pub async fn serve(html: String, csp: Option<String>) -> Self {
        let page = move || {
            let html = html.clone();
            let csp = csp.clone();
            async move {
                let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
                if let Some(csp) = csp {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&csp).expect("a valid header"));
                }
                response
            }
        };
        let router = Router::new()
            .route("/", get(page))
            .route("/watch.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], WATCH_JS) }));
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Self { origin: format!("http://{addr}"), shutdown: Some(tx) }
    }
}

impl Drop for HostPage {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A page that loads the widgets from `collector` and holds `body`.
pub fn page(collector: &str, head_extra: &str, body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>测试页面</title>
<script src="/watch.js"></script>
<script type="module" src="{collector}/widgets/mingjing.js"></script>{head_extra}</head>
<body><main><h1>测试页面</h1>{body}</main></body></html>"#
    )
}
