//! CSV for files that leave the system. A spreadsheet runs a cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return as a formula, so a citizen's comment
//! `=HYPERLINK("http://evil.example","x")` would become a live link on a civil servant's
//! screen. Every CSV the collector writes goes through [`SafeCsvWriter`], which puts a `'`
//! before such a cell (OWASP's rule; spreadsheets show the cell as text, without the `'`).
//! [`restore`] undoes exactly that on import, so an exported file reads back unchanged.

use std::borrow::Cow;
use std::io;

/// What a spreadsheet takes for the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
const QUOTE: char = '\'';

/// A CSV writer whose every cell is defused; it offers no way to write a raw cell.
pub struct SafeCsvWriter<W: io::Write> {
    inner: csv::Writer<W>,
}

impl<W: io::Write> SafeCsvWriter<W> {
    pub fn from_writer(writer: W) -> Self {
        Self { inner: csv::Writer::from_writer(writer) }
    }

    /// Writes one record (a header row is a record too).
    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        for cell in record {
            self.inner.write_field(defuse(cell.as_ref()).as_bytes())?;
        }
        self.inner.write_record(std::iter::empty::<&[u8]>())
    }

    /// Flushes and hands back what was written to.
    pub fn into_inner(self) -> csv::Result<W> {
        self.inner.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// The cell as it is written: with a `'` in front when a spreadsheet would run it, or when
/// it already starts with quotes before a formula start (so that [`restore`] gives it back).
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) { Cow::Owned(format!("{QUOTE}{cell}")) } else { Cow::Borrowed(cell) }
}

/// The cell as it was before [`defuse`]: one leading `'` fewer when what follows is a
/// formula start (after any further quotes). Any other cell is left as it is, so a
/// spreadsheet user's own `'text` keeps its quote.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix(QUOTE) {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

fn needs_quote(cell: &str) -> bool {
    cell.trim_start_matches(QUOTE).starts_with(FORMULA_STARTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_reads_back_as_it_was_and_none_would_run() {
        let cells = [
            "=1+1",
            "+86 871 6361 2345",
            "-",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "'=1+1",
            "''=1+1",
            "'引号开头",
            "'",
            "''",
            "",
            "普通文本 = 1 + 1",
        ];
        let mut writer = SafeCsvWriter::from_writer(Vec::new());
        writer.write_record(cells).unwrap();
        let bytes = writer.into_inner().unwrap();
        let record = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice()).records().next();
        let record = record.unwrap().unwrap();
        let written: Vec<&str> = record.iter().collect();
        assert_eq!(&written[..4], ["'=1+1", "'+86 871 6361 2345", "'-", "'@SUM(A1)"]);
        assert_eq!(&written[6..10], ["''=1+1", "'''=1+1", "'引号开头", "'"]);
        for cell in &written {
            assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?}");
        }
        let restored: Vec<&str> = written.iter().map(|c| restore(c)).collect();
        assert_eq!(restored, cells);
    }
}
