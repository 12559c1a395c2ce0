//! The catalogue-wide lists of intermediary services (Art. 35) and certificates (Art. 36),
//! each entry with the items that require it.

use mingjing_domain::catalog::{CertificateListing, IntermediaryListing, ItemRef};
use yew::prelude::*;

use super::route::View;
use super::search::view_link;
use super::text;
use crate::api;
use crate::config::WidgetConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Intermediary,
    Certificates,
}

#[derive(Properties, PartialEq)]
pub struct RegisterProps {
    pub config: WidgetConfig,
    pub register: Register,
    pub on_open: Callback<View>,
}

#[derive(Debug, Clone, PartialEq)]
enum Entries {
    Intermediary(Vec<IntermediaryListing>),
    Certificates(Vec<CertificateListing>),
}

#[component]
pub fn RegisterList(props: &RegisterProps) -> Html {
    let config = &props.config;
    let m = config.lang.lookup();
    let entries = use_state(|| None::<Result<Entries, ()>>);
    {
        let entries = entries.clone();
        let api_base = config.api.clone();
        use_effect_with(props.register, move |register| {
            let register = *register;
            entries.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match register {
                    Register::Intermediary => {
                        api::catalog::intermediary_services(&api_base).await.map(Entries::Intermediary)
                    }
                    Register::Certificates => api::catalog::certificates(&api_base).await.map(Entries::Certificates),
                };
                entries.set(Some(loaded.map_err(|_| ())));
            });
        });
    }
    let (title, intro) = match props.register {
        Register::Intermediary => (m.lk_intermediary_list, m.lk_intermediary_intro),
        Register::Certificates => (m.lk_certificate_list, m.lk_certificate_intro),
    };
    let body = match &*entries {
        None => html! { <p class="mj-muted" role="status">{ config.lang.messages().loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.lk_unavailable }</p> },
        Some(Ok(Entries::Intermediary(list))) => html! {
            <ul class="mj-register">
                { for list.iter().map(|s| html! {
                    <li>
                        <h4 class="mj-subtitle">{ &s.name }</h4>
                        <dl class="mj-facts">
                            <dt>{ m.lk_legal_basis }</dt><dd>{ &s.legal_basis }</dd>
                            <dt>{ m.lk_conditions }</dt><dd>{ &s.conditions }</dd>
                            <dt>{ m.lk_steps }</dt><dd>{ &s.steps }</dd>
                            <dt>{ m.lk_time }</dt>
                            <dd>{ text::limit(m, s.time_limit) }{ s.time_note.as_ref().map(|n| format!("（{n}）")).unwrap_or_default() }</dd>
                            <dt>{ m.lk_fee_label }</dt><dd>{ &s.fee }</dd>
                            <dt>{ m.lk_required_by }</dt><dd>{ required_by(&s.required_by, &props.on_open) }</dd>
                        </dl>
                    </li>
                }) }
            </ul>
        },
        Some(Ok(Entries::Certificates(list))) => html! {
            <ul class="mj-register">
                { for list.iter().map(|c| html! {
                    <li>
                        <h4 class="mj-subtitle">{ &c.name }</h4>
                        <dl class="mj-facts">
                            <dt>{ m.lk_issuer }</dt><dd>{ &c.issuer }</dd>
                            if let Some(basis) = &c.legal_basis {
                                <dt>{ m.lk_legal_basis }</dt><dd>{ basis }</dd>
                            }
                            <dt>{ m.lk_required_by }</dt><dd>{ required_by(&c.required_by, &props.on_open) }</dd>
                        </dl>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <section class="mj-lookup-register" aria-labelledby="mj-register-title">
            { view_link(html! { { format!("← {}", m.lk_back) } }, View::Search, &props.on_open, "mj-link mj-back mj-no-print") }
            <h3 id="mj-register-title" class="mj-item-name">{ title }</h3>
            <p class="mj-muted">{ intro }</p>
            { body }
        </section>
    }
}

fn required_by(items: &[ItemRef], on_open: &Callback<View>) -> Html {
    html! {
        <ul class="mj-plain-list">
            { for items.iter().map(|i| html! {
                <li>
                    { view_link(html! { &i.name }, View::Item(i.code.clone()), on_open, "mj-link") }
                    <span class="mj-muted mj-small">{ format!("（{}）", i.department) }</span>
                </li>
            }) }
        </ul>
    }
}
