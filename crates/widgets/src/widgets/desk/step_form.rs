use mingjing_domain::desk::{DeskDetail, DeskEntry};
use mingjing_domain::follow_up::{FollowUpAction, FollowUpStep, Outcome, Stage, StepKind, Verification};
use mingjing_domain::parse::Parse;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::exclusion::category_label;
use crate::api::{self, ApiFailure};
use crate::i18n::DeskMessages;
use crate::shared::session::use_session;

#[derive(Properties, PartialEq)]
pub struct StepFormProps {
    pub receipt: String,
    pub stage: Stage,
    pub named: bool,
    pub on_recorded: Callback<DeskDetail>,
}

/// The choice a step's select offers: whether the reviewer was reached, the verification,
/// or the outcome. Its value is the name the collector uses for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Reached(bool),
    Verification(Verification),
    Outcome(Outcome),
}

impl Pick {
    fn value(self) -> &'static str {
        match self {
            Pick::Reached(true) => "reached",
            Pick::Reached(false) => "not_reached",
            Pick::Verification(v) => v.as_str(),
            Pick::Outcome(o) => o.as_str(),
        }
    }

    fn label(self, d: &DeskMessages) -> &'static str {
        match self {
            Pick::Reached(reached) => reached_label(d, reached),
            Pick::Verification(v) => verification_label(d, v),
            Pick::Outcome(o) => outcome_label(d, o),
        }
    }
}

/// What the select offers for a step, the default first.
fn picks(step: StepKind) -> Vec<Pick> {
    match step {
        StepKind::CallBack => vec![Pick::Reached(true), Pick::Reached(false)],
        StepKind::Verify => Verification::ALL.into_iter().map(Pick::Verification).collect(),
        StepKind::Decide => Outcome::ALL.into_iter().map(Pick::Outcome).collect(),
        StepKind::Rectified | StepKind::Reply => vec![],
    }
}

/// The step as it goes on the wire, from what the form holds.
fn action(pick: Option<Pick>, step: StepKind, note: String, due: &str) -> FollowUpAction {
    match (step, pick) {
        (StepKind::CallBack, pick) => FollowUpAction::CallBack { reached: pick != Some(Pick::Reached(false)), note },
        (StepKind::Verify, Some(Pick::Verification(verification))) => FollowUpAction::Verify { verification, note },
        (StepKind::Verify, _) => FollowUpAction::Verify { verification: Verification::Confirmed, note },
        (StepKind::Decide, pick) => {
            let outcome = if let Some(Pick::Outcome(o)) = pick { o } else { Outcome::FixedOnTheSpot };
            let plan_due = (outcome == Outcome::RectificationPlan).then(|| due.to_owned());
            FollowUpAction::Decide { outcome, note, plan_due }
        }
        (StepKind::Rectified, _) => FollowUpAction::Rectified { note },
        (StepKind::Reply, _) => FollowUpAction::Reply { reply: note },
    }
}

fn step_label(d: &DeskMessages, step: StepKind) -> &'static str {
    match step {
        StepKind::CallBack => d.step_call_back,
        StepKind::Verify => d.step_verify,
        StepKind::Decide => d.step_decide,
        StepKind::Rectified => d.step_rectified,
        StepKind::Reply => d.step_reply,
    }
}

fn reached_label(d: &DeskMessages, reached: bool) -> &'static str {
    if reached { d.desk_reached } else { d.desk_not_reached }
}

fn verification_label(d: &DeskMessages, v: Verification) -> &'static str {
    match v {
        Verification::Confirmed => d.verification_confirmed,
        Verification::NotConfirmed => d.verification_not_confirmed,
        Verification::AppealedMistaken => d.verification_appealed_mistaken,
        Verification::AppealedMalicious => d.verification_appealed_malicious,
    }
}

fn outcome_label(d: &DeskMessages, o: Outcome) -> &'static str {
    match o {
        Outcome::FixedOnTheSpot => d.outcome_fixed,
        Outcome::RectificationPlan => d.outcome_plan,
        Outcome::Explanation => d.outcome_explanation,
    }
}

/// A history entry's kind, in words.
pub fn entry_title(d: &DeskMessages, entry: &DeskEntry) -> &'static str {
    match entry {
        DeskEntry::CallBack { .. } => d.step_call_back,
        DeskEntry::Verify { .. } => d.step_verify,
        DeskEntry::Decide { .. } => d.step_decide,
        DeskEntry::Rectified => d.step_rectified,
        DeskEntry::Reply => d.step_reply,
        DeskEntry::RevealContact => d.desk_revealed_log,
        DeskEntry::ExclusionRequested { .. } => d.entry_exclusion_requested,
        DeskEntry::ExclusionApproved { .. } => d.entry_exclusion_approved,
        DeskEntry::ExclusionRefused { .. } => d.entry_exclusion_refused,
    }
}

