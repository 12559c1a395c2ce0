use time::{Date, Weekday};

/// Why a holiday calendar file was rejected. Every variant names the 1-based line it was
/// found on, so whoever adds next year's holidays can fix the file without reading code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("line {line}: unknown keyword `{keyword}` (expected `year`, `off` or `work`)")]
    UnknownKeyword { line: u32, keyword: String },

    #[error("line {line}: `{keyword}` is missing {missing}")]
    MissingField { line: u32, keyword: &'static str, missing: &'static str },

    #[error("line {line}: unexpected `{text}` after the entry (holiday names contain no spaces)")]
    UnexpectedText { line: u32, text: String },

    #[error("line {line}: `{text}` is not a year (expected four digits such as 2027)")]
    BadYear { line: u32, text: String },

    #[error("line {line}: year {year} is declared twice (first on line {first_line})")]
    DuplicateYear { line: u32, year: i32, first_line: u32 },

    #[error("line {line}: year {year} lists no days off, so it cannot be covered yet")]
    EmptyYear { line: u32, year: i32 },

    #[error("line {line}: `{text}` is not a date (expected yyyy-mm-dd)")]
    BadDate { line: u32, text: String },

    #[error("line {line}: days are listed before any `year` line")]
    EntryBeforeYear { line: u32 },

    #[error("line {line}: the range ends on {last}, before it starts on {first}")]
    ReversedRange { line: u32, first: Date, last: Date },

    #[error("line {line}: the range spans {days} days, more than the {max} allowed")]
    RangeTooLong { line: u32, days: u32, max: u32 },

    #[error(
        "line {line}: {date} lies outside the year {year} block \
         (only december of the year before may hold its new year days)"
    )]
    OutsideYear { line: u32, date: Date, year: i32 },

    #[error("line {line}: make-up workday {date} falls on a {weekday}, not on a weekend")]
    MakeUpOnWeekday { line: u32, date: Date, weekday: Weekday },

    #[error(
        "line {line}: {date} is listed both as a day off and as a make-up workday \
         (see line {other_line})"
    )]
    OffAndMakeUp { line: u32, date: Date, other_line: u32 },

    #[error("line {line}: {date} is already listed on line {other_line}")]
    ListedTwice { line: u32, date: Date, other_line: u32 },
}

impl CalendarError {
    /// The 1-based line of the calendar file that broke a rule.
    #[must_use]
    pub fn line(&self) -> u32 {
        match self {
            CalendarError::UnknownKeyword { line, .. }
            | CalendarError::MissingField { line, .. }
            | CalendarError::UnexpectedText { line, .. }
            | CalendarError::BadYear { line, .. }
            | CalendarError::DuplicateYear { line, .. }
            | CalendarError::EmptyYear { line, .. }
            | CalendarError::BadDate { line, .. }
            | CalendarError::EntryBeforeYear { line }
            | CalendarError::ReversedRange { line, .. }
            | CalendarError::RangeTooLong { line, .. }
            | CalendarError::OutsideYear { line, .. }
            | CalendarError::MakeUpOnWeekday { line, .. }
            | CalendarError::OffAndMakeUp { line, .. }
            | CalendarError::ListedTwice { line, .. } => *line,
        }
    }
}
