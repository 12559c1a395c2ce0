//! The steps that move an observation along its lifecycle: a department's (assign,
//! confirm, plan, rectify) and the supervisor's follow-up. Each is checked against the
//! domain's state machine and applied only if nobody moved the observation meanwhile.

use mingjing_domain::api_error::FieldError;
use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::iso_date;
use mingjing_domain::supervision::{
    ObservationEventKind, ObservationRole, ObservationStage, StaffStep, SupervisionSettings, check_note,
    illegal_transition,
};

use time::Date;

use crate::app::state::AppState;
use crate::catalog::index::CatalogIndex;
use crate::china_time::{self, now_millis};
use crate::http::error::ApiError;
use crate::storage::{ObservationEventRow, ObservationRow, ObservationStep, SupervisorRow};

/// Where a staff step takes an observation: the stage, and the due date and department it
/// sets, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMove {
    pub to: ObservationStage,
    pub due_date: Option<Date>,
    pub department: Option<String>,
}

/// Checks a staff step against the lifecycle at `from`, the catalogue's departments and
/// `today`, without touching storage: the handler and the fuzzer both call it.
pub fn staff_move(
    action: &StaffStep,
    from: ObservationStage,
    today: Date,
    catalogue: &CatalogIndex,
    settings: &SupervisionSettings,
) -> Result<StaffMove, ApiError> {
    let to = action.next(from).ok_or_else(|| ApiError::Conflict {
        code: "illegal_transition",
        message: illegal_transition(action.kind().as_str(), from),
    })?;
    let (due_date, department) = match action {
        StaffStep::Assign { department, .. } => {
            if !catalogue.departments().iter().any(|(name, _)| name == department) {
                let message = "not a department of the service catalogue";
                return Err(FieldError::new("department", "unknown_department", message).into());
            }
            let due = WorkCalendar::china().add_working_days(today, settings.answer_working_days);
            (Some(due.date), Some(department.clone()))
        }
        StaffStep::Plan { due, .. } => {
            if *due < today {
                let message = "the rectification cannot be due before today";
                return Err(FieldError::new("due", "in_the_past", message).into());
            }
            (Some(*due), None)
        }
        _ => (None, None),
    };
    Ok(StaffMove { to, due_date, department })
}

/// A staff step: checked against the lifecycle and applied if nobody moved it meanwhile.
pub async fn staff_step(
    state: &AppState,
    row: &ObservationRow,
    settings: &SupervisionSettings,
    actor: String,
    action: &StaffStep,
) -> Result<(), ApiError> {
    let from = row.stage;
    let now = now_millis();
    let today = china_time::china_date(now);
    // Only an assignment names a department to look up in the catalogue.
    let catalogue = match action {
        StaffStep::Assign { .. } => state.catalog.index(&state.storage).await?,
        _ => std::sync::Arc::default(),
    };
    let StaffMove { to, due_date, department } = staff_move(action, from, today, &catalogue, settings)?;
    let step = ObservationStep {
        from,
        to,
        event: ObservationEventRow {
            at: now,
            role: ObservationRole::Staff,
            actor,
            kind: action.kind(),
            note: action.note().to_owned(),
            department: department.clone(),
            due_date: due_date.map(iso_date::format),
        },
        due_date,
        department,
        confirmed: matches!(action, StaffStep::Confirm { .. }).then_some(true),
        rectified_day: matches!(action, StaffStep::Rectified { .. }).then_some(today),
        reopens: false,
    };
    if state.storage.apply_observation_step(row.id, &step).await? {
        Ok(())
    } else {
        Err(ApiError::Conflict { code: "stale", message: "someone else moved this observation on; reload it".into() })
    }
}

/// The supervisor is not satisfied with the answer: the observation goes back to be
/// assigned again, at most `max_reopens` times.
pub async fn follow_up(
    state: &AppState,
    row: &ObservationRow,
    settings: &SupervisionSettings,
    supervisor: &SupervisorRow,
    note: &str,
) -> Result<(), ApiError> {
    check_note(note)?;
    let from = row.stage;
    if !from.is_answered() {
        return Err(ApiError::Conflict { code: "illegal_transition", message: illegal_transition("follow up", from) });
    }
    if row.reopened >= i64::from(settings.max_reopens) {
        let message = format!("an observation can be reopened at most {} times", settings.max_reopens);
        return Err(ApiError::Conflict { code: "reopen_limit", message });
    }
    let step = ObservationStep {
        from,
        to: ObservationStage::Submitted,
        event: ObservationEventRow {
            at: now_millis(),
            role: ObservationRole::Supervisor,
            actor: format!("supervisor:{}", supervisor.id),
            kind: ObservationEventKind::FollowUp,
            note: note.trim().to_owned(),
            department: None,
            due_date: None,
        },
        due_date: None,
        department: None,
        confirmed: None,
        rectified_day: None,
        reopens: true,
    };
    if state.storage.apply_observation_step(row.id, &step).await? {
        Ok(())
    } else {
        Err(ApiError::Conflict { code: "stale", message: "the observation changed meanwhile; reload it".into() })
    }
}
