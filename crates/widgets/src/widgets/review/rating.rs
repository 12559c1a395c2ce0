//! The overall rating: five native radio buttons, so arrow keys and screen readers work as
//! they do everywhere, styled as large tiles.

use yew::prelude::*;

use super::state::{Action, Form};
use crate::i18n::{Lang, level_label};

#[derive(Properties, PartialEq)]
pub struct RatingProps {
    pub lang: Lang,
    pub form: UseReducerHandle<Form>,
}

#[component]
pub fn RatingField(props: &RatingProps) -> Html {
    let t = props.lang.messages();
    let form = &props.form;
    let problem = form.problem("rating");
    html! {
        <fieldset class="mj-rating" aria-describedby={problem.map(|_| "mj-rating-error")}
                  aria-invalid={problem.map(|_| "true")}>
            <legend class="mj-legend">{ t.rating_legend }</legend>
            <div class="mj-rating-options">
                { for (1..=5u8).rev().map(|level| {
                    let id = format!("mj-rating-{level}");
                    let checked = form.rating == Some(level);
                    let stars = "★".repeat(usize::from(level));
                    let onchange = {
                        let form = form.dispatcher();
                        Callback::from(move |_: Event| form.dispatch(Action::Rate(level)))
                    };
                    html! {
                        <label for={id.clone()} class={classes!("mj-rating-option", format!("mj-level-{level}"), checked.then_some("mj-checked"))}>
                            <input type="radio" name="mj-rating" id={id} value={level.to_string()} {checked} {onchange} />
                            <span class="mj-rating-mark" aria-hidden="true">{ stars }</span>
                            <span class="mj-rating-text">{ level_label(t, level) }</span>
                        </label>
                    }
                }) }
            </div>
            if let Some(message) = problem {
                <p id="mj-rating-error" class="mj-error-text">{ message }</p>
            }
        </fieldset>
    }
}
