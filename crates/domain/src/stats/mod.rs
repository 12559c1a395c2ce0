//! The published 好差评 figures (Art. 66: 评价结果及整改情况向社会公开), shared by the
//! collector's `GET /api/v1/stats` and the stats widget.
//!
//! These are published figures, so every definition is written down here, once. The rules
//! that hold throughout:
//!
//! - A review counts in a period when it was *received* (stored) on a day of the period,
//!   taking the day in China time (UTC+8). The follow-up figures describe the poor reviews
//!   received in the period, however their follow-up stands today.
//! - System-default ratings (channel 7, 基本满意 recorded when nobody rated in time) are
//!   never mixed silently into real ones: `all` includes them, every other set excludes
//!   them, and `system_default_count` shows how many there are.
//! - A rate is `None` when its denominator is 0, so "no data" is never shown as 0% or 100%.
//! - Nothing here identifies a reviewer: no comments, names, phones or receipts.

mod scope;

use serde::{Deserialize, Serialize};

pub use scope::StatsScope;

use crate::exclusion::ExclusionCategory;

/// The figures for one site, optionally one service, over a period of days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub site: String,
    /// The service (implementation or basic code) the figures are limited to, if any.
    pub service: Option<String>,
    /// The department the figures are limited to, by name, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The first day counted, `YYYY-MM-DD` in China time; `null` means since the first review.
    pub from: Option<String>,
    /// The last day counted (inclusive), `YYYY-MM-DD` in China time; `null` means up to now.
    pub to: Option<String>,
    /// Today in China, `YYYY-MM-DD`: the day `follow_up.overdue_open` was judged on.
    pub as_of: String,
    /// Every rating received, including system defaults and unverified (open) reviews.
    pub all: Figures,
    /// Ratings given by people: every rating except system defaults (channel 7).
    /// `real.count = verified.count + open.count`.
    pub real: Figures,
    /// Verified reviews only: ones bound by a review token to a registered transaction
    /// (一事一评), excluding system defaults.
    pub verified: Figures,
    /// Open reviews only: ones given without a token, which nothing ties to a transaction.
    /// System defaults are excluded here too, so `open` is exactly `real` minus `verified`.
    pub open: Figures,
    /// Ratings recorded by the system (channel 7). `all.count = real.count + system_default_count`.
    pub system_default_count: u64,
    /// Reviews excluded from every figure above after a confirmed appeal (申诉复核), by
    /// category. They still count in `follow_up`: the department's duty to answer stays.
    pub excluded_after_appeal: ExcludedFigures,
    pub follow_up: FollowUpFigures,
}

/// Reviews that left the rating figures after a confirmed appeal, by category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExcludedFigures {
    /// 误评.
    pub mistaken: u64,
    /// 恶意.
    pub malicious: u64,
}

/// How a set of ratings spreads over the five levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// How many ratings the set holds.
    pub count: u64,
    /// One entry per level, always all five, from 5 (非常满意) down to 1 (非常不满意).
    pub levels: Vec<LevelFigure>,
    /// 满意率: the share of ratings at levels 3 to 5 (基本满意 or better).
    pub satisfaction_rate: Option<f64>,
    /// 差评率: the share of ratings at levels 1 and 2 (a poor review, 差评).
    pub poor_rate: Option<f64>,
}

/// One level's count and its share of the set (非常满意率 … 非常不满意率).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelFigure {
    /// 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
    pub level: u8,
    pub count: u64,
    /// `count` over the set's `count`, from 0 to 1.
    pub share: Option<f64>,
}

/// What became of the poor reviews (levels 1 and 2, any channel) received in the period.
/// Each rate is published with its numerator and denominator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpFigures {
    /// Poor reviews received: ratings at level 1 or 2.
    pub poor: u64,
    /// Poor reviews whose reviewer left a call-back contact (实名差评).
    pub named_poor: u64,
    /// Named poor reviews with a call-back recorded, whether or not the reviewer was
    /// reached: the duty is to call, and an unanswered call is still a call made.
    pub called_back: u64,
    /// 回访率: `called_back / named_poor`. The target is 100%.
    pub call_back_rate: Option<f64>,
    /// Poor reviews the department verified as confirmed (查实). Reviews found not
    /// confirmed, or appealed as mistaken or malicious, are not among them.
    pub confirmed: u64,
    /// Confirmed poor reviews that are closed (the reviewer has the reply) and were
    /// rectified: fixed on the spot (立行立改), or under a rectification plan (限期整改)
    /// whose rectification was recorded. One answered only by an explanation is not.
    pub rectified: u64,
    /// 整改率: `rectified / confirmed`.
    pub rectification_rate: Option<f64>,
    /// Poor reviews whose follow-up is closed: the reply has been sent.
    pub closed: u64,
    /// Closed poor reviews closed on or before their due date, comparing the China date
    /// of closing with the due date.
    pub closed_on_time: u64,
    /// 按时办结率: `closed_on_time / closed`.
    pub on_time_rate: Option<f64>,
    /// Poor reviews not closed whose due date is before `as_of` (today in China).
    pub overdue_open: u64,
}

