use time::{Date, Duration};

use super::work_calendar::ListedDay;
use super::{Certainty, DueDate, LimitUnit, TimeLimit, WorkCalendar, WorkingDays};

impl WorkCalendar {
    /// The due date of a service accepted on `start` with a limit of `n` working days: the
    /// `n`th working day after `start`. The day of acceptance never counts, and `n = 0`
    /// returns `start` itself, which is certain because no day was examined.
    ///
    /// The result is an estimate if any day examined lies in a year the calendar does not
    /// cover. A count that would run past the last representable date stops there and is
    /// an estimate too.
    #[must_use]
    pub fn add_working_days(&self, start: Date, n: u32) -> DueDate {
        let mut date = start;
        let mut remaining = n;
        let mut certainty = Certainty::Certain;
        while remaining > 0 {
            let Some(next) = date.next_day() else {
                return DueDate { date, certainty: Certainty::Estimate };
            };
            date = next;
            if !self.covers(date) {
                certainty = Certainty::Estimate;
            }
            if self.is_working_day(date) {
                remaining -= 1;
            }
        }
        DueDate { date, certainty }
    }

    /// The due date of a service accepted on `start` under `limit`, whatever its unit.
    #[must_use]
    pub fn due_date(&self, start: Date, limit: TimeLimit) -> DueDate {
        match limit.unit {
            LimitUnit::WorkingDays => self.add_working_days(start, limit.amount),
            LimitUnit::NaturalDays => add_natural_days(start, limit.amount),
            // A due date is a day, not an instant: acceptance times are not recorded, so
            // "within 36 hours" cannot end at a precise hour. Rounding up to whole days
            // (36 hours become 2 days) never tells a citizen a case is late when it may not
            // be, and 24 hours keep meaning "by the next day".
            LimitUnit::Hours => add_natural_days(start, limit.amount.div_ceil(24)),
        }
    }

    /// The number of working days in `(from, to]`: how long a case accepted on `from` and
    /// finished on `to` really took. Zero when `to` is not after `from`.
    ///
    /// This counts weekdays arithmetically and corrects them with the calendar's sorted
    /// lists, so it costs the same for a week as for a decade.
    #[must_use]
    pub fn working_days_between(&self, from: Date, to: Date) -> WorkingDays {
        let Some(first) = from.next_day().filter(|first| *first <= to) else {
            return WorkingDays { days: 0, certainty: Certainty::Certain };
        };
        let weekdays = weekdays_in(first, to);
        let off = count_in(&self.weekday_days_off, first, to, |date| *date);
        let make_up = count_in(&self.make_up_days, first, to, |day: &ListedDay| day.date);
        // Days off on weekdays are a subset of the weekdays counted, so this cannot
        // underflow; saturating keeps that promise without a panic path.
        let days = weekdays.saturating_sub(off).saturating_add(make_up);
        WorkingDays {
            days: u32::try_from(days).unwrap_or(u32::MAX),
            certainty: self.years_certainty(first.year(), to.year()),
        }
    }

    /// `Certain` if every year from `first` to `last` (inclusive) is covered.
    fn years_certainty(&self, first: i32, last: i32) -> Certainty {
        let start = self.years.partition_point(|year| *year < first);
        let end = self.years.partition_point(|year| *year <= last);
        let covered = i64::try_from(end - start).unwrap_or(i64::MAX);
        if covered == i64::from(last) - i64::from(first) + 1 { Certainty::Certain } else { Certainty::Estimate }
    }
}

/// Natural days do not depend on holidays, so the answer is certain unless it would pass
/// the last representable date.
fn add_natural_days(start: Date, n: u32) -> DueDate {
    match start.checked_add(Duration::days(i64::from(n))) {
        Some(date) => DueDate { date, certainty: Certainty::Certain },
        None => DueDate { date: Date::MAX, certainty: Certainty::Estimate },
    }
}

/// The number of Mondays to Fridays in `[first, last]`, assuming `first <= last`.
fn weekdays_in(first: Date, last: Date) -> u64 {
    let total = u64::try_from((last - first).whole_days() + 1).unwrap_or(0);
    let full_weeks = total / 7;
    let offset = u64::from(first.weekday().number_days_from_monday());
    // The leftover days start on `first`'s weekday; count those landing on Monday to Friday.
    let leftover = (0..total % 7).filter(|day| (offset + day) % 7 < 5).count();
    full_weeks * 5 + u64::try_from(leftover).unwrap_or(0)
}

/// How many items of a date-sorted slice fall in `[first, last]`.
fn count_in<T>(items: &[T], first: Date, last: Date, date_of: impl Fn(&T) -> Date) -> u64 {
    let start = items.partition_point(|item| date_of(item) < first);
    let end = items.partition_point(|item| date_of(item) <= last);
    u64::try_from(end.saturating_sub(start)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::weekdays_in;

    #[test]
    fn weekdays_in_counts_partial_weeks_on_both_sides() {
        // 2024-02-09 is a Friday; the span runs to Tuesday 2024-02-20.
        assert_eq!(weekdays_in(date!(2024 - 02 - 09), date!(2024 - 02 - 20)), 8);
        assert_eq!(weekdays_in(date!(2024 - 02 - 10), date!(2024 - 02 - 11)), 0);
        assert_eq!(weekdays_in(date!(2024 - 02 - 12), date!(2024 - 02 - 12)), 1);
        assert_eq!(weekdays_in(date!(2024 - 02 - 12), date!(2024 - 03 - 10)), 20);
    }
}
