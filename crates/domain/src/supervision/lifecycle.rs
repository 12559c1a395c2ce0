//! An observation's lifecycle (投诉举报 → 交办处理 → 跟踪督办 → 结果反馈) as a state machine.
//! Every step is an append-only event with a note; the stage is where the events lead.

use serde::{Deserialize, Serialize};

use time::Date;

use super::views::ObservationEventKind;
use crate::api_error::FieldError;

const NOTE_MAX: usize = 1000;

/// Where an observation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObservationStage {
    /// New, or reopened by the supervisor: waiting to be assigned (交办).
    Submitted,
    /// With a department, which must confirm it or not by the due date.
    Assigned,
    /// 查实: confirmed; a rectification plan is due.
    Confirmed,
    /// Not confirmed, with the reasons as the reply. The supervisor may reopen it.
    NotConfirmed,
    /// 整改中: a plan with a due date.
    Rectifying,
    /// 已整改: done, with the result as the reply. The supervisor may reopen it.
    Rectified,
}

impl ObservationStage {
    pub const ALL: [Self; 6] =
        [Self::Submitted, Self::Assigned, Self::Confirmed, Self::NotConfirmed, Self::Rectifying, Self::Rectified];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Assigned => "assigned",
            Self::Confirmed => "confirmed",
            Self::NotConfirmed => "not_confirmed",
            Self::Rectifying => "rectifying",
            Self::Rectified => "rectified",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Whether the supervisor has had an answer: the two stages a follow-up may reopen.
    pub fn is_answered(self) -> bool {
        matches!(self, Self::NotConfirmed | Self::Rectified)
    }
}

/// A step staff record on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffAction {
    /// 交办: hand it to the department responsible, due in the site's working days.
    Assign { department: String, note: String },
    /// 查实.
    Confirm { note: String },
    /// Not confirmed; the note gives the reasons, which the supervisor reads.
    NotConfirm { note: String },
    /// 限期整改: the plan, due on a day (`YYYY-MM-DD`).
    Plan { note: String, due: String },
    /// Rectified; the note is the result, which the supervisor reads.
    Rectified { note: String },
}

/// A staff step that keeps its rules: the note present and trimmed, an assignment's
/// department named, a plan's due a real day. [`StaffAction`] is its wire form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffStep {
    Assign { department: String, note: String },
    Confirm { note: String },
    NotConfirm { note: String },
    Plan { note: String, due: Date },
    Rectified { note: String },
}

impl crate::parse::Parse for StaffStep {
    type Raw = StaffAction;

    fn parse(raw: StaffAction) -> Result<Self, FieldError> {
        let note = |note: &str| check_note(note).map(|()| note.trim().to_owned());
        Ok(match raw {
            StaffAction::Assign { department, note: n } => {
                let note = note(&n)?;
                let department = department.trim();
                if department.is_empty() {
                    return Err(FieldError::new("department", "required", "choose the department to assign it to"));
                }
                Self::Assign { department: department.to_owned(), note }
            }
            StaffAction::Confirm { note: n } => Self::Confirm { note: note(&n)? },
            StaffAction::NotConfirm { note: n } => Self::NotConfirm { note: note(&n)? },
            StaffAction::Plan { note: n, due } => {
                let note = note(&n)?;
                let due = crate::iso_date::parse(&due)
                    .ok_or_else(|| FieldError::new("due", "invalid_date", "due is a day such as 2026-12-31"))?;
                Self::Plan { note, due }
            }
            StaffAction::Rectified { note: n } => Self::Rectified { note: note(&n)? },
        })
    }
}

impl StaffStep {
    /// How the step appears in the history.
    pub fn kind(&self) -> ObservationEventKind {
        match self {
            Self::Assign { .. } => ObservationEventKind::Assign,
            Self::Confirm { .. } => ObservationEventKind::Confirm,
            Self::NotConfirm { .. } => ObservationEventKind::NotConfirm,
            Self::Plan { .. } => ObservationEventKind::Plan,
            Self::Rectified { .. } => ObservationEventKind::Rectified,
        }
    }

