//! Which count rows cover a range of China days: every whole month in it from the monthly
//! rows, and the days at either edge from the daily rows. A year's figures then read twelve
//! monthly rows per combination, and at most sixty daily ones, whatever the traffic.

use mingjing_domain::iso_date;
use time::{Date, Month};

/// An inclusive range of stored periods (`YYYY-MM-DD` days, or `YYYY-MM` months), compared
/// as text. Every stored period sorts between `""` and `"~"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub first: String,
    pub last: String,
}

impl Span {
    /// Matches no period: the first is after the last.
    fn none() -> Span {
        Span { first: "~".to_owned(), last: String::new() }
    }

    fn new(first: String, last: String) -> Span {
        Span { first, last }
    }

    /// Whether no period can be in the span.
    pub fn is_empty(&self) -> bool {
        self.first > self.last
    }

    #[cfg(test)]
    fn holds(&self, period: &str) -> bool {
        self.first.as_str() <= period && period <= self.last.as_str()
    }
}

/// The daily rows before the first whole month, the monthly rows, and the daily rows after
/// the last whole month. Each day of the range is in exactly one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub head_days: Span,
    pub months: Span,
    pub tail_days: Span,
}

/// `2026-03`: how a month is stored.
pub fn month_of(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

fn month_key(year: i32, month: Month) -> String {
    format!("{year:04}-{:02}", u8::from(month))
}

fn last_day_of_month(date: Date) -> Date {
    let days = date.month().length(date.year());
    date.replace_day(days).unwrap_or(date)
}

/// The month after `date`'s, as stored.
fn next_month(date: Date) -> String {
    match date.month() {
        Month::December => month_key(date.year() + 1, Month::January),
        m => month_key(date.year(), m.next()),
    }
}

/// The month before `date`'s, as stored.
fn previous_month(date: Date) -> String {
    match date.month() {
        Month::January => month_key(date.year() - 1, Month::December),
        m => month_key(date.year(), m.previous()),
    }
}

/// The rows that cover `from..=to`; an open end reaches the first review, or today.
pub fn cover(from: Option<Date>, to: Option<Date>) -> Cover {
    // The first and last whole month: the open ends take every month there is.
    let first_month = match from {
        None => String::new(),
        Some(d) if d.day() == 1 => month_key(d.year(), d.month()),
        Some(d) => next_month(d),
    };
    let last_month = match to {
        None => "~".to_owned(),
        Some(d) if d == last_day_of_month(d) => month_key(d.year(), d.month()),
        Some(d) => previous_month(d),
    };
    if first_month > last_month {
        // No whole month: only days, and only when both ends are given (an open end always
        // reaches a whole month).
        let days = match (from, to) {
            (Some(from), Some(to)) => Span::new(iso_date::format(from), iso_date::format(to)),
            _ => Span::none(),
        };
        return Cover { head_days: days, months: Span::none(), tail_days: Span::none() };
    }
    let head_days = match from {
        Some(d) if d.day() != 1 => Span::new(iso_date::format(d), iso_date::format(last_day_of_month(d))),
        _ => Span::none(),
    };
    let tail_days = match to {
        Some(d) if d != last_day_of_month(d) => {
            Span::new(iso_date::format(d.replace_day(1).unwrap_or(d)), iso_date::format(d))
        }
        _ => Span::none(),
    };
    Cover { head_days, months: Span::new(first_month, last_month), tail_days }
}

#[cfg(test)]
mod tests {
    use time::Duration;
    use time::macros::date;

    use super::*;

    /// How many of the cover's rows count `day`.
    fn times_counted(c: &Cover, day: Date) -> usize {
        let day = iso_date::format(day);
        [c.head_days.holds(&day), c.months.holds(month_of(&day)), c.tail_days.holds(&day)]
            .into_iter()
            .filter(|held| *held)
            .count()
    }

    fn days(first: Date, last: Date) -> impl Iterator<Item = Date> {
        std::iter::successors(Some(first), move |d| d.next_day().filter(|n| *n <= last))
    }

    #[test]
    fn every_day_in_the_range_is_counted_once_and_no_other_day_at_all() {
        // Across a year's end, a leap February and months of each length; open ends too.
        let (window_first, window_last) = (date!(2023 - 11 - 20), date!(2024 - 04 - 10));
        let probe = |from: Option<Date>, to: Option<Date>| {
            let c = cover(from, to);
            for day in days(window_first - Duration::days(40), window_last + Duration::days(40)) {
                let inside = from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t);
                assert_eq!(times_counted(&c, day), usize::from(inside), "{day} in {from:?}..={to:?}: {c:?}");
            }
        };
        let ends: Vec<Date> = days(window_first, window_last).collect();
        for from in &ends {
            for to in ends.iter().step_by(3) {
                probe(Some(*from), Some(*to));
            }
            probe(Some(*from), None);
            probe(None, Some(*from));
        }
        probe(None, None);
    }

    #[test]
    fn a_year_reads_twelve_months_and_no_days() {
        let c = cover(Some(date!(2026 - 01 - 01)), Some(date!(2026 - 12 - 31)));
        assert_eq!(c.months, Span::new("2026-01".into(), "2026-12".into()));
        assert_eq!((c.head_days, c.tail_days), (Span::none(), Span::none()));
    }

    #[test]
    fn a_range_inside_one_month_reads_only_days() {
        let c = cover(Some(date!(2026 - 03 - 05)), Some(date!(2026 - 03 - 20)));
        assert_eq!(c.head_days, Span::new("2026-03-05".into(), "2026-03-20".into()));
        assert_eq!((c.months, c.tail_days), (Span::none(), Span::none()));
    }
}
