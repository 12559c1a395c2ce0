use serde::Serialize;

use super::limits::Limit;
use super::reader::Fields;
use super::text::Text;

/// An intermediary service (中介服务) that is a condition for approval, such as an
/// environmental-impact assessment.
///
/// Art. 35 allows these only with a basis in law, regulation or State Council decision,
/// and requires their conditions, steps, time limit and fee to be public, so all five are
/// mandatory here. The applicant chooses the provider; the catalogue never names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntermediaryService {
    name: Text,
    legal_basis: Text,
    conditions: Text,
    steps: Text,
    time_limit: Limit,
    fee: Text,
}

impl IntermediaryService {
    pub(crate) const FIELDS: &'static [&'static str] =
        &["name", "legal_basis", "conditions", "steps", "time_limit", "fee"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn legal_basis(&self) -> &Text {
        &self.legal_basis
    }

    pub fn conditions(&self) -> &Text {
        &self.conditions
    }

    pub fn steps(&self) -> &Text {
        &self.steps
    }

    pub fn time_limit(&self) -> &Limit {
        &self.time_limit
    }

    /// The fee standard in words; most intermediary fees are market-set (市场调节价).
    pub fn fee(&self) -> &Text {
        &self.fee
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let legal_basis = fields.text("legal_basis");
        let conditions = fields.text("conditions");
        let steps = fields.text("steps");
        let time_limit = fields.object("time_limit", Limit::FIELDS, Limit::read);
        let fee = fields.text("fee");
        Some(Self {
            name: name?,
            legal_basis: legal_basis?,
            conditions: conditions?,
            steps: steps?,
            time_limit: time_limit?,
            fee: fee?,
        })
    }
}
