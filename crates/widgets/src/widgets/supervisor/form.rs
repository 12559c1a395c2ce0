//! A new observation: department, optionally the service item, place, time, method, area,
//! optionally the article, the description and up to three photos. Everything typed is
//! saved as a draft on this device; a submission that fails for want of a network goes to
//! the outbox, which sends it once the collector can be reached.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use mingjing_domain::supervision::{Chapter, DESCRIPTION_MAX, Method, NewObservation, articles, observed_minutes};
use yew::prelude::*;

use super::draft::{self, Draft};
use super::letter;
use super::photos::PhotoPicker;
use super::{Page, back};
use crate::api::catalog::ServiceSearch;
use crate::api::{self, ApiFailure};
use crate::i18n::{Lang, SupervisionMessages, fill};
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

/// The problems the panel can see before sending, each with the field it belongs to.
fn problems(m: &'static SupervisionMessages, d: &Draft, now: &str) -> Vec<(&'static str, &'static str)> {
    let mut found = Vec::new();
    if d.department.is_empty() {
        found.push(("mj-sv-department", m.sv_err_department));
    }
    if d.place.trim().is_empty() {
        found.push(("mj-sv-place", m.sv_err_place));
    }
    if observed_minutes(&d.observed_at).is_none() || d.observed_at.as_str() > now {
        found.push(("mj-sv-observed", m.sv_err_observed_at));
    }
    let length = d.description.trim().chars().count();
    if length == 0 || length > DESCRIPTION_MAX {
        found.push(("mj-sv-description", m.sv_err_description));
    }
    found
}

fn to_request(d: &Draft) -> NewObservation {
    NewObservation {
        department: d.department.clone(),
        service: d.service.as_ref().map(|(code, _)| code.clone()),
        place: d.place.trim().to_owned(),
        observed_at: d.observed_at.clone(),
        method: Method::parse(&d.method).unwrap_or(Method::Open),
        chapter: Chapter::parse(&d.chapter).unwrap_or(Chapter::Government),
        article: d.article.parse().ok(),
        description: d.description.trim().to_owned(),
        photos: d.photos.iter().map(|(id, _)| *id).collect(),
        idempotency_key: d.idempotency_key.clone(),
    }
}

