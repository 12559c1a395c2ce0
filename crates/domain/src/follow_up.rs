//! What happens after a poor review (回访核实 → 整改 → 反馈), as a small state machine.
//!
//! The department calls the reviewer back (when they left a contact), verifies the
//! complaint, decides an outcome, rectifies when it planned to, and replies. Every step is
//! an append-only event; the stage is what the events add up to.

use serde::{Deserialize, Serialize};

use crate::api_error::FieldError;

/// Where a poor review's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Waiting for the call-back (or, for an anonymous review, the verification).
    New,
    CalledBack,
    Verified,
    /// A rectification plan with a due date is under way (限期整改).
    Rectifying,
    /// The outcome is settled; the reply to the reviewer is still to come.
    AwaitingReply,
    /// The reviewer has the department's reply.
    Closed,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::CalledBack => "called_back",
            Stage::Verified => "verified",
            Stage::Rectifying => "rectifying",
            Stage::AwaitingReply => "awaiting_reply",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "new" => Stage::New,
            "called_back" => Stage::CalledBack,
            "verified" => Stage::Verified,
            "rectifying" => Stage::Rectifying,
            "awaiting_reply" => Stage::AwaitingReply,
            "closed" => Stage::Closed,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// 查实: the complaint is confirmed.
    Confirmed,
    NotConfirmed,
    /// 申诉复核: appealed as a mistaken review (误评).
    AppealedMistaken,
    /// Appealed as a malicious review.
    AppealedMalicious,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 立行立改: fixed on the spot.
    FixedOnTheSpot,
    /// 限期整改: a rectification plan with a due date.
    RectificationPlan,
    /// 解释说明: an explanation.
    Explanation,
}

/// One step staff record on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FollowUpAction {
    CallBack { reached: bool, note: String },
    Verify { verification: Verification, note: String },
    Decide { outcome: Outcome, note: String, plan_due: Option<String> },
    Rectified { note: String },
    Reply { reply: String },
}

pub const MAX_NOTE_CHARS: usize = 2000;

impl FollowUpAction {
    pub fn kind(&self) -> &'static str {
        match self {
            FollowUpAction::CallBack { .. } => "call_back",
            FollowUpAction::Verify { .. } => "verify",
            FollowUpAction::Decide { .. } => "decide",
            FollowUpAction::Rectified { .. } => "rectified",
            FollowUpAction::Reply { .. } => "reply",
        }
    }

    /// The text this step records, which every step must have.
    pub fn text(&self) -> &str {
        match self {
            FollowUpAction::CallBack { note, .. }
            | FollowUpAction::Verify { note, .. }
            | FollowUpAction::Decide { note, .. }
            | FollowUpAction::Rectified { note } => note,
            FollowUpAction::Reply { reply } => reply,
        }
    }

    /// Checks the step's own fields.
    pub fn validate(&self) -> Result<(), FieldError> {
        let field = if matches!(self, FollowUpAction::Reply { .. }) { "reply" } else { "note" };
        let chars = self.text().trim().chars().count();
        if chars == 0 {
            return Err(FieldError::new(field, "required", "every step needs a note"));
        }
        if chars > MAX_NOTE_CHARS {
            return Err(FieldError::new(field, "too_long", "notes must be at most 2000 characters"));
        }
        if let FollowUpAction::Decide { outcome, plan_due, .. } = self {
            let needs_due = *outcome == Outcome::RectificationPlan;
            match (needs_due, plan_due.as_deref()) {
                (true, None) => {
                    return Err(FieldError::new("plan_due", "required", "a rectification plan needs a due date"));
                }
                (true, Some(d)) if !is_iso_date(d) => {
                    return Err(FieldError::new(
                        "plan_due",
                        "invalid_date",
                        "plan_due must be a date such as 2026-12-31",
                    ));
                }
                (false, Some(_)) => {
                    return Err(FieldError::new("plan_due", "not_allowed", "only a rectification plan has a due date"));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The stage after this step, or why the step is not allowed now. A named reviewer
    /// (one who left a contact) must be called back before the complaint is verified.
    pub fn apply(&self, stage: Stage, named: bool) -> Result<Stage, IllegalStep> {
        use FollowUpAction as A;
        let next = match (self, stage) {
            (A::CallBack { .. }, Stage::New) if named => Stage::CalledBack,
            (A::Verify { .. }, Stage::CalledBack) => Stage::Verified,
            (A::Verify { .. }, Stage::New) if !named => Stage::Verified,
            (A::Decide { outcome: Outcome::RectificationPlan, .. }, Stage::Verified) => Stage::Rectifying,
            (A::Decide { .. }, Stage::Verified) => Stage::AwaitingReply,
            (A::Rectified { .. }, Stage::Rectifying) => Stage::AwaitingReply,
            (A::Reply { .. }, Stage::AwaitingReply) => Stage::Closed,
            _ => return Err(IllegalStep { kind: self.kind(), stage }),
        };
        Ok(next)
    }
}

/// A step that does not fit the follow-up's stage (answered with 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {kind} step is not allowed while the follow-up is at stage {}", stage.as_str())]
pub struct IllegalStep {
    pub kind: &'static str,
    pub stage: Stage,
}

fn is_iso_date(raw: &str) -> bool {
    crate::iso_date::parse(raw).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> FollowUpAction {
        FollowUpAction::CallBack { reached: true, note: "已联系".into() }
    }
    fn verify() -> FollowUpAction {
        FollowUpAction::Verify { verification: Verification::Confirmed, note: "属实".into() }
    }
    fn plan() -> FollowUpAction {
        FollowUpAction::Decide {
            outcome: Outcome::RectificationPlan,
            note: "增设窗口".into(),
            plan_due: Some("2026-12-31".into()),
        }
    }

    #[test]
    fn a_named_review_goes_through_every_step_in_order() {
        let mut stage = Stage::New;
        for step in [
            call(),
            verify(),
            plan(),
            FollowUpAction::Rectified { note: "已增设".into() },
            FollowUpAction::Reply { reply: "感谢监督".into() },
        ] {
            step.validate().unwrap();
            stage = step.apply(stage, true).unwrap();
        }
        assert_eq!(stage, Stage::Closed);
    }

    #[test]
    fn steps_out_of_order_are_illegal() {
        assert!(verify().apply(Stage::New, true).is_err(), "named reviews are called back first");
        assert_eq!(verify().apply(Stage::New, false), Ok(Stage::Verified));
        assert!(call().apply(Stage::New, false).is_err(), "nobody to call");
        assert!(FollowUpAction::Reply { reply: "x".into() }.apply(Stage::Verified, true).is_err());
        assert!(FollowUpAction::Rectified { note: "x".into() }.apply(Stage::AwaitingReply, true).is_err());
        for stage in
            [Stage::New, Stage::CalledBack, Stage::Verified, Stage::Rectifying, Stage::AwaitingReply, Stage::Closed]
        {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
            assert!(call().apply(Stage::Closed, true).is_err());
        }
    }

    #[test]
    fn a_plan_needs_a_real_due_date_and_notes_are_required() {
        let no_due = FollowUpAction::Decide { outcome: Outcome::RectificationPlan, note: "x".into(), plan_due: None };
        assert_eq!(no_due.validate().unwrap_err().field, "plan_due");
        let bad = FollowUpAction::Decide {
            outcome: Outcome::RectificationPlan,
            note: "x".into(),
            plan_due: Some("2026-02-30".into()),
        };
        assert_eq!(bad.validate().unwrap_err().rule, "invalid_date");
        assert_eq!(FollowUpAction::Reply { reply: " ".into() }.validate().unwrap_err().field, "reply");
    }
}
