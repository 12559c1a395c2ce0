//! Calendar dates written `yyyy-mm-dd`, the form every catalogue field uses.

use serde::Serializer;
use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::CatalogError;

const ISO_DATE: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

pub(crate) fn parse_date(text: &str) -> Result<Date, CatalogError> {
    // The length check keeps out signed and five-digit years, which `[year]` would accept
    // but no catalogue means.
    if text.len() != 10 {
        return Err(CatalogError::DateFormat);
    }
    Date::parse(text, ISO_DATE).map_err(|_| CatalogError::DateFormat)
}

pub(crate) fn serialize_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    let text = date.format(ISO_DATE).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}
