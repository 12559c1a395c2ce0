//! How figures read in the report: thousands separated, milliseconds to a sensible precision,
//! every median followed by its spread.

use super::stats::Spread;

/// `120,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `0.42 ms`, `3.1 ms`, `76 ms`.
pub fn ms(value: f64) -> String {
    format!("{} ms", ms_number(value))
}

fn ms_number(value: f64) -> String {
    if value.is_nan() {
        "n/a".to_owned()
    } else if value < 1.0 {
        format!("{value:.2}")
    } else if value < 10.0 {
        format!("{value:.1}")
    } else {
        thousands(value.round() as u64)
    }
}

/// A median in milliseconds with its range: `3.1 ms (2.9–3.4)`.
pub fn ms_spread(spread: &Spread) -> String {
    format!("{} ({}–{})", ms(spread.median), ms_number(spread.min), ms_number(spread.max))
}

/// A median in milliseconds with its quartiles and range, for many samples.
pub fn ms_quartiles(spread: &Spread) -> (String, String, String) {
    (
        ms(spread.median),
        format!("{}–{}", ms_number(spread.p25), ms_number(spread.p75)),
        format!("{}–{}", ms_number(spread.min), ms_number(spread.max)),
    )
}

/// A rate per second with its range: `2,912/s (2,850–2,990)`.
pub fn rate_spread(spread: &Spread) -> String {
    let whole = |v: f64| thousands(v.round() as u64);
    format!("{}/s ({}–{})", whole(spread.median), whole(spread.min), whole(spread.max))
}

/// `0.11×`, or `n/a` without a baseline.
pub fn ratio(value: f64) -> String {
    if value.is_nan() {
        "n/a".to_owned()
    } else if value < 10.0 {
        format!("{value:.2}×")
    } else {
        format!("{value:.0}×")
    }
}

/// A histogram bucket edge as an upper bound: `≤ 1 ms`, or `> 2,500 ms` past the last edge.
pub fn at_most(edge_ms: Option<f64>) -> String {
    match edge_ms {
        None => "n/a".to_owned(),
        Some(edge) if edge.is_infinite() => "> 2,500 ms".to_owned(),
        Some(edge) => format!("≤ {}", ms(edge)),
    }
}

pub fn yes_no(met: bool) -> &'static str {
    if met { "**met**" } else { "**missed**" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(120_000), "120,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn milliseconds_keep_two_significant_digits_when_small() {
        assert_eq!(ms(0.4234), "0.42 ms");
        assert_eq!(ms(3.06), "3.1 ms");
        assert_eq!(ms(76.4), "76 ms");
        assert_eq!(at_most(Some(f64::INFINITY)), "> 2,500 ms");
        assert_eq!(at_most(Some(0.5)), "≤ 0.50 ms");
    }
}
