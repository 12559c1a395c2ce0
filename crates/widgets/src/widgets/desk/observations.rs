//! Supervisors' observations on the desk: the list with due days and overdue flags, and one
//! observation with its photos, history and the form for the next step.

use mingjing_domain::supervision::{ObservationStage, ObservationView, StaffAction};
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::i18n::SupervisionMessages;
use crate::shared::departments::use_departments;
use crate::shared::form_value::form_value;
use crate::shared::photo_strip::{PhotoSource, PhotoStrip};
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;
use crate::widgets::observation_text::{self, timeline};

#[derive(Properties, PartialEq)]
pub struct ObservationListProps {
    pub on_open: Callback<i64>,
}

#[component]
pub fn ObservationList(props: &ObservationListProps) -> Html {
    let lang = use_session().config.lang;
    let (t, m) = (lang.messages(), lang.supervision());
    let items = use_session_get((), api::desk::observations);
    let list = match &*items {
        None => return html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => return html! { <p class="mj-alert mj-danger" role="alert">{ m.sv_unreachable }</p> },
        Some(Ok(list)) => list,
    };
    html! {
        <div class="mj-desk-list">
            <h3 class="mj-subtitle">{ m.sv_desk_tab_observations }</h3>
            { observation_text::table(m, list, &props.on_open, "desk-observations") }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ObservationDetailProps {
    pub id: i64,
    pub on_back: Callback<()>,
}

#[component]
pub fn ObservationDetail(props: &ObservationDetailProps) -> Html {
    let session = use_session();
    let config = &session.config;
    let (t, m) = (config.lang.messages(), config.lang.supervision());
    let id = props.id;
    let view = use_session_get(id, async move |c| api::desk::observation(c, id).await);
    let departments = use_departments(&config.api);
    let on_recorded = {
        let view = view.clone();
        Callback::from(move |v: ObservationView| view.set(Some(Ok(v))))
    };
    let back = {
        let on_back = props.on_back.clone();
        html! { <button type="button" class="mj-link mj-back" onclick={move |_| on_back.emit(())}>{ format!("← {}", m.sv_back) }</button> }
    };
    let body = match &*view {
        None => html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.sv_unreachable }</p> },
        Some(Ok(v)) => {
            let s = &v.summary;
            html! {
                <article aria-labelledby="mj-desk-observation">
                    <h3 id="mj-desk-observation" class="mj-subtitle">{ format!("{} {} · {}", m.sv_col_id, s.id, s.department) }</h3>
                    <dl class="mj-facts">
                        <dt>{ m.sv_col_stage }</dt><dd data-testid="desk-stage">{ observation_text::stage(m, s.stage) }
                            if s.overdue { { " " }<strong class="mj-flag">{ format!("⚠ {}", m.sv_overdue) }</strong> }</dd>
                        if let Some(due) = &s.due { <dt>{ m.sv_col_due }</dt><dd>{ due }</dd> }
                        if let Some(name) = &v.supervisor { <dt>{ m.sv_desk_supervisor }</dt><dd>{ name }</dd> }
                        <dt>{ m.sv_place }</dt><dd>{ &s.place }</dd>
                        <dt>{ m.sv_observed_at }</dt><dd>{ s.observed_at.replace('T', " ") }</dd>
                        <dt>{ m.sv_method }</dt><dd>{ observation_text::method(m, s.method) }</dd>
                        <dt>{ m.sv_chapter }</dt><dd>{ observation_text::chapter(m, s.chapter) }</dd>
                        if let Some(code) = &s.service { <dt>{ m.sv_service }</dt><dd class="mj-mono">{ code }</dd> }
                        if let Some(article) = s.article { <dt>{ m.sv_article }</dt><dd>{ article }</dd> }
                    </dl>
                    <p class="mj-description">{ &v.description }</p>
                    if !v.photos.is_empty() {
                        <PhotoStrip ids={v.photos.clone()} source={PhotoSource::Desk { observation: s.id }} />
                    }
                    <h4 class="mj-subtitle">{ m.sv_timeline }</h4>
                    { timeline(m, &v.events) }
                    <StepForm id={s.id} stage={s.stage}
                              departments={(*departments).clone()} {on_recorded} />
                </article>
            }
        }
    };
    html! { <div class="mj-desk-observation">{ back }{ body }</div> }
}

#[derive(Properties, PartialEq)]
struct StepFormProps {
    id: i64,
    stage: ObservationStage,
    departments: Vec<(String, String)>,
    on_recorded: Callback<ObservationView>,
}