/// A history entry's choice in words (`限期整改 2026-12-31`), empty when it made none.
pub fn entry_choice(d: &DeskMessages, entry: &DeskEntry) -> String {
    match entry {
        DeskEntry::CallBack { reached } => reached_label(d, *reached).to_owned(),
        DeskEntry::Verify { verification } => verification_label(d, *verification).to_owned(),
        DeskEntry::Decide { outcome, plan_due: Some(due) } => format!("{} {due}", outcome_label(d, *outcome)),
        DeskEntry::Decide { outcome, plan_due: None } => outcome_label(d, *outcome).to_owned(),
        DeskEntry::ExclusionRequested { category }
        | DeskEntry::ExclusionApproved { category }
        | DeskEntry::ExclusionRefused { category } => category_label(d, *category).to_owned(),
        DeskEntry::Rectified | DeskEntry::Reply | DeskEntry::RevealContact => String::new(),
    }
}

/// `2026-11-28T21:40:10.285+08:00` as `2026-11-28 21:40`: the collector sends China time.
pub fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time}"),
        _ => rfc3339.to_owned(),
    }
}

/// The form for the one step the follow-up allows next, as the domain's state machine says.
#[component]
pub fn StepForm(props: &StepFormProps) -> Html {
    let session = use_session();
    let d = session.config.lang.desk();
    let pick = use_state(|| None::<Pick>);
    let note = use_state(String::new);
    let due = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let Some(step) = props.stage.next_step(props.named) else {
        return html! { <p class="mj-alert mj-success">{ d.desk_closed }</p> };
    };
    let options = picks(step);
    let selected = (*pick).filter(|p| options.contains(p)).or_else(|| options.first().copied());
    let on_choice = {
        let (pick, options) = (pick.clone(), options.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            pick.set(options.iter().copied().find(|p| p.value() == value));
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_due = {
        let due = due.clone();
        Callback::from(move |e: InputEvent| due.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (note, due, problem, pick) = (note.clone(), due.clone(), problem.clone(), pick.clone());
        let (credentials, receipt, on_recorded) =
            (session.credentials.clone(), props.receipt.clone(), props.on_recorded.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = action(selected, step, (*note).clone(), &due);
            if let Err(broken) = FollowUpStep::parse(request.clone()) {
                problem.set(Some(d.desk_error(&broken.message)));
                return;
            }
            let (credentials, receipt, on_recorded, problem, note, pick) = (
                credentials.clone(),
                receipt.clone(),
                on_recorded.clone(),
                problem.clone(),
                note.clone(),
                pick.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::desk::record_step(&credentials, &receipt, &request).await {
                    Ok(detail) => {
                        problem.set(None);
                        note.set(String::new());
                        pick.set(None);
                        on_recorded.emit(detail);
                    }
                    Err(ApiFailure::Refused(_, body)) => problem.set(Some(d.desk_error(&body.message))),
                    Err(_) => problem.set(Some(d.desk_unreachable.to_owned())),
                }
            });
        })
    };
    let title = step_label(d, step);
    let note_label = if step == StepKind::Reply { d.step_reply } else { d.desk_note };
    html! {
        <form class="mj-step" {onsubmit} novalidate=true>
            <h4 class="mj-subtitle">{ d.desk_next_step(title) }</h4>
            if let Some(message) = &*problem {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            if !options.is_empty() {
                <div class="mj-field">
                    <label for="mj-step-choice">{ title }</label>
                    <select id="mj-step-choice" class="mj-select" onchange={on_choice}>
                        { for options.iter().map(|p| html! {
                            <option value={p.value()} selected={Some(*p) == selected}>{ p.label(d) }</option>
                        }) }
                    </select>
                </div>
            }
            if selected == Some(Pick::Outcome(Outcome::RectificationPlan)) {
                <div class="mj-field">
                    <label for="mj-step-due">{ d.desk_plan_due }</label>
                    <input id="mj-step-due" class="mj-input" type="date" value={(*due).clone()} oninput={on_due} />
                </div>
            }
            <div class="mj-field">
                <label for="mj-step-note">{ note_label }</label>
                <textarea id="mj-step-note" class="mj-textarea" value={(*note).clone()} oninput={on_note}
                          aria-describedby={(step == StepKind::Reply).then_some("mj-step-hint")} />
                if step == StepKind::Reply {
                    <p id="mj-step-hint" class="mj-hint">{ d.desk_reply_hint }</p>
                }
            </div>
            <button type="submit" class="mj-button">{ d.desk_record }</button>
        </form>
    }
}
