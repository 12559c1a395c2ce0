//! The columns of one count row: for each level, how many ratings fall in each set the
//! published figures are made of, and how many poor reviews have reached each point of
//! their follow-up. Every figure is a sum of these columns over rows, so a row per day or
//! month (and service) is all a stats request reads, however many kinds of review it holds.

use std::sync::LazyLock;

/// Which published set a rating counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingSet {
    /// Tied to a registered transaction.
    Verified,
    /// Left without a transaction (an "open" review).
    Open,
    /// Recorded by the system when the citizen did not rate in time.
    SystemDefault,
    /// Excluded after a confirmed appeal, as mistaken (误评).
    Mistaken,
    /// Excluded after a confirmed appeal, as malicious (恶意).
    Malicious,
}

impl RatingSet {
    pub const ALL: [RatingSet; 5] =
        [RatingSet::Verified, RatingSet::Open, RatingSet::SystemDefault, RatingSet::Mistaken, RatingSet::Malicious];

    fn column(self) -> &'static str {
        match self {
            RatingSet::Verified => "verified",
            RatingSet::Open => "open",
            RatingSet::SystemDefault => "system_default",
            RatingSet::Mistaken => "mistaken",
            RatingSet::Malicious => "malicious",
        }
    }
}

/// How far a poor review's follow-up has come; `Poor` counts every poor review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpFlag {
    Poor,
    /// Left a contact for a call-back.
    Named,
    /// Named, and reached on the call-back.
    CalledBack,
    Confirmed,
    /// Confirmed, closed, and fixed (on the spot, or by a plan carried out).
    Rectified,
    Closed,
    /// Closed by its due date.
    ClosedOnTime,
    /// Not closed, with a due date: an open item of the desk.
    StillOpen,
}

impl FollowUpFlag {
    pub const ALL: [FollowUpFlag; 8] = [
        FollowUpFlag::Poor,
        FollowUpFlag::Named,
        FollowUpFlag::CalledBack,
        FollowUpFlag::Confirmed,
        FollowUpFlag::Rectified,
        FollowUpFlag::Closed,
        FollowUpFlag::ClosedOnTime,
        FollowUpFlag::StillOpen,
    ];

    fn column(self) -> &'static str {
        match self {
            FollowUpFlag::Poor => "poor",
            FollowUpFlag::Named => "poor_named",
            FollowUpFlag::CalledBack => "poor_called_back",
            FollowUpFlag::Confirmed => "poor_confirmed",
            FollowUpFlag::Rectified => "poor_rectified",
            FollowUpFlag::Closed => "poor_closed",
            FollowUpFlag::ClosedOnTime => "poor_closed_on_time",
            FollowUpFlag::StillOpen => "poor_still_open",
        }
    }
}

const LEVELS: usize = 5;
/// The number of columns: a set × level each, then a follow-up flag each.
pub const WIDTH: usize = RatingSet::ALL.len() * LEVELS + FollowUpFlag::ALL.len();

/// The columns' names in table order: `verified_1` … `malicious_5`, then `poor` … .
pub static COLUMNS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let ratings = RatingSet::ALL.iter().flat_map(|set| (1..=LEVELS).map(move |l| format!("{}_{l}", set.column())));
    ratings.chain(FollowUpFlag::ALL.iter().map(|f| f.column().to_owned())).collect()
});

/// One value per column, in [`COLUMNS`]' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counters(pub [i64; WIDTH]);

impl Default for Counters {
    fn default() -> Self {
        Counters([0; WIDTH])
    }
}

impl Counters {
    fn rating_index(set: RatingSet, level: i64) -> Option<usize> {
        let level = usize::try_from(level).ok().filter(|l| (1..=LEVELS).contains(l))?;
        let set = RatingSet::ALL.iter().position(|s| *s == set)?;
        Some(set * LEVELS + level - 1)
    }

    fn flag_index(flag: FollowUpFlag) -> usize {
        RatingSet::ALL.len() * LEVELS + FollowUpFlag::ALL.iter().position(|f| *f == flag).unwrap_or(0)
    }

    /// The ratings at `level` in `set`; 0 for a level outside 1..=5.
    pub fn rating(&self, set: RatingSet, level: i64) -> i64 {
        Self::rating_index(set, level).map_or(0, |i| self.0[i])
    }

    pub fn follow_up(&self, flag: FollowUpFlag) -> i64 {
        self.0[Self::flag_index(flag)]
    }

    /// Counts one rating; a level outside 1..=5 cannot be stored and is not counted.
    pub fn count_rating(&mut self, set: RatingSet, level: i64) {
        if let Some(i) = Self::rating_index(set, level) {
            self.0[i] += 1;
        }
    }

    /// Counts one poor review under `flag` if `yes`.
    pub fn count_flag(&mut self, flag: FollowUpFlag, yes: bool) {
        self.0[Self::flag_index(flag)] += i64::from(yes);
    }

    /// Adds `n` times `other`.
    pub fn add(&mut self, other: &Counters, n: i64) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs * n;
        }
    }

    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|n| *n == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_name_and_its_own_place() {
        assert_eq!(COLUMNS.len(), WIDTH);
        assert_eq!(
            (COLUMNS[0].as_str(), COLUMNS[24].as_str(), COLUMNS[32].as_str()),
            ("verified_1", "malicious_5", "poor_still_open")
        );
        let mut c = Counters::default();
        for set in RatingSet::ALL {
            for level in 1..=5 {
                c.count_rating(set, level);
            }
        }
        for flag in FollowUpFlag::ALL {
            c.count_flag(flag, true);
        }
        assert!(c.0.iter().all(|n| *n == 1), "two names share a column: {c:?}");
        c.count_rating(RatingSet::Open, 6);
        assert_eq!(c.rating(RatingSet::Open, 6), 0);
        assert_eq!(c.rating(RatingSet::Open, 5), 1);
    }
}
