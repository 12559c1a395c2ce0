//! A response body fed through a bounded channel: the producer (an export reading the
//! database a batch at a time) waits whenever the client is slower than the database, so a
//! response of any size holds at most the channel's few chunks in memory, and a client that
//! goes away stops the producer at its next send.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Bytes;
use http_body::{Body, Frame};
use tokio::sync::mpsc;

/// Chunks a producer may have written ahead of the client.
const CHUNKS_AHEAD: usize = 4;

pub struct ChannelBody {
    chunks: mpsc::Receiver<Result<Bytes, std::io::Error>>,
}

/// A body, and the sender its producer writes to. The body ends when the sender drops; an
/// `Err` sent aborts the response, so the client sees a broken transfer, not a short file.
pub fn channel_body() -> (mpsc::Sender<Result<Bytes, std::io::Error>>, ChannelBody) {
    let (tx, rx) = mpsc::channel(CHUNKS_AHEAD);
    (tx, ChannelBody { chunks: rx })
}

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.chunks.poll_recv(cx).map(|chunk| chunk.map(|chunk| chunk.map(Frame::data)))
    }
}
