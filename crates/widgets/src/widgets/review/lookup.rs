//! Looking up a receipt: where the follow-up of a review stands, the department's reply,
//! and, once a rectification is done, the invitation to rate it (evaluation number 2).

use mingjing_domain::desk::ReceiptStatus;
use mingjing_domain::follow_up::Stage;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;
use crate::i18n::Messages;

#[derive(Properties, PartialEq)]
pub struct LookupProps {
    pub config: WidgetConfig,
    /// Called with the re-rating token when the reviewer chooses to rate the rectification.
    pub on_rerate: Callback<String>,
}

fn status_text(t: &Messages, s: &ReceiptStatus) -> String {
    let due = s.due_date.clone().unwrap_or_default();
    match s.stage {
        None => t.status_recorded.to_owned(),
        Some(Stage::New | Stage::CalledBack | Stage::Verified) => t.status_in_progress(&due),
        Some(Stage::Rectifying) => t.status_rectifying.to_owned(),
        Some(Stage::AwaitingReply) => t.status_awaiting_reply.to_owned(),
        Some(Stage::Closed) => t.status_closed.to_owned(),
    }
}

#[component]
pub fn ReceiptLookup(props: &LookupProps) -> Html {
    let t = props.config.lang.messages();
    let code = use_state(String::new);
    let result = use_state(|| None::<Result<ReceiptStatus, String>>);
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| code.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (code, result, api_base, lang) =
            (code.clone(), result.clone(), props.config.api.clone(), props.config.lang);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let receipt: String =
                code.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
            let (result, api_base) = (result.clone(), api_base.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let t = lang.messages();
                result.set(Some(match api::reviews::status(&api_base, &receipt).await {
                    Ok(status) => Ok(status),
                    Err(ApiFailure::Refused(..)) => Err(t.lookup_not_found.to_owned()),
                    Err(_) => Err(t.lookup_unreachable.to_owned()),
                }));
            });
        })
    };
    let answer = match &*result {
        None => html! {},
        Some(Err(message)) => html! { <p class="mj-error-text">{ message }</p> },
        Some(Ok(status)) => {
            let rerate = status.rerate_token.clone().map(|token| {
                let on_rerate = props.on_rerate.clone();
                Callback::from(move |_: MouseEvent| on_rerate.emit(token.clone()))
            });
            html! {
                <div class="mj-alert" data-testid="lookup-result">
                    <p>{ status_text(t, status) }</p>
                    if let Some(reply) = &status.reply {
                        <p><strong>{ t.status_reply_label }</strong>{ reply }</p>
                    }
                    if let Some(onclick) = rerate {
                        <button type="button" class="mj-button mj-secondary" {onclick}>{ t.rerate_button }</button>
                    }
                </div>
            }
        }
    };
    html! {
        <details class="mj-lookup mj-no-print">
            <summary class="mj-legend">{ t.lookup_title }</summary>
            <form class="mj-inline-form" {onsubmit} novalidate=true>
                <label for="mj-lookup-code">{ t.receipt_label }</label>
                <input id="mj-lookup-code" class="mj-input" value={(*code).clone()} {oninput} autocomplete="off" />
                <button type="submit" class="mj-button mj-secondary">{ t.lookup_button }</button>
            </form>
            <div aria-live="polite">{ answer }</div>
        </details>
    }
}
