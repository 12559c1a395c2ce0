//! 申诉复核 on a review: ask for it to leave the figures, see that the request waits for
//! another approver, or, as that approver, confirm or refuse it. The collector decides who
//! may do what (`ExclusionView::may_decide`); this only shows it.

use mingjing_domain::desk::DeskDetail;
use mingjing_domain::exclusion::{ExclusionCategory, ExclusionDecision, ExclusionRequest, ExclusionView};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::i18n::DeskMessages;
use crate::shared::session::use_session;

#[derive(Properties, PartialEq)]
pub struct ExclusionProps {
    pub receipt: String,
    pub exclusion: Option<ExclusionView>,
    pub on_recorded: Callback<DeskDetail>,
}

pub fn category_label(d: &DeskMessages, c: ExclusionCategory) -> &'static str {
    match c {
        ExclusionCategory::Mistaken => d.exclusion_mistaken,
        ExclusionCategory::Malicious => d.exclusion_malicious,
    }
}

/// What the staff member may send: a request, or a decision on the waiting one.
#[derive(Clone)]
enum Send {
    Ask(ExclusionRequest),
    Decide(ExclusionDecision),
}

#[component]
pub fn ExclusionPanel(props: &ExclusionProps) -> Html {
    let session = use_session();
    let d = session.config.lang.desk();
    let category = use_state(|| ExclusionCategory::Mistaken);
    let text = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let send = {
        let (text, problem, on_recorded) = (text.clone(), problem.clone(), props.on_recorded.clone());
        let (credentials, receipt) = (session.credentials.clone(), props.receipt.clone());
        Callback::from(move |what: Send| {
            let (text, problem, on_recorded) = (text.clone(), problem.clone(), on_recorded.clone());
            let (credentials, receipt) = (credentials.clone(), receipt.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match &what {
                    Send::Ask(request) => api::desk::request_exclusion(&credentials, &receipt, request).await,
                    Send::Decide(decision) => api::desk::decide_exclusion(&credentials, &receipt, decision).await,
                };
                match answer {
                    Ok(detail) => {
                        text.set(String::new());
                        problem.set(None);
                        on_recorded.emit(detail);
                    }
                    Err(ApiFailure::Refused(_, body)) => problem.set(Some(d.desk_error(&body.message))),
                    Err(_) => problem.set(Some(d.desk_unreachable.to_owned())),
                }
            });
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let alert = (*problem).clone().map(|message| {
        html! {
            <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
        }
    });
    let body = match &props.exclusion {
        Some(x) if x.excluded => html! {
            <p class="mj-alert mj-success" data-testid="exclusion-state">{ d.exclusion_excluded(category_label(d, x.category)) }</p>
        },
        Some(x) if x.may_decide => {
            let decide = |approve: bool| {
                let (send, text) = (send.clone(), text.clone());
                Callback::from(move |_: MouseEvent| {
                    send.emit(Send::Decide(ExclusionDecision { approve, note: (*text).clone() }));
                })
            };
            html! {
                <>
                    <p data-testid="exclusion-state">{ d.exclusion_waiting(category_label(d, x.category)) }{ " — " }{ &x.reason }</p>
                    { alert }
                    <div class="mj-field">
                        <label for="mj-exclusion-text">{ d.exclusion_note }</label>
                        <textarea id="mj-exclusion-text" class="mj-textarea" value={(*text).clone()} oninput={on_text} />
                    </div>
                    <div class="mj-actions">
                        <button type="button" class="mj-button" onclick={decide(true)}>{ d.exclusion_approve }</button>
                        <button type="button" class="mj-button mj-secondary" onclick={decide(false)}>{ d.exclusion_refuse }</button>
                    </div>
                </>
            }
        }
        Some(x) => html! {
            <p data-testid="exclusion-state">{ d.exclusion_waiting(category_label(d, x.category)) }</p>
        },
        None => {
            let on_category = {
                let category = category.clone();
                Callback::from(move |e: Event| {
                    let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                    category.set(ExclusionCategory::parse(&value).unwrap_or(ExclusionCategory::Mistaken));
                })
            };
            let onsubmit = {
                let (send, text, category) = (send.clone(), text.clone(), category.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    send.emit(Send::Ask(ExclusionRequest { category: *category, reason: (*text).clone() }));
                })
            };
            html! {
                <form class="mj-exclusion" {onsubmit} novalidate=true>
                    <p class="mj-muted">{ d.exclusion_intro }</p>
                    { alert }
                    <div class="mj-field">
                        <label for="mj-exclusion-category">{ d.exclusion_category }</label>
                        <select id="mj-exclusion-category" class="mj-select" onchange={on_category}>
                            { for ExclusionCategory::ALL.into_iter().map(|c| html! {
                                <option value={c.as_str()} selected={c == *category}>{ category_label(d, c) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="mj-field">
                        <label for="mj-exclusion-text">{ d.exclusion_reason }</label>
                        <textarea id="mj-exclusion-text" class="mj-textarea" value={(*text).clone()} oninput={on_text} />
                    </div>
                    <button type="submit" class="mj-button mj-secondary">{ d.exclusion_ask }</button>
                </form>
            }
        }
    };
    html! {
        <section class="mj-desk-exclusion" aria-labelledby="mj-exclusion-title">
            <h4 class="mj-subtitle" id="mj-exclusion-title">{ d.exclusion_title }</h4>
            { body }
        </section>
    }
}
