//! One observation as its supervisor sees it: what was reported, the photos, every step
//! and reply in order, and, once answered, the chance to reopen it.

use mingjing_domain::supervision::{FollowUpRequest, ObservationView};
use yew::prelude::*;

use super::{Page, back};
use crate::api::{self, ApiFailure};
use crate::i18n::SupervisionMessages;
use crate::shared::photo_strip::{PhotoSource, PhotoStrip};
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;
use crate::widgets::observation_text::{self, short_time, timeline};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: i64,
    pub go: Callback<(Page, Option<String>)>,
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let session = use_session();
    let (t, m) = (session.config.lang.messages(), session.config.lang.supervision());
    let id = props.id;
    let view = use_session_get(id, async move |c| api::supervision::observation(c, id).await);
    let note = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let on_follow_up = {
        let (view, note, problem) = (view.clone(), note.clone(), problem.clone());
        let credentials = session.credentials.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = FollowUpRequest { note: note.trim().to_owned() };
            let (credentials, view, note, problem) = (credentials.clone(), view.clone(), note.clone(), problem.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::supervision::follow_up(&credentials, id, &request).await {
                    Ok(v) => {
                        note.set(String::new());
                        problem.set(None);
                        view.set(Some(Ok(v)));
                    }
                    Err(ApiFailure::Refused(_, body)) => problem.set(Some(body.message)),
                    Err(_) => problem.set(Some(m.sv_unreachable.to_owned())),
                }
            });
        })
    };
    let body = match &*view {
        None => html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.sv_unreachable }</p> },
        Some(Ok(v)) => {
            let s = &v.summary;
            html! {
                <article aria-labelledby="mj-sv-detail">
                    <h3 id="mj-sv-detail" class="mj-subtitle">{ format!("{} {} · {}", m.sv_col_id, s.id, s.department) }</h3>
                    <dl class="mj-facts" data-testid="observation">
                        <dt>{ m.sv_col_stage }</dt>
                        <dd data-testid="stage"><strong>{ observation_text::stage(m, s.stage) }</strong>
                            if s.overdue { { " " }<strong class="mj-flag">{ format!("⚠ {}", m.sv_overdue) }</strong> }</dd>
                        if let Some(due) = &s.due { <dt>{ m.sv_col_due }</dt><dd>{ due }</dd> }
                        <dt>{ m.sv_place }</dt><dd>{ &s.place }</dd>
                        <dt>{ m.sv_observed_at }</dt><dd>{ s.observed_at.replace('T', " ") }</dd>
                        <dt>{ m.sv_method }</dt><dd>{ observation_text::method(m, s.method) }</dd>
                        <dt>{ m.sv_chapter }</dt><dd>{ observation_text::chapter(m, s.chapter) }</dd>
                        if let Some(article) = s.article { <dt>{ m.sv_article }</dt><dd>{ article }</dd> }
                        <dt>{ m.sv_col_submitted }</dt><dd>{ short_time(&s.submitted_at) }</dd>
                        if s.reopened > 0 { <dt>{ m.sv_follow_up }</dt><dd>{ m.sv_reopened(s.reopened) }</dd> }
                    </dl>
                    <p class="mj-description">{ &v.description }</p>
                    if !v.photos.is_empty() {
                        <PhotoStrip ids={v.photos.clone()} source={PhotoSource::Supervisor} />
                    }
                    <h4 class="mj-subtitle">{ m.sv_timeline }</h4>
                    { timeline(m, &v.events) }
                    { follow_up_form(m, v, &note, &problem, on_follow_up.clone()) }
                </article>
            }
        }
    };
    html! { <div class="mj-supervisor-detail">{ back(m, &props.go) }{ body }</div> }
}

fn follow_up_form(
    m: &'static SupervisionMessages,
    v: &ObservationView,
    note: &UseStateHandle<String>,
    problem: &UseStateHandle<Option<String>>,
    onsubmit: Callback<SubmitEvent>,
) -> Html {
    if !v.summary.stage.is_answered() {
        return html! {};
    }
    if !v.can_follow_up {
        return html! { <p class="mj-muted">{ m.sv_follow_up_limit }</p> };
    }
    let oninput = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
    };
    html! {
        <form class="mj-follow-up mj-no-print" {onsubmit} novalidate=true>
            <h4 class="mj-subtitle">{ m.sv_follow_up }</h4>
            if let Some(message) = &**problem {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            <div class="mj-field">
                <label for="mj-sv-follow-up">{ m.sv_follow_up_label }</label>
                <textarea id="mj-sv-follow-up" class="mj-textarea" rows="3" value={(**note).clone()} {oninput} />
            </div>
            <button type="submit" class="mj-button mj-secondary">{ m.sv_follow_up_send }</button>
        </form>
    }
}
