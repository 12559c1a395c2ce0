//! A completed service transaction (办件), as a department's back office registers it.
//!
//! Registration is what makes a review *verified*: the collector answers with a signed
//! review token bound to this transaction, and the same data later tells the lookup how
//! long the service really takes.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::api_error::{FieldError, is_plain_identifier};
use crate::calendar::TimeLimit;
use crate::review::{Channel, parse_service_code};
use crate::site::SiteId;

/// The registration call's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransactionRequest {
    pub site: String,
    /// The service's implementation code.
    pub service: String,
    /// 办件编号: the department's own number for this case.
    pub transaction_no: String,
    /// When the application was accepted (受理), RFC 3339 with an offset.
    pub accepted_at: String,
    /// When the case was completed (办结), RFC 3339 with an offset.
    pub completed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_limit: Option<TimeLimit>,
    /// Why the case ran over its promised limit (Art. 28), when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_reason: Option<String>,
    /// Where the citizen will be asked to rate it; PC by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// How many days the review token stays valid: 1 to 365, 30 by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<i64>,
}

/// The answer: a token for the review form and a page that already carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransactionReceipt {
    pub token: String,
    pub review_url: String,
    /// When the token stops working, RFC 3339.
    pub expires_at: String,
}

/// A registration that passed every rule that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub site: SiteId,
    pub service: String,
    pub transaction_no: String,
    pub accepted_at: OffsetDateTime,
    pub completed_at: OffsetDateTime,
    pub promised_limit: Option<TimeLimit>,
    pub overdue_reason: Option<String>,
    pub channel: Channel,
    pub valid_days: u16,
}

pub const MAX_OVERDUE_REASON_CHARS: usize = 500;

impl Transaction {
    pub fn parse(req: &TransactionRequest) -> Result<Self, FieldError> {
        let site = SiteId::parse(&req.site)?;
        let service = parse_service_code(&req.service)?;
        let transaction_no = parse_transaction_no(&req.transaction_no)?;
        let accepted_at = parse_time("accepted_at", &req.accepted_at)?;
        let completed_at = parse_time("completed_at", &req.completed_at)?;
        if completed_at < accepted_at {
            return Err(FieldError::new(
                "completed_at",
                "before_accepted",
                "completed_at must not be before accepted_at",
            ));
        }
        if let Some(limit) = req.promised_limit
            && limit.amount == 0
        {
            return Err(FieldError::new("promised_limit.amount", "out_of_range", "a time limit must be at least 1"));
        }
        let overdue_reason = match req.overdue_reason.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(r) if r.chars().count() > MAX_OVERDUE_REASON_CHARS => {
                return Err(FieldError::new(
                    "overdue_reason",
                    "too_long",
                    "overdue_reason must be at most 500 characters",
                ));
            }
            Some(r) => Some(r.to_owned()),
        };
        let channel = req.channel.unwrap_or_default();
        if channel == Channel::SystemDefault {
            return Err(FieldError::new("channel", "reserved", "only the system records default ratings"));
        }
        let valid_days = match req.valid_days.unwrap_or(30) {
            d @ 1..=365 => d as u16,
            _ => return Err(FieldError::new("valid_days", "out_of_range", "valid_days must be from 1 to 365")),
        };
        Ok(Self {
            site,
            service,
            transaction_no,
            accepted_at,
            completed_at,
            promised_limit: req.promised_limit,
            overdue_reason,
            channel,
            valid_days,
        })
    }
}

/// 办件编号: 1 to 64 of `[A-Za-z0-9._-]`.
pub fn parse_transaction_no(raw: &str) -> Result<String, FieldError> {
    if is_plain_identifier(raw) {
        Ok(raw.to_owned())
    } else {
        Err(FieldError::new(
            "transaction_no",
            "invalid_transaction_no",
            "transaction_no must be 1 to 64 letters, digits, '.', '-' or '_'",
        ))
    }
}

fn parse_time(field: &str, raw: &str) -> Result<OffsetDateTime, FieldError> {
    OffsetDateTime::parse(raw, &Rfc3339).map_err(|_| {
        FieldError::new(
            field,
            "invalid_time",
            "times must be RFC 3339 with an offset, such as 2026-11-28T09:30:00+08:00",
        )
    })
}

impl crate::parse::Parse for Transaction {
    type Raw = TransactionRequest;

    fn parse(raw: TransactionRequest) -> Result<Self, FieldError> {
        Transaction::parse(&raw)
    }
}
