//! How the supervisor panel and the desk word an observation's stage, method, area and
//! history, from the same catalogue.

use mingjing_domain::supervision::{
    Chapter, Method, ObservationEvent, ObservationEventKind, ObservationRole, ObservationStage, ObservationSummary,
};
use yew::prelude::*;

use crate::i18n::SupervisionMessages;

pub fn stage(m: &SupervisionMessages, stage: ObservationStage) -> &'static str {
    match stage {
        ObservationStage::Submitted => m.sv_stage_submitted,
        ObservationStage::Assigned => m.sv_stage_assigned,
        ObservationStage::Confirmed => m.sv_stage_confirmed,
        ObservationStage::NotConfirmed => m.sv_stage_not_confirmed,
        ObservationStage::Rectifying => m.sv_stage_rectifying,
        ObservationStage::Rectified => m.sv_stage_rectified,
    }
}

pub fn method(m: &SupervisionMessages, method: Method) -> &'static str {
    match method {
        Method::Open => m.sv_method_open,
        Method::Covert => m.sv_method_covert,
        Method::MysteryShopping => m.sv_method_mystery,
        Method::Other => m.sv_method_other,
    }
}

pub fn chapter(m: &SupervisionMessages, chapter: Chapter) -> &'static str {
    match chapter {
        Chapter::Market => m.sv_chapter_market,
        Chapter::Government => m.sv_chapter_government,
        Chapter::RuleOfLaw => m.sv_chapter_rule_of_law,
        Chapter::Oversight => m.sv_chapter_oversight,
    }
}

fn role(m: &SupervisionMessages, role: ObservationRole) -> &'static str {
    match role {
        ObservationRole::Supervisor => m.sv_role_supervisor,
        ObservationRole::Staff => m.sv_role_staff,
    }
}

/// What one step did, in words.
fn event_title(m: &SupervisionMessages, e: &ObservationEvent) -> String {
    let department = e.department.as_deref().unwrap_or_default();
    let due = e.due.as_deref().unwrap_or_default();
    match e.kind {
        ObservationEventKind::Submitted => m.sv_event_submitted.to_owned(),
        ObservationEventKind::Assign => m.sv_event_assign(department, due),
        ObservationEventKind::Confirm => m.sv_event_confirm.to_owned(),
        ObservationEventKind::NotConfirm => m.sv_event_not_confirm.to_owned(),
        ObservationEventKind::Plan => m.sv_event_plan(due),
        ObservationEventKind::Rectified => m.sv_event_rectified.to_owned(),
        ObservationEventKind::FollowUp => m.sv_event_follow_up.to_owned(),
    }
}

/// `2026-11-28T09:30:00+08:00` as `2026-11-28 09:30`.
pub fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).map(|t| t.replace('T', " ")).unwrap_or_else(|| rfc3339.to_owned())
}

/// The whole history as an ordered list: when, who (by role), what, and the note.
pub fn timeline(m: &SupervisionMessages, events: &[ObservationEvent]) -> Html {
    html! {
        <ol class="mj-timeline" data-testid="timeline">
            { for events.iter().map(|e| html! {
                <li data-kind={e.kind.as_str()}>
                    <p><strong>{ event_title(m, e) }</strong></p>
                    <p class="mj-muted mj-small">{ format!("{} · {}", short_time(&e.at), role(m, e.role)) }</p>
                    if !e.note.is_empty() {
                        <p class="mj-note">{ &e.note }</p>
                    }
                </li>
            }) }
        </ol>
    }
}

/// Observations as a table, each row with a button that opens it; overdue ones say so in
/// words, not by colour alone. `testid` names the table for the tests.
pub fn table(
    m: &SupervisionMessages,
    list: &[ObservationSummary],
    on_open: &Callback<i64>,
    testid: &'static str,
) -> Html {
    if list.is_empty() {
        return html! { <p class="mj-muted">{ m.sv_empty }</p> };
    }
    html! {
        <div class="mj-table-wrap">
            <table class="mj-table" data-testid={testid}>
                <thead><tr>
                    <th scope="col">{ m.sv_col_id }</th><th scope="col">{ m.sv_col_department }</th>
                    <th scope="col">{ m.sv_col_submitted }</th><th scope="col">{ m.sv_col_stage }</th>
                    <th scope="col">{ m.sv_col_due }</th><th scope="col"><span class="mj-sr-only">{ m.sv_open }</span></th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|o| {
                        let (on_open, id) = (on_open.clone(), o.id);
                        html! {
                            <tr class={classes!(o.overdue.then_some("mj-overdue"))}>
                                <td class="mj-mono">{ o.id }</td>
                                <td>{ &o.department }</td>
                                <td>{ short_time(&o.submitted_at) }</td>
                                <td>{ stage(m, o.stage) }</td>
                                <td>
                                    { o.due.clone().unwrap_or_else(|| "—".to_owned()) }
                                    if o.overdue { { " " }<strong class="mj-flag">{ format!("⚠ {}", m.sv_overdue) }</strong> }
                                </td>
                                <td><button type="button" class="mj-button mj-secondary" aria-label={format!("{} {}", m.sv_open, o.id)}
                                            onclick={move |_| on_open.emit(id)}>{ m.sv_open }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
