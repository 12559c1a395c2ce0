//! "How long it really takes" (Art. 28): median working days and the on-time share from the
//! transactions departments registered, with the reasons they gave for overdue cases.

use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::catalog::ActualTimes;

use crate::china_time;
use crate::storage::CompletedCase;

/// Below this many cases a median or a rate says more about chance than about the service.
pub const MINIMUM_CASES: u32 = 5;

pub fn summarise(cases: &[CompletedCase]) -> ActualTimes {
    let calendar = WorkCalendar::china();
    let mut days: Vec<u32> = Vec::with_capacity(cases.len());
    let (mut with_limit, mut on_time) = (0u32, 0u32);
    for case in cases {
        let (accepted, completed) =
            (china_time::china_date(case.accepted_at), china_time::china_date(case.completed_at));
        days.push(calendar.working_days_between(accepted, completed).days);
        if let (Some(amount), Some(unit)) = (case.promised_amount, case.promised_unit.as_deref()) {
            with_limit += 1;
            let elapsed = match unit {
                "working_days" => i64::from(calendar.working_days_between(accepted, completed).days),
                "natural_days" => (completed - accepted).whole_days(),
                // Hours are measured from the timestamps themselves.
                _ => (case.completed_at - case.accepted_at) / 3_600_000,
            };
            if elapsed <= amount {
                on_time += 1;
            }
        }
    }
    let completed = cases.len() as u32;
    let enough = completed >= MINIMUM_CASES;
    days.sort_unstable();
    let mut overdue_reasons: Vec<String> = Vec::new();
    for reason in cases.iter().filter_map(|c| c.overdue_reason.as_deref()) {
        if !overdue_reasons.iter().any(|r| r == reason) && overdue_reasons.len() < 10 {
            overdue_reasons.push(reason.to_owned());
        }
    }
    ActualTimes {
        completed,
        minimum: MINIMUM_CASES,
        median_working_days: enough.then(|| days[days.len() / 2]),
        on_time_rate: (enough && with_limit >= MINIMUM_CASES).then(|| f64::from(on_time) / f64::from(with_limit)),
        overdue_reasons,
    }
}
