//! `<mingjing-review>`: the 好差评 form (Art. 66). Five levels, reasons required for a poor
//! review, an optional call-back contact, and a receipt. Nothing is ever lost: a review that
//! cannot be sent is kept in the outbox and sent once when the collector is back.

mod fields;
mod letter;
mod lookup;
mod rating;
mod receipt;
mod settings;
mod state;
#[cfg(test)]
mod state_tests;
mod submit;

use mingjing_domain::review::{Channel, ReviewRequest};
use yew::prelude::*;

use self::fields::{CommentField, ContactFields, DimensionsField, ReasonsField};
use self::lookup::ReceiptLookup;
use self::rating::RatingField;
use self::receipt::{QueuedNotice, Receipt};
use self::settings::{FormSettings, SiteSettings};
use self::state::{Action, Form, Phase};
use crate::api;
use crate::config::WidgetConfig;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub config: WidgetConfig,
    pub host: web_sys::HtmlElement,
}

/// The channel from the `channel` attribute, else PC or mobile by screen width.
pub fn channel_of(config: &WidgetConfig) -> Channel {
    match config.channel.as_deref() {
        Some("kiosk") => Channel::Kiosk,
        Some("hall") | Some("hall_terminal") => Channel::HallTerminal,
        Some("qr") => Channel::Qr,
        Some("mobile") => Channel::Mobile,
        Some("pc") => Channel::Pc,
        _ => {
            let narrow = web_sys::window()
                .and_then(|w| w.inner_width().ok())
                .and_then(|w| w.as_f64())
                .is_some_and(|w| w < 640.0);
            if narrow { Channel::Mobile } else { Channel::Pc }
        }
    }
}

#[component]
pub fn ReviewForm(props: &ReviewProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let form = use_reducer(|| Form::new(api::random_key()));
    let site_config = use_state(FormSettings::default);
    let summary_ref = use_node_ref();
    let channel = channel_of(config);
    // A re-rating token from a receipt lookup replaces the page's own token.
    let rerate = use_state(|| None::<String>);
    let token = (*rerate).clone().or_else(|| config.token.clone());

    {
        let site_config = site_config.clone();
        use_effect_with((config.api.clone(), config.site.clone()), move |(api, site)| {
            let (api, site) = (api.clone(), site.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(public) = api::sites::config::<SiteSettings>(&api, &site).await {
                    site_config.set(public.review);
                }
            });
            // Anything queued by an earlier visit goes out now.
            crate::outbox::start::<ReviewRequest>();
        });
    }
    submit::use_kiosk_reset(form.clone(), site_config.kiosk_idle_seconds, channel == Channel::Kiosk);
    {
        // Move focus to the error summary, so keyboard and screen-reader users hear it.
        let summary_ref = summary_ref.clone();
        let count = form.problems.len();
        use_effect_with(count, move |count| {
            if *count > 0
                && let Some(el) = summary_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = el.focus();
            }
        });
    }

    let onsubmit = submit::on_submit(form.clone(), props.host.clone(), config.clone(), channel, token);
    let reset = {
        let form = form.dispatcher();
        Callback::from(move |_| form.dispatch(Action::Reset(api::random_key())))
    };

    let on_rerate = {
        let (rerate, form) = (rerate.clone(), form.dispatcher());
        Callback::from(move |token: String| {
            rerate.set(Some(token));
            form.dispatch(Action::Reset(api::random_key()));
        })
    };
    let body = match &form.phase {
        Phase::Sent { receipt, verified } => {
            html! { <Receipt lang={config.lang} receipt={receipt.clone()} verified={*verified} onreset={reset} /> }
        }
        Phase::Queued => html! { <QueuedNotice lang={config.lang} onreset={reset} /> },
        Phase::Editing | Phase::Sending => {
            let sending = form.phase == Phase::Sending;
            let dimensions = if channel.is_counter() {
                site_config.counter_dimensions.clone()
            } else {
                site_config.online_dimensions.clone()
            };
            html! {
                <form novalidate=true {onsubmit} aria-describedby="mj-review-intro">
                    if !form.problems.is_empty() {
                        <div class="mj-alert mj-danger" role="alert" tabindex="-1" ref={summary_ref}>
                            <p>{ t.errors_summary(form.problems.len()) }</p>
                            <ul>{ for form.problems.iter().map(|p| html! { <li>{ &p.message }</li> }) }</ul>
                        </div>
                    }
                    <RatingField lang={config.lang} form={form.clone()} />
                    if form.is_poor() {
                        <ReasonsField lang={config.lang} form={form.clone()} reasons={site_config.reasons.clone()} />
                    }
                    <CommentField lang={config.lang} form={form.clone()} />
                    if !dimensions.is_empty() {
                        <DimensionsField lang={config.lang} form={form.clone()} dimensions={dimensions} />
                    }
                    <ContactFields lang={config.lang} form={form.clone()} />
                    <button type="submit" class="mj-button mj-submit" disabled={sending} aria-busy={sending.to_string()}>
                        { if sending { t.submitting } else { t.submit } }
                    </button>
                    if channel == Channel::Kiosk {
                        <p class="mj-hint">{ t.kiosk_reset_notice(site_config.kiosk_idle_seconds) }</p>
                    }
                </form>
            }
        }
    };
    html! {
        <section class="mj-card mj-review" aria-labelledby="mj-title">
            <h2 id="mj-title" class="mj-title">{ t.title_review }</h2>
            <p id="mj-review-intro" class="mj-muted">{ t.review_intro }</p>
            if rerate.is_some() {
                <p class="mj-alert" role="status">{ t.rerate_notice }</p>
            }
            { body }
            <ReceiptLookup config={config.clone()} {on_rerate} />
        </section>
    }
}
