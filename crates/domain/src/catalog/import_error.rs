use std::fmt;

use serde::{Deserialize, Serialize};

/// One rejected value in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    /// The 0-based position of the item in `items`, or `None` for a problem with the file
    /// itself (its format, publisher, or a body that is not JSON at all).
    pub index: Option<u32>,
    /// Where the value sits, such as `items[3].fees[0].amount_fen`; empty for the whole file.
    pub field: String,
    /// A short snake_case code for the broken rule, such as `promised_exceeds_legal`.
    pub rule: String,
    /// The same in words, for the person fixing the file.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = if self.field.is_empty() { "file" } else { &self.field };
        write!(f, "{field}: {} ({})", self.message, self.rule)
    }
}

/// Every problem found in a rejected catalogue file, never just the first, so that a
/// department can fix its export in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportErrors {
    errors: Vec<ImportError>,
}

impl ImportErrors {
    pub(crate) fn new(errors: Vec<ImportError>) -> Self {
        Self { errors }
    }

    /// The problems, file-level ones first, then by item index.
    pub fn errors(&self) -> &[ImportError] {
        &self.errors
    }

    pub fn into_errors(self) -> Vec<ImportError> {
        self.errors
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "catalogue rejected with {} problem(s)", self.errors.len())?;
        for error in &self.errors {
            write!(f, "; {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}