/// `numerator / denominator`, or `None` when there is nothing to divide by.
pub fn rate(numerator: u64, denominator: u64) -> Option<f64> {
    // Counts stay far below 2^53, where u64 to f64 is exact.
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

impl Figures {
    /// The figures for a set with `counts[i]` ratings at level `i + 1`.
    pub fn from_counts(counts: [u64; 5]) -> Self {
        let count: u64 = counts.iter().sum();
        let levels = (1..=5u8)
            .rev()
            .map(|level| {
                let n = counts[usize::from(level - 1)];
                LevelFigure { level, count: n, share: rate(n, count) }
            })
            .collect();
        Self {
            count,
            levels,
            satisfaction_rate: rate(counts[2] + counts[3] + counts[4], count),
            poor_rate: rate(counts[0] + counts[1], count),
        }
    }
}

/// Rating counts as the database groups them, sorted into the four published sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    all: [u64; 5],
    verified: [u64; 5],
    open: [u64; 5],
    system_default: u64,
    excluded: ExcludedFigures,
}

impl Tally {
    /// Adds `count` ratings at `level`; a level outside 1..=5 cannot be stored and is ignored.
    /// An excluded rating counts only as excluded.
    pub fn add(
        &mut self,
        level: i64,
        verified: bool,
        system_default: bool,
        excluded: Option<ExclusionCategory>,
        count: u64,
    ) {
        let Some(i) = usize::try_from(level).ok().filter(|l| (1..=5).contains(l)).map(|l| l - 1) else {
            return;
        };
        match excluded {
            Some(ExclusionCategory::Mistaken) => return self.excluded.mistaken += count,
            Some(ExclusionCategory::Malicious) => return self.excluded.malicious += count,
            None => {}
        }
        self.all[i] += count;
        if system_default {
            self.system_default += count;
        } else if verified {
            self.verified[i] += count;
        } else {
            self.open[i] += count;
        }
    }

    /// Reviews left out after a confirmed appeal.
    pub fn excluded(&self) -> ExcludedFigures {
        self.excluded.clone()
    }

    /// `(all, real, verified, open, system_default_count)`.
    pub fn figures(&self) -> (Figures, Figures, Figures, Figures, u64) {
        let real = std::array::from_fn(|i| self.verified[i] + self.open[i]);
        (
            Figures::from_counts(self.all),
            Figures::from_counts(real),
            Figures::from_counts(self.verified),
            Figures::from_counts(self.open),
            self.system_default,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_give_every_level_and_no_rate_without_data() {
        let empty = Figures::from_counts([0; 5]);
        assert_eq!(empty.count, 0);
        assert_eq!(empty.levels.iter().map(|l| l.level).collect::<Vec<_>>(), [5, 4, 3, 2, 1]);
        assert!(empty.levels.iter().all(|l| l.share.is_none()));
        assert_eq!((empty.satisfaction_rate, empty.poor_rate), (None, None));
        // Levels 1..5: 1, 1, 0, 3, 5 of 10.
        let f = Figures::from_counts([1, 1, 0, 3, 5]);
        assert_eq!(f.levels[0], LevelFigure { level: 5, count: 5, share: Some(0.5) });
        assert_eq!(f.levels[2], LevelFigure { level: 3, count: 0, share: Some(0.0) });
        assert_eq!((f.satisfaction_rate, f.poor_rate), (Some(0.8), Some(0.2)));
    }

    #[test]
    fn system_defaults_stay_out_of_every_set_but_all() {
        let mut t = Tally::default();
        t.add(3, false, true, None, 4);
        t.add(3, true, true, None, 1);
        t.add(5, true, false, None, 2);
        t.add(1, false, false, None, 1);
        t.add(9, false, false, None, 7);
        let (all, real, verified, open, system) = t.figures();
        assert_eq!((all.count, real.count, verified.count, open.count, system), (8, 3, 2, 1, 5));
        assert_eq!(open.poor_rate, Some(1.0));
    }

    #[test]
    fn an_excluded_review_counts_only_as_excluded() {
        let mut t = Tally::default();
        t.add(1, true, false, Some(ExclusionCategory::Mistaken), 2);
        t.add(2, false, false, Some(ExclusionCategory::Malicious), 1);
        t.add(5, false, false, None, 1);
        let (all, real, verified, open, system) = t.figures();
        assert_eq!((all.count, real.count, verified.count, open.count, system), (1, 1, 0, 1, 0));
        assert_eq!(t.excluded(), ExcludedFigures { mistaken: 2, malicious: 1 });
        assert_eq!(all.poor_rate, Some(0.0));
    }
}
