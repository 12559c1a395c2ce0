//! HTTP/1.1 over a TCP connection of the test's own, to see exactly what the server does
//! with the connection: whether it reads a whole body, answers while the body is still
//! coming, keeps the connection open or closes it. reqwest hides all of that.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// How long any one read may take before the test gives up on the server.
const PATIENCE: Duration = Duration::from_secs(20);

/// One response, as it came over the wire.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The JSON error code of one of our error bodies.
    pub fn error_code(&self) -> Option<String> {
        let body: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        body["error"]["code"].as_str().map(str::to_owned)
    }
}

/// The reading side of a connection, with what it has read but not yet used.
#[derive(Debug)]
pub struct RawReader {
    read: OwnedReadHalf,
    buffered: Vec<u8>,
}

/// Connects to the server; the halves can be driven by different tasks, so that a client
/// can read an answer while it is still sending.
pub async fn connect(addr: SocketAddr) -> (RawReader, OwnedWriteHalf) {
    let (read, write) = TcpStream::connect(addr).await.expect("connect").into_split();
    (RawReader { read, buffered: Vec::new() }, write)
}

/// A request head with `Content-Length`, and any further header lines (each ending in CRLF).
pub fn head(method: &str, path: &str, content_length: usize, extra: &str) -> String {
    format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {content_length}\r\n{extra}\r\n")
}

impl RawReader {
    /// Reads one whole response (its body by `Content-Length`).
    pub async fn response(&mut self) -> std::io::Result<RawResponse> {
        loop {
            let mut headers = [httparse::EMPTY_HEADER; 32];
            let mut parsed = httparse::Response::new(&mut headers);
            if let httparse::Status::Complete(head_len) = parsed.parse(&self.buffered).map_err(std::io::Error::other)? {
                let status = parsed.code.unwrap_or_default();
                let headers: Vec<(String, String)> = parsed
                    .headers
                    .iter()
                    .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
                    .collect();
                let length = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.parse::<usize>().ok())
                    .unwrap_or(0);
                while self.buffered.len() < head_len + length {
                    self.fill().await?;
                }
                let body = self.buffered[head_len..head_len + length].to_vec();
                self.buffered.drain(..head_len + length);
                return Ok(RawResponse { status, headers, body });
            }
            self.fill().await?;
        }
    }

    /// Whether the server has ended the connection (a clean close or a reset) without
    /// sending anything more.
    pub async fn closed(&mut self) -> bool {
        let mut chunk = [0u8; 1024];
        match tokio::time::timeout(PATIENCE, self.read.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) => self.buffered.is_empty(),
            Ok(Ok(_)) | Err(_) => false,
        }
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = tokio::time::timeout(PATIENCE, self.read.read(&mut chunk))
            .await
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer"))??;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buffered.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

/// Writes `head` and then `body_len` bytes of `fill`, in chunks, stopping at the first
/// error (the server may close once it has answered); returns how many body bytes went out.
pub async fn send(write: &mut OwnedWriteHalf, head: &str, body_len: usize, fill: u8) -> std::io::Result<usize> {
    write.write_all(head.as_bytes()).await?;
    let chunk = vec![fill; 64 * 1024];
    let mut sent = 0;
    while sent < body_len {
        let n = chunk.len().min(body_len - sent);
        write.write_all(&chunk[..n]).await?;
        sent += n;
    }
    write.flush().await?;
    Ok(sent)
}
