//! The accept loop. `axum::serve` sets no header-read timeout and no connection cap, so a
//! client that opens sockets and sends nothing ("slow headers") could hold every file
//! descriptor the process has. Here each connection is served by hyper's HTTP/1 server with
//! a timer, so a request head must arrive within [`ConnectionLimits::header_timeout`] of
//! the connection opening or of the previous response (which also closes idle keep-alive
//! connections), and at most [`ConnectionLimits::max_connections`] are open at once: past
//! that, new connections wait in the kernel's backlog until one closes.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// How long connections may take and how many may be open.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// From the connection opening, or the last response on a kept-alive connection, to the
    /// end of the next request's head.
    pub header_timeout: Duration,
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self { header_timeout: Duration::from_secs(10), max_connections: 4096 }
    }
}

/// How long a graceful shutdown waits for the connections still open to finish.
const DRAIN_FOR: Duration = Duration::from_secs(20);
/// File descriptors kept back from the connection cap for the database, logs and files.
const RESERVED_FDS: u64 = 64;

/// Raises the soft limit on open files to the hard limit, and returns the connection cap
/// that limit allows: the configured one, or fewer when the process could not open that many.
pub fn raise_file_limit(wanted: usize) -> usize {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => {
            let allowed = usize::try_from(limit.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX).max(1);
            if allowed < wanted {
                tracing::warn!(open_files = limit, max_connections = allowed, "the open-file limit caps connections");
            }
            wanted.min(allowed)
        }
        Err(error) => {
            tracing::warn!(%error, "cannot raise the open-file limit");
            wanted
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in
/// flight finish (for at most [`DRAIN_FOR`]).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => permit.map_err(io::Error::other)?,
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors or a connection reset before accept: not fatal.
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stop = stop_rx.clone();
        connections.spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move { Ok::<_, Infallible>(router.oneshot(req).await.unwrap_or_else(|e| match e {})) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stop.wait_for(|stopping| *stopping) => connection.as_mut().graceful_shutdown(),
            }
            let _ = connection.await;
        });
        // Reap finished connections so the set does not grow with every client ever served.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(DRAIN_FOR, async { while connections.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(open = connections.len(), "connections still open after the shutdown grace period");
        connections.abort_all();
    }
    Ok(())
}
