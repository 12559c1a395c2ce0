//! The address a request really came from. Behind a reverse proxy (the usual deployment in a
//! government data centre) the TCP peer is the proxy, so every visitor would share one
//! per-client limit and one sign-in lockout. A proxy listed with `--trusted-proxy` may tell
//! the client's address in `X-Forwarded-For`; nobody else may.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// The client: the rightmost `X-Forwarded-For` address that is not a trusted proxy, when the
/// peer itself is one; otherwise the peer.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer.ip()) {
        return peer.ip();
    }
    let forwarded =
        headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(','));
    let hops: Vec<IpAddr> = forwarded.filter_map(|a| a.trim().parse().ok()).collect();
    hops.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxy: SocketAddr = "10.0.0.5:4000".parse().unwrap();
        let trusted = ["10.0.0.5".parse().unwrap()];
        assert_eq!(client_ip(proxy, &headers("203.0.113.9"), &trusted).to_string(), "203.0.113.9");
        // A client cannot hide behind a forged first hop: the proxy appends the real one.
        assert_eq!(client_ip(proxy, &headers("1.2.3.4, 203.0.113.9"), &trusted).to_string(), "203.0.113.9");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted).to_string(), "10.0.0.5");
        let stranger: SocketAddr = "198.51.100.7:5000".parse().unwrap();
        assert_eq!(client_ip(stranger, &headers("203.0.113.9"), &trusted).to_string(), "198.51.100.7");
    }
}
