//! Submitting: the shared domain rules first, then the POST, then the outbox if the
//! collector cannot be reached.

use mingjing_domain::review::{Channel, Review};
use serde::Serialize;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::letter::keeping;
use super::state::{Action, Form, Phase, Problem};
use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;
use crate::events;
use crate::i18n::Messages;
use crate::outbox::{self, Entry};

#[derive(Serialize)]
struct RefusedDetail<'a> {
    code: &'a str,
    status: u16,
}

#[derive(Serialize)]
struct SubmittedDetail<'a> {
    receipt: &'a str,
    verified: bool,
    rating: i64,
    service: &'a str,
}

/// The message for a broken rule, in the widget's language.
fn message_for(t: &Messages, rule: &str, fallback: &str) -> String {
    match rule {
        "reason_required" => t.err_reason_required.to_owned(),
        "out_of_range" | "rating_required" => t.err_rating_required.to_owned(),
        "too_long" => t.err_comment_too_long.to_owned(),
        "invalid_name" => t.err_name.to_owned(),
        "invalid_mobile" => t.err_phone.to_owned(),
        "already_reviewed" => t.err_duplicate.to_owned(),
        "invalid_token" | "expired_token" | "unknown_token" => t.err_token.to_owned(),
        _ => t.err_other(fallback),
    }
}

pub fn on_submit(
    form: UseReducerHandle<Form>,
    host: HtmlElement,
    config: WidgetConfig,
    channel: Channel,
    token: Option<String>,
) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if form.phase == Phase::Sending {
            return;
        }
        let t = config.lang.messages();
        if form.rating.is_none() {
            form.dispatch(Action::Problems(vec![Problem {
                field: "rating".into(),
                message: t.err_rating_required.into(),
            }]));
            return;
        }
        let service = config.service.clone().unwrap_or_default();
        let request = form.request(&config.site, &service, channel, token.as_deref());
        if let Err(broken) = Review::parse(&request) {
            let message = message_for(t, broken.rule, &broken.message);
            form.dispatch(Action::Problems(vec![Problem { field: broken.field, message }]));
            return;
        }
        form.dispatch(Action::Sending);
        let form = form.clone();
        let host = host.clone();
        let config = config.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match api::reviews::submit(&config.api, &request).await {
                Ok(receipt) => {
                    let detail = SubmittedDetail {
                        receipt: &receipt.receipt,
                        verified: receipt.verified,
                        rating: request.rating,
                        service: &service,
                    };
                    events::dispatch(&host, "mingjing:submitted", &detail);
                    form.dispatch(Action::Sent { receipt: receipt.receipt, verified: receipt.verified });
                }
                Err(ApiFailure::Refused(status, body)) => {
                    let t = config.lang.messages();
                    let rule = if status == 409 { "already_reviewed" } else { body.code.as_str() };
                    let field = body.field.unwrap_or_else(|| "form".to_owned());
                    events::dispatch(&host, "mingjing:error", &RefusedDetail { code: &body.code, status });
                    form.dispatch(Action::Problems(vec![Problem {
                        field,
                        message: message_for(t, rule, &body.message),
                    }]));
                }
                // Unreachable, unavailable, or an answer we could not read: keep it and try
                // again, and the idempotency key makes sure it is stored once.
                Err(_) => {
                    outbox::push(Entry { api: config.api.clone(), request }, keeping(channel));
                    form.dispatch(Action::Queued);
                }
            }
        });
    })
}

/// On a counter tablet, clears the form for the next citizen after `idle_seconds` without
/// input, and soon after a review is done.
#[hook]
pub fn use_kiosk_reset(form: UseReducerHandle<Form>, idle_seconds: u32, enabled: bool) {
    let done = matches!(form.phase, Phase::Sent { .. } | Phase::Queued);
    let touched = form.touched;
    use_effect_with((touched, done, idle_seconds, enabled), move |&(_, done, idle, enabled)| {
        let seconds = if done { 15 } else { idle.max(15) };
        let dispatcher = form.dispatcher();
        let timer = enabled.then(|| {
            gloo_timers::callback::Timeout::new(seconds * 1000, move || {
                dispatcher.dispatch(Action::Reset(api::random_key()));
            })
        });
        // Dropping the timer cancels it, so any new input starts the count again.
        move || drop(timer)
    });
}
