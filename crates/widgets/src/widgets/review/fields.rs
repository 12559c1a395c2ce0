//! The form's other fields: reasons for a poor review, the comment, the optional dimension
//! ratings, and the optional call-back contact.

use mingjing_domain::review::{Choice, MAX_COMMENT_CHARS};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::{Action, Form};
use crate::i18n::{Lang, choice_label, level_label};

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub lang: Lang,
    pub form: UseReducerHandle<Form>,
}

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    pub lang: Lang,
    pub form: UseReducerHandle<Form>,
    #[prop_or_default]
    pub reasons: Vec<Choice>,
    #[prop_or_default]
    pub dimensions: Vec<Choice>,
}

fn error(id: &str, message: Option<&str>) -> Html {
    match message {
        Some(m) => html! { <p id={id.to_owned()} class="mj-error-text">{ m }</p> },
        None => html! {},
    }
}

#[component]
pub fn ReasonsField(props: &ChoiceFieldProps) -> Html {
    let t = props.lang.messages();
    let form = &props.form;
    let problem = form.problem("reasons");
    html! {
        <fieldset class="mj-reasons" aria-describedby={problem.map(|_| "mj-reasons-error")}>
            <legend class="mj-legend">{ t.reasons_legend }</legend>
            <div class="mj-chips">
                { for props.reasons.iter().map(|choice| {
                    let id = format!("mj-reason-{}", choice.code);
                    let checked = form.reasons.contains(&choice.code);
                    let onchange = {
                        let form = form.dispatcher();
                        let code = choice.code.clone();
                        Callback::from(move |_: Event| form.dispatch(Action::ToggleReason(code.clone())))
                    };
                    html! {
                        <label for={id.clone()} class={classes!("mj-chip", checked.then_some("mj-checked"))}>
                            <input type="checkbox" id={id} value={choice.code.clone()} {checked} {onchange} />
                            <span>{ choice_label(choice, props.lang) }</span>
                        </label>
                    }
                }) }
            </div>
            { error("mj-reasons-error", problem) }
        </fieldset>
    }
}

#[component]
pub fn CommentField(props: &FieldProps) -> Html {
    let t = props.lang.messages();
    let form = &props.form;
    let used = form.comment.chars().count() as u32;
    let left = MAX_COMMENT_CHARS.saturating_sub(used);
    let problem = form.problem("comment");
    let oninput = {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            form.dispatch(Action::Comment(area.value()));
        })
    };
    html! {
        <div class="mj-field">
            <label for="mj-comment">{ if form.is_poor() { t.comment_label_poor } else { t.comment_label } }</label>
            <textarea id="mj-comment" class="mj-textarea" rows="3" maxlength={MAX_COMMENT_CHARS.to_string()}
                      value={form.comment.clone()} {oninput}
                      aria-describedby={if problem.is_some() { "mj-comment-count mj-comment-error" } else { "mj-comment-count" }}
                      aria-invalid={problem.map(|_| "true")} />
            <p id="mj-comment-count" class="mj-hint">{ t.comment_counter(left) }</p>
            { error("mj-comment-error", problem) }
        </div>
    }
}

#[component]
pub fn DimensionsField(props: &ChoiceFieldProps) -> Html {
    let t = props.lang.messages();
    let form = &props.form;
    html! {
        <details class="mj-dimensions">
            <summary class="mj-legend">{ t.dimensions_legend }</summary>
            { for props.dimensions.iter().map(|choice| {
                let id = format!("mj-dim-{}", choice.code);
                let current = form.dimensions.iter().find(|(k, _)| *k == choice.code).map(|(_, r)| *r);
                let onchange = {
                    let form = form.dispatcher();
                    let code = choice.code.clone();
                    Callback::from(move |e: Event| {
                        let select: HtmlSelectElement = e.target_unchecked_into();
                        if let Ok(level) = select.value().parse::<u8>() {
                            form.dispatch(Action::RateDimension(code.clone(), level));
                        }
                    })
                };
                html! {
                    <div class="mj-field mj-inline">
                        <label for={id.clone()}>{ choice_label(choice, props.lang) }</label>
                        <select id={id} class="mj-select" {onchange}>
                            <option value="" selected={current.is_none()}>{ "—" }</option>
                            { for (1..=5u8).rev().map(|level| html! {
                                <option value={level.to_string()} selected={current == Some(level)}>{ level_label(t, level) }</option>
                            }) }
                        </select>
                    </div>
                }
            }) }
        </details>
    }
}

#[component]
pub fn ContactFields(props: &FieldProps) -> Html {
    let t = props.lang.messages();
    let form = &props.form;
    let toggle = {
        let form = form.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            form.dispatch(Action::Callback(input.checked()));
        })
    };
    let on_name = {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            form.dispatch(Action::Name(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_phone = {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            form.dispatch(Action::Phone(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let name_problem = form.problem("contact.name");
    let phone_problem = form.problem("contact.phone");
    html! {
        <div class="mj-contact">
            <div class="mj-check">
                <input type="checkbox" id="mj-callback" checked={form.callback} onchange={toggle} aria-describedby="mj-privacy" />
                <label for="mj-callback">{ t.callback_label }</label>
            </div>
            <p id="mj-privacy" class="mj-hint">{ t.contact_privacy }</p>
            if form.callback {
                <div class="mj-field">
                    <label for="mj-name">{ t.name_label }</label>
                    <input id="mj-name" class="mj-input" type="text" autocomplete="name" maxlength="20"
                           value={form.name.clone()} oninput={on_name}
                           aria-invalid={name_problem.map(|_| "true")} aria-describedby={name_problem.map(|_| "mj-name-error")} />
                    { error("mj-name-error", name_problem) }
                </div>
                <div class="mj-field">
                    <label for="mj-phone">{ t.phone_label }</label>
                    <input id="mj-phone" class="mj-input" type="tel" inputmode="numeric" autocomplete="tel"
                           value={form.phone.clone()} oninput={on_phone}
                           aria-invalid={phone_problem.map(|_| "true")}
                           aria-describedby={if phone_problem.is_some() { "mj-phone-hint mj-phone-error" } else { "mj-phone-hint" }} />
                    <p id="mj-phone-hint" class="mj-hint">{ t.phone_hint }</p>
                    { error("mj-phone-error", phone_problem) }
                </div>
            }
        </div>
    }
}
