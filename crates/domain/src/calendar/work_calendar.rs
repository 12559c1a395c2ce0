use std::sync::OnceLock;

use time::{Date, Month, Weekday};

/// The official working-day calendar: which weekdays are holidays (放假) and which weekend
/// days are make-up workdays (调休上班), for the years it covers.
///
/// Built only by [`WorkCalendar::parse`], which checks every rule of the file format, so a
/// value of this type never holds a date that is both off and on, nor a make-up day on a
/// weekday. All lists are sorted, so every query is a binary search and allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    pub(super) years: Vec<i32>,
    pub(super) days_off: Vec<ListedDay>,
    pub(super) make_up_days: Vec<ListedDay>,
    /// The days off that fall on Monday to Friday. Weekend days off change nothing when
    /// counting, so keeping these apart lets a span be counted in logarithmic time.
    pub(super) weekday_days_off: Vec<Date>,
}

/// One day named in the calendar file, with the holiday it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListedDay {
    pub(super) date: Date,
    pub(super) holiday: Box<str>,
}

/// The calendar shipped with the crate. Each year's arrangement is appended to this file;
/// no code changes when a new year is published.
const CHINA_SOURCE: &str = include_str!("../../data/holidays-cn.txt");

impl WorkCalendar {
    /// The official calendar of mainland China, parsed once from the embedded data file.
    ///
    /// If the embedded file were ever broken, this returns an empty calendar instead of
    /// panicking inside a widget: it covers no year, so every answer is then honestly
    /// marked as an estimate. A test proves the shipped file parses, so this never happens
    /// in a released build.
    pub fn china() -> &'static WorkCalendar {
        static CHINA: OnceLock<WorkCalendar> = OnceLock::new();
        CHINA.get_or_init(|| WorkCalendar::parse(CHINA_SOURCE).unwrap_or_else(|_| Self::empty()))
    }

    /// A calendar that covers no year and so knows only weekends.
    #[must_use]
    pub fn empty() -> WorkCalendar {
        WorkCalendar { years: Vec::new(), days_off: Vec::new(), make_up_days: Vec::new(), weekday_days_off: Vec::new() }
    }

    /// Whether a government office is open for business on `date`: Monday to Friday,
    /// unless it is a day off, plus any weekend day declared a make-up workday.
    #[must_use]
    pub fn is_working_day(&self, date: Date) -> bool {
        if find(&self.make_up_days, date).is_some() {
            return true;
        }
        if find(&self.days_off, date).is_some() {
            return false;
        }
        !is_weekend(date)
    }

    /// The name of the holiday (e.g. `春节`) if `date` is a listed day off.
    #[must_use]
    pub fn holiday_on(&self, date: Date) -> Option<&str> {
        find(&self.days_off, date).map(|day| &*day.holiday)
    }

    /// The name of the holiday that `date` makes up for, if it is a make-up workday.
    #[must_use]
    pub fn make_up_for(&self, date: Date) -> Option<&str> {
        find(&self.make_up_days, date).map(|day| &*day.holiday)
    }

    /// The years whose arrangement the calendar holds, in ascending order. Answers that
    /// touch any other year are estimates.
    #[must_use]
    pub fn covered_years(&self) -> &[i32] {
        &self.years
    }

    /// Whether `date` lies in a covered year.
    #[must_use]
    pub fn covers(&self, date: Date) -> bool {
        self.years.binary_search(&date.year()).is_ok()
    }

    /// The last day of the latest covered year, for messages such as "calendar known until
    /// 2026-12-31". `None` for a calendar that covers nothing.
    #[must_use]
    pub fn last_covered_day(&self) -> Option<Date> {
        let year = *self.years.last()?;
        Date::from_calendar_date(year, Month::December, 31).ok()
    }
}

fn find(days: &[ListedDay], date: Date) -> Option<&ListedDay> {
    days.binary_search_by_key(&date, |day| day.date).ok().and_then(|index| days.get(index))
}

pub(super) fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}
