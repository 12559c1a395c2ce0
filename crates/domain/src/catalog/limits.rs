use serde::Serialize;

use super::CatalogError;
use super::reader::{Choice, Fields};
use super::text::Text;
use crate::calendar::{LimitUnit, TimeLimit};

impl Choice for LimitUnit {
    const ALLOWED: &'static str = "working_days, natural_days, hours";
}

/// A time limit as published for an item: the amount and unit, and an optional note such
/// as "不含专家评审时间" that says what the clock excludes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limit {
    #[serde(flatten)]
    time: TimeLimit,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Text>,
}

impl Limit {
    pub(crate) const FIELDS: &'static [&'static str] = &["amount", "unit", "note"];

    /// A limit of zero would make every case overdue on the day it is accepted; an item
    /// finished on the spot is published as a few hours instead.
    pub fn new(time: TimeLimit, note: Option<Text>) -> Result<Self, CatalogError> {
        if time.amount == 0 {
            return Err(CatalogError::LimitNotPositive);
        }
        Ok(Self { time, note })
    }

    pub fn time(&self) -> TimeLimit {
        self.time
    }

    pub fn note(&self) -> Option<&Text> {
        self.note.as_ref()
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let amount = fields.count("amount");
        let unit = fields.choice("unit");
        let note = fields.optional_text("note");
        let time = TimeLimit { amount: amount?, unit: unit? };
        let limit = Self::new(time, note?);
        fields.check("amount", limit)
    }
}

/// The legal limit (法定办结时限) and the promised, shortened limit (承诺办结时限) of
/// Art. 28, which may only shorten the legal one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limits {
    #[serde(rename = "legal_limit")]
    legal: Limit,
    #[serde(rename = "promised_limit")]
    promised: Limit,
}

impl Limits {
    /// Limits in different units (20 working days promised as 48 hours, say) cannot be
    /// compared without a calendar, so only same-unit limits are checked here.
    pub fn new(legal: Limit, promised: Limit) -> Result<Self, CatalogError> {
        let (legal_time, promised_time) = (legal.time, promised.time);
        if legal_time.unit == promised_time.unit && promised_time.amount > legal_time.amount {
            return Err(CatalogError::PromisedExceedsLegal {
                promised: promised_time.amount,
                legal: legal_time.amount,
            });
        }
        Ok(Self { legal, promised })
    }

    pub fn legal(&self) -> &Limit {
        &self.legal
    }

    pub fn promised(&self) -> &Limit {
        &self.promised
    }

    /// By how many percent the promise shortens the legal limit, rounded down, for the
    /// "压缩 N%" badge; `None` when the two are in different units.
    pub fn compression_percent(&self) -> Option<u32> {
        let (legal, promised) = (self.legal.time, self.promised.time);
        if legal.unit != promised.unit {
            return None;
        }
        let saved = u64::from(legal.amount.saturating_sub(promised.amount));
        u32::try_from(saved * 100 / u64::from(legal.amount)).ok()
    }
}
