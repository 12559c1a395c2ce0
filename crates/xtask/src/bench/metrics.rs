//! Server-side latency from the collector's own Prometheus histograms (`/metrics`): the time
//! from the request reaching its router to the response leaving it, without the network and
//! without wrk. The buckets are coarse, so a percentile is reported as the bucket's upper
//! edge: "at most this".

use std::time::Duration;

use anyhow::{Context, bail};

use super::http;

const HISTOGRAM: &str = "mingjing_http_request_duration_seconds_bucket";

/// The cumulative bucket counts of one route's successful responses: (upper edge in seconds,
/// requests at or under it), in increasing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Buckets(Vec<(f64, u64)>);

impl Buckets {
    /// Reads `/metrics` now, adding up every 2xx status of `method route`.
    pub fn read(port: u16, method: &str, route: &str) -> anyhow::Result<Buckets> {
        let response = http::get(port, "/metrics", Duration::from_secs(10))?;
        if response.status != 200 {
            bail!("GET /metrics answered {}", response.status);
        }
        parse(&response.body, method, route)
    }

    /// The buckets of the requests made since `earlier`.
    pub fn since(&self, earlier: &Buckets) -> Buckets {
        let before = |edge: f64| earlier.0.iter().find(|(e, _)| *e == edge).map_or(0, |(_, n)| *n);
        Buckets(self.0.iter().map(|(edge, n)| (*edge, n.saturating_sub(before(*edge)))).collect())
    }

    /// The smallest bucket edge, in milliseconds, under which at least `q` of the requests
    /// fall; infinite when only the `+Inf` bucket holds them, `None` without requests.
    pub fn quantile_at_most_ms(&self, q: f64) -> Option<f64> {
        let total = self.0.last()?.1;
        if total == 0 {
            return None;
        }
        let wanted = (q * total as f64).ceil() as u64;
        self.0.iter().find(|(_, n)| *n >= wanted).map(|(edge, _)| edge * 1000.0)
    }
}

fn parse(text: &str, method: &str, route: &str) -> anyhow::Result<Buckets> {
    let mut buckets: Vec<(f64, u64)> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix(HISTOGRAM).and_then(|rest| rest.strip_prefix('{')) else { continue };
        let Some((labels, count)) = rest.split_once("} ") else { continue };
        let label = |name: &str| {
            labels.split(',').find_map(|pair| pair.strip_prefix(name)?.strip_prefix("=\"")?.strip_suffix('"'))
        };
        let is_ok = label("status").is_some_and(|status| status.starts_with('2'));
        if label("method") != Some(method) || label("route") != Some(route) || !is_ok {
            continue;
        }
        let edge = match label("le").context("a bucket without le")? {
            "+Inf" => f64::INFINITY,
            edge => edge.parse().with_context(|| format!("bad bucket edge {edge}"))?,
        };
        let count: u64 = count.trim().parse().with_context(|| format!("bad bucket count in {line}"))?;
        match buckets.iter_mut().find(|(e, _)| *e == edge) {
            Some((_, n)) => *n += count,
            None => buckets.push((edge, count)),
        }
    }
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(Buckets(buckets))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"# HELP mingjing_http_request_duration_seconds HTTP request latency
mingjing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/services",status="200",le="0.0005"} 80
mingjing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/services",status="200",le="0.001"} 98
mingjing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/services",status="200",le="+Inf"} 100
mingjing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/services",status="422",le="0.0005"} 7
mingjing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/health",status="200",le="0.0005"} 5
"#;

    #[test]
    fn only_the_routes_successes_count() {
        let buckets = parse(TEXT, "GET", "/api/v1/services").unwrap();
        assert_eq!(buckets, Buckets(vec![(0.0005, 80), (0.001, 98), (f64::INFINITY, 100)]));
        assert_eq!(buckets.quantile_at_most_ms(0.5), Some(0.5));
        assert_eq!(buckets.quantile_at_most_ms(0.98), Some(1.0));
        assert_eq!(buckets.quantile_at_most_ms(0.99), Some(f64::INFINITY));
    }

    #[test]
    fn a_difference_counts_only_the_new_requests() {
        let before = Buckets(vec![(0.001, 10), (f64::INFINITY, 10)]);
        let after = Buckets(vec![(0.001, 15), (f64::INFINITY, 20)]);
        assert_eq!(after.since(&before), Buckets(vec![(0.001, 5), (f64::INFINITY, 10)]));
        assert_eq!(Buckets(vec![]).quantile_at_most_ms(0.5), None);
    }
}
