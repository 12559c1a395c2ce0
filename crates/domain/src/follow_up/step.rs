//! A follow-up step: its wire form, the typed step it parses into, and where it leads.

use serde::{Deserialize, Serialize};

use super::{Decision, Outcome, Stage, StepKind, Verification};
use crate::api_error::FieldError;

/// One step staff record on the desk, as it crosses the wire; [`FollowUpStep`] is what it
/// parses into.
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

/// A follow-up step that keeps its rules: its text present, trimmed and at most
/// [`MAX_NOTE_CHARS`], and a decision's due date there exactly when it is a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpStep {
    CallBack { reached: bool, note: String },
    Verify { verification: Verification, note: String },
    Decide { decision: Decision, note: String },
    Rectified { note: String },
    Reply { reply: String },
}

impl crate::parse::Parse for FollowUpStep {
    type Raw = FollowUpAction;

    fn parse(raw: FollowUpAction) -> Result<Self, FieldError> {
        Ok(match raw {
            FollowUpAction::CallBack { reached, note } => Self::CallBack { reached, note: text("note", &note)? },
            FollowUpAction::Verify { verification, note } => Self::Verify { verification, note: text("note", &note)? },
            FollowUpAction::Decide { outcome, note, plan_due } => {
                let note = text("note", &note)?;
                Self::Decide { decision: decision(outcome, plan_due.as_deref())?, note }
            }
            FollowUpAction::Rectified { note } => Self::Rectified { note: text("note", &note)? },
            FollowUpAction::Reply { reply } => Self::Reply { reply: text("reply", &reply)? },
        })
    }
}

/// A step's text, trimmed: every step needs one.
fn text(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Err(FieldError::new(field, "required", "every step needs a note"));
    }
    if chars > MAX_NOTE_CHARS {
        return Err(FieldError::new(field, "too_long", "notes must be at most 2000 characters"));
    }
    Ok(trimmed.to_owned())
}

fn decision(outcome: Outcome, plan_due: Option<&str>) -> Result<Decision, FieldError> {
    match (outcome, plan_due) {
        (Outcome::RectificationPlan, None) => {
            Err(FieldError::new("plan_due", "required", "a rectification plan needs a due date"))
        }
        (Outcome::RectificationPlan, Some(due)) => crate::iso_date::parse(due)
            .map(|due| Decision::RectificationPlan { due })
            .ok_or_else(|| FieldError::new("plan_due", "invalid_date", "plan_due must be a date such as 2026-12-31")),
        (_, Some(_)) => Err(FieldError::new("plan_due", "not_allowed", "only a rectification plan has a due date")),
        (Outcome::FixedOnTheSpot, None) => Ok(Decision::FixedOnTheSpot),
        (Outcome::Explanation, None) => Ok(Decision::Explanation),
    }
}

impl FollowUpStep {
    pub fn kind(&self) -> StepKind {
        match self {
            Self::CallBack { .. } => StepKind::CallBack,
            Self::Verify { .. } => StepKind::Verify,
            Self::Decide { .. } => StepKind::Decide,
            Self::Rectified { .. } => StepKind::Rectified,
            Self::Reply { .. } => StepKind::Reply,
        }
    }

    /// The text this step records: the note, or the reply.
    pub fn text(&self) -> &str {
        match self {
            Self::CallBack { note, .. }
            | Self::Verify { note, .. }
            | Self::Decide { note, .. }
            | Self::Rectified { note } => note,
            Self::Reply { reply } => reply,
        }
    }

    /// The stage after this step, or why the step is not allowed now.
    pub fn apply(&self, stage: Stage, named: bool) -> Result<Stage, IllegalStep> {
        if stage.next_step(named) != Some(self.kind()) {
            return Err(IllegalStep { kind: self.kind(), stage });
        }
        Ok(match self {
            Self::CallBack { .. } => Stage::CalledBack,
            Self::Verify { .. } => Stage::Verified,
            Self::Decide { decision: Decision::RectificationPlan { .. }, .. } => Stage::Rectifying,
            Self::Decide { .. } | Self::Rectified { .. } => Stage::AwaitingReply,
            Self::Reply { .. } => Stage::Closed,
        })
    }
}

