//! Reading catalogue records out of `serde_json::Value`s while collecting every problem.
//!
//! Serde stops at the first error and cannot say where it was, which is no help to a
//! department fixing a 300-item export. So each record is read field by field: a reader
//! method returns `None` after recording why, and the caller carries on with the other
//! fields, so that one pass reports everything that is wrong.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde_json::{Map, Value};

use super::CatalogError;
use super::import_error::{ImportError, ImportErrors};
use super::text::Text;

/// A unit-variant enum that is written in the catalogue as one of a fixed set of strings.
pub(crate) trait Choice: DeserializeOwned {
    /// The accepted strings, for the error message.
    const ALLOWED: &'static str;
}

/// The problems found so far in one catalogue file.
#[derive(Debug, Default)]
pub(crate) struct Rejections {
    errors: Vec<ImportError>,
}

impl Rejections {
    pub(crate) fn reject(&mut self, index: Option<u32>, field: String, error: &CatalogError) {
        self.errors.push(ImportError {
            index,
            field,
            rule: error.rule().to_owned(),
            message: error.to_string(),
        });
    }

    /// The parsed value if nothing was rejected, otherwise every rejection, file-level
    /// problems first and then by item, each item's in the order they were found.
    pub(crate) fn finish<T>(mut self, parsed: Option<T>) -> Result<T, ImportErrors> {
        match parsed {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => {
                if self.errors.is_empty() {
                    // Every reader records a reason before returning `None`; this only
                    // guards against a future reader that forgets to.
                    self.reject(None, String::new(), &CatalogError::Required);
                }
                self.errors.sort_by_key(|error| error.index);
                Err(ImportErrors::new(self.errors))
            }
        }
    }
}

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
            let error = CatalogError::InvalidType {
                expected: "an object",
            };
            rejections.reject(index, path, &error);
            return None;
        };
        let mut fields = Self {
            map,
            path,
            index,
            rejections,
        };
        for key in map.keys().filter(|key| !known.contains(&key.as_str())) {
            fields.reject(key, &CatalogError::UnknownField);
        }
        Some(fields)
    }

    pub(crate) fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
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
    pub(crate) fn parsed<T>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, CatalogError>,
    ) -> Option<T> {
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

    /// A required list of non-blank strings, each element checked.
    pub(crate) fn texts(&mut self, key: &str) -> Option<Vec<Text>> {
        self.list(key, |fields, path, _, value| {
            let text = fields.expect_str_at(path.clone(), value)?;
            fields.check_at(path, Text::parse(text))
        })
    }

    /// Like [`Self::texts`], but an empty list is rejected too.
    pub(crate) fn non_empty_texts(&mut self, key: &str) -> Option<Vec<Text>> {
        let texts = self.texts(key)?;
        self.non_empty(key, texts)
    }

    /// A required list of objects, each element read by `read`.
    pub(crate) fn objects<T>(
        &mut self,
        key: &str,
        known: &[&str],
        mut read: impl FnMut(&mut Fields<'v, '_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.list(key, |fields, path, _, value| {
            let index = fields.index;
            let mut element = Fields::open(value, path, index, known, fields.rejections)?;
            read(&mut element)
        })
    }

    /// Like [`Self::objects`], but an empty list is rejected too.
    pub(crate) fn non_empty_objects<T>(
        &mut self,
        key: &str,
        known: &[&str],
        read: impl FnMut(&mut Fields<'v, '_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let objects = self.objects(key, known, read)?;
        self.non_empty(key, objects)
    }

    /// A required list of catalogue records: like [`Self::objects`], except that each
    /// element's problems are filed under its own 0-based index.
    pub(crate) fn records<T>(
        &mut self,
        key: &str,
        known: &[&str],
        mut read: impl FnMut(&mut Fields<'v, '_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.list(key, |fields, path, position, value| {
            let index = u32::try_from(position).ok();
            let mut record = Fields::open(value, path, index, known, fields.rejections)?;
            read(&mut record)
        })
    }

    /// Reads every element of a required list, so that all bad elements are reported,
    /// and returns the list only if none was bad.
    fn list<T>(
        &mut self,
        key: &str,
        mut read_one: impl FnMut(&mut Self, String, usize, &'v Value) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = self.required(key)?;
        let Some(elements) = value.as_array() else {
            self.reject(key, &CatalogError::InvalidType { expected: "a list" });
            return None;
        };
        let base = self.path_of(key);
        let mut read = Vec::with_capacity(elements.len());
        let mut all_good = true;
        for (position, element) in elements.iter().enumerate() {
            match read_one(self, format!("{base}[{position}]"), position, element) {
                Some(element) => read.push(element),
                None => all_good = false,
            }
        }
        all_good.then_some(read)
    }

    fn non_empty<T>(&mut self, key: &str, list: Vec<T>) -> Option<Vec<T>> {
        if list.is_empty() {
            self.reject(key, &CatalogError::EmptyList);
            return None;
        }
        Some(list)
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
        parsed
            .map_err(|error| self.rejections.reject(self.index, path, &error))
            .ok()
    }
}
