//! Exclusion after appeal (申诉复核, 国办发〔2019〕51号): a review found, after a check, to be
//! mistaken (误评) or malicious (恶意) leaves the published rating figures. One member of
//! staff asks for it with a reason; another, with the approver right, confirms or refuses
//! it, never the one who asked. The review stays on the desk with its whole history, is
//! counted publicly as excluded with its category, and nothing is deleted.

use serde::{Deserialize, Serialize};

use crate::api_error::FieldError;
use crate::parse::Parse;

/// Why a review is excluded, as the published figures count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionCategory {
    /// 误评: the reviewer meant another service, department or rating.
    Mistaken,
    /// 恶意: a review made to harm, not to rate the service.
    Malicious,
}

impl ExclusionCategory {
    pub const ALL: [Self; 2] = [Self::Mistaken, Self::Malicious];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mistaken => "mistaken",
            Self::Malicious => "malicious",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// How long a reason or a decision's note may be, in characters.
pub const REASON_CHARS: std::ops::RangeInclusive<usize> = 2..=500;

/// A request to exclude a review, as it crosses the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExclusionRequest {
    pub category: ExclusionCategory,
    /// What the check found: 2 to 500 characters, kept in the review's history.
    pub reason: String,
}

/// An approver's answer to a request, as it crosses the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExclusionDecision {
    /// `true` excludes the review from the figures; `false` refuses the request, and the
    /// review keeps counting (a new request may follow).
    pub approve: bool,
    /// Why: 2 to 500 characters, kept in the review's history.
    pub note: String,
}

/// A request whose reason keeps the rule, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskExclusion {
    pub category: ExclusionCategory,
    pub reason: String,
}

/// A decision whose note keeps the rule, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideExclusion {
    pub approve: bool,
    pub note: String,
}

fn text(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if !REASON_CHARS.contains(&trimmed.chars().count()) {
        return Err(FieldError::new(field, "length", format!("{field} is 2 to 500 characters")));
    }
    Ok(trimmed.to_owned())
}

impl Parse for AskExclusion {
    type Raw = ExclusionRequest;

    fn parse(raw: ExclusionRequest) -> Result<Self, FieldError> {
        Ok(Self { category: raw.category, reason: text("reason", &raw.reason)? })
    }
}

impl Parse for DecideExclusion {
    type Raw = ExclusionDecision;

    fn parse(raw: ExclusionDecision) -> Result<Self, FieldError> {
        Ok(Self { approve: raw.approve, note: text("note", &raw.note)? })
    }
}

/// Where a review's exclusion stands, as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExclusionView {
    pub category: ExclusionCategory,
    /// `false` while it waits for an approver; `true` once the review is excluded.
    pub excluded: bool,
    /// Who asked, such as `staff:7`.
    pub requested_by: String,
    /// Whether the staff member reading this asked for it (and so may not decide it).
    pub requested_by_me: bool,
    /// Whether the staff member reading this may confirm or refuse it now: an approver,
    /// not the one who asked, while it waits.
    pub may_decide: bool,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_notes_are_two_to_five_hundred_characters_trimmed() {
        let ask = |reason: &str| {
            AskExclusion::parse(ExclusionRequest { category: ExclusionCategory::Mistaken, reason: reason.into() })
        };
        assert_eq!(ask("  评价对象错误  ").unwrap().reason, "评价对象错误");
        assert_eq!(ask(" 错 ").unwrap_err().field, "reason");
        assert_eq!(ask(&"长".repeat(501)).unwrap_err().rule, "length");
        let decide = DecideExclusion::parse(ExclusionDecision { approve: true, note: "".into() });
        assert_eq!(decide.unwrap_err().field, "note");
        for c in ExclusionCategory::ALL {
            assert_eq!(ExclusionCategory::parse(c.as_str()), Some(c));
        }
    }
}
