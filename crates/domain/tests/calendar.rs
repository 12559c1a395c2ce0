//! Working-day arithmetic against the official calendar and the worked examples in
//! `shared/domain/HOLIDAYS.md`.

use mingjing_domain::calendar::{CalendarError, Certainty, DueDate, LimitUnit, TimeLimit, WorkCalendar, WorkingDays};
use proptest::prelude::*;
use time::Date;
use time::macros::date;

fn china() -> &'static WorkCalendar {
    WorkCalendar::china()
}

fn certain(date: Date) -> DueDate {
    DueDate { date, certainty: Certainty::Certain }
}

// The embedded file.

#[test]
fn embedded_calendar_parses_and_covers_2023_to_2026() {
    let text = include_str!("../data/holidays-cn.txt");
    let parsed = WorkCalendar::parse(text).expect("the shipped calendar parses");
    assert_eq!(&parsed, china());
    assert_eq!(china().covered_years(), &[2023, 2024, 2025, 2026]);
    assert_eq!(china().last_covered_day(), Some(date!(2026 - 12 - 31)));
}

#[test]
fn embedded_calendar_names_each_holiday() {
    assert_eq!(china().holiday_on(date!(2022 - 12 - 31)), Some("元旦"));
    assert_eq!(china().holiday_on(date!(2024 - 02 - 12)), Some("春节"));
    assert_eq!(china().holiday_on(date!(2025 - 10 - 08)), Some("国庆节、中秋节"));
    assert_eq!(china().holiday_on(date!(2025 - 10 - 09)), None);
    assert_eq!(china().make_up_for(date!(2026 - 01 - 04)), Some("元旦"));
    assert_eq!(china().make_up_for(date!(2026 - 01 - 05)), None);
}

// The worked examples.

#[test]
fn spring_festival_2024_example_is_due_on_february_22() {
    let due = china().add_working_days(date!(2024 - 02 - 09), 5);
    assert_eq!(due, certain(date!(2024 - 02 - 22)));
}

#[test]
fn national_day_2025_example_is_due_on_october_10() {
    let due = china().add_working_days(date!(2025 - 09 - 29), 3);
    assert_eq!(due, certain(date!(2025 - 10 - 10)));
}

#[test]
fn count_reaching_into_2027_is_an_estimate_from_weekends_alone() {
    // Thursday 2026-12-31 is known; Friday 2027-01-01 is counted as a plain weekday.
    let due = china().add_working_days(date!(2026 - 12 - 30), 2);
    assert_eq!(due, DueDate { date: date!(2027 - 01 - 01), certainty: Certainty::Estimate });
}

// Single days.

#[test]
fn make_up_weekend_days_are_working_days() {
    for make_up in [date!(2026 - 01 - 04), date!(2024 - 02 - 18), date!(2023 - 01 - 28), date!(2025 - 10 - 11)] {
        assert!(china().is_working_day(make_up), "{make_up}");
    }
}

#[test]
fn days_off_and_ordinary_weekends_are_not_working_days() {
    for day_off in [
        date!(2023 - 01 - 02),
        date!(2024 - 10 - 07),
        date!(2025 - 06 - 02),
        date!(2026 - 02 - 23),
        date!(2026 - 01 - 10),
        date!(2027 - 01 - 02),
    ] {
        assert!(!china().is_working_day(day_off), "{day_off}");
    }
    assert!(china().is_working_day(date!(2025 - 10 - 09)));
}

#[test]
fn zero_working_days_returns_the_start_day() {
    let start = date!(2024 - 02 - 10);
    assert_eq!(china().add_working_days(start, 0), certain(start));
}

// Limits in other units.

#[test]
fn natural_day_limits_ignore_holidays() {
    let limit = TimeLimit { amount: 10, unit: LimitUnit::NaturalDays };
    let due = china().due_date(date!(2024 - 02 - 09), limit);
    assert_eq!(due, certain(date!(2024 - 02 - 19)));
}

