//! Calendar dates written `YYYY-MM-DD`, the one form every field, file and URL here uses:
//! no signs, no five-digit years, no times. Parsed by hand rather than with `time`'s
//! format-description parser, which would add tens of kilobytes to every widget bundle.

use time::{Date, Month};

/// The date `text` names, if it is exactly `YYYY-MM-DD` and a real day.
pub fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u16>().ok();
    let year = i32::from(number(0..4)?);
    let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// `2026-01-31`.
pub fn format(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// `#[serde(with = "crate::iso_date")]` for a `Date` field.
pub mod serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a date such as 2026-01-31"))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn only_real_days_in_the_one_form_parse() {
        assert_eq!(parse("2024-02-29"), Some(date!(2024 - 02 - 29)));
        assert_eq!(parse("0001-01-01"), Some(date!(0001 - 01 - 01)));
        for bad in
            ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "+2024-01-01", "2024/01/01", "2024-01-01T00", ""]
        {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(date!(2026 - 01 - 05)), "2026-01-05");
    }

    proptest::proptest! {
        #[test]
        fn format_and_parse_round_trip(days in 0i32..3_000_000) {
            let day = Date::from_julian_day(days + 1_721_426).unwrap();
            proptest::prop_assert_eq!(parse(&format(day)), Some(day));
        }
    }
}
