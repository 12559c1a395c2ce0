//! The widgets call the collector only through the endpoints listed in
//! `crates/widgets/src/api/endpoints.rs`; each must be in the collector's OpenAPI document
//! with the same method and the query parameters the widgets send, so that a route renamed
//! on one side fails here rather than in a visitor's browser.

use mingjing_tests::{Backend, TestApp, both_backends};
use serde_json::Value;

use crate::widget_api::ALL;

async fn every_endpoint_a_widget_calls_is_documented(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for endpoint in ALL {
        let method = endpoint.method.as_str();
        let operation = &doc["paths"][endpoint.path][method.to_ascii_lowercase()];
        assert!(operation.is_object(), "{method} {} is not in the OpenAPI document", endpoint.path);
        let parameters = operation["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
        for name in endpoint.query {
            let documented = parameters.iter().any(|p| p["in"] == "query" && p["name"] == *name);
            assert!(documented, "{method} {} has no query parameter {name:?}", endpoint.path);
        }
    }
}

both_backends!(every_endpoint_a_widget_calls_is_documented);
