//! Every HTTP call the widgets make: one typed function per collector endpoint, in a file
//! per resource, over the transport below. The paths live in `endpoints.rs`, which the API
//! tests check against the collector's OpenAPI document.

#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
pub mod catalog;
#[cfg(feature = "desk")]
pub mod desk;
pub mod endpoints;
#[cfg(feature = "review")]
pub mod reviews;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod session;
#[cfg(any(feature = "review", feature = "lookup", feature = "desk"))]
pub mod sites;
#[cfg(feature = "stats")]
pub mod stats;
#[cfg(feature = "supervisor")]
pub mod supervision;

use mingjing_domain::api_error::{ErrorBody, ErrorEnvelope};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, RequestMode, Response};

use self::endpoints::{Call, Method};

/// Why a call did not give the answer we wanted.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No answer at all: offline, DNS, CORS, or the collector is down.
    Unreachable,
    /// The collector answered 5xx: worth retrying later.
    Unavailable(u16),
    /// The collector refused the request (4xx) and said why.
    Refused(u16, ErrorBody),
    /// The answer was not what the contract says.
    Garbled,
}

impl ApiFailure {
    /// Whether sending the same request later could succeed (the review outbox asks).
    #[cfg(any(feature = "review", feature = "supervisor"))]
    pub fn is_retryable(&self) -> bool {
        matches!(self, ApiFailure::Unreachable | ApiFailure::Unavailable(_))
    }
}

/// Makes `call` without a body, with a session if given, and decodes the answer.
async fn fetch<T: DeserializeOwned>(call: Call, session: Option<&str>) -> Result<T, ApiFailure> {
    let init = request(call.method, session, None)?;
    let (status, text) = respond(&call.url, &init).await?;
    decode(status, &text).map(|(_, body)| body)
}

/// Makes `call` with `body` as JSON, with a session if given, and decodes the answer.
#[cfg(any(feature = "review", feature = "desk", feature = "supervisor"))]
async fn send<B: serde::Serialize, T: DeserializeOwned>(
    call: Call,
    body: &B,
    session: Option<&str>,
) -> Result<T, ApiFailure> {
    let json = crate::json::to_text(body).ok_or(ApiFailure::Garbled)?;
    let init = request(call.method, session, Some("application/json"))?;
    init.set_body(&wasm_bindgen::JsValue::from_str(&json));
    let (status, text) = respond(&call.url, &init).await?;
    decode(status, &text).map(|(_, body)| body)
}

/// Makes `call` with raw bytes (a photo) and a session, and decodes the answer.
#[cfg(feature = "supervisor")]
async fn send_blob<T: DeserializeOwned>(call: Call, body: &web_sys::Blob, session: &str) -> Result<T, ApiFailure> {
    let content_type = body.type_();
    let content_type = if content_type.is_empty() { "application/octet-stream" } else { content_type.as_str() };
    let init = request(call.method, Some(session), Some(content_type))?;
    init.set_body(body);
    let (status, text) = respond(&call.url, &init).await?;
    decode(status, &text).map(|(_, body)| body)
}

/// Makes `call` for its status alone (a sign-out), with a session.
#[cfg(any(feature = "desk", feature = "supervisor"))]
async fn send_empty(call: Call, session: &str) -> Result<(), ApiFailure> {
    let init = request(call.method, Some(session), None)?;
    match respond(&call.url, &init).await? {
        (200..=299, _) => Ok(()),
        (status, text) => decode::<()>(status, &text).map(drop),
    }
}

/// Makes `call` for something that needs a session (a photo, a CSV file) and returns a
/// `blob:` URL for it, which an `<img>` or a download link can use. The caller revokes it
/// when done.
#[cfg(any(feature = "supervisor", feature = "desk"))]
async fn object_url(call: Call, session: &str) -> Result<String, ApiFailure> {
    let init = request(call.method, Some(session), None)?;
    let window = web_sys::window().ok_or(ApiFailure::Unreachable)?;
    let request = Request::new_with_str_and_init(&call.url, &init).map_err(|_| ApiFailure::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| ApiFailure::Unreachable)?;
    let response: Response = response.dyn_into().map_err(|_| ApiFailure::Garbled)?;
    if !response.ok() {
        return Err(ApiFailure::Unavailable(response.status()));
    }
    let blob =
        JsFuture::from(response.blob().map_err(|_| ApiFailure::Garbled)?).await.map_err(|_| ApiFailure::Garbled)?;
    let blob: web_sys::Blob = blob.dyn_into().map_err(|_| ApiFailure::Garbled)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiFailure::Garbled)
}

fn request(method: Method, session: Option<&str>, content_type: Option<&str>) -> Result<RequestInit, ApiFailure> {
    let init = RequestInit::new();
    init.set_method(method.as_str());
    init.set_mode(RequestMode::Cors);
    let headers = web_sys::Headers::new().map_err(|_| ApiFailure::Garbled)?;
    if let Some(content_type) = content_type {
        headers.set("content-type", content_type).map_err(|_| ApiFailure::Garbled)?;
    }
    if let Some(token) = session {
        headers.set("authorization", &format!("Bearer {token}")).map_err(|_| ApiFailure::Garbled)?;
    }
    init.set_headers(&headers);
    Ok(init)
}

async fn respond(url: &str, init: &RequestInit) -> Result<(u16, String), ApiFailure> {
    let window = web_sys::window().ok_or(ApiFailure::Unreachable)?;
    let request = Request::new_with_str_and_init(url, init).map_err(|_| ApiFailure::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| ApiFailure::Unreachable)?;
    let response: Response = response.dyn_into().map_err(|_| ApiFailure::Garbled)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((status, text))
}

fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<(u16, T), ApiFailure> {
    match status {
        200..=299 => crate::json::from_text(text).map(|body| (status, body)).ok_or(ApiFailure::Garbled),
        400..=499 => match crate::json::from_text::<ErrorEnvelope>(text) {
            Some(envelope) => Err(ApiFailure::Refused(status, envelope.error)),
            None => Err(ApiFailure::Garbled),
        },
        _ => Err(ApiFailure::Unavailable(status)),
    }
}

/// A random 32-hex-digit id for idempotency keys, from the browser's CSPRNG.
/// (`getRandomValues` works on plain-http pages too, unlike `randomUUID`.)
#[cfg(any(feature = "review", feature = "supervisor"))]
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for chunk in bytes.chunks_mut(4) {
            let r = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            chunk.copy_from_slice(&r.to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
