use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use time::{Date, Month};

use super::work_calendar::{ListedDay, is_weekend};
use super::{CalendarError, WorkCalendar};

/// The longest run of days off one line may declare. The longest real holiday so far is
/// nine days; the cap exists to catch a mistyped month turning a week into half a year.
const MAX_RANGE_DAYS: u32 = 31;

/// Collects the entries of a calendar file in order, checking every rule that involves
/// more than one line: year blocks, duplicates, and days both off and on.
#[derive(Debug, Default)]
pub(super) struct Builder {
    blocks: Vec<YearBlock>,
    listed: BTreeMap<Date, Listing>,
}

impl Builder {
    pub(super) fn open_year(&mut self, year: i32, line: u32) -> Result<(), CalendarError> {
        self.check_last_block_not_empty()?;
        if let Some(block) = self.blocks.iter().find(|block| block.year == year) {
            return Err(CalendarError::DuplicateYear { line, year, first_line: block.line });
        }
        self.blocks.push(YearBlock { year, line, days_off_lines: 0 });
        Ok(())
    }

    pub(super) fn add_days_off(
        &mut self,
        first: Date,
        last: Date,
        holiday: &str,
        line: u32,
    ) -> Result<(), CalendarError> {
        let year = self.current_year(line)?;
        if last < first {
            return Err(CalendarError::ReversedRange { line, first, last });
        }
        let days = u32::try_from((last - first).whole_days() + 1).unwrap_or(u32::MAX);
        if days > MAX_RANGE_DAYS {
            return Err(CalendarError::RangeTooLong { line, days, max: MAX_RANGE_DAYS });
        }
        check_in_block(first, year, line)?;
        check_in_block(last, year, line)?;
        let mut date = first;
        loop {
            self.insert(date, Kind::Off, holiday, line)?;
            match date.next_day() {
                Some(next) if next <= last => date = next,
                _ => break,
            }
        }
        if let Some(block) = self.blocks.last_mut() {
            block.days_off_lines += 1;
        }
        Ok(())
    }

    pub(super) fn add_make_up_day(&mut self, date: Date, holiday: &str, line: u32) -> Result<(), CalendarError> {
        let year = self.current_year(line)?;
        check_in_block(date, year, line)?;
        if !is_weekend(date) {
            return Err(CalendarError::MakeUpOnWeekday { line, date, weekday: date.weekday() });
        }
        self.insert(date, Kind::MakeUp, holiday, line)
    }

    fn current_year(&self, line: u32) -> Result<i32, CalendarError> {
        self.blocks.last().map(|block| block.year).ok_or(CalendarError::EntryBeforeYear { line })
    }

    fn insert(&mut self, date: Date, kind: Kind, holiday: &str, line: u32) -> Result<(), CalendarError> {
        match self.listed.entry(date) {
            Entry::Vacant(slot) => {
                slot.insert(Listing { kind, line, holiday: holiday.into() });
                Ok(())
            }
            Entry::Occupied(existing) => {
                let other_line = existing.get().line;
                if existing.get().kind == kind {
                    Err(CalendarError::ListedTwice { line, date, other_line })
                } else {
                    Err(CalendarError::OffAndMakeUp { line, date, other_line })
                }
            }
        }
    }

    /// A declared year is trusted as complete, so a `year` line with nothing under it would
    /// silently turn weekends-only guesses into "certain" answers.
    fn check_last_block_not_empty(&self) -> Result<(), CalendarError> {
        match self.blocks.last() {
            Some(block) if block.days_off_lines == 0 => {
                Err(CalendarError::EmptyYear { line: block.line, year: block.year })
            }
            _ => Ok(()),
        }
    }

    pub(super) fn finish(self) -> Result<WorkCalendar, CalendarError> {
        self.check_last_block_not_empty()?;
        let mut years: Vec<i32> = self.blocks.iter().map(|block| block.year).collect();
        years.sort_unstable();
        let mut days_off = Vec::new();
        let mut make_up_days = Vec::new();
        // The map iterates in date order, so both lists come out sorted for binary search.
        for (date, listing) in self.listed {
            let day = ListedDay { date, holiday: listing.holiday };
            match listing.kind {
                Kind::Off => days_off.push(day),
                Kind::MakeUp => make_up_days.push(day),
            }
        }
        let weekday_days_off = days_off.iter().map(|day| day.date).filter(|date| !is_weekend(*date)).collect();
        Ok(WorkCalendar { years, days_off, make_up_days, weekday_days_off })
    }
}

#[derive(Debug)]
struct YearBlock {
    year: i32,
    line: u32,
    /// How many `off` lines the block has, to refuse a year declared before it is filled in.
    days_off_lines: u32,
}

#[derive(Debug)]
struct Listing {
    kind: Kind,
    line: u32,
    holiday: Box<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Off,
    MakeUp,
}

/// A year's arrangement may reach back into December of the year before, because the
/// New Year holiday can start there (2023's 元旦 began on 2022-12-31), but no further.
fn check_in_block(date: Date, year: i32, line: u32) -> Result<(), CalendarError> {
    let in_year = date.year() == year;
    let in_previous_december = date.year() == year - 1 && date.month() == Month::December;
    if in_year || in_previous_december { Ok(()) } else { Err(CalendarError::OutsideYear { line, date, year }) }
}
