//! Which count rows cover a range of China days: every whole year in it from the yearly
//! rows, the whole months at either edge of those from the monthly rows, and the days at
//! either edge from the daily rows. Any range then reads its years, at most 22 monthly
//! rows and at most 60 daily ones per combination, whatever the traffic.

use mingjing_domain::iso_date;
use time::{Date, Month};

/// An inclusive range of stored periods (`YYYY-MM-DD` days, `YYYY-MM` months or `YYYY`
/// years), compared
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

/// The daily rows before the first whole month, the monthly rows before the first whole
/// year, the yearly rows, the monthly rows after the last whole year and the daily rows
/// after the last whole month. Each day of the range is in exactly one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub head_days: Span,
    pub head_months: Span,
    pub years: Span,
    pub tail_months: Span,
    pub tail_days: Span,
}

impl Cover {
    /// Each part with the grain of its rows.
    pub fn parts(&self) -> [(super::Grain, &Span); 5] {
        use super::Grain::{Day, Month, Year};
        [
            (Day, &self.head_days),
            (Month, &self.head_months),
            (Year, &self.years),
            (Month, &self.tail_months),
            (Day, &self.tail_days),
        ]
    }
}

/// `2026-03`: how a month is stored.
pub fn month_of(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

/// `2026`: how a year is stored (from a day or a month).
pub fn year_of(period: &str) -> &str {
    period.get(..4).unwrap_or(period)
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
        return Cover {
            head_days: days,
            head_months: Span::none(),
            years: Span::none(),
            tail_months: Span::none(),
            tail_days: Span::none(),
        };
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
    let (head_months, years, tail_months) = split_by_years(&first_month, &last_month);
    Cover { head_days, head_months, years, tail_months, tail_days }
}

/// Whole months `first..=last` (either end open as `""` or `"~"`) as the months before the
/// first whole year, the whole years, and the months after the last whole year.
fn split_by_years(first: &str, last: &str) -> (Span, Span, Span) {
    let year = |month: &str| year_of(month).parse::<i32>().ok();
    // The first and last whole year; an open end takes every year there is.
    let first_year = match year(first) {
        None => String::new(),
        Some(y) if first.ends_with("-01") => format!("{y:04}"),
        Some(y) => format!("{:04}", y + 1),
    };
    let last_year = match year(last) {
        None => "~".to_owned(),
        Some(y) if last.ends_with("-12") => format!("{y:04}"),
        Some(y) => format!("{:04}", y - 1),
    };
    if first_year > last_year {
        return (Span::new(first.to_owned(), last.to_owned()), Span::none(), Span::none());
    }
    let head = match year(first) {
        Some(y) if !first.ends_with("-01") => Span::new(first.to_owned(), format!("{y:04}-12")),
        _ => Span::none(),
    };
    let tail = match year(last) {
        Some(y) if !last.ends_with("-12") => Span::new(format!("{y:04}-01"), last.to_owned()),
        _ => Span::none(),
    };
    (head, Span::new(first_year, last_year), tail)
}

#[cfg(test)]
mod tests {
    use time::Duration;
    use time::macros::date;

    use super::*;

    /// How many of the cover's rows count `day`.
    fn times_counted(c: &Cover, day: Date) -> usize {
        let day = iso_date::format(day);
        [
            c.head_days.holds(&day),
            c.head_months.holds(month_of(&day)),
            c.years.holds(year_of(&day)),
            c.tail_months.holds(month_of(&day)),
            c.tail_days.holds(&day),
        ]
        .into_iter()
        .filter(|held| *held)
        .count()
    }

    fn days(first: Date, last: Date) -> impl Iterator<Item = Date> {
        std::iter::successors(Some(first), move |d| d.next_day().filter(|n| *n <= last))
    }

    #[test]
    fn every_day_in_the_range_is_counted_once_and_no_other_day_at_all() {
        // Across two years' ends (so that one whole year lies between), a leap February and
        // months of each length; open ends too.
        let (window_first, window_last) = (date!(2023 - 11 - 20), date!(2025 - 02 - 10));
        let probe = |from: Option<Date>, to: Option<Date>| {
            let c = cover(from, to);
            for day in days(window_first - Duration::days(40), window_last + Duration::days(40)) {
                let inside = from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t);
                assert_eq!(times_counted(&c, day), usize::from(inside), "{day} in {from:?}..={to:?}: {c:?}");
            }
        };
        let ends: Vec<Date> = days(window_first, window_last).collect();
        for from in &ends {
            for to in ends.iter().step_by(7) {
                probe(Some(*from), Some(*to));
            }
            probe(Some(*from), None);
            probe(None, Some(*from));
        }
        probe(None, None);
    }

    fn only(c: &Cover, grain: &str) -> Vec<Span> {
        c.parts()
            .into_iter()
            .filter(|(g, span)| g.as_str() == grain && !span.is_empty())
            .map(|(_, s)| s.clone())
            .collect()
    }

    #[test]
    fn a_calendar_year_reads_one_yearly_row_and_nothing_else() {
        let c = cover(Some(date!(2026 - 01 - 01)), Some(date!(2026 - 12 - 31)));
        assert_eq!(c.years, Span::new("2026".into(), "2026".into()));
        assert!(only(&c, "day").is_empty() && only(&c, "month").is_empty(), "{c:?}");
    }

    #[test]
    fn everything_reads_the_years_alone() {
        let c = cover(None, None);
        assert_eq!(c.years, Span::new(String::new(), "~".into()));
        assert!(only(&c, "day").is_empty() && only(&c, "month").is_empty(), "{c:?}");
    }

    #[test]
    fn a_range_across_years_reads_whole_years_then_edge_months_then_edge_days() {
        let c = cover(Some(date!(2024 - 03 - 15)), Some(date!(2026 - 05 - 20)));
        assert_eq!(c.head_days, Span::new("2024-03-15".into(), "2024-03-31".into()));
        assert_eq!(c.head_months, Span::new("2024-04".into(), "2024-12".into()));
        assert_eq!(c.years, Span::new("2025".into(), "2025".into()));
        assert_eq!(c.tail_months, Span::new("2026-01".into(), "2026-04".into()));
        assert_eq!(c.tail_days, Span::new("2026-05-01".into(), "2026-05-20".into()));
    }

    #[test]
    fn twelve_months_across_a_years_end_read_months_and_no_year() {
        let c = cover(Some(date!(2025 - 07 - 01)), Some(date!(2026 - 06 - 30)));
        assert_eq!(c.head_months, Span::new("2025-07".into(), "2026-06".into()));
        assert_eq!(only(&c, "month").len(), 1);
        assert!(only(&c, "year").is_empty() && only(&c, "day").is_empty(), "{c:?}");
    }

    #[test]
    fn a_range_inside_one_month_reads_only_days() {
        let c = cover(Some(date!(2026 - 03 - 05)), Some(date!(2026 - 03 - 20)));
        assert_eq!(c.head_days, Span::new("2026-03-05".into(), "2026-03-20".into()));
        assert_eq!(only(&c, "day").len(), 1);
        assert!(only(&c, "month").is_empty() && only(&c, "year").is_empty(), "{c:?}");
    }
}
