//! What the collector writes for others to open: CSV cells a spreadsheet will not run, and
//! files on disk only the collector's user can read.

pub(crate) mod private;
pub(crate) mod safe_csv;
