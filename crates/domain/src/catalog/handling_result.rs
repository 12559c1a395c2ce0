use serde::{Deserialize, Serialize};

use super::reader::{Choice, Fields};
use super::text::Text;

/// What the applicant receives at the end (办理结果), such as the 营业执照.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandlingResult {
    kind: ResultKind,
    name: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// A certificate (证书, 证明), such as a real-estate title certificate.
    Certificate,
    /// A licence (许可证, 执照), such as a business licence.
    Licence,
    /// An approval document (批文, 决定书), such as an environmental-assessment approval.
    ApprovalDocument,
    /// Anything else: a payment, a registration record, a written decision.
    Other,
}

impl Choice for ResultKind {
    const ALLOWED: &'static str = "certificate, licence, approval_document, other";
}

impl HandlingResult {
    pub(crate) const FIELDS: &'static [&'static str] = &["kind", "name"];

    pub fn kind(&self) -> ResultKind {
        self.kind
    }

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let kind = fields.choice("kind");
        let name = fields.text("name");
        Some(Self { kind: kind?, name: name? })
    }
}
