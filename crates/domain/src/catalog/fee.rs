use serde::Serialize;
use serde_json::Value;

use super::CatalogError;
use super::reader::Fields;
use super::text::Text;

/// One fee on the public fee catalogue (Art. 16). An item with no fees is free, and the
/// lookup says so plainly, because "目录清单之外的收费 … 一律不得执行".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fee {
    name: Text,
    #[serde(flatten)]
    standard: FeeStandard,
    legal_basis: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    reductions: Option<Text>,
}

/// How much a fee is: a fixed amount, or a formula when it depends on the case (floor
/// area, vehicle type and so on). Written in the file as `amount_fen` or `formula`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeStandard {
    AmountFen(Fen),
    Formula(Text),
}

/// An amount of money in fen (分, 1 yuan = 100 fen), kept as an integer so that sums and
/// comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Fen(u64);

impl Fen {
    /// The largest integer a JavaScript number holds exactly. Host pages may read the
    /// catalogue with `JSON.parse`, so larger amounts would be silently rounded there.
    pub const MAX: u64 = 9_007_199_254_740_991;

    pub fn new(fen: u64) -> Result<Self, CatalogError> {
        if fen > Self::MAX {
            return Err(CatalogError::FeeAmountTooLarge { max: Self::MAX });
        }
        Ok(Self(fen))
    }

    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// The amount in yuan with two decimals, such as `20.00`.
    pub fn yuan(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Fee {
    pub(crate) const FIELDS: &'static [&'static str] = &["name", "amount_fen", "formula", "legal_basis", "reductions"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn standard(&self) -> &FeeStandard {
        &self.standard
    }

    pub fn legal_basis(&self) -> &Text {
        &self.legal_basis
    }

    /// Who pays less or nothing, and on what basis (减免政策).
    pub fn reductions(&self) -> Option<&Text> {
        self.reductions.as_ref()
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let standard = read_standard(fields);
        let legal_basis = fields.text("legal_basis");
        let reductions = fields.optional_text("reductions");
        Some(Self { name: name?, standard: standard?, legal_basis: legal_basis?, reductions: reductions? })
    }
}

fn read_standard(fields: &mut Fields<'_, '_>) -> Option<FeeStandard> {
    match (fields.optional("amount_fen"), fields.optional("formula")) {
        (Some(amount), None) => {
            let fen = read_fen(amount);
            fields.check("amount_fen", fen).map(FeeStandard::AmountFen)
        }
        (None, Some(_)) => fields.optional_text("formula").flatten().map(FeeStandard::Formula),
        (None, None) | (Some(_), Some(_)) => {
            fields.reject("amount_fen", &CatalogError::FeeStandard);
            None
        }
    }
}

fn read_fen(amount: &Value) -> Result<Fen, CatalogError> {
    if let Some(fen) = amount.as_u64() {
        return Fen::new(fen);
    }
    let negative = amount.as_i64().is_some_and(|fen| fen < 0) || amount.as_f64().is_some_and(|fen| fen < 0.0);
    if negative {
        return Err(CatalogError::FeeAmountNegative);
    }
    Err(CatalogError::InvalidType { expected: "a whole number of fen" })
}
