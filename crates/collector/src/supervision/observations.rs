//! Supervisors' observations between the storage and the routes: what a list, a timeline,
//! a dashboard, a year-end report and the public figures show, and the steps that move an
//! observation along its lifecycle.

use std::collections::BTreeMap;

use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::supervision::{
    Chapter, Dashboard, DepartmentSupervision, Method, ObservationEvent, ObservationStage, ObservationSummary,
    ObservationView, StaffAction, StageCount, SupervisionSettings, SupervisionStats, check_note, illegal_transition,
};

use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::china_time::{self, rfc3339};
use crate::files::safe_csv::SafeCsvWriter;
use crate::http::error::ApiError;
use crate::storage::{ObservationEventRow, ObservationRow, ObservationStep, Site, SupervisorRow};

/// The site's supervision settings, defaults for anything it does not set.
/// The site's supervision settings; a stored section that does not decode is corrupt data.
pub fn settings(site: &Site) -> Result<SupervisionSettings, ApiError> {
    match site.config.get("supervision") {
        Some(section) => serde::Deserialize::deserialize(section)
            .map_err(|e| ApiError::Internal(format!("site {}: supervision settings: {e}", site.id))),
        None => Ok(SupervisionSettings::default()),
    }
}

fn stage_of(row: &ObservationRow) -> Result<ObservationStage, ApiError> {
    ObservationStage::parse(&row.stage).ok_or_else(|| ApiError::Internal(format!("stage {:?}", row.stage)))
}

pub fn summary(row: &ObservationRow, today: &str) -> Result<ObservationSummary, ApiError> {
    let stage = stage_of(row)?;
    let method = Method::parse(&row.method).ok_or_else(|| ApiError::Internal(format!("method {:?}", row.method)))?;
    let chapter =
        Chapter::parse(&row.chapter).ok_or_else(|| ApiError::Internal(format!("chapter {:?}", row.chapter)))?;
    Ok(ObservationSummary {
        id: row.id,
        department: row.department.clone(),
        service: row.service.clone(),
        place: row.place.clone(),
        observed_at: row.observed_at.clone(),
        method,
        chapter,
        article: row.article.and_then(|a| u32::try_from(a).ok()),
        stage,
        due: row.due_date.clone(),
        overdue: row.due_date.as_deref().is_some_and(|due| today > due),
        submitted_at: rfc3339(row.submitted_at),
        reopened: u32::try_from(row.reopened).unwrap_or_default(),
    })
}

fn event(row: ObservationEventRow) -> ObservationEvent {
    ObservationEvent {
        at: rfc3339(row.at),
        role: row.role,
        kind: row.kind,
        note: row.note,
        department: row.department,
        due: row.due_date,
    }
}

/// The whole observation: for its supervisor, or (with the supervisor's name) for staff.
pub async fn view(
    state: &AppState,
    row: &ObservationRow,
    settings: &SupervisionSettings,
    supervisor_name: Option<String>,
) -> Result<ObservationView, ApiError> {
    let summary = summary(row, &china_time::today())?;
    let events = state.storage.observation_events(row.id).await?.into_iter().map(event).collect();
    let photos = state.storage.observation_photo_ids(row.id).await?;
    let can_follow_up = summary.stage.is_answered() && summary.reopened < settings.max_reopens;
    Ok(ObservationView {
        summary,
        description: row.description.clone(),
        photos,
        events,
        can_follow_up,
        supervisor: supervisor_name,
    })
}