/// The one step that applies at this stage, with its fields.
#[component]
fn StepForm(props: &StepFormProps) -> Html {
    let session = use_session();
    let m = session.config.lang.supervision();
    let note = use_state(String::new);
    let department = use_state(String::new);
    let verdict = use_state(|| "confirm".to_owned());
    let due = use_state(String::new);
    let problem = use_state(|| None::<String>);
    if props.stage.is_answered() {
        return html! { <p class="mj-alert mj-success">{ m.sv_desk_closed }</p> };
    }
    let action = |note: String| -> StaffAction {
        match props.stage {
            ObservationStage::Submitted => StaffAction::Assign { department: (*department).clone(), note },
            ObservationStage::Assigned if *verdict == "not_confirm" => StaffAction::NotConfirm { note },
            ObservationStage::Assigned => StaffAction::Confirm { note },
            ObservationStage::Confirmed => StaffAction::Plan { note, due: (*due).clone() },
            _ => StaffAction::Rectified { note },
        }
    };
    let onsubmit = {
        let request = action((*note).clone());
        let (note, problem, on_recorded) = (note.clone(), problem.clone(), props.on_recorded.clone());
        let (credentials, id) = (session.credentials.clone(), props.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (request, credentials, note, problem, on_recorded) =
                (request.clone(), credentials.clone(), note.clone(), problem.clone(), on_recorded.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::desk::observation_step(&credentials, id, &request).await {
                    Ok(v) => {
                        note.set(String::new());
                        problem.set(None);
                        on_recorded.emit(v);
                    }
                    Err(ApiFailure::Refused(_, body)) => problem.set(Some(body.message)),
                    Err(_) => problem.set(Some(m.sv_unreachable.to_owned())),
                }
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(form_value(&e)))
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
    };
    let title = match props.stage {
        ObservationStage::Submitted => m.sv_desk_assign,
        ObservationStage::Assigned => m.sv_desk_verdict,
        ObservationStage::Confirmed => m.sv_desk_plan,
        _ => m.sv_desk_rectified,
    };
    html! {
        <form class="mj-step" {onsubmit} novalidate=true data-testid="observation-step">
            <h4 class="mj-subtitle">{ format!("{}：{}", m.sv_desk_next, title) }</h4>
            if let Some(message) = &*problem {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            { stage_fields(m, props, &department, &verdict, set(&department), set(&verdict), set(&due)) }
            <div class="mj-field">
                <label for="mj-obs-note">{ m.sv_desk_note }</label>
                <textarea id="mj-obs-note" class="mj-textarea" rows="3" value={(*note).clone()} oninput={on_note} />
            </div>
            <button type="submit" class="mj-button">{ m.sv_desk_record }</button>
        </form>
    }
}

fn stage_fields(
    m: &'static SupervisionMessages,
    props: &StepFormProps,
    department: &str,
    verdict: &str,
    on_department: Callback<Event>,
    on_verdict: Callback<Event>,
    on_due: Callback<Event>,
) -> Html {
    match props.stage {
        ObservationStage::Submitted => html! {
            <div class="mj-field">
                <label for="mj-obs-department">{ m.sv_department }</label>
                <select id="mj-obs-department" class="mj-select" onchange={on_department}>
                    <option value="" selected={department.is_empty()}>{ m.sv_choose }</option>
                    { for props.departments.iter().map(|(name, _)| html! {
                        <option value={name.clone()} selected={department == name}>{ name }</option>
                    }) }
                </select>
            </div>
        },
        ObservationStage::Assigned => html! {
            <fieldset class="mj-field">
                <legend class="mj-legend">{ m.sv_desk_verdict }</legend>
                <div class="mj-chips">
                    { for [("confirm", m.sv_desk_confirm), ("not_confirm", m.sv_desk_not_confirm)].into_iter().map(|(value, label)| {
                        let id = format!("mj-obs-verdict-{value}");
                        html! {
                            <label class={classes!("mj-chip", (verdict == value).then_some("mj-checked"))} for={id.clone()}>
                                <input type="radio" name="mj-obs-verdict" {id} {value} checked={verdict == value} onchange={on_verdict.clone()} />
                                { label }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
        },
        ObservationStage::Confirmed => html! {
            <div class="mj-field">
                <label for="mj-obs-due">{ m.sv_desk_plan_due }</label>
                <input id="mj-obs-due" class="mj-input" type="date" onchange={on_due} />
            </div>
        },
        _ => html! {},
    }
}
