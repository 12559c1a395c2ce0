//! Every answer reaches the client, even one that comes before the body has been read: a
//! 413 over the limit, a 415 for the type, a 401 before the body is looked at. A server
//! that answers and closes with the body unread makes the client's kernel see a reset
//! while it is still sending, and the client loses the answer (reqwest's
//! `IncompleteMessage`; browsers show a network error) or sends its next request on a
//! connection that is gone. So the rest of a body is read and thrown away before the
//! answer, and the connection stays usable; a huge one is answered with
//! `Connection: close` while the server goes on reading for a while.

use mingjing_collector::http::extract::MAX_JSON_BODY;
use mingjing_collector::supervision::photo::MAX_PHOTO_BYTES;
use mingjing_tests::app::{ALLOWED_ORIGIN, TEST_SITE};
use mingjing_tests::builders::review;
use mingjing_tests::raw_http::{self, RawReader};
use mingjing_tests::{Backend, TestApp, both_backends, photos};
use reqwest::StatusCode;
use tokio::io::AsyncWriteExt;
use tokio::net::tcp::OwnedWriteHalf;

const JSON_HEADERS: &str = "Content-Type: application/json\r\nOrigin: http://allowed.example\r\n";

async fn supervisor(app: &TestApp) -> String {
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", ("2024-01-01", "2099-12-31")).await;
    app.supervisor_session(TEST_SITE, &code).await
}

/// Sends a small complete request on a connection that has already been used.
async fn send_again(reader: &mut RawReader, writer: &mut OwnedWriteHalf, head: String, body: &[u8]) -> u16 {
    writer.write_all(head.as_bytes()).await.unwrap();
    writer.write_all(body).await.unwrap();
    reader.response().await.expect("the connection is still open and answers").status
}

async fn an_oversized_json_body_is_read_before_the_413_and_the_connection_stays_usable(backend: Backend) {
    assert_eq!(ALLOWED_ORIGIN, "http://allowed.example");
    let app = TestApp::spawn(backend).await;
    let (mut reader, mut writer) = raw_http::connect(app.addr).await;
    // Over the limit, but within what the collector reads and discards.
    let size = 3 * MAX_JSON_BODY;
    let head = raw_http::head("POST", "/api/v1/reviews", size, JSON_HEADERS);
    // A simple client writes its whole request before it reads anything.
    let sent = raw_http::send(&mut writer, &head, size, b' ').await.expect("the whole body goes out");
    assert_eq!(sent, size);
    let resp = reader.response().await.expect("an answer");
    assert_eq!((resp.status, resp.error_code().as_deref()), (413, Some("payload_too_large")), "{resp:?}");
    assert_eq!(resp.header("connection"), None, "{resp:?}");
    let review = serde_json::to_string(&review("S1", 5, "after-413-key-0001")).unwrap();
    let head = raw_http::head("POST", "/api/v1/reviews", review.len(), JSON_HEADERS);
    assert_eq!(send_again(&mut reader, &mut writer, head, review.as_bytes()).await, 201);
}

async fn an_oversized_photo_is_read_before_the_413_and_the_connection_stays_usable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = supervisor(&app).await;
    let auth = format!("Authorization: Bearer {token}\r\nContent-Type: image/jpeg\r\n");
    let (mut reader, mut writer) = raw_http::connect(app.addr).await;
    let size = 3 * MAX_PHOTO_BYTES;
    let head = raw_http::head("POST", "/api/v1/supervisor/photos", size, &auth);
    let sent = raw_http::send(&mut writer, &head, size, 0xFF).await.expect("the whole photo goes out");
    assert_eq!(sent, size);
    let resp = reader.response().await.expect("an answer");
    assert_eq!((resp.status, resp.error_code().as_deref()), (413, Some("payload_too_large")), "{resp:?}");
    let head = raw_http::head("GET", "/api/v1/supervisor/dashboard", 0, &auth);
    assert_eq!(send_again(&mut reader, &mut writer, head, b"").await, 200);

    // The upload that once failed with `IncompleteMessage`, through reqwest, many times.
    let big = photos::jpeg_of_size(3 * 1024 * 1024);
    for round in 0..20 {
        let resp = app
            .client
            .post(app.url("/api/v1/supervisor/photos"))
            .bearer_auth(&token)
            .header("content-type", "image/jpeg")
            .body(big.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("round {round}: {e:?}"));
        assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE, "round {round}");
    }
}