#[component]
pub fn ObservationForm(props: &FormProps) -> Html {
    let session = use_session();
    let config = &session.config;
    let m = config.lang.supervision();
    let site = config.site.clone();
    let draft = use_state(|| {
        let mut d = draft::load_draft(&site).unwrap_or_default();
        if d.idempotency_key.is_empty() {
            d.idempotency_key = api::random_key();
        }
        if d.observed_at.is_empty() {
            d.observed_at = china_now();
        }
        if d.method.is_empty() {
            d.method = Method::Open.as_str().to_owned();
        }
        if d.chapter.is_empty() {
            d.chapter = Chapter::Government.as_str().to_owned();
        }
        d
    });
    let departments = use_departments(&config.api);
    let services = use_state(Vec::<(String, String)>::new);
    let service_query = use_state(String::new);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let shown_problems = use_state(Vec::<(&'static str, &'static str)>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);

    // Every change is kept on this device.
    {
        let site = site.clone();
        use_effect_with((*draft).clone(), move |d| draft::save_draft(&site, d));
    }
    let update = |change: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            change(&mut next, form_value(&e));
            draft.set(next);
        })
    };
    let typed = |change: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            change(&mut next, form_value(&e));
            draft.set(next);
        })
    };
    let on_service_input = {
        let (service_query, services, timer) = (service_query.clone(), services.clone(), timer.clone());
        let api_base = config.api.clone();
        let department = draft.department.clone();
        Callback::from(move |e: InputEvent| {
            let q = form_value(&e);
            service_query.set(q.clone());
            let (services, api_base, department) = (services.clone(), api_base.clone(), department.clone());
            *timer.borrow_mut() = Some(Timeout::new(250, move || {
                if q.trim().is_empty() {
                    services.set(Vec::new());
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    let search = ServiceSearch { text: &q, dept: &department, item_type: "", page: None, per_page: 8 };
                    if let Ok(page) = api::catalog::search(&api_base, search).await {
                        services.set(page.items.into_iter().map(|i| (i.code, i.name)).collect());
                    }
                });
            }));
        })
    };
    let onsubmit = {
        let (draft, shown_problems, failure, busy) =
            (draft.clone(), shown_problems.clone(), failure.clone(), busy.clone());
        let (session, site, go) = (session.clone(), site.clone(), props.go.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = problems(m, &draft, &china_now());
            shown_problems.set(found.clone());
            failure.set(None);
            if !found.is_empty() {
                return;
            }
            let request = to_request(&draft);
            busy.set(true);
            let (session, site, go, failure, busy) =
                (session.clone(), site.clone(), go.clone(), failure.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::supervision::submit(&session.credentials, &request).await {
                    Ok(view) => {
                        draft::clear_draft(&site);
                        let message = fill(m.sv_submitted, &[("id", &view.summary.id.to_string())]);
                        go.emit((Page::Detail(view.summary.id), Some(message)));
                    }
                    Err(ApiFailure::Refused(401, _)) => session.on_signed_out.emit(()),
                    Err(ApiFailure::Refused(_, body)) => {
                        failure.set(Some(fill(m.sv_err_other, &[("message", &body.message)])))
                    }
                    Err(problem) if problem.is_retryable() => {
                        letter::queue(&session.config.api, &site, request);
                        draft::clear_draft(&site);
                        go.emit((Page::Home, Some(m.sv_queued.to_owned())));
                    }
                    Err(_) => failure.set(Some(fill(m.sv_err_other, &[("message", m.sv_unreachable)]))),
                }
                busy.set(false);
            });
        })
    };
    let on_photos = {
        let draft = draft.clone();
        Callback::from(move |photos: Vec<(i64, String)>| draft.set(Draft { photos, ..(*draft).clone() }))
    };
    let invalid = |id: &str| shown_problems.iter().any(|(field, _)| *field == id).then_some("true");
    let left = DESCRIPTION_MAX.saturating_sub(draft.description.chars().count());
    let now = china_now();

    html! {
        <form class="mj-observation-form" onsubmit={onsubmit} novalidate=true>
            { back(m, &props.go) }
            <h3 class="mj-subtitle">{ m.sv_new }</h3>
            <p class="mj-hint" aria-live="polite">{ m.sv_draft_saved }</p>
            if !shown_problems.is_empty() {
                <div class="mj-alert mj-danger" role="alert" data-testid="form-errors">
                    <p>{ m.sv_errors }</p>
                    <ul>{ for shown_problems.iter().map(|(field, text)| html! { <li><a class="mj-link" href={format!("#{field}")}>{ *text }</a></li> }) }</ul>
                </div>
            }
            if let Some(message) = &*failure {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            <div class="mj-field">
                <label for="mj-sv-department">{ m.sv_department }</label>
                <select id="mj-sv-department" class="mj-select" aria-invalid={invalid("mj-sv-department")}
                        onchange={update(|d, v| { d.department = v; d.service = None; })}>
                    <option value="" selected={draft.department.is_empty()}>{ m.sv_choose }</option>
                    { for departments.iter().map(|(name, _)| html! {
                        <option value={name.clone()} selected={draft.department == *name}>{ name }</option>
                    }) }
                </select>
            </div>
            { service_field(m, &draft, &service_query, &services, on_service_input) }
            <div class="mj-field">
                <label for="mj-sv-place">{ m.sv_place }</label>
                <input id="mj-sv-place" class="mj-input" type="text" maxlength="200" value={draft.place.clone()}
                       aria-invalid={invalid("mj-sv-place")} aria-describedby="mj-sv-place-hint" oninput={typed(|d, v| d.place = v)} />
                <p id="mj-sv-place-hint" class="mj-hint">{ m.sv_place_hint }</p>
            </div>
            <div class="mj-field">
                <label for="mj-sv-observed">{ m.sv_observed_at }</label>
                <input id="mj-sv-observed" class="mj-input" type="datetime-local" max={now} value={draft.observed_at.clone()}
                       aria-invalid={invalid("mj-sv-observed")} onchange={update(|d, v| d.observed_at = v)} />
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
                                       onchange={update(|d, v| d.method = v)} />
                                { observation_text::method(m, *method) }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="mj-field">
                <label for="mj-sv-chapter">{ m.sv_chapter }</label>
                <select id="mj-sv-chapter" class="mj-select" onchange={update(|d, v| d.chapter = v)}>
                    { for Chapter::ALL.iter().map(|c| html! {
                        <option value={c.as_str()} selected={draft.chapter == c.as_str()}>{ observation_text::chapter(m, *c) }</option>
                    }) }
                </select>
            </div>
            { article_field(config.lang, m, &draft, update(|d, v| d.article = v)) }
            <div class="mj-field">
                <label for="mj-sv-description">{ m.sv_description }</label>
                <textarea id="mj-sv-description" class="mj-textarea" rows="6" value={draft.description.clone()}
                          aria-invalid={invalid("mj-sv-description")} aria-describedby="mj-sv-description-hint mj-sv-counter"
                          oninput={typed(|d, v| d.description = v)} />
                <p id="mj-sv-description-hint" class="mj-hint">{ m.sv_description_hint }</p>
                <p id="mj-sv-counter" class="mj-hint" aria-live="polite">{ fill(m.sv_counter, &[("n", &left.to_string())]) }</p>
            </div>
            <PhotoPicker photos={draft.photos.clone()} on_change={on_photos} />
            <button type="submit" class="mj-button mj-submit" disabled={*busy}>{ if *busy { m.sv_submitting } else { m.sv_submit } }</button>
        </form>
    }
}

/// The optional service item: a search within the chosen department, then the item picked.
fn service_field(
    m: &'static SupervisionMessages,
    draft: &UseStateHandle<Draft>,
    query: &UseStateHandle<String>,
    results: &UseStateHandle<Vec<(String, String)>>,
    oninput: Callback<InputEvent>,
) -> Html {
    if let Some((code, name)) = &draft.service {
        let draft = draft.clone();
        let clear = Callback::from(move |_: MouseEvent| draft.set(Draft { service: None, ..(*draft).clone() }));
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
            <input id="mj-sv-service" class="mj-input" type="search" autocomplete="off" value={(**query).clone()}
                   aria-describedby="mj-sv-service-hint" {oninput} />
            <p id="mj-sv-service-hint" class="mj-hint">{ m.sv_service_hint }</p>
            if !results.is_empty() {
                <ul class="mj-plain-list mj-choices">
                    { for results.iter().map(|(code, name)| {
                        let (draft, results, pick) = (draft.clone(), results.clone(), (code.clone(), name.clone()));
                        let onclick = Callback::from(move |_: MouseEvent| {
                            draft.set(Draft { service: Some(pick.clone()), ..(*draft).clone() });
                            results.set(Vec::new());
                        });
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
                                    { fill(m.sv_article_label, &[("n", &n), ("title", title)]) }
                                </option>
                            }
                        }) }
                    </optgroup>
                }) }
            </select>
        </div>
    }
}
