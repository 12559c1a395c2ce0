//! Just enough HTTP/1.1 to ask the collector on loopback for a page: its health, a search to
//! warm the index, its metrics. The load itself comes from wrk.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use anyhow::{Context, bail};

/// A response's status and body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// `GET path` from 127.0.0.1:`port`, reading the whole response.
pub fn get(port: u16, path: &str, timeout: Duration) -> anyhow::Result<Response> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).with_context(|| format!("cannot connect to port {port}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).with_context(|| format!("cannot read the response to GET {path}"))?;
    parse(&raw).with_context(|| format!("bad response to GET {path}"))
}

fn parse(raw: &[u8]) -> anyhow::Result<Response> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").context("no end of headers")?;
    let mut lines = head.lines();
    let status_line = lines.next().context("no status line")?;
    let status: u16 = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).context("no status code")?;
    let chunked = lines.any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("transfer-encoding") && value.trim().eq_ignore_ascii_case("chunked")
        })
    });
    let body = if chunked { dechunk(body)? } else { body.to_owned() };
    Ok(Response { status, body })
}

/// Joins a chunked body's chunks. Sizes count bytes, and the body was decoded leniently as
/// UTF-8, which keeps valid text byte for byte.
fn dechunk(mut rest: &str) -> anyhow::Result<String> {
    let mut body = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").context("a chunk without a size line")?;
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .with_context(|| format!("bad chunk size {size:?}"))?;
        if size == 0 {
            return Ok(body);
        }
        let Some(chunk) = after.get(..size) else { bail!("a chunk shorter than its size") };
        body.push_str(chunk);
        rest = after.get(size..).unwrap_or("").trim_start_matches("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_response_keeps_its_body() {
        let response = parse(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok").unwrap();
        assert_eq!((response.status, response.body.as_str()), (200, "ok"));
    }

    #[test]
    fn a_chunked_body_is_joined() {
        let raw =
            "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n明\r\n2\r\nok\r\n0\r\n\r\n";
        let response = parse(raw.as_bytes()).unwrap();
        assert_eq!((response.status, response.body.as_str()), (503, "明ok"));
    }
}