#[test]
fn hour_limits_round_up_to_whole_natural_days() {
    let start = date!(2024 - 02 - 09);
    let hours = |amount| TimeLimit { amount, unit: LimitUnit::Hours };
    assert_eq!(china().due_date(start, hours(0)), certain(start));
    assert_eq!(china().due_date(start, hours(24)), certain(date!(2024 - 02 - 10)));
    assert_eq!(china().due_date(start, hours(25)), certain(date!(2024 - 02 - 11)));
}

#[test]
fn working_day_limits_use_the_calendar() {
    let limit = TimeLimit { amount: 5, unit: LimitUnit::WorkingDays };
    let due = china().due_date(date!(2024 - 02 - 09), limit);
    assert_eq!(due, certain(date!(2024 - 02 - 22)));
}

// Spans.

#[test]
fn span_counts_working_days_after_the_first_day() {
    let span = china().working_days_between(date!(2025 - 09 - 29), date!(2025 - 10 - 11));
    assert_eq!(span, WorkingDays { days: 4, certainty: Certainty::Certain });
}

#[test]
fn span_that_does_not_move_forward_is_zero() {
    let day = date!(2025 - 09 - 29);
    let zero = WorkingDays { days: 0, certainty: Certainty::Certain };
    assert_eq!(china().working_days_between(day, day), zero);
    assert_eq!(china().working_days_between(day, date!(2025 - 01 - 01)), zero);
}

#[test]
fn span_ending_in_an_unknown_year_is_an_estimate() {
    let span = china().working_days_between(date!(2026 - 12 - 31), date!(2027 - 01 - 04));
    assert_eq!(span.certainty, Certainty::Estimate);
    assert_eq!(span.days, 2);
    let known = china().working_days_between(date!(2022 - 12 - 31), date!(2026 - 12 - 31));
    assert_eq!(known.certainty, Certainty::Certain);
}

// JSON.

