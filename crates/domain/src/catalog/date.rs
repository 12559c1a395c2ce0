//! Calendar dates written `yyyy-mm-dd`, the form every catalogue field uses.

use serde::Serializer;
use time::Date;

use super::CatalogError;

pub(crate) fn parse_date(text: &str) -> Result<Date, CatalogError> {
    crate::iso_date::parse(text).ok_or(CatalogError::DateFormat)
}

pub(crate) fn serialize_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    crate::iso_date::serde::serialize(date, serializer)
}
