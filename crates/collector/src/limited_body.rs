//! Reading a request body under a limit, so that a body over it is refused with an answer
//! the client can read.
//!
//! A server that answers 413 and closes the connection while the body is still arriving
//! makes its kernel reset the connection; the client, still sending, then loses the answer
//! and reports a network error (reqwest's `IncompleteMessage`, a browser's failed fetch).
//! So a body over the limit is handled by how far over it is:
//!
//! - one that ends within [`drain_bound`] is read to its end and thrown away, then answered,
//!   and the connection stays open for the next request;
//! - a longer one (or one whose `Content-Length` says it will be) is answered at once with
//!   `Connection: close`, while a background task reads and throws away a while longer, so
//!   that the answer reaches a client that reads as it sends before the connection ends;
//! - a client that asked first (`Expect: 100-continue`) with a `Content-Length` over the
//!   limit is answered without being invited to send the body at all.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use http_body_util::BodyExt;

/// How long the body of a refused request is still read after the answer.
const LINGER: Duration = Duration::from_secs(5);

/// Why a body was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Over `limit` bytes; `close` when the connection ends after the answer.
    TooLarge { limit: usize, close: bool },
    /// The client went away or broke the framing.
    Unreadable,
}

/// How much of an oversized body is read and thrown away before the answer: four times
/// the limit, at least 4 MiB and at most 64 MiB (but never less than the limit).
pub fn drain_bound(limit: usize) -> usize {
    const MIB: usize = 1024 * 1024;
    limit.saturating_mul(4).clamp(4 * MIB, 64 * MIB).max(limit)
}

/// The whole body, if it is at most `limit` bytes.
pub async fn read(request: Request, limit: usize) -> Result<Bytes, BodyError> {
    let declared = content_length(request.headers());
    let asks_first = expects_continue(request.headers());
    let mut body = request.into_body();
    let bound = drain_bound(limit);
    if let Some(length) = declared.filter(|length| *length > limit) {
        if asks_first {
            // Dropped unpolled, the body is never asked for: hyper sends no 100 Continue.
            return Err(BodyError::TooLarge { limit, close: true });
        }
        if length > bound {
            linger(body, bound);
            return Err(BodyError::TooLarge { limit, close: true });
        }
    }
    let mut kept = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(|_| BodyError::Unreadable)?.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen <= bound {
            kept = Vec::new();
        } else {
            linger(body, bound);
            return Err(BodyError::TooLarge { limit, close: true });
        }
    }
    if seen > limit {
        return Err(BodyError::TooLarge { limit, close: false });
    }
    Ok(Bytes::from(kept))
}

/// Reads and throws away up to `bound` more bytes for at most [`LINGER`], after the answer
/// has gone out; dropping the body then lets hyper close the connection.
fn linger(mut body: Body, bound: usize) {
    tokio::spawn(async move {
        let drain = async {
            let mut seen = 0usize;
            while let Some(Ok(frame)) = body.frame().await {
                seen = seen.saturating_add(frame.data_ref().map_or(0, Bytes::len));
                if seen > bound {
                    break;
                }
            }
        };
        let _ = tokio::time::timeout(LINGER, drain).await;
    });
}

fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

fn expects_continue(headers: &HeaderMap) -> bool {
    headers.get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}
