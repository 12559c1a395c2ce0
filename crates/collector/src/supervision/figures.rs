//! What observations add up to: a supervisor's dashboard, the year-end report and the
//! public figures per department (counts and rates only, never who or what).

use std::collections::BTreeMap;

use mingjing_domain::calendar::WorkCalendar;
use mingjing_domain::iso_date;
use mingjing_domain::supervision::{
    Dashboard, DepartmentSupervision, ObservationStage, StageCount, SupervisionSettings, SupervisionStats,
};
use time::{Date, Month};

use crate::files::safe_csv::SafeCsvWriter;
use crate::http::error::ApiError;
use crate::storage::{ObservationRow, SupervisorRow};
use crate::supervision::observations::overdue;

/// A supervisor's figures: by stage, this month against the duty, and each month this year.
pub fn dashboard(
    rows: &[ObservationRow],
    supervisor: &SupervisorRow,
    settings: &SupervisionSettings,
    today: Date,
) -> Dashboard {
    let by_stage = ObservationStage::ALL
        .into_iter()
        .map(|stage| StageCount { stage, count: count(rows.iter().filter(|r| r.stage == stage)) })
        .collect();
    let in_month = |month: Month| {
        count(rows.iter().filter(|r| r.submitted_day.year() == today.year() && r.submitted_day.month() == month))
    };
    let months = (1..=u8::from(today.month()))
        .filter_map(|m| Month::try_from(m).ok())
        .map(|month| (format!("{}-{:02}", today.year(), u8::from(month)), in_month(month)))
        .collect();
    Dashboard {
        name: supervisor.name.clone(),
        term_end: supervisor.term_end.clone(),
        by_stage,
        total: count(rows.iter()),
        this_month: in_month(today.month()),
        monthly_duty: settings.monthly_duty,
        months,
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// Working days from submission to rectification, for a rectified observation.
fn days_to_rectify(row: &ObservationRow) -> Option<u32> {
    let to = row.rectified_day.filter(|_| row.stage == ObservationStage::Rectified)?;
    Some(WorkCalendar::china().working_days_between(row.submitted_day, to).days)
}

/// The year-end report as CSV: one row per observation submitted in `year`.
pub fn report_csv(rows: &[ObservationRow], year: i32, today: Date) -> Result<String, ApiError> {
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
    for row in rows.iter().filter(|r| r.submitted_day.year() == year) {
        writer
            .write_record([
                row.id.to_string(),
                iso_date::format(row.submitted_day),
                row.department.clone(),
                row.service.clone().unwrap_or_default(),
                row.method.as_str().to_owned(),
                row.chapter.as_str().to_owned(),
                row.article.map(|a| a.to_string()).unwrap_or_default(),
                row.stage.as_str().to_owned(),
                row.due_date.map(iso_date::format).unwrap_or_default(),
                overdue(row, today).to_string(),
                days_to_rectify(row).map(|d| d.to_string()).unwrap_or_default(),
            ])
            .map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(fail)?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The public figures per department: counts and rates only, never who or what.
pub fn public_stats(rows: &[ObservationRow], today: Date) -> SupervisionStats {
    let mut by_department: BTreeMap<&str, Vec<&ObservationRow>> = BTreeMap::new();
    for row in rows {
        by_department.entry(row.department.as_str()).or_default().push(row);
    }
    let departments = by_department
        .into_iter()
        .map(|(department, rows)| {
            let confirmed = count(rows.iter().filter(|r| r.confirmed));
            let rectified = count(rows.iter().filter(|r| r.stage == ObservationStage::Rectified));
            let mut days: Vec<u32> = rows.iter().filter_map(|r| days_to_rectify(r)).collect();
            days.sort_unstable();
            DepartmentSupervision {
                department: department.to_owned(),
                observations: count(rows.iter()),
                confirmed,
                rectified,
                rectification_rate: (confirmed > 0).then(|| f64::from(rectified) / f64::from(confirmed)),
                median_days_to_rectify: days.get(days.len() / 2).copied(),
                overdue: count(rows.iter().filter(|r| overdue(r, today))),
            }
        })
        .collect();
    SupervisionStats { departments }
}

#[cfg(test)]
mod tests {
    use mingjing_domain::supervision::{Chapter, Method};

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
            method: Method::MysteryShopping,
            chapter: Chapter::Government,
            article: Some(36),
            description: "描述".to_owned(),
            stage: ObservationStage::Submitted,
            due_date: None,
            reopened: 0,
            confirmed: false,
            submitted_at: 0,
            submitted_day: time::macros::date!(2025 - 03 - 03),
            rectified_day: None,
        }
    }

    #[test]
    fn report_cells_that_a_spreadsheet_would_run_are_defused() {
        let rows = [row(r#"=HYPERLINK("http://evil.example","x")"#, "=1+1"), row("@SUM(A1)", "-2+3")];
        let report = report_csv(&rows, 2025, time::macros::date!(2025 - 12 - 31)).unwrap();
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
