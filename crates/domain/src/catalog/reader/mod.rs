//! Reading catalogue records out of `serde_json::Value`s while collecting every problem.
//!
//! Serde stops at the first error and cannot say where it was, which is no help to a
//! department fixing a 300-item export. So each record is read field by field: a reader
//! method returns `None` after recording why, and the caller carries on with the other
//! fields, so that one pass reports everything that is wrong.

use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde_json::{Map, Value};

use super::CatalogError;
use super::text::Text;

mod choice;
mod lists;
mod rejections;

pub(crate) use choice::Choice;
pub(crate) use rejections::Rejections;

/// The fields of one JSON object, with the path and item index used to report them.
pub(crate) struct Fields<'v, 'r> {
    map: &'v Map<String, Value>,
    path: String,
    index: Option<u32>,
    rejections: &'r mut Rejections,
}

impl<'v, 'r> Fields<'v, 'r> {
    /// Opens `value` as an object whose only allowed keys are `known`, rejecting every
    /// other key, since a misspelt optional field would otherwise vanish silently.
    pub(crate) fn open(
        value: &'v Value,
        path: String,
        index: Option<u32>,
        known: &[&str],
        rejections: &'r mut Rejections,
    ) -> Option<Self> {
        let Some(map) = value.as_object() else {
            let error = CatalogError::InvalidType { expected: "an object" };
            rejections.reject(index, path, &error);
            return None;
        };
        let mut fields = Self { map, path, index, rejections };
        for key in map.keys().filter(|key| !known.contains(&key.as_str())) {
            fields.reject(key, &CatalogError::UnknownField);
        }
        Some(fields)
    }

    pub(crate) fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) }
    }

    pub(crate) fn reject(&mut self, key: &str, error: &CatalogError) {
        let path = self.path_of(key);
        self.rejections.reject(self.index, path, error);
    }

    /// An optional field: `None` when absent. A JSON `null` is a value like any other and
    /// fails the type check, because the serializer never writes one.
    pub(crate) fn optional(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    /// A required field. A `null` counts as missing, which is what it usually means.
    pub(crate) fn required(&mut self, key: &str) -> Option<&'v Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => {
                self.reject(key, &CatalogError::Required);
                None
            }
            Some(value) => Some(value),
        }
    }

    pub(crate) fn text(&mut self, key: &str) -> Option<Text> {
        self.parsed(key, Text::parse)
    }

    pub(crate) fn optional_text(&mut self, key: &str) -> Option<Option<Text>> {
        self.optional_parsed(key, Text::parse)
    }

    pub(crate) fn string(&mut self, key: &str) -> Option<&'v str> {
        let value = self.required(key)?;
        self.expect_str(key, value)
    }

    /// A required string turned into a domain value by `parse`.
    pub(crate) fn parsed<T>(&mut self, key: &str, parse: impl FnOnce(&str) -> Result<T, CatalogError>) -> Option<T> {
        let text = self.string(key)?;
        self.check(key, parse(text))
    }

    /// An optional string turned into a domain value by `parse`. The outer `None` means
    /// the value was present but rejected.
    pub(crate) fn optional_parsed<T>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, CatalogError>,
    ) -> Option<Option<T>> {
        let Some(value) = self.optional(key) else {
            return Some(None);
        };
        let text = self.expect_str(key, value)?;
        self.check(key, parse(text)).map(Some)
    }

    pub(crate) fn flag(&mut self, key: &str) -> Option<bool> {
        let value = self.required(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            let expected = "true or false";
            self.reject(key, &CatalogError::InvalidType { expected });
        }
        flag
    }

    /// A whole number from 0 to `u32::MAX`.
    pub(crate) fn count(&mut self, key: &str) -> Option<u32> {
        let value = self.required(key)?;
        let count = value.as_u64().and_then(|number| u32::try_from(number).ok());
        if count.is_none() {
            let expected = "a whole number from 0 to 4294967295";
            self.reject(key, &CatalogError::InvalidType { expected });
        }
        count
    }

    pub(crate) fn choice<T: Choice>(&mut self, key: &str) -> Option<T> {
        let text = self.string(key)?;
        let deserializer: StrDeserializer<'_, ValueError> = text.into_deserializer();
        let choice = T::deserialize(deserializer).ok();
        if choice.is_none() {
            let allowed = T::ALLOWED;
            self.reject(key, &CatalogError::UnknownValue { allowed });
        }
        choice
    }

    /// A required nested object, read by `read` with the same rejections.
    pub(crate) fn object<T>(
        &mut self,
        key: &str,
        known: &[&str],
        read: impl FnOnce(&mut Fields<'v, '_>) -> Option<T>,
    ) -> Option<T> {
        let value = self.required(key)?;
        let path = self.path_of(key);
        let mut fields = Fields::open(value, path, self.index, known, self.rejections)?;
        read(&mut fields)
    }

    fn expect_str(&mut self, key: &str, value: &'v Value) -> Option<&'v str> {
        let path = self.path_of(key);
        self.expect_str_at(path, value)
    }

    fn expect_str_at(&mut self, path: String, value: &'v Value) -> Option<&'v str> {
        let text = value.as_str();
        if text.is_none() {
            let error = CatalogError::InvalidType { expected: "a string" };
            self.rejections.reject(self.index, path, &error);
        }
        text
    }

    /// Records the error of a failed parse and passes a successful one on.
    pub(crate) fn check<T>(&mut self, key: &str, parsed: Result<T, CatalogError>) -> Option<T> {
        let path = self.path_of(key);
        self.check_at(path, parsed)
    }

    fn check_at<T>(&mut self, path: String, parsed: Result<T, CatalogError>) -> Option<T> {
        parsed.map_err(|error| self.rejections.reject(self.index, path, &error)).ok()
    }
}
