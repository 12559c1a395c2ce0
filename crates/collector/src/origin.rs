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

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn origins_are_normalised_and_checked() {
        assert_eq!(parse("https://www.km.gov.cn/").as_deref(), Ok("https://www.km.gov.cn"));
        assert_eq!(parse("HTTP://LocalHost:8080").as_deref(), Ok("http://localhost:8080"));
        for bad in ["www.km.gov.cn", "ftp://x", "https://", "https://a/b", "http://a:99999", "http://a:x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
