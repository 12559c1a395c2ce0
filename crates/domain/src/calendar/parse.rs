use time::Date;

use super::builder::Builder;
use super::{CalendarError, WorkCalendar};

impl WorkCalendar {
    /// Parses a holiday calendar in the line format documented in `data/holidays-cn.txt`:
    /// `year <yyyy>` opens a year's block, `off <date>[..<date>] <name>` declares days off
    /// and `work <date> <name>` declares a weekend make-up workday. `#` starts a comment.
    ///
    /// # Errors
    ///
    /// Returns the first rule the text breaks, naming its line.
    pub fn parse(text: &str) -> Result<WorkCalendar, CalendarError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut builder = Builder::default();
        for (index, raw) in text.lines().enumerate() {
            let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let content = raw.split_once('#').map_or(raw, |(before, _)| before);
            let mut fields = content.split_whitespace();
            let Some(keyword) = fields.next() else {
                continue;
            };
            match keyword {
                "year" => {
                    let text = required(fields.next(), line, "year", "the year")?;
                    let year = parse_year(text, line)?;
                    no_more(fields.next(), line)?;
                    builder.open_year(year, line)?;
                }
                "off" => {
                    let range = required(fields.next(), line, "off", "a date or date range")?;
                    let holiday = required(fields.next(), line, "off", "the holiday name")?;
                    no_more(fields.next(), line)?;
                    let (first, last) = parse_range(range, line)?;
                    builder.add_days_off(first, last, holiday, line)?;
                }
                "work" => {
                    let date = required(fields.next(), line, "work", "a date")?;
                    let holiday = required(fields.next(), line, "work", "the holiday name")?;
                    no_more(fields.next(), line)?;
                    let date = parse_date(date, line)?;
                    builder.add_make_up_day(date, holiday, line)?;
                }
                other => {
                    return Err(CalendarError::UnknownKeyword { line, keyword: other.to_owned() });
                }
            }
        }
        builder.finish()
    }
}

fn required<'a>(
    field: Option<&'a str>,
    line: u32,
    keyword: &'static str,
    missing: &'static str,
) -> Result<&'a str, CalendarError> {
    field.ok_or(CalendarError::MissingField { line, keyword, missing })
}

fn no_more(field: Option<&str>, line: u32) -> Result<(), CalendarError> {
    match field {
        Some(text) => Err(CalendarError::UnexpectedText { line, text: text.to_owned() }),
        None => Ok(()),
    }
}

fn parse_year(text: &str, line: u32) -> Result<i32, CalendarError> {
    let bad = || CalendarError::BadYear { line, text: text.to_owned() };
    if text.len() != 4 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(bad());
    }
    text.parse().map_err(|_| bad())
}

fn parse_range(text: &str, line: u32) -> Result<(Date, Date), CalendarError> {
    if let Some((first, last)) = text.split_once("..") {
        Ok((parse_date(first, line)?, parse_date(last, line)?))
    } else {
        let date = parse_date(text, line)?;
        Ok((date, date))
    }
}

fn parse_date(text: &str, line: u32) -> Result<Date, CalendarError> {
    crate::iso_date::parse(text).ok_or_else(|| CalendarError::BadDate { line, text: text.to_owned() })
}
