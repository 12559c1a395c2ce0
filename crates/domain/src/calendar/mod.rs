//! Working-day arithmetic on the official holiday calendar.
//!
//! Art. 28 time limits are counted in working days (工作日): Monday to Friday, minus the
//! public holidays, plus the weekend make-up workdays (调休上班) that the State Council
//! announces each year. The holidays are data (`data/holidays-cn.txt`), so a new year is
//! added by appending to that file, and answers that reach past the last published year
//! are marked as estimates.

mod builder;
mod calendar_error;
mod certainty;
mod counting;
mod due_date;
mod limit;
mod parse;
mod work_calendar;
mod working_days;

pub use calendar_error::CalendarError;
pub use certainty::Certainty;
pub use due_date::DueDate;
pub use limit::{LimitUnit, TimeLimit};
pub use work_calendar::WorkCalendar;
pub use working_days::WorkingDays;