/// A body that is refused for its type is read too.
async fn a_body_of_the_wrong_type_is_read_before_the_415(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut reader, mut writer) = raw_http::connect(app.addr).await;
    // Within the size limit: only the type is wrong. More than hyper reads ahead by itself.
    let size = MAX_JSON_BODY - 1024;
    let headers = "Content-Type: text/plain\r\nOrigin: http://allowed.example\r\n";
    let head = raw_http::head("POST", "/api/v1/reviews", size, headers);
    raw_http::send(&mut writer, &head, size, b'x').await.expect("the whole body goes out");
    let resp = reader.response().await.expect("an answer");
    assert_eq!((resp.status, resp.error_code().as_deref()), (415, Some("unsupported_media_type")), "{resp:?}");
    let review = serde_json::to_string(&review("S1", 5, "after-415-key-0001")).unwrap();
    let head = raw_http::head("POST", "/api/v1/reviews", review.len(), JSON_HEADERS);
    assert_eq!(send_again(&mut reader, &mut writer, head, review.as_bytes()).await, 201);
}

/// A supervisor whose session has ended uploads a photo: the 401 comes before the body is
/// looked at, and still the connection carries the next request.
async fn a_refusal_before_the_body_is_read_keeps_the_connection_usable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut reader, mut writer) = raw_http::connect(app.addr).await;
    let size = MAX_PHOTO_BYTES / 2;
    let head = raw_http::head("POST", "/api/v1/supervisor/photos", size, "Content-Type: image/jpeg\r\n");
    raw_http::send(&mut writer, &head, size, 0xFF).await.expect("the whole photo goes out");
    let resp = reader.response().await.expect("an answer");
    assert_eq!((resp.status, resp.error_code().as_deref()), (401, Some("sign_in_required")), "{resp:?}");
    assert_eq!(resp.header("connection"), None, "{resp:?}");
    let head = raw_http::head("GET", "/api/v1/health", 0, "");
    assert_eq!(send_again(&mut reader, &mut writer, head, b"").await, 200);
}

/// A body far over the limit is not read to its end, but the answer still arrives, and
/// the connection is closed after it.
async fn a_huge_body_is_answered_413_with_connection_close(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = supervisor(&app).await;
    let photo_headers = format!("Authorization: Bearer {token}\r\nContent-Type: image/jpeg\r\n");
    let size = 64 * 1024 * 1024;
    for (path, headers) in [("/api/v1/reviews", JSON_HEADERS), ("/api/v1/supervisor/photos", photo_headers.as_str())] {
        let (mut reader, mut writer) = raw_http::connect(app.addr).await;
        let head = raw_http::head("POST", path, size, headers);
        let sending = tokio::spawn(async move { raw_http::send(&mut writer, &head, size, b'x').await });
        let resp = reader.response().await.unwrap_or_else(|e| panic!("{path}: no answer: {e}"));
        assert_eq!((resp.status, resp.error_code().as_deref()), (413, Some("payload_too_large")), "{path}: {resp:?}");
        assert_eq!(resp.header("connection"), Some("close"), "{path}: {resp:?}");
        assert!(reader.closed().await, "{path}: closed after the answer");
        let sent = sending.await.unwrap();
        assert!(sent.as_ref().map_or(true, |n| *n < size), "{path}: the server read all {sent:?} bytes");
    }
}

/// A client that asks first (`Expect: 100-continue`, as curl does for big uploads) is told
/// 413 without being invited to send the body.
async fn a_client_that_asks_first_is_refused_without_sending_the_body(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut reader, mut writer) = raw_http::connect(app.addr).await;
    let headers = format!("{JSON_HEADERS}Expect: 100-continue\r\n");
    let head = raw_http::head("POST", "/api/v1/reviews", 2 * MAX_JSON_BODY, &headers);
    writer.write_all(head.as_bytes()).await.unwrap();
    let resp = reader.response().await.expect("an answer");
    assert_eq!((resp.status, resp.error_code().as_deref()), (413, Some("payload_too_large")), "{resp:?}");
    assert_eq!(resp.header("connection"), Some("close"), "{resp:?}");
}

both_backends!(
    an_oversized_json_body_is_read_before_the_413_and_the_connection_stays_usable,
    an_oversized_photo_is_read_before_the_413_and_the_connection_stays_usable,
    a_body_of_the_wrong_type_is_read_before_the_415,
    a_refusal_before_the_body_is_read_keeps_the_connection_usable,
    a_huge_body_is_answered_413_with_connection_close,
    a_client_that_asks_first_is_refused_without_sending_the_body,
);
