//! Web origins as browsers send them in the `Origin` header: `scheme://host[:port]`.

/// Normalises an origin given on the command line, or says what is wrong with it.
pub fn parse(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_end_matches('/');
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| format!("origin {raw:?} must start with http:// or https://"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(format!("origin {raw:?} must be scheme://host[:port], with no path"));
    }
    if let Some((_, port)) = rest.rsplit_once(':').filter(|(host, _)| !host.ends_with(']') || rest.starts_with('['))
        && !rest.ends_with(']')
        && port.parse::<u16>().is_err()
    {
        return Err(format!("origin {raw:?} has a bad port"));
    }
    Ok(lower)
}

/// The longest `Origin` a browser can send: a scheme, a 253-character host and a port.
pub const MAX_ORIGIN_LEN: usize = 300;

/// Checks an `Origin` request header: `null` (sandboxed frames, files) or an origin of at
/// most [`MAX_ORIGIN_LEN`] bytes, already in the lower-case form browsers send.
pub fn is_well_formed_header(value: &[u8]) -> bool {
    if value == b"null" {
        return true;
    }
    if value.len() > MAX_ORIGIN_LEN {
        return false;
    }
    let Ok(text) = std::str::from_utf8(value) else { return false };
    parse(text).is_ok_and(|normalised| normalised == text)
}

#[cfg(test)]
mod tests {
    use super::{MAX_ORIGIN_LEN, is_well_formed_header, parse};

    #[test]
    fn origins_are_normalised_and_checked() {
        assert_eq!(parse("https://www.km.gov.cn/").as_deref(), Ok("https://www.km.gov.cn"));
        assert_eq!(parse("HTTP://LocalHost:8080").as_deref(), Ok("http://localhost:8080"));
        for bad in ["www.km.gov.cn", "ftp://x", "https://", "https://a/b", "http://a:99999", "http://a:x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn origin_headers_are_short_and_in_browser_form() {
        assert!(is_well_formed_header(b"https://www.km.gov.cn"));
        assert!(is_well_formed_header(b"http://127.0.0.1:8080"));
        assert!(is_well_formed_header(b"null"));
        let long = format!("https://{}.example", "a".repeat(MAX_ORIGIN_LEN));
        for bad in [long.as_bytes(), b"https://a/b", b"HTTPS://A", b"https://a ", b"x", b"\xff"] {
            assert!(!is_well_formed_header(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