/// A staff step: checked against the lifecycle and applied if nobody moved it meanwhile.
pub async fn staff_step(
    state: &AppState,
    row: &ObservationRow,
    settings: &SupervisionSettings,
    actor: String,
    action: &StaffAction,
) -> Result<(), ApiError> {
    action.validate()?;
    let from = stage_of(row)?;
    let to = action.next(from).ok_or_else(|| ApiError::Conflict {
        code: "illegal_transition",
        message: illegal_transition(action.name(), from),
    })?;
    let now = now_millis();
    let today = china_time::today();
    let (due_date, department) = match action {
        StaffAction::Assign { department, .. } => {
            let index = state.catalog.index(&state.storage).await?;
            if !index.departments().iter().any(|(name, _)| name == department.trim()) {
                let message = "not a department of the service catalogue";
                return Err(
                    mingjing_domain::api_error::FieldError::new("department", "unknown_department", message).into()
                );
            }
            let due = WorkCalendar::china().add_working_days(china_time::china_date(now), settings.answer_working_days);
            (Some(china_time::iso(due.date)), Some(department.trim().to_owned()))
        }
        StaffAction::Plan { due, .. } => {
            if due.as_str() < today.as_str() {
                let message = "the rectification cannot be due before today";
                return Err(mingjing_domain::api_error::FieldError::new("due", "in_the_past", message).into());
            }
            (Some(due.clone()), None)
        }
        _ => (None, None),
    };
    let step = ObservationStep {
        from: from.as_str().to_owned(),
        to: to.as_str().to_owned(),
        event: ObservationEventRow {
            at: now,
            role: "staff".to_owned(),
            actor,
            kind: action.name().to_owned(),
            note: action.note().trim().to_owned(),
            department: department.clone(),
            due_date: due_date.clone(),
        },
        due_date,
        department,
        confirmed: matches!(action, StaffAction::Confirm { .. }).then_some(true),
        rectified_day: matches!(action, StaffAction::Rectified { .. }).then_some(today),
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
    let from = stage_of(row)?;
    if !from.is_answered() {
        return Err(ApiError::Conflict { code: "illegal_transition", message: illegal_transition("follow up", from) });
    }
    if row.reopened >= i64::from(settings.max_reopens) {
        let message = format!("an observation can be reopened at most {} times", settings.max_reopens);
        return Err(ApiError::Conflict { code: "reopen_limit", message });
    }
    let step = ObservationStep {
        from: from.as_str().to_owned(),
        to: ObservationStage::Submitted.as_str().to_owned(),
        event: ObservationEventRow {
            at: now_millis(),
            role: "supervisor".to_owned(),
            actor: format!("supervisor:{}", supervisor.id),
            kind: "follow_up".to_owned(),
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

/// A supervisor's figures: by stage, this month against the duty, and each month this year.
pub fn dashboard(
    rows: &[ObservationRow],
    supervisor: &SupervisorRow,
    settings: &SupervisionSettings,
    today: &str,
) -> Dashboard {
    let by_stage = ObservationStage::ALL
        .into_iter()
        .map(|stage| StageCount { stage, count: count(rows.iter().filter(|r| r.stage == stage.as_str())) })
        .collect();
    let this_month = &today[..7];
    let months = (1..=today[5..7].parse::<u32>().unwrap_or(12))
        .map(|m| {
            let month = format!("{}-{m:02}", &today[..4]);
            let n = count(rows.iter().filter(|r| r.submitted_day.starts_with(&month)));
            (month, n)
        })
        .collect();
    Dashboard {
        name: supervisor.name.clone(),
        term_end: supervisor.term_end.clone(),
        by_stage,
        total: count(rows.iter()),
        this_month: count(rows.iter().filter(|r| r.submitted_day.starts_with(this_month))),
        monthly_duty: settings.monthly_duty,
        months,
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// Working days from submission to rectification, for a rectified observation.
fn days_to_rectify(row: &ObservationRow) -> Option<u32> {
    let from = mingjing_domain::iso_date::parse(&row.submitted_day)?;
    let to = mingjing_domain::iso_date::parse(row.rectified_day.as_deref()?)?;
    Some(WorkCalendar::china().working_days_between(from, to).days)
}

/// The year-end report as CSV: one row per observation submitted in `year`.
pub fn report_csv(rows: &[ObservationRow], year: i32, today: &str) -> Result<String, ApiError> {
    let mut writer = SafeCsvWriter::from_writer(Vec::new());
    let header = [
        "id",
        "submitted",
        "department",
        "service",
        "method",
        "chapter",
        "article",
        "stage",
        "due",
        "overdue",
        "working_days_to_rectify",
    ];
    let fail = |e: csv::Error| ApiError::Internal(e.to_string());
    writer.write_record(header).map_err(fail)?;
    for row in rows.iter().filter(|r| r.submitted_day.starts_with(&format!("{year}-"))) {
        let overdue = row.due_date.as_deref().is_some_and(|due| today > due);
        writer
            .write_record([
                row.id.to_string(),
                row.submitted_day.clone(),
                row.department.clone(),
                row.service.clone().unwrap_or_default(),
                row.method.clone(),
                row.chapter.clone(),
                row.article.map(|a| a.to_string()).unwrap_or_default(),
                row.stage.clone(),
                row.due_date.clone().unwrap_or_default(),
                overdue.to_string(),
                (row.stage == "rectified")
                    .then(|| days_to_rectify(row))
                    .flatten()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ])
            .map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(fail)?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The public figures per department: counts and rates only, never who or what.
pub fn public_stats(rows: &[ObservationRow], today: &str) -> SupervisionStats {
    let mut by_department: BTreeMap<&str, Vec<&ObservationRow>> = BTreeMap::new();
    for row in rows {
        by_department.entry(row.department.as_str()).or_default().push(row);
    }
    let departments = by_department
        .into_iter()
        .map(|(department, rows)| {
            let confirmed = count(rows.iter().filter(|r| r.confirmed));
            let rectified_rows: Vec<&&ObservationRow> = rows.iter().filter(|r| r.stage == "rectified").collect();
            let rectified = count(rectified_rows.iter());
            let mut days: Vec<u32> = rectified_rows.iter().filter_map(|r| days_to_rectify(r)).collect();
            days.sort_unstable();
            DepartmentSupervision {
                department: department.to_owned(),
                observations: count(rows.iter()),
                confirmed,
                rectified,
                rectification_rate: (confirmed > 0).then(|| f64::from(rectified) / f64::from(confirmed)),
                median_days_to_rectify: days.get(days.len() / 2).copied(),
                overdue: count(rows.iter().filter(|r| r.due_date.as_deref().is_some_and(|due| today > due))),
            }
        })
        .collect();
    SupervisionStats { departments }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(department: &str, service: &str) -> ObservationRow {
        ObservationRow {
            id: 7,
            site_id: "test-site".to_owned(),
            supervisor_id: 1,
            department: department.to_owned(),
            service: Some(service.to_owned()),
            place: "窗口".to_owned(),
            observed_at: "2025-03-03T10:30".to_owned(),
            method: "mystery_shopping".to_owned(),
            chapter: "government".to_owned(),
            article: Some(36),
            description: "描述".to_owned(),
            stage: "submitted".to_owned(),
            due_date: None,
            reopened: 0,
            confirmed: false,
            submitted_at: 0,
            submitted_day: "2025-03-03".to_owned(),
            rectified_day: None,
        }
    }

    #[test]
    fn report_cells_that_a_spreadsheet_would_run_are_defused() {
        let rows = [row(r#"=HYPERLINK("http://evil.example","x")"#, "=1+1"), row("@SUM(A1)", "-2+3")];
        let report = report_csv(&rows, 2025, "2025-12-31").unwrap();
        let mut reader = csv::Reader::from_reader(report.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&records[0][2], r#"'=HYPERLINK("http://evil.example","x")"#, "{report}");
        assert_eq!(&records[0][3], "'=1+1");
        assert_eq!((&records[1][2], &records[1][3]), ("'@SUM(A1)", "'-2+3"));
        for cell in records.iter().flat_map(|r| r.iter()) {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {report}");
        }
    }
}
