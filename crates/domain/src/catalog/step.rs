use serde::Serialize;

use super::reader::Fields;
use super::text::Text;

/// One step of the procedure (办事流程), such as 受理, 审查, 决定, 送达.
///
/// Steps carry no number of their own: their position in the item's list is their number,
/// so a catalogue cannot contain two step 2s or skip step 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    name: Text,
    description: Text,
}

impl Step {
    pub(crate) const FIELDS: &'static [&'static str] = &["name", "description"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn description(&self) -> &Text {
        &self.description
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let description = fields.text("description");
        Some(Self { name: name?, description: description? })
    }
}