#[test]
fn due_dates_serialize_with_iso_dates_and_snake_case_certainty() {
    let json = serde_json::to_string(&certain(date!(2024 - 02 - 22))).expect("serializes");
    assert_eq!(json, r#"{"date":"2024-02-22","certainty":"certain"}"#);
    let back: DueDate = serde_json::from_str(r#"{"date":"2027-01-01","certainty":"estimate"}"#).expect("deserializes");
    assert_eq!(back.date, date!(2027 - 01 - 01));
    assert_eq!(back.certainty, Certainty::Estimate);
    let span = WorkingDays { days: 12, certainty: Certainty::Estimate };
    let json = serde_json::to_string(&span).expect("serializes");
    assert_eq!(json, r#"{"days":12,"certainty":"estimate"}"#);
}

// Malformed files.

fn parse_error(text: &str) -> CalendarError {
    WorkCalendar::parse(text).expect_err("the text is malformed")
}

#[test]
fn a_new_year_can_be_added_as_data() {
    let text = "year 2027\n# Hypothetical arrangement.\noff 2027-01-01 元旦\nwork 2027-01-09 元旦\n";
    let calendar = WorkCalendar::parse(text).expect("parses");
    assert_eq!(calendar.covered_years(), &[2027]);
    let due = calendar.add_working_days(date!(2026 - 12 - 31), 1);
    assert_eq!(due.date, date!(2027 - 01 - 04));
    assert_eq!(due.certainty, Certainty::Certain);
}

#[test]
fn malformed_lines_are_rejected_with_their_line_and_rule() {
    let cases: &[(&str, u32, &str)] = &[
        ("year 2024\nholiday 2024-01-01 元旦", 2, "unknown keyword `holiday`"),
        ("year 2024\noff 2024-02-30 春节", 2, "`2024-02-30` is not a date"),
        ("year 2024\noff 2024-2-10 春节", 2, "`2024-2-10` is not a date"),
        ("year 24\noff 2024-01-01 元旦", 1, "`24` is not a year"),
        ("off 2024-01-01 元旦", 1, "before any `year` line"),
        ("year 2024\noff 2024-01-01", 2, "missing the holiday name"),
        ("year 2024\noff 2024-01-01 元旦 节", 2, "unexpected `节`"),
        (
            "year 2024\noff 2024-02-10..2024-02-17 春节\nwork 2024-02-10 春节",
            3,
            "both as a day off and as a make-up workday (see line 2)",
        ),
        ("year 2024\noff 2024-01-01 元旦\nwork 2024-02-05 春节", 3, "falls on a Monday, not on a weekend"),
        ("year 2024\noff 2025-01-01 元旦", 2, "2025-01-01 lies outside the year 2024 block"),
        ("year 2024\noff 2023-11-30 元旦", 2, "2023-11-30 lies outside the year 2024 block"),
        ("year 2024\noff 2024-02-17..2024-02-10 春节", 2, "ends on 2024-02-10, before it starts on 2024-02-17"),
        ("year 2024\noff 2024-02-10..2024-12-17 春节", 2, "spans 312 days, more than the 31 allowed"),
        ("year 2024\noff 2024-01-01 元旦\noff 2024-01-01 元旦", 3, "already listed on line 2"),
        ("year 2024\noff 2024-01-01 元旦\nyear 2024", 3, "declared twice (first on line 1)"),
        ("year 2024\n\nyear 2025\noff 2025-01-01 元旦", 1, "year 2024 lists no days off"),
    ];
    for (text, line, rule) in cases {
        let error = parse_error(text);
        let message = error.to_string();
        assert_eq!(error.line(), *line, "{text:?} gave {message}");
        assert!(message.starts_with(&format!("line {line}: ")), "{message}");
        assert!(message.contains(rule), "{text:?} gave {message}");
    }
}

#[test]
fn comments_blank_lines_and_crlf_are_ignored() {
    let text = "\u{feff}# heading\r\n\r\nyear 2024   # inline comment\r\n  off 2024-01-01 元旦\r\n";
    let calendar = WorkCalendar::parse(text).expect("parses");
    assert_eq!(calendar.holiday_on(date!(2024 - 01 - 01)), Some("元旦"));
}

#[test]
fn a_calendar_with_no_years_only_estimates() {
    let calendar = WorkCalendar::parse("# nothing yet\n").expect("parses");
    let due = calendar.add_working_days(date!(2024 - 02 - 09), 1);
    assert_eq!(due.date, date!(2024 - 02 - 12));
    assert_eq!(due.certainty, Certainty::Estimate);
    assert_eq!(calendar.last_covered_day(), None);
}

// Properties over the covered years.

fn covered_start() -> impl Strategy<Value = Date> {
    let first = date!(2023 - 01 - 01).to_julian_day();
    let last = date!(2026 - 12 - 31).to_julian_day();
    (first..=last).prop_map(|day| Date::from_julian_day(day).expect("in range"))
}

proptest! {
    #[test]
    fn due_date_is_a_working_day_and_never_a_holiday(start in covered_start(), n in 1u32..200) {
        let due = china().add_working_days(start, n);
        prop_assert!(due.date > start);
        prop_assert!(china().is_working_day(due.date));
        prop_assert_eq!(china().holiday_on(due.date), None);
    }

    #[test]
    fn due_date_grows_strictly_with_the_limit(start in covered_start(), n in 0u32..200) {
        let shorter = china().add_working_days(start, n);
        let longer = china().add_working_days(start, n + 1);
        prop_assert!(longer.date > shorter.date);
    }

    #[test]
    fn span_to_the_due_date_is_the_limit(start in covered_start(), n in 0u32..200) {
        let due = china().add_working_days(start, n);
        let span = china().working_days_between(start, due.date);
        prop_assert_eq!(span.days, n);
        prop_assert_eq!(span.certainty, due.certainty);
    }

    #[test]
    fn span_matches_a_day_by_day_count(from in covered_start(), length in 0i64..800) {
        let to = from + time::Duration::days(length);
        let mut expected = 0;
        let mut day = from;
        while day < to {
            day = day.next_day().expect("in range");
            if china().is_working_day(day) {
                expected += 1;
            }
        }
        prop_assert_eq!(china().working_days_between(from, to).days, expected);
    }
}
