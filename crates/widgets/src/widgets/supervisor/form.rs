//! A new observation: department, optionally the service item, place, time, method, area,
//! optionally the article, the description and up to three photos. Everything typed is
//! saved as a draft on this device; a submission that fails for want of a network goes to
//! the outbox, which sends it once the collector can be reached.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use mingjing_domain::supervision::{Chapter, DESCRIPTION_MAX, Method, articles};
use yew::prelude::*;

use super::draft::{self, Draft};
use super::letter;
use super::photos::PhotoPicker;
use super::state::{Action, Field, FormState, Problem};
use super::{Page, back};
use crate::api::catalog::ServiceSearch;
use crate::api::{self, ApiFailure};
use crate::i18n::{Lang, SupervisionMessages};
use crate::shared::departments::use_departments;
use crate::shared::form_value::form_value;
use crate::shared::session::use_session;
use crate::widgets::observation_text;

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub go: Callback<(Page, Option<String>)>,
}

/// Now in China, `YYYY-MM-DDTHH:MM`, for the time field's default and its upper bound.
fn china_now() -> String {
    let millis = js_sys::Date::now() as i64 + 8 * 3_600_000;
    let days = millis.div_euclid(86_400_000);
    let minutes = millis.rem_euclid(86_400_000) / 60_000;
    let date = time::Date::from_julian_day(2_440_588 + days as i32).unwrap_or(time::Date::MIN);
    format!("{}T{:02}:{:02}", mingjing_domain::iso_date::format(date), minutes / 60, minutes % 60)
}

