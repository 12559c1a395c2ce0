//! The address a request really came from. Behind a reverse proxy (the usual deployment in a
//! government data centre) the TCP peer is the proxy, so every visitor would share one
//! per-client limit and one sign-in lockout. A proxy listed with `--trusted-proxy` may tell
//! the client's address in `X-Forwarded-For`; nobody else may.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::http::HeaderMap;

/// The client: walking `X-Forwarded-For` from the right while each hop is a trusted proxy,
/// the first address that is not one; the peer when the peer is not trusted. An entry that
/// does not parse ends the walk at the last trusted hop: whoever wrote it is not to be
/// believed about the entries to its left.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| canonical(*t) == canonical(ip));
    let mut client = peer.ip();
    if !is_trusted(client) {
        return client;
    }
    let values: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    for entry in values.iter().rev().flat_map(|v| v.rsplit(',')) {
        let Some(ip) = parse_hop(entry.trim()) else { return client };
        client = ip;
        if !is_trusted(ip) {
            return ip;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: an address, optionally with a port (`1.2.3.4:5555`,
/// `[2001:db8::1]:443`, `[2001:db8::1]`).
fn parse_hop(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(addr) = entry.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    entry.strip_prefix('[')?.strip_suffix(']')?.parse().ok()
}

/// An IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, as a dual-stack socket reports an IPv4
/// peer) as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The address a limit counts: IPv4 as it is (an IPv4-mapped IPv6 address as its IPv4
/// form), IPv6 by its /64 network.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
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

    #[test]
    fn entries_with_ports_are_read_and_junk_stops_the_walk() {
        let proxy: SocketAddr = "10.0.0.5:4000".parse().unwrap();
        let trusted = ["10.0.0.5".parse().unwrap()];
        assert_eq!(client_ip(proxy, &headers("203.0.113.9:5555"), &trusted).to_string(), "203.0.113.9");
        assert_eq!(client_ip(proxy, &headers("[2001:db8::1]:443"), &trusted).to_string(), "2001:db8::1");
        assert_eq!(client_ip(proxy, &headers("[2001:db8::1]"), &trusted).to_string(), "2001:db8::1");
        // Junk in the rightmost entry: the forged address to its left is not believed.
        assert_eq!(client_ip(proxy, &headers("1.2.3.4, not-an-address"), &trusted).to_string(), "10.0.0.5");
        // A chain of two trusted proxies, the client before them.
        let two = ["10.0.0.5".parse().unwrap(), "10.0.0.6".parse().unwrap()];
        assert_eq!(client_ip(proxy, &headers("203.0.113.9, 10.0.0.6"), &two).to_string(), "203.0.113.9");
    }

    #[test]
    fn a_trusted_ipv4_proxy_matches_its_ipv4_mapped_form() {
        let mapped: SocketAddr = "[::ffff:10.0.0.5]:4000".parse().unwrap();
        let trusted = ["10.0.0.5".parse().unwrap()];
        assert_eq!(client_ip(mapped, &headers("203.0.113.9"), &trusted).to_string(), "203.0.113.9");
    }
}
