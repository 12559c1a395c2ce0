use mingjing_domain::desk::DeskDetail;
use mingjing_domain::follow_up::{FollowUpAction, Outcome, Stage, Verification};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;
use crate::i18n::DeskMessages;

#[derive(Properties, PartialEq)]
pub struct StepFormProps {
    pub config: WidgetConfig,
    pub token: String,
    pub url: String,
    pub stage: Stage,
    pub named: bool,
    pub on_recorded: Callback<DeskDetail>,
}

/// The one step the follow-up allows next, as the collector's state machine says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    CallBack,
    Verify,
    Decide,
    Rectified,
    Reply,
}

fn next(stage: Stage, named: bool) -> Option<Next> {
    Some(match stage {
        Stage::New if named => Next::CallBack,
        Stage::New | Stage::CalledBack => Next::Verify,
        Stage::Verified => Next::Decide,
        Stage::Rectifying => Next::Rectified,
        Stage::AwaitingReply => Next::Reply,
        Stage::Closed => return None,
    })
}

/// A history entry's choice (`reached`, `confirmed`, `rectification_plan 2026-12-31`), in words.
pub fn detail_label(d: &DeskMessages, detail: &str) -> String {
    let (word, rest) = detail.split_once(' ').unwrap_or((detail, ""));
    let label = match word {
        "reached" => d.desk_reached,
        "not_reached" => d.desk_not_reached,
        "confirmed" => d.verification_confirmed,
        "not_confirmed" => d.verification_not_confirmed,
        "appealed_mistaken" => d.verification_appealed_mistaken,
        "appealed_malicious" => d.verification_appealed_malicious,
        "fixed_on_the_spot" => d.outcome_fixed,
        "rectification_plan" => d.outcome_plan,
        "explanation" => d.outcome_explanation,
        "rectified" | "replied" | "" => "",
        other => other,
    };
    if rest.is_empty() { label.to_owned() } else { format!("{label} {rest}") }
}

/// `2026-11-28T21:40:10.285+08:00` as `2026-11-28 21:40`: the collector sends China time.
pub fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time}"),
        _ => rfc3339.to_owned(),
    }
}

/// A history entry's kind, in words.
pub fn event_label(d: &DeskMessages, kind: &str) -> String {
    match kind {
        "call_back" => d.step_call_back,
        "verify" => d.step_verify,
        "decide" => d.step_decide,
        "rectified" => d.step_rectified,
        "reply" => d.step_reply,
        "reveal_contact" => d.desk_revealed_log,
        other => return other.to_owned(),
    }
    .to_owned()
}

#[component]
pub fn StepForm(props: &StepFormProps) -> Html {
    let d = props.config.lang.desk();
    let choice = use_state(String::new);
    let note = use_state(String::new);
    let due = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let Some(step) = next(props.stage, props.named) else {
        return html! { <p class="mj-alert mj-success">{ d.desk_closed }</p> };
    };
    let (title, options): (&str, Vec<(&str, &str)>) = match step {
        Next::CallBack => (d.step_call_back, vec![("reached", d.desk_reached), ("not_reached", d.desk_not_reached)]),
        Next::Verify => (
            d.step_verify,
            vec![
                ("confirmed", d.verification_confirmed),
                ("not_confirmed", d.verification_not_confirmed),
                ("appealed_mistaken", d.verification_appealed_mistaken),
                ("appealed_malicious", d.verification_appealed_malicious),
            ],
        ),
        Next::Decide => (
            d.step_decide,
            vec![
                ("fixed_on_the_spot", d.outcome_fixed),
                ("rectification_plan", d.outcome_plan),
                ("explanation", d.outcome_explanation),
            ],
        ),
        Next::Rectified => (d.step_rectified, vec![]),
        Next::Reply => (d.step_reply, vec![]),
    };
    let selected = if choice.is_empty() { options.first().map(|(v, _)| *v).unwrap_or("") } else { choice.as_str() };
    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |e: Event| choice.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
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
        let (note, due, problem, choice) = (note.clone(), due.clone(), problem.clone(), choice.clone());
        let (url, token, on_recorded, lang) =
            (props.url.clone(), props.token.clone(), props.on_recorded.clone(), props.config.lang);
        let selected = selected.to_owned();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = (*note).clone();
            let action = match step {
                Next::CallBack => FollowUpAction::CallBack { reached: selected == "reached", note: text },
                Next::Verify => FollowUpAction::Verify {
                    verification: match selected.as_str() {
                        "not_confirmed" => Verification::NotConfirmed,
                        "appealed_mistaken" => Verification::AppealedMistaken,
                        "appealed_malicious" => Verification::AppealedMalicious,
                        _ => Verification::Confirmed,
                    },
                    note: text,
                },
                Next::Decide => {
                    let outcome = match selected.as_str() {
                        "rectification_plan" => Outcome::RectificationPlan,
                        "explanation" => Outcome::Explanation,
                        _ => Outcome::FixedOnTheSpot,
                    };
                    let plan_due = (outcome == Outcome::RectificationPlan).then(|| (*due).clone());
                    FollowUpAction::Decide { outcome, note: text, plan_due }
                }
                Next::Rectified => FollowUpAction::Rectified { note: text },
                Next::Reply => FollowUpAction::Reply { reply: text },
            };
            let d = lang.desk();
            if let Err(broken) = action.validate() {
                problem.set(Some(d.desk_error(&broken.message)));
                return;
            }
            let (url, token, on_recorded, problem, note, choice) =
                (url.clone(), token.clone(), on_recorded.clone(), problem.clone(), note.clone(), choice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::post_as::<_, DeskDetail>(&url, &action, Some(&token)).await {
                    Ok((_, detail)) => {
                        problem.set(None);
                        note.set(String::new());
                        choice.set(String::new());
                        on_recorded.emit(detail);
                    }
                    Err(ApiFailure::Refused(_, body)) => problem.set(Some(d.desk_error(&body.message))),
                    Err(_) => problem.set(Some(d.desk_unreachable.to_owned())),
                }
            });
        })
    };
    let note_label = if step == Next::Reply { d.step_reply } else { d.desk_note };
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
                        { for options.iter().map(|(value, label)| html! {
                            <option value={*value} selected={*value == selected}>{ *label }</option>
                        }) }
                    </select>
                </div>
            }
            if step == Next::Decide && selected == "rectification_plan" {
                <div class="mj-field">
                    <label for="mj-step-due">{ d.desk_plan_due }</label>
                    <input id="mj-step-due" class="mj-input" type="date" value={(*due).clone()} oninput={on_due} />
                </div>
            }
            <div class="mj-field">
                <label for="mj-step-note">{ note_label }</label>
                <textarea id="mj-step-note" class="mj-textarea" value={(*note).clone()} oninput={on_note}
                          aria-describedby={(step == Next::Reply).then_some("mj-step-hint")} />
                if step == Next::Reply {
                    <p id="mj-step-hint" class="mj-hint">{ d.desk_reply_hint }</p>
                }
            </div>
            <button type="submit" class="mj-button">{ d.desk_record }</button>
        </form>
    }
}
