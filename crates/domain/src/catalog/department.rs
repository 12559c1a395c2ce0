use serde::Serialize;

use super::credit_code::CreditCode;
use super::reader::Fields;
use super::text::Text;

/// The department that implements an item, named as on its seal and identified by its
/// unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Department {
    name: Text,
    credit_code: CreditCode,
}

impl Department {
    pub(crate) const FIELDS: &'static [&'static str] = &["name", "credit_code"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn credit_code(&self) -> &CreditCode {
        &self.credit_code
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let credit_code = fields.parsed("credit_code", CreditCode::parse);
        Some(Self { name: name?, credit_code: credit_code? })
    }
}
