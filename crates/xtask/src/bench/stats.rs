//! Medians and spreads: every timing is reported as the median of repeated runs with the range
//! around it, because these machines are noisy.

/// The middle of a set of measurements and how far they spread.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    pub min: f64,
    pub max: f64,
    pub samples: usize,
}

impl Spread {
    /// `None` for no measurements; NaNs are left out.
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        Some(Spread {
            median: quantile(&sorted, 0.5),
            p25: quantile(&sorted, 0.25),
            p75: quantile(&sorted, 0.75),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
            samples: sorted.len(),
        })
    }
}

/// The `q` quantile of sorted values, interpolating between neighbours.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let (below, above) = (position.floor() as usize, position.ceil() as usize);
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// `a / b`, or NaN when `b` is zero, so that a missing baseline shows as "n/a".
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { f64::NAN } else { a / b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let spread = Spread::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!((spread.median, spread.min, spread.max, spread.samples), (2.5, 1.0, 4.0, 4));
    }

    #[test]
    fn quartiles_interpolate_and_nans_are_ignored() {
        let spread = Spread::of(&[1.0, 2.0, 3.0, 4.0, 5.0, f64::NAN]).unwrap();
        assert_eq!((spread.p25, spread.median, spread.p75), (2.0, 3.0, 4.0));
        assert!(Spread::of(&[f64::NAN]).is_none());
    }

    #[test]
    fn a_ratio_over_zero_is_not_a_number() {
        assert!(ratio(1.0, 0.0).is_nan());
        assert_eq!(ratio(1.0, 4.0), 0.25);
    }
}
