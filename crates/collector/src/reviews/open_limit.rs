//! Open reviews (without a review token) are limited twice, so that nobody can flood a
//! site's published figures or its desk. Verified reviews are bound to one transaction each
//! and need neither limit.
//!
//! - **Per client**, in this process: a fixed one-hour window per (site, client), where an
//!   IPv6 client is its /64 (one home or phone network gets a whole /64, so counting single
//!   addresses would let it rotate through billions). The allowance is a site setting (a
//!   counter tablet in a busy hall needs more than a home PC).
//! - **Per site**, across every collector on the database: a ceiling for the hour from all
//!   clients together. Each collector reserves a block of the hour's allowance at a time in
//!   the database (`open_review_quota`), so the ceiling holds across collectors while the
//!   review path writes to the database once per block, not once per review.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use crate::http::client_ip::client_key;
use crate::storage::{Storage, StorageError};

const WINDOW_MS: i64 = 3_600_000;
/// The most of a site's hourly ceiling one collector reserves at a time.
const LARGEST_BLOCK: i64 = 100;

#[derive(Debug, Default)]
pub struct OpenReviewLimit {
    windows: Mutex<HashMap<(String, IpAddr), (i64, u32)>>,
    /// (site, hour) → reviews this collector has reserved but not yet used.
    reserved: Mutex<HashMap<(String, i64), i64>>,
    /// One reservation at a time: a burst that finds the block used up waits for one
    /// database write instead of each making its own.
    reserving: tokio::sync::Mutex<()>,
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
        let entry = windows.entry((site.to_owned(), client_key(client))).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= per_hour {
            return false;
        }
        entry.1 += 1;
        true
    }

    /// Takes one review from the site's allowance for the hour of `now` (ms); false when
    /// every collector together has used up `ceiling`.
    pub async fn take_site_allowance(
        &self,
        storage: &Storage,
        site: &str,
        ceiling: u32,
        now: i64,
    ) -> Result<bool, StorageError> {
        let hour = now / WINDOW_MS;
        if self.take_reserved(site, hour) {
            return Ok(true);
        }
        let _reserving = self.reserving.lock().await;
        if self.take_reserved(site, hour) {
            return Ok(true);
        }
        let block = (i64::from(ceiling) / 50).clamp(1, LARGEST_BLOCK);
        let granted = storage.reserve_open_reviews(site, hour, block, i64::from(ceiling)).await?;
        if granted == 0 {
            return Ok(false);
        }
        if let Ok(mut reserved) = self.reserved.lock() {
            reserved.retain(|(_, h), _| *h == hour);
            // One of the granted reviews is this one.
            *reserved.entry((site.to_owned(), hour)).or_insert(0) += granted - 1;
        }
        Ok(true)
    }

    fn take_reserved(&self, site: &str, hour: i64) -> bool {
        let Ok(mut reserved) = self.reserved.lock() else { return false };
        match reserved.get_mut(&(site.to_owned(), hour)) {
            Some(left) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
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

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let limit = OpenReviewLimit::default();
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_network: IpAddr = "2001:db8:1:2:ffff:eeee:dddd:cccc".parse().unwrap();
        let other_network: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(limit.allow("s", one, 2, 0));
        assert!(limit.allow("s", same_network, 2, 0));
        assert!(!limit.allow("s", "2001:db8:1:2::99".parse().unwrap(), 2, 0), "the /64's third");
        assert!(limit.allow("s", other_network, 2, 0));
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
