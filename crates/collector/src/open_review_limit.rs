//! Open reviews (without a review token) are limited per client, so that one client cannot
//! flood a site's published figures. Verified reviews are bound to one transaction each
//! and need no such limit.
//!
//! A fixed one-hour window per (site, client address) is enough here: the limit is a
//! site setting (a counter tablet in a busy hall needs more than a home PC), which a
//! single-quota limiter crate does not model, and the table is pruned as windows pass.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

const WINDOW_MS: i64 = 3_600_000;

#[derive(Debug, Default)]
pub struct OpenReviewLimit {
    windows: Mutex<HashMap<(String, IpAddr), (i64, u32)>>,
}

impl OpenReviewLimit {
    /// Counts one open review from `client` to `site` at `now` (ms); false when the client
    /// has used up `per_hour` in the current window.
    pub fn allow(&self, site: &str, client: IpAddr, per_hour: u32, now: i64) -> bool {
        let window = now / WINDOW_MS;
        let Ok(mut windows) = self.windows.lock() else { return true };
        if windows.len() > 100_000 {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry((site.to_owned(), client)).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= per_hour {
            return false;
        }
        entry.1 += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_hourly_allowance() {
        let limit = OpenReviewLimit::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        assert!((0..3).all(|_| limit.allow("s", a, 3, 0)));
        assert!(!limit.allow("s", a, 3, 1), "a's fourth in the hour");
        assert!(limit.allow("s", b, 3, 1), "b is not held back by a");
        assert!(limit.allow("other", a, 3, 1), "nor is another site");
        assert!(limit.allow("s", a, 3, WINDOW_MS), "a new hour");
    }
}
