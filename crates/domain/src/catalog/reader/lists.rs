//! Reading lists, where every element is read so that every bad one is reported.

use serde_json::Value;

use super::Fields;
use crate::catalog::CatalogError;
use crate::catalog::text::Text;

impl<'v> Fields<'v, '_> {
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
}