/// What a problem says, next to its field and in the summary.
fn problem_text(m: &'static SupervisionMessages, problem: Problem) -> &'static str {
    match problem {
        Problem::Department => m.sv_err_department,
        Problem::Place => m.sv_err_place,
        Problem::ObservedAt => m.sv_err_observed_at,
        Problem::Description => m.sv_err_description,
    }
}

#[component]
pub fn ObservationForm(props: &FormProps) -> Html {
    let session = use_session();
    let config = &session.config;
    let m = config.lang.supervision();
    let site = config.site.clone();
    let form = use_reducer(|| FormState::new(draft::load_draft(&site), api::random_key(), china_now()));
    let departments = use_departments(&config.api);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);

    // Every change is kept on this device.
    {
        let site = site.clone();
        use_effect_with(form.draft.clone(), move |d| draft::save_draft(&site, d));
    }
    let set = |field: Field| {
        let form = form.dispatcher();
        Callback::from(move |e: Event| form.dispatch(Action::Set(field, form_value(&e))))
    };
    let typed = |field: Field| {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| form.dispatch(Action::Set(field, form_value(&e))))
    };
    let on_service_input = {
        let (department, api_base) = (form.draft.department.clone(), config.api.clone());
        let (form, timer) = (form.dispatcher(), timer.clone());
        Callback::from(move |e: InputEvent| {
            let q = form_value(&e);
            form.dispatch(Action::SearchService(q.clone()));
            let (form, api_base, department) = (form.clone(), api_base.clone(), department.clone());
            *timer.borrow_mut() = Some(Timeout::new(250, move || {
                if q.trim().is_empty() {
                    form.dispatch(Action::ServicesFound(Vec::new()));
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    let search = ServiceSearch { text: &q, dept: &department, item_type: "", page: None, per_page: 8 };
                    if let Ok(page) = api::catalog::search(&api_base, search).await {
                        form.dispatch(Action::ServicesFound(
                            page.items.into_iter().map(|i| (i.code, i.name)).collect(),
                        ));
                    }
                });
            }));
        })
    };
    let onsubmit = {
        let (form, session, go) = (form.clone(), session.clone(), props.go.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = form.check(&china_now());
            let ready = found.is_empty();
            form.dispatch(Action::Checked(found));
            if !ready {
                return;
            }
            let request = form.request();
            let (form, session, go) = (form.dispatcher(), session.clone(), go.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let site = &session.config.site;
                let failure = match api::supervision::submit(&session.credentials, &request).await {
                    Ok(view) => {
                        draft::clear_draft(site);
                        let message = m.sv_submitted(view.summary.id);
                        go.emit((Page::Detail(view.summary.id), Some(message)));
                        None
                    }
                    Err(ApiFailure::Refused(401, _)) => {
                        session.on_signed_out.emit(());
                        None
                    }
                    Err(ApiFailure::Refused(_, body)) => Some(m.sv_err_other(&body.message)),
                    Err(problem) if problem.is_retryable() => {
                        letter::queue(&session.config.api, site, request);
                        draft::clear_draft(site);
                        go.emit((Page::Home, Some(m.sv_queued.to_owned())));
                        None
                    }
                    Err(_) => Some(m.sv_err_other(m.sv_unreachable)),
                };
                form.dispatch(Action::Finished { failure });
            });
        })
    };
    let on_photos = {
        let form = form.dispatcher();
        Callback::from(move |photos: Vec<(i64, String)>| form.dispatch(Action::Photos(photos)))
    };
    let invalid = |problem: Problem| form.has_problem(problem).then_some("true");
    let draft = &form.draft;
    let left = DESCRIPTION_MAX.saturating_sub(draft.description.chars().count());
    let now = china_now();

    html! {
        <form class="mj-observation-form" onsubmit={onsubmit} novalidate=true>
            { back(m, &props.go) }
            <h3 class="mj-subtitle">{ m.sv_new }</h3>
            <p class="mj-hint" aria-live="polite">{ m.sv_draft_saved }</p>
            if !form.problems.is_empty() {
                <div class="mj-alert mj-danger" role="alert" data-testid="form-errors">
                    <p>{ m.sv_errors }</p>
                    <ul>{ for form.problems.iter().map(|p| html! { <li><a class="mj-link" href={format!("#{}", p.field_id())}>{ problem_text(m, *p) }</a></li> }) }</ul>
                </div>
            }
            if let Some(message) = &form.failure {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            <div class="mj-field">
                <label for="mj-sv-department">{ m.sv_department }</label>
                <select id="mj-sv-department" class="mj-select" aria-invalid={invalid(Problem::Department)}
                        onchange={set(Field::Department)}>
                    <option value="" selected={draft.department.is_empty()}>{ m.sv_choose }</option>
                    { for departments.iter().map(|(name, _)| html! {
                        <option value={name.clone()} selected={draft.department == *name}>{ name }</option>
                    }) }
                </select>
            </div>
            { service_field(m, &form, on_service_input) }
            <div class="mj-field">
                <label for="mj-sv-place">{ m.sv_place }</label>
                <input id="mj-sv-place" class="mj-input" type="text" maxlength="200" value={draft.place.clone()}
                       aria-invalid={invalid(Problem::Place)} aria-describedby="mj-sv-place-hint" oninput={typed(Field::Place)} />
                <p id="mj-sv-place-hint" class="mj-hint">{ m.sv_place_hint }</p>
            </div>
            <div class="mj-field">
                <label for="mj-sv-observed">{ m.sv_observed_at }</label>
                <input id="mj-sv-observed" class="mj-input" type="datetime-local" max={now} value={draft.observed_at.clone()}
                       aria-invalid={invalid(Problem::ObservedAt)} onchange={set(Field::ObservedAt)} />
            </div>
            <fieldset class="mj-field">
                <legend class="mj-legend">{ m.sv_method }</legend>
                <div class="mj-chips">
                    { for Method::ALL.iter().map(|method| {
                        let id = format!("mj-sv-method-{}", method.as_str());
                        let checked = draft.method == method.as_str();
                        html! {
                            <label class={classes!("mj-chip", checked.then_some("mj-checked"))} for={id.clone()}>
                                <input type="radio" name="mj-sv-method" id={id} value={method.as_str()} {checked}
                                       onchange={set(Field::Method)} />
                                { observation_text::method(m, *method) }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="mj-field">
                <label for="mj-sv-chapter">{ m.sv_chapter }</label>
                <select id="mj-sv-chapter" class="mj-select" onchange={set(Field::Chapter)}>
                    { for Chapter::ALL.iter().map(|c| html! {
                        <option value={c.as_str()} selected={draft.chapter == c.as_str()}>{ observation_text::chapter(m, *c) }</option>
                    }) }
                </select>
            </div>
            { article_field(config.lang, m, draft, set(Field::Article)) }
            <div class="mj-field">
                <label for="mj-sv-description">{ m.sv_description }</label>
                <textarea id="mj-sv-description" class="mj-textarea" rows="6" value={draft.description.clone()}
                          aria-invalid={invalid(Problem::Description)} aria-describedby="mj-sv-description-hint mj-sv-counter"
                          oninput={typed(Field::Description)} />
                <p id="mj-sv-description-hint" class="mj-hint">{ m.sv_description_hint }</p>
                <p id="mj-sv-counter" class="mj-hint" aria-live="polite">{ m.sv_counter(left) }</p>
            </div>
            <PhotoPicker photos={draft.photos.clone()} on_change={on_photos} />
            <button type="submit" class="mj-button mj-submit" disabled={form.busy}>{ if form.busy { m.sv_submitting } else { m.sv_submit } }</button>
        </form>
    }
}

/// The optional service item: a search within the chosen department, then the item picked.
fn service_field(
    m: &'static SupervisionMessages,
    form: &UseReducerHandle<FormState>,
    oninput: Callback<InputEvent>,
) -> Html {
    if let Some((code, name)) = &form.draft.service {
        let form = form.dispatcher();
        let clear = Callback::from(move |_: MouseEvent| form.dispatch(Action::ClearService));
        return html! {
            <div class="mj-field">
                <p class="mj-legend">{ m.sv_service }</p>
                <p>{ name }{ " " }<span class="mj-muted mj-small mj-mono">{ code }</span>{ " " }
                   <button type="button" class="mj-link" onclick={clear}>{ m.sv_service_clear }</button></p>
            </div>
        };
    }
    html! {
        <div class="mj-field">
            <label for="mj-sv-service">{ m.sv_service }</label>
            <input id="mj-sv-service" class="mj-input" type="search" autocomplete="off" value={form.service_query.clone()}
                   aria-describedby="mj-sv-service-hint" {oninput} />
            <p id="mj-sv-service-hint" class="mj-hint">{ m.sv_service_hint }</p>
            if !form.services.is_empty() {
                <ul class="mj-plain-list mj-choices">
                    { for form.services.iter().map(|(code, name)| {
                        let (form, pick) = (form.dispatcher(), (code.clone(), name.clone()));
                        let onclick = Callback::from(move |_: MouseEvent| form.dispatch(Action::PickService(pick.clone())));
                        html! { <li><button type="button" class="mj-link" {onclick}>{ name }</button></li> }
                    }) }
                </ul>
            }
        </div>
    }
}

/// The article picker: every article with its short title, grouped by chapter.
fn article_field(lang: Lang, m: &'static SupervisionMessages, draft: &Draft, onchange: Callback<Event>) -> Html {
    let list = articles();
    let mut chapters: Vec<&str> = Vec::new();
    for a in list {
        if !chapters.contains(&a.chapter.as_str()) {
            chapters.push(&a.chapter);
        }
    }
    html! {
        <div class="mj-field">
            <label for="mj-sv-article">{ m.sv_article }</label>
            <select id="mj-sv-article" class="mj-select" {onchange}>
                <option value="" selected={draft.article.is_empty()}>{ m.sv_article_none }</option>
                { for chapters.iter().map(|chapter| html! {
                    <optgroup label={chapter.to_string()}>
                        { for list.iter().filter(|a| a.chapter == *chapter).map(|a| {
                            let title = if lang == Lang::En { &a.en } else { &a.zh };
                            let n = a.number.to_string();
                            html! {
                                <option value={n.clone()} selected={draft.article == n}>
                                    { m.sv_article_label(a.number, title) }
                                </option>
                            }
                        }) }
                    </optgroup>
                }) }
            </select>
        </div>
    }
}