    pub fn note(&self) -> &str {
        match self {
            Self::Assign { note, .. }
            | Self::Confirm { note }
            | Self::NotConfirm { note }
            | Self::Plan { note, .. }
            | Self::Rectified { note } => note,
        }
    }

    /// The stage this step leads to from `from`, or `None` when it does not apply there.
    pub fn next(&self, from: ObservationStage) -> Option<ObservationStage> {
        use ObservationStage as S;
        match (self, from) {
            (Self::Assign { .. }, S::Submitted) => Some(S::Assigned),
            (Self::Confirm { .. }, S::Assigned) => Some(S::Confirmed),
            (Self::NotConfirm { .. }, S::Assigned) => Some(S::NotConfirmed),
            (Self::Plan { .. }, S::Confirmed) => Some(S::Rectifying),
            (Self::Rectified { .. }, S::Rectifying) => Some(S::Rectified),
            _ => None,
        }
    }
}

/// A note is 1 to 1,000 characters.
pub fn check_note(note: &str) -> Result<(), FieldError> {
    let n = note.trim().chars().count();
    if n == 0 {
        return Err(FieldError::new("note", "required", "write a note: the supervisor reads every step"));
    }
    if n > NOTE_MAX {
        return Err(FieldError::new("note", "too_long", format!("a note is at most {NOTE_MAX} characters")));
    }
    Ok(())
}

/// The message for a step that does not apply at a stage.
pub fn illegal_transition(action: &str, stage: ObservationStage) -> String {
    format!("cannot {action} an observation that is {}", stage.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Parse;
    use ObservationStage as S;

    fn note() -> String {
        "已核实".to_owned()
    }

    #[test]
    fn each_step_applies_at_exactly_one_stage() {
        let steps = [
            (StaffAction::Assign { department: "某局".into(), note: note() }, S::Submitted, S::Assigned),
            (StaffAction::Confirm { note: note() }, S::Assigned, S::Confirmed),
            (StaffAction::NotConfirm { note: note() }, S::Assigned, S::NotConfirmed),
            (StaffAction::Plan { note: note(), due: "2026-12-31".into() }, S::Confirmed, S::Rectifying),
            (StaffAction::Rectified { note: note() }, S::Rectifying, S::Rectified),
        ];
        for (action, from, to) in steps {
            let step = StaffStep::parse(action).unwrap();
            for stage in S::ALL {
                let expected = (stage == from).then_some(to);
                assert_eq!(step.next(stage), expected, "{} at {}", step.kind().as_str(), stage.as_str());
            }
        }
        assert!(S::NotConfirmed.is_answered() && S::Rectified.is_answered() && !S::Rectifying.is_answered());
    }

    #[test]
    fn notes_and_dates_are_checked() {
        assert_eq!(StaffStep::parse(StaffAction::Confirm { note: " ".into() }).unwrap_err().field, "note");
        let plan = StaffAction::Plan { note: note(), due: "next week".into() };
        assert_eq!(StaffStep::parse(plan).unwrap_err().field, "due");
        let long = StaffAction::Rectified { note: "长".repeat(NOTE_MAX + 1) };
        assert_eq!(StaffStep::parse(long).unwrap_err().rule, "too_long");
        let plan = StaffAction::Plan { note: " 整改 ".into(), due: "2026-12-31".into() };
        let parsed = StaffStep::Plan { note: "整改".into(), due: time::macros::date!(2026 - 12 - 31) };
        assert_eq!(StaffStep::parse(plan), Ok(parsed));
        let nobody = StaffAction::Assign { department: "  ".into(), note: note() };
        assert_eq!(StaffStep::parse(nobody).unwrap_err().field, "department");
    }
}
