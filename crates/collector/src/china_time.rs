//! Deadlines in working days on the official calendar, in China's time zone.

use mingjing_domain::calendar::{DueDate, WorkCalendar};
use time::{Date, OffsetDateTime, UtcOffset};

/// China Standard Time. China has one time zone and no daylight saving.
pub const CHINA: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The date in China at a stored millisecond timestamp.
pub fn china_date(millis: i64) -> Date {
    let at =
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    at.to_offset(CHINA).date()
}

/// The due date of something received at `millis` with `working_days` to answer.
pub fn due_after(millis: i64, working_days: u32) -> DueDate {
    WorkCalendar::china().add_working_days(china_date(millis), working_days)
}

/// A stored millisecond timestamp as RFC 3339 in China time (`2026-11-28T09:30:00+08:00`).
pub fn rfc3339(millis: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|t| t.to_offset(CHINA).format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// An instant as the milliseconds since the epoch the database stores.
pub fn millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Milliseconds since the Unix epoch: how every time is stored, in both backends.
pub fn now_millis() -> i64 {
    millis(OffsetDateTime::now_utc())
}

/// The first millisecond of a day in China.
pub fn start_of_china_day(date: Date) -> i64 {
    millis(date.midnight().assume_offset(CHINA))
}

/// Today in China, `YYYY-MM-DD`: a deadline is overdue once today is past it.
pub fn today() -> String {
    iso(today_date())
}

/// Today's date in China.
pub fn today_date() -> Date {
    china_date(now_millis())
}

/// `YYYY-MM-DD`, how dates are stored and sent.
pub fn iso(date: Date) -> String {
    mingjing_domain::iso_date::format(date)
}

/// The first millisecond of a China-time day.
pub fn midnight_millis(day: Date) -> i64 {
    day.midnight().assume_offset(CHINA).unix_timestamp() * 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_taken_in_china_time() {
        // 20:00 on Friday 2024-02-09 in China is already 12:00 UTC; 23:30 is 15:30 UTC.
        let friday_evening = time::macros::datetime!(2024-02-09 23:30 +8).unix_timestamp() * 1000;
        assert_eq!(iso(china_date(friday_evening)), "2024-02-09");
        // The worked example in HOLIDAYS.md: 5 working days after 2024-02-09.
        assert_eq!(iso(due_after(friday_evening, 5).date), "2024-02-22");
        let saturday_morning = time::macros::datetime!(2024-02-10 00:30 +8).unix_timestamp() * 1000;
        assert_eq!(iso(china_date(saturday_morning)), "2024-02-10");
    }
}
