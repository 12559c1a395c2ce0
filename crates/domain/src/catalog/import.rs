//! The entry point for reading a catalogue interchange file.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::CatalogError;
use super::catalog_file::{CATALOG_FORMAT, CatalogFile, FormatTag};
use super::codes::ImplementationCode;
use super::import_error::ImportErrors;
use super::item::CatalogItem;
use super::reader::{Fields, Rejections};

impl CatalogFile {
    const FIELDS: &'static [&'static str] = &["format", "demo", "publisher", "items"];

    /// Parses and checks a catalogue file, reporting every bad record rather than the
    /// first: each item is read on its own, so one broken item does not hide the next.
    pub fn parse_json(text: &str) -> Result<CatalogFile, ImportErrors> {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Self::from_value(&value),
            Err(error) => {
                let mut rejections = Rejections::default();
                let error = CatalogError::InvalidJson(error.to_string());
                rejections.reject(None, String::new(), &error);
                rejections.finish(None)
            }
        }
    }

    /// Like [`Self::parse_json`], for a body that is already JSON.
    pub fn from_value(value: &Value) -> Result<CatalogFile, ImportErrors> {
        let mut rejections = Rejections::default();
        let file = read_file(value, &mut rejections);
        rejections.finish(file)
    }
}

fn read_file(value: &Value, rejections: &mut Rejections) -> Option<CatalogFile> {
    let mut fields = Fields::open(value, String::new(), None, CatalogFile::FIELDS, rejections)?;
    let format = fields.string("format");
    if format.is_some_and(|format| format != CATALOG_FORMAT) {
        let expected = CATALOG_FORMAT;
        fields.reject("format", &CatalogError::UnsupportedFormat { expected });
    }
    let demo = fields.flag("demo");
    let publisher = fields.text("publisher");
    let items = fields.records("items", CatalogItem::FIELDS, CatalogItem::read);
    let items = items.and_then(|items| {
        if items.is_empty() {
            fields.reject("items", &CatalogError::EmptyList);
            return None;
        }
        Some(items)
    });
    let unique = reject_duplicate_codes(value, rejections);
    if format? != CATALOG_FORMAT || !unique {
        return None;
    }
    Some(CatalogFile { format: FormatTag, demo: demo?, publisher: publisher?, items: items? })
}

/// Rejects every item whose implementation code an earlier item already uses.
///
/// This looks at the raw values, so a duplicate is reported even when either item has
/// other problems; codes that do not parse are left to the item's own report.
fn reject_duplicate_codes(value: &Value, rejections: &mut Rejections) -> bool {
    let Some(items) = value.get("items").and_then(Value::as_array) else {
        return true;
    };
    let mut first_seen: BTreeMap<&str, u32> = BTreeMap::new();
    let mut unique = true;
    for (position, item) in (0_u32..).zip(items) {
        let code = item.get("implementation_code").and_then(Value::as_str);
        let Some(code) = code.filter(|code| ImplementationCode::parse(code).is_ok()) else {
            continue;
        };
        if let Some(&first) = first_seen.get(code) {
            let error = CatalogError::DuplicateCode { code: code.to_owned(), first };
            let field = format!("items[{position}].implementation_code");
            rejections.reject(Some(position), field, &error);
            unique = false;
        } else {
            first_seen.insert(code, position);
        }
    }
    unique
}

impl<'de> Deserialize<'de> for CatalogFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(serde::de::Error::custom)
    }
}
