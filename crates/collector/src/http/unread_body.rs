//! Every answer reaches the client, however early it comes. A route may answer before it
//! has read the request's body: 413 once the body passes the limit, 401 or 403 before a
//! body is looked at, 415 for its type. If the server then closed the connection with the
//! rest of the body unread, its kernel would reset the connection while the client was
//! still sending, and the client would lose the answer (reqwest's `IncompleteMessage`, a
//! browser's failed fetch), or would send its next request on a connection that is gone.
//!
//! So [`finish_reading`] reads what the route left of the body, and throws it away, before
//! the answer goes out:
//!
//! - a rest that ends within a bound (4 MiB, or [`DrainBound`] from a 413: four times the
//!   route's limit) is read to its end, and the connection stays usable;
//! - a longer rest is not waited for: the answer goes out at once with `Connection: close`
//!   while a background task reads on for up to [`LINGER`], so that a client that reads
//!   as it sends gets the answer before the connection ends;
//! - a client that asked first (`Expect: 100-continue`) and was never invited to send its
//!   body is answered with `Connection: close`, and sends nothing.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;

/// How long the rest of a body is still read after an answer with `Connection: close`.
pub const LINGER: Duration = Duration::from_secs(5);

const MIB: usize = 1024 * 1024;

/// How much of a body left unread is read before the answer, unless the answer says more.
const DEFAULT_BOUND: usize = 4 * MIB;

/// How much of an unread body the answer allows to be read and thrown away, as a response
/// extension: a 413 allows four times the limit it enforced (at least 4 MiB, at most 64).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrainBound(pub usize);

impl DrainBound {
    pub fn for_limit(limit: usize) -> Self {
        Self(limit.saturating_mul(4).clamp(DEFAULT_BOUND, 64 * MIB))
    }
}

/// The middleware: runs the route, then finishes reading the body the route left.
pub async fn finish_reading(request: Request, next: Next) -> Response {
    let asks_first =
        request.headers().get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let (parts, body) = request.into_parts();
    let shared = SharedBody(Arc::new(Mutex::new(State { body, polled: false, ended: false })));
    let mut response = next.run(Request::from_parts(parts, Body::new(shared.clone()))).await;
    if shared.ended() {
        return response;
    }
    let bound = response.extensions().get::<DrainBound>().map_or(DEFAULT_BOUND, |b| b.0);
    let usable = if asks_first && !shared.polled() {
        // Dropped unpolled, the body is never asked for: hyper sends no 100 Continue.
        false
    } else if shared.size_hint().lower() > bound as u64 {
        tokio::spawn(drain_for_a_while(shared, bound));
        false
    } else {
        drain(shared, bound).await
    };
    if !usable {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Reads and throws away up to `bound` bytes; true when the body ended within them. Past
/// the bound, the rest is left to a background task for [`LINGER`].
async fn drain(mut body: SharedBody, bound: usize) -> bool {
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return false;
        };
        seen = seen.saturating_add(frame.data_ref().map_or(0, Bytes::len));
        if seen > bound {
            tokio::spawn(drain_for_a_while(body, bound));
            return false;
        }
    }
    true
}

/// Reads and throws away up to `bound` more bytes for at most [`LINGER`]; dropping the
/// body then lets hyper close the connection.
async fn drain_for_a_while(mut body: SharedBody, bound: usize) {
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
}

/// The request body, shared between the route and [`finish_reading`], which gets it back
/// with whatever the route did not read.
#[derive(Clone)]
struct SharedBody(Arc<Mutex<State>>);

struct State {
    body: Body,
    polled: bool,
    ended: bool,
}

impl SharedBody {
    fn state(&self) -> MutexGuard<'_, State> {
        // Only a panic in the body's own poll could poison it; the state is still whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn ended(&self) -> bool {
        let state = self.state();
        state.ended || state.body.is_end_stream()
    }

    fn polled(&self) -> bool {
        self.state().polled
    }
}

impl HttpBody for SharedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let mut state = self.state();
        state.polled = true;
        let polled = Pin::new(&mut state.body).poll_frame(cx);
        if let Poll::Ready(None) = polled {
            state.ended = true;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.ended()
    }

    fn size_hint(&self) -> SizeHint {
        self.state().body.size_hint()
    }
}
