use serde::Serialize;

use super::reader::Fields;
use super::text::Text;

/// A certification (证明事项) an applicant must obtain from another body (Art. 36).
///
/// The issuing body is mandatory because a citizen needs to know where to go, and Art. 36
/// lets the lookup flag any certificate demanded that is not on this list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredCertificate {
    name: Text,
    issuer: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_basis: Option<Text>,
}

impl RequiredCertificate {
    pub(crate) const FIELDS: &'static [&'static str] = &["name", "issuer", "legal_basis"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn issuer(&self) -> &Text {
        &self.issuer
    }

    pub fn legal_basis(&self) -> Option<&Text> {
        self.legal_basis.as_ref()
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let issuer = fields.text("issuer");
        let legal_basis = fields.optional_text("legal_basis");
        Some(Self { name: name?, issuer: issuer?, legal_basis: legal_basis? })
    }
}
