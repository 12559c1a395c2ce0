//! Rates as people read them.

/// `87.5%`, or `—` when there is nothing to divide by. Integer arithmetic keeps float
/// formatting out of the bundle.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => {
            let permille = (r * 1000.0).round() as u32;
            format!("{}.{}%", permille / 10, permille % 10)
        }
        None => "—".to_owned(),
    }
}
