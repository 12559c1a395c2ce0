use crate::catalog::CatalogError;
use crate::catalog::import_error::{ImportError, ImportErrors};

/// The problems found so far in one catalogue file.
#[derive(Debug, Default)]
pub(crate) struct Rejections {
    errors: Vec<ImportError>,
}

impl Rejections {
    pub(crate) fn reject(&mut self, index: Option<u32>, field: String, error: &CatalogError) {
        self.errors.push(ImportError { index, field, rule: error.rule().to_owned(), message: error.to_string() });
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
