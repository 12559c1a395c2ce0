use mingjing_domain::desk::{DeskDetail, RevealRequest, RevealedContact};
use mingjing_domain::review::{Choice, PublicSiteConfig};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::exclusion::ExclusionPanel;
use super::stage_label;
use super::step_form::{StepForm, entry_choice, entry_title, short_time};
use crate::api;
use crate::i18n::{Lang, choice_label, level_label};
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub receipt: String,
    pub on_back: Callback<MouseEvent>,
}

/// One poor review: what the reviewer said, the history, the contact (masked until revealed
/// for a reason), and the form for the next step.
#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let session = use_session();
    let config = &session.config;
    let (t, d) = (config.lang.messages(), config.lang.desk());
    let receipt = props.receipt.clone();
    let detail = use_session_get(receipt.clone(), async move |c| api::desk::review(c, &receipt).await);
    let revealed = use_state(|| None::<RevealedContact>);
    let reveal_reason = use_state(String::new);
    let reasons = use_state(Vec::<Choice>::new);
    {
        let reasons = reasons.clone();
        use_effect_with((config.api.clone(), config.site.clone()), move |(api, site)| {
            let (api, site) = (api.clone(), site.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(public) = api::sites::config::<PublicSiteConfig>(&api, &site).await {
                    reasons.set(public.review.reasons);
                }
            });
        });
    }
    let on_recorded = {
        let detail = detail.clone();
        Callback::from(move |d: DeskDetail| detail.set(Some(Ok(d))))
    };
    let on_reason = {
        let reveal_reason = reveal_reason.clone();
        Callback::from(move |e: InputEvent| reveal_reason.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_reveal = {
        let (revealed, reason) = (revealed.clone(), reveal_reason.clone());
        let (credentials, receipt) = (session.credentials.clone(), props.receipt.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (revealed, credentials, receipt) = (revealed.clone(), credentials.clone(), receipt.clone());
            let request = RevealRequest { reason: (*reason).clone() };
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(contact) = api::desk::reveal(&credentials, &receipt, &request).await {
                    revealed.set(Some(contact));
                }
            });
        })
    };
    let back = html! { <button type="button" class="mj-link" onclick={props.on_back.clone()}>{ "← " }{ d.desk_back }</button> };
    let Some(Ok(found)) = &*detail else {
        return html! { <div>{ back }<p class="mj-muted" role="status">{ t.loading }</p></div> };
    };
    let item = &found.item;
    html! {
        <div class="mj-desk-detail">
            { back }
            <h3 class="mj-subtitle">{ d.desk_col_receipt }{ " " }<span class="mj-mono">{ &item.receipt }</span></h3>
            <dl class="mj-facts">
                <dt>{ d.desk_col_rating }</dt><dd>{ level_label(t, item.rating) }</dd>
                <dt>{ d.desk_col_stage }</dt><dd>{ stage_label(d, item.stage) }</dd>
                <dt>{ d.desk_col_due }</dt>
                <dd>{ &item.due_date }if item.overdue { { " " }<strong class="mj-flag">{ "⚠ " }{ d.desk_overdue }</strong> }</dd>
                <dt>{ d.desk_reasons }</dt><dd>{ reason_labels(&item.reasons, &reasons, config.lang) }</dd>
                <dt>{ d.desk_comment }</dt><dd>{ item.comment.clone().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ d.desk_contact }</dt>
                <dd>
                    if let Some(c) = &*revealed {
                        <span data-testid="revealed">{ &c.name }{ " " }{ &c.phone }</span>
                    } else if let Some(masked) = &item.phone_masked {
                        <span data-testid="masked">{ masked }</span>
                    } else {
                        { d.desk_anonymous }
                    }
                </dd>
            </dl>
            if item.named && revealed.is_none() {
                <form class="mj-reveal" onsubmit={on_reveal}>
                    <div class="mj-field">
                        <label for="mj-reveal-reason">{ d.desk_reveal_reason }</label>
                        <input id="mj-reveal-reason" class="mj-input" value={(*reveal_reason).clone()} oninput={on_reason} />
                    </div>
                    <button type="submit" class="mj-button mj-secondary">{ d.desk_reveal }</button>
                </form>
            }
            <h4 class="mj-subtitle">{ d.desk_history }</h4>
            <ol class="mj-timeline">
                { for found.events.iter().map(|e| html! {
                    <li><span class="mj-small mj-muted">{ short_time(&e.at) }{ " · " }{ &e.actor }</span><br />
                        <strong>{ entry_title(d, &e.entry) }</strong>{ " " }{ entry_choice(d, &e.entry) }{ " — " }{ &e.note }</li>
                }) }
            </ol>
            <StepForm receipt={props.receipt.clone()} stage={item.stage} named={item.named} on_recorded={on_recorded.clone()} />
            <ExclusionPanel receipt={props.receipt.clone()} exclusion={found.exclusion.clone()} {on_recorded} />
        </div>
    }
}

/// The site's own words for the reasons the reviewer picked; a code it no longer offers
/// is shown as it is.
fn reason_labels(codes: &[String], offered: &[Choice], lang: Lang) -> String {
    let label = |code: &String| {
        offered
            .iter()
            .find(|c| &c.code == code)
            .map(|c| choice_label(c, lang).to_owned())
            .unwrap_or_else(|| code.clone())
    };
    let sep = if lang == Lang::En { ", " } else { "、" };
    codes.iter().map(label).collect::<Vec<_>>().join(sep)
}
