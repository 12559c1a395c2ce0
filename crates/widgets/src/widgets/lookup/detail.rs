//! One service item: the points a citizen asks first (cost, time, date if applied today,
//! visits), then all 12 standard elements, each under its own heading.

use mingjing_domain::catalog::{AuthorityLevel, CatalogItem, HandlingForm, ResultKind, ServiceDetail, Visits};
use yew::prelude::*;

use super::fees::Fees;
use super::materials::Materials;
use super::route::View;
use super::search::view_link;
use super::text;
use super::timing::{Timing, due_line};
use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;
use crate::i18n::{Lang, LookupMessages};

#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Pending,
    Found(Box<(ServiceDetail, CatalogItem)>),
    NotFound,
    Failed,
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub config: WidgetConfig,
    pub code: String,
    /// Where the site lets people report an off-list charge.
    pub complaint_url: Option<String>,
    pub on_open: Callback<View>,
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let config = &props.config;
    let m = config.lang.lookup();
    let loaded = use_state(|| Loaded::Pending);
    let heading = use_node_ref();
    {
        let loaded = loaded.clone();
        let wanted = (config.api.clone(), props.code.clone(), config.today.clone());
        use_effect_with(wanted, move |(api, code, today)| {
            let (api, code, today) = (api.clone(), code.clone(), today.clone());
            loaded.set(Loaded::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match api::catalog::service(&api, &code, today.as_deref()).await {
                    Ok(detail) => match CatalogItem::from_value(&detail.item) {
                        Ok(item) => Loaded::Found(Box::new((detail, item))),
                        Err(_) => Loaded::Failed,
                    },
                    Err(ApiFailure::Refused(404, _)) => Loaded::NotFound,
                    Err(_) => Loaded::Failed,
                };
                loaded.set(outcome);
            });
        });
    }
    // Move focus to the item's name once it is shown, so a screen reader starts there.
    {
        let heading = heading.clone();
        let found = matches!(*loaded, Loaded::Found(_));
        use_effect_with(found, move |found| {
            if *found && let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let back = view_link(
        html! { { format!("← {}", m.lk_back) } },
        View::Search,
        &props.on_open,
        "mj-link mj-back mj-no-print",
    );
    let body = match &*loaded {
        Loaded::Pending => html! { <p class="mj-muted" role="status">{ config.lang.messages().loading }</p> },
        Loaded::NotFound => html! { <p class="mj-alert mj-danger" role="alert">{ m.lk_not_found }</p> },
        Loaded::Failed => html! { <p class="mj-alert mj-danger" role="alert">{ m.lk_unavailable }</p> },
        Loaded::Found(found) => {
            let (detail, item) = &**found;
            html! {
                <article class="mj-item" aria-labelledby="mj-item-name">
                    <h3 id="mj-item-name" class="mj-item-name" tabindex="-1" ref={heading.clone()}>{ item.name().as_str() }</h3>
                    if detail.source.as_ref().is_some_and(|s| s.demo) {
                        <p class="mj-alert mj-demo" data-testid="demo-notice">{ m.lk_demo }</p>
                    }
                    { at_a_glance(m, detail, item) }
                    <Fees item={item.clone()} complaint_url={props.complaint_url.clone()} lang={config.lang} />
                    <Timing detail={detail.clone()} item={item.clone()} lang={config.lang} />
                    <Materials item={item.clone()} lang={config.lang} />
                    { basic_info(config.lang, m, item) }
                    { conditions_and_steps(m, item) }
                    { result_and_place(m, item) }
                    { requirements(m, item, &props.on_open) }
                </article>
            }
        }
    };
    html! {
        <div class="mj-lookup-detail">
            { back }
            { body }
        </div>
    }
}

/// The answers to "what does it cost, how long, by when, how many visits", up front.
fn at_a_glance(m: &'static LookupMessages, detail: &ServiceDetail, item: &CatalogItem) -> Html {
    let limits = item.limits();
    html! {
        <section class="mj-glance mj-print" aria-label={m.lk_summary}>
            <dl class="mj-facts">
                <dt>{ m.lk_cost }</dt>
                <dd data-testid="glance-cost">
                    if item.is_free() {
                        <strong class="mj-free">{ m.lk_free }</strong>
                    } else {
                        { m.lk_paid }{ "：" }
                        { item.fees().iter().map(|f| format!("{} {}", f.name().as_str(), text::fee_standard(m, f.standard()))).collect::<Vec<_>>().join("；") }
                    }
                </dd>
                <dt>{ m.lk_promised_limit }</dt>
                <dd data-testid="glance-limit">
                    <strong>{ text::limit(m, limits.promised().time()) }</strong>
                    { format!("（{} {}）", m.lk_legal_limit, text::limit(m, limits.legal().time())) }
                </dd>
                <dt>{ m.lk_due_today }</dt>
                <dd data-testid="glance-due">{ due_line(m, &detail.promised_due, detail.calendar_known_until.as_deref()) }</dd>
                <dt>{ m.lk_visits }</dt>
                <dd>{ visits(m, item.visits()) }</dd>
                <dt>{ m.lk_channels }</dt>
                <dd>
                    { handling_form(m, item.handling_form()) }
                    if item.online_payment() {
                        { format!("；{}", m.lk_online_payment) }
                    }
                </dd>
            </dl>
        </section>
    }
}

fn visits(m: &'static LookupMessages, visits: Visits) -> &'static str {
    match visits {
        Visits::Zero => m.lk_visits_zero,
        Visits::One => m.lk_visits_one,
        Visits::Two => m.lk_visits_two,
        Visits::Many => m.lk_visits_many,
    }
}

fn handling_form(m: &'static LookupMessages, form: HandlingForm) -> &'static str {
    match form {
        HandlingForm::Counter => m.lk_form_counter,
        HandlingForm::Online => m.lk_form_online,
        HandlingForm::Both => m.lk_form_both,
    }
}

fn level(m: &'static LookupMessages, level: AuthorityLevel) -> &'static str {
    match level {
        AuthorityLevel::Province => m.lk_level_province,
        AuthorityLevel::City => m.lk_level_city,
        AuthorityLevel::County => m.lk_level_county,
        AuthorityLevel::Township => m.lk_level_township,
        AuthorityLevel::Village => m.lk_level_village,
    }
}

/// Name, codes, type, legal basis, authority and department.
fn basic_info(lang: Lang, m: &'static LookupMessages, item: &CatalogItem) -> Html {
    html! {
        <section class="mj-section" aria-labelledby="mj-s-basic">
            <h4 id="mj-s-basic" class="mj-subtitle">{ m.lk_basic_info }</h4>
            <dl class="mj-facts">
                <dt>{ m.lk_item_name }</dt><dd>{ item.name().as_str() }</dd>
                <dt>{ m.lk_item_type }</dt><dd>{ text::item_type(lang, item.item_type()) }</dd>
                <dt>{ m.lk_basic_code }</dt><dd class="mj-mono">{ item.basic_code().as_str() }</dd>
                <dt>{ m.lk_impl_code }</dt><dd class="mj-mono">{ item.implementation_code().as_str() }</dd>
                <dt>{ m.lk_department }</dt>
                <dd>{ item.department().name().as_str() }<br/>
                    <span class="mj-muted mj-small">{ format!("{}：{}", m.lk_credit_code, item.department().credit_code().as_str()) }</span></dd>
                <dt>{ m.lk_authority }</dt>
                <dd>{ format!("{}：{}", level(m, item.authority().level()), item.authority().description().as_str()) }</dd>
                <dt>{ m.lk_legal_basis }</dt>
                <dd><ul class="mj-plain-list">{ for item.legal_basis().iter().map(|b| html! { <li>{ b.as_str() }</li> }) }</ul></dd>
            </dl>
        </section>
    }
}

fn conditions_and_steps(m: &'static LookupMessages, item: &CatalogItem) -> Html {
    html! {
        <>
            <section class="mj-section" aria-labelledby="mj-s-conditions">
                <h4 id="mj-s-conditions" class="mj-subtitle">{ m.lk_conditions }</h4>
                <ul>{ for item.acceptance_conditions().iter().map(|c| html! { <li>{ c.as_str() }</li> }) }</ul>
            </section>
            <section class="mj-section" aria-labelledby="mj-s-steps">
                <h4 id="mj-s-steps" class="mj-subtitle">{ m.lk_steps }</h4>
                <ol class="mj-steps">
                    { for item.steps().iter().map(|s| html! {
                        <li><strong>{ s.name().as_str() }</strong>{ "：" }{ s.description().as_str() }</li>
                    }) }
                </ol>
            </section>
        </>
    }
}

fn result_kind(m: &'static LookupMessages, kind: ResultKind) -> &'static str {
    match kind {
        ResultKind::Certificate => m.lk_result_certificate,
        ResultKind::Licence => m.lk_result_licence,
        ResultKind::ApprovalDocument => m.lk_result_approval,
        ResultKind::Other => m.lk_result_other,
    }
}

/// The result, where and when to go, and whom to call. Kept in the printed checklist.
fn result_and_place(m: &'static LookupMessages, item: &CatalogItem) -> Html {
    let consultation = item.consultation_phone().as_str();
    let complaint = item.complaint_phone().as_str();
    html! {
        <>
            <section class="mj-section" aria-labelledby="mj-s-result">
                <h4 id="mj-s-result" class="mj-subtitle">{ m.lk_result }</h4>
                <p>{ format!("{}（{}）", item.result().name().as_str(), result_kind(m, item.result().kind())) }</p>
            </section>
            <section class="mj-section mj-print" aria-labelledby="mj-s-where">
                <h4 id="mj-s-where" class="mj-subtitle">{ m.lk_where }</h4>
                <dl class="mj-facts">
                    <dt>{ m.lk_address }</dt><dd>{ item.address().as_str() }</dd>
                    <dt>{ m.lk_hours_label }</dt><dd>{ item.office_hours().as_str() }</dd>
                    <dt>{ m.lk_consultation }</dt><dd><a class="mj-link" href={format!("tel:{consultation}")}>{ consultation }</a></dd>
                    <dt>{ m.lk_complaint }</dt><dd><a class="mj-link" href={format!("tel:{complaint}")}>{ complaint }</a></dd>
                </dl>
            </section>
        </>
    }
}

/// The intermediary services and certificates this item requires, linked to their lists.
fn requirements(m: &'static LookupMessages, item: &CatalogItem, on_open: &Callback<View>) -> Html {
    let services = item.intermediary_services();
    let certificates = item.certificates_required();
    html! {
        <section class="mj-section" aria-labelledby="mj-s-requirements">
            <h4 id="mj-s-requirements" class="mj-subtitle">{ format!("{} · {}", m.lk_item_intermediary, m.lk_item_certificates) }</h4>
            <dl class="mj-facts">
                <dt>{ m.lk_item_intermediary }</dt>
                <dd>
                    if services.is_empty() {
                        { m.lk_none_required }
                    } else {
                        <ul class="mj-plain-list">
                            { for services.iter().map(|s| html! {
                                <li>{ s.name().as_str() }<span class="mj-muted mj-small">{ format!("（{}：{}；{}）", m.lk_fee_label, s.fee().as_str(), text::limit(m, s.time_limit().time())) }</span></li>
                            }) }
                        </ul>
                        { view_link(html! { m.lk_intermediary_list }, View::Intermediary, on_open, "mj-link mj-no-print") }
                    }
                </dd>
                <dt>{ m.lk_item_certificates }</dt>
                <dd>
                    if certificates.is_empty() {
                        { m.lk_none_required }
                    } else {
                        <ul class="mj-plain-list">
                            { for certificates.iter().map(|c| html! {
                                <li>{ c.name().as_str() }<span class="mj-muted mj-small">{ format!("（{}：{}）", m.lk_issuer, c.issuer().as_str()) }</span></li>
                            }) }
                        </ul>
                        { view_link(html! { m.lk_certificate_list }, View::Certificates, on_open, "mj-link mj-no-print") }
                    }
                </dd>
            </dl>
        </section>
    }
}