/// A step that does not fit the follow-up's stage (answered with 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {} step is not allowed while the follow-up is at stage {}", kind.as_str(), stage.as_str())]
pub struct IllegalStep {
    pub kind: StepKind,
    pub stage: Stage,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Parse;

    fn step(action: FollowUpAction) -> FollowUpStep {
        FollowUpStep::parse(action).unwrap()
    }
    fn call() -> FollowUpStep {
        step(FollowUpAction::CallBack { reached: true, note: "已联系".into() })
    }
    fn verify() -> FollowUpStep {
        step(FollowUpAction::Verify { verification: Verification::Confirmed, note: "属实".into() })
    }
    fn plan() -> FollowUpStep {
        step(FollowUpAction::Decide {
            outcome: Outcome::RectificationPlan,
            note: "增设窗口".into(),
            plan_due: Some("2026-12-31".into()),
        })
    }
    fn rectified() -> FollowUpStep {
        step(FollowUpAction::Rectified { note: "已增设".into() })
    }
    fn reply() -> FollowUpStep {
        step(FollowUpAction::Reply { reply: "感谢监督".into() })
    }

    #[test]
    fn a_named_review_goes_through_every_step_in_order() {
        let mut stage = Stage::New;
        for step in [call(), verify(), plan(), rectified(), reply()] {
            assert_eq!(stage.next_step(true), Some(step.kind()));
            stage = step.apply(stage, true).unwrap();
        }
        assert_eq!(stage, Stage::Closed);
        assert_eq!(stage.next_step(true), None);
    }

    #[test]
    fn each_step_applies_only_where_the_state_machine_names_it() {
        assert!(verify().apply(Stage::New, true).is_err(), "named reviews are called back first");
        assert_eq!(verify().apply(Stage::New, false), Ok(Stage::Verified));
        assert!(call().apply(Stage::New, false).is_err(), "nobody to call");
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
            for named in [false, true] {
                for step in [call(), verify(), plan(), rectified(), reply()] {
                    let allowed = stage.next_step(named) == Some(step.kind());
                    assert_eq!(step.apply(stage, named).is_ok(), allowed, "{:?} at {stage:?}", step.kind());
                }
            }
        }
        let fixed = step(FollowUpAction::Decide { outcome: Outcome::FixedOnTheSpot, note: "x".into(), plan_due: None });
        assert_eq!(fixed.apply(Stage::Verified, true), Ok(Stage::AwaitingReply));
        assert_eq!(plan().apply(Stage::Verified, true), Ok(Stage::Rectifying));
    }

    #[test]
    fn a_plan_needs_a_real_due_date_and_notes_are_required() {
        let decide = |outcome, plan_due: Option<&str>| {
            FollowUpStep::parse(FollowUpAction::Decide {
                outcome,
                note: " x ".into(),
                plan_due: plan_due.map(Into::into),
            })
        };
        assert_eq!(decide(Outcome::RectificationPlan, None).unwrap_err().field, "plan_due");
        assert_eq!(decide(Outcome::RectificationPlan, Some("2026-02-30")).unwrap_err().rule, "invalid_date");
        assert_eq!(decide(Outcome::Explanation, Some("2026-12-31")).unwrap_err().rule, "not_allowed");
        let due = time::macros::date!(2026 - 12 - 31);
        let parsed = FollowUpStep::Decide { decision: Decision::RectificationPlan { due }, note: "x".into() };
        assert_eq!(decide(Outcome::RectificationPlan, Some("2026-12-31")), Ok(parsed));
        let blank = FollowUpStep::parse(FollowUpAction::Reply { reply: " ".into() });
        assert_eq!(blank.unwrap_err().field, "reply");
        let long = FollowUpStep::parse(FollowUpAction::Rectified { note: "长".repeat(MAX_NOTE_CHARS + 1) });
        assert_eq!(long.unwrap_err().rule, "too_long");
    }

    #[test]
    fn the_stored_names_read_back() {
        for v in Verification::ALL {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
    }
}
