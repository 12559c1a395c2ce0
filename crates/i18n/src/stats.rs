//! The published statistics' texts.

use crate::catalogue::catalogue;

catalogue! {
    /// The published statistics' texts.
    StatsMessages {
        stats_level: "评价等级" / "Level",
        stats_unavailable:
            "暂时无法获取评价结果，请稍后再试。" /
            "The results cannot be loaded right now. Please try again later.",
        stats_satisfaction: "满意率" / "satisfaction rate",
        stats_counted(n: u64, defaults: u64):
            "基于 {n} 条群众评价；另有 {defaults} 条系统默认评价，未计入上述比例。" /
            "Based on {n} ratings by people; {defaults} system-default ratings are not counted in these rates.",
        stats_excluded(mistaken: u64, malicious: u64):
            "另有 {mistaken} 条误评、{malicious} 条恶意评价经申诉复核确认，不计入上述数字。" /
            "{mistaken} mistaken and {malicious} malicious reviews, confirmed on appeal, are not counted in these figures.",
        stats_levels_caption: "各评价等级的数量与占比" / "Ratings at each level",
        stats_count: "数量" / "Count",
        stats_share: "占比" / "Share",
        stats_kinds_caption:
            "核验评价、公开评价与系统默认评价分列" /
            "Verified, open and system-default ratings, shown apart",
        stats_verified: "核验办件评价" / "Verified transactions",
        stats_open: "公开评价（未核验）" / "Open reviews (unverified)",
        stats_all_with_defaults: "含系统默认评价" / "Including system defaults",
        stats_poor: "差评率" / "Poor-review rate",
        stats_follow_up: "差评整改情况" / "Follow-up of poor reviews",
        stats_call_back_rate: "实名差评回访率" / "Call-back rate (named poor reviews)",
        stats_rectification_rate: "查实差评整改率" / "Rectification rate (confirmed poor reviews)",
        stats_on_time_rate: "按时办结率" / "Closed on time",
        stats_overdue_open: "超期未办结" / "Overdue and still open",
    }
}
