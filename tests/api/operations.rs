//! Health, the OpenAPI document, metrics, CORS, static files and graceful shutdown.

use std::time::Duration;

use mingjing_tests::app::{ALLOWED_ORIGIN, assert_error};
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn health_reports_the_backend(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.get("/api/v1/health").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

async fn every_documented_route_is_served(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    for expected in ["/api/v1/health", "/api/v1/reviews"] {
        assert!(paths.contains_key(expected), "{expected} is not documented");
    }
    for (path, item) in paths {
        let concrete = path.replace(['{', '}'], "");
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let resp = app.client.request(method.clone(), app.url(&concrete)).send().await.unwrap();
            let status = resp.status();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            let unrouted = (status == StatusCode::NOT_FOUND && body["error"]["message"] == "resource not found")
                || status == StatusCode::METHOD_NOT_ALLOWED;
            assert!(!unrouted, "{method} {path} is documented but not routed ({status})");
        }
    }
}

async fn unknown_routes_get_a_json_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_error(app.get("/api/v1/no-such-thing").await, StatusCode::NOT_FOUND, "not_found", None).await;
    assert_error(app.get("/widgets/no-such-file.js").await, StatusCode::NOT_FOUND, "not_found", None).await;
    let resp = app.client.delete(app.url("/api/v1/health")).send().await.unwrap();
    assert_error(resp, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None).await;
}

async fn metrics_count_requests_by_route_and_status(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for _ in 0..3 {
        app.get("/api/v1/health").await;
    }
    app.post_raw("/api/v1/reviews", Some("text/plain"), b"x".to_vec(), None).await;
    let text = app.get("/metrics").await.text().await.unwrap();
    assert!(
        text.contains(
            r#"mingjing_http_request_duration_seconds_count{method="GET",route="/api/v1/health",status="200"} 3"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"route="/api/v1/reviews",status="415"} 1"#), "{text}");
    assert!(text.contains("mingjing_http_request_duration_seconds_bucket"), "{text}");
}

async fn cors_answers_only_registered_origins(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let preflight = |origin: &'static str| {
        app.client
            .request(Method::OPTIONS, app.url("/api/v1/reviews"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight(ALLOWED_ORIGIN).await.unwrap();
    assert_eq!(ok.headers().get("access-control-allow-origin").unwrap(), ALLOWED_ORIGIN);
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}

async fn static_files_have_correct_content_types(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pkg = mingjing_tests::paths::pkg_dir();
    assert!(pkg.join("mingjing.js").exists(), "no widget bundle in {}: run `cargo xtask build`", pkg.display());
    for (path, ty) in [
        ("/widgets/review/mingjing_widgets_bg.wasm", "application/wasm"),
        ("/widgets/suite/mingjing_widgets_bg.wasm", "application/wasm"),
        ("/widgets/mingjing.js", "text/javascript"),
        ("/widgets/mingjing.css", "text/css"),
        ("/", "text/html"),
    ] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(ct.starts_with(ty), "{path} served as {ct}");
        if path.starts_with("/widgets/") {
            assert_eq!(resp.headers()["access-control-allow-origin"], "*", "{path}");
        }
    }
}

/// Browsers that accept brotli or gzip get the bundle's precompressed forms, with the same
/// type and the sizes the manifest promises; others get the file as it is.
async fn the_bundle_is_served_precompressed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(mingjing_tests::paths::pkg_dir().join("manifest.json")).unwrap())
            .unwrap();
    for file in ["review/mingjing_widgets_bg.wasm", "mingjing.js", "mingjing.css"] {
        let sizes = &manifest["files"][file];
        for (encoding, size) in [("br", &sizes["brotli"]), ("gzip", &sizes["gzip"]), ("identity", &sizes["bytes"])] {
            let resp = app
                .client
                .get(app.url(&format!("/widgets/{file}")))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            let served = resp.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
            let expected = (encoding != "identity").then(|| encoding.to_owned());
            assert_eq!(served, expected, "{file} with {encoding}");
            let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(!ct.contains("brotli") && !ct.contains("gzip"), "{file}: {ct}");
            assert_eq!(resp.bytes().await.unwrap().len() as u64, size.as_u64().unwrap(), "{file} with {encoding}");
        }
    }
}

async fn versioned_assets_are_immutable_and_latest_ones_short_lived(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let version = env!("CARGO_PKG_VERSION");
    let pinned = app.get(&format!("/widgets/v{version}/mingjing.js")).await;
    assert_eq!(pinned.status(), StatusCode::OK);
    assert_eq!(pinned.headers()["cache-control"], "public, max-age=31536000, immutable");
    let pinned = pinned.bytes().await.unwrap();
    let latest = app.get("/widgets/mingjing.js").await;
    assert_eq!(latest.headers()["cache-control"], "public, max-age=300");
    assert_eq!(latest.bytes().await.unwrap(), pinned);
    let wasm = app.get(&format!("/widgets/v{version}/review/mingjing_widgets_bg.wasm")).await;
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_error(app.get("/widgets/v0.0.0-nope/mingjing.js").await, StatusCode::NOT_FOUND, "not_found", None).await;
}

/// A request whose body is still arriving when shutdown starts is finished, not dropped.
async fn shutdown_finishes_requests_in_flight(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = serde_json::to_string(&review("S1", 5, "inflight-000000001")).unwrap();
    let (head, tail) = body.as_bytes().split_at(20);
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    // `Expect: 100-continue` makes the server say when it starts reading the body, so the
    // test knows the request is in flight rather than guessing with a pause.
    let request = format!(
        "POST /api/v1/reviews HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         expect: 100-continue\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let interim = tokio::time::timeout(Duration::from_secs(10), read_head(&mut stream)).await.expect("100 in time");
    assert!(interim.starts_with("HTTP/1.1 100"), "{interim}");
    stream.write_all(head).await.unwrap();
    let storage = app.storage.clone();
    let addr = app.addr;
    let stopping = tokio::spawn(app.stop());
    // Shutdown has begun once the listener is gone: new connections are refused.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(std::time::Instant::now() < deadline, "still accepting connections after stop");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(!stopping.is_finished(), "stopped without waiting for the request in flight");
    stream.write_all(tail).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    tokio::time::timeout(Duration::from_secs(10), stopping).await.expect("stops in time").unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "still accepting after shutdown");
    drop(storage);
}

/// Reads one response head (up to its blank line) and nothing after it.
async fn read_head(stream: &mut tokio::net::TcpStream) -> String {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let byte = stream.read_u8().await.expect("a response head");
        head.push(byte);
    }
    String::from_utf8(head).unwrap()
}

both_backends!(
    the_bundle_is_served_precompressed,
    health_reports_the_backend,
    every_documented_route_is_served,
    unknown_routes_get_a_json_404,
    metrics_count_requests_by_route_and_status,
    cors_answers_only_registered_origins,
    static_files_have_correct_content_types,
    shutdown_finishes_requests_in_flight,
    versioned_assets_are_immutable_and_latest_ones_short_lived,
);
