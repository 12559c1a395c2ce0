//! Time (Art. 28): the legal and promised limits side by side with the saving, the dates if
//! applied today on the official working-day calendar, how long the service really takes,
//! and the history of changes to its fees and limits.

use mingjing_domain::calendar::DueDate;
use mingjing_domain::catalog::{CatalogItem, ServiceDetail};
use yew::prelude::*;

use super::text;
use crate::i18n::{Lang, LookupMessages};
use crate::shared::percent::percent;

/// `2026-12-01（周二）前`, marked as an estimate past the published holiday calendar.
pub fn due_line(m: &'static LookupMessages, due: &DueDate, known_until: Option<&str>) -> Html {
    let date = mingjing_domain::iso_date::format(due.date);
    html! {
        <>
            <strong class="mj-date">{ m.lk_due_value(&date, text::weekday(m, due.date)) }</strong>
            if !due.certainty.is_certain() {
                <span class="mj-estimate">{ format!(" ※ {}", m.lk_due_estimate(known_until.unwrap_or("—"))) }</span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TimingProps {
    pub detail: ServiceDetail,
    pub item: CatalogItem,
    pub lang: Lang,
}

#[component]
pub fn Timing(props: &TimingProps) -> Html {
    let m = props.lang.lookup();
    let d = &props.detail;
    let limits = props.item.limits();
    let known = d.calendar_known_until.as_deref();
    let limit = |label: &'static str, limit: &mingjing_domain::catalog::Limit, due: &DueDate| {
        html! {
            <div class="mj-limit">
                <p class="mj-limit-label">{ label }</p>
                <p class="mj-limit-amount">{ text::limit(m, limit.time()) }</p>
                if let Some(note) = limit.note() {
                    <p class="mj-muted mj-small">{ note.as_str() }</p>
                }
                <p>{ format!("{}（{}）：", m.lk_due_today, d.applied_on) }{ due_line(m, due, known) }</p>
            </div>
        }
    };
    html! {
        <section class="mj-section mj-print" aria-labelledby="mj-s-time">
            <h4 id="mj-s-time" class="mj-subtitle">{ m.lk_limits }</h4>
            if let Some(percent) = d.compression_percent.filter(|p| *p > 0) {
                <p class="mj-saving" data-testid="compression">{ m.lk_compression(percent) }</p>
            }
            <div class="mj-limits" data-testid="limits">
                { limit(m.lk_legal_limit, limits.legal(), &d.legal_due) }
                { limit(m.lk_promised_limit, limits.promised(), &d.promised_due) }
            </div>
            <h5 class="mj-minor">{ m.lk_actual }</h5>
            { actual(m, d) }
            if !d.changes.is_empty() {
                <h5 class="mj-minor">{ m.lk_changes }</h5>
                <ul class="mj-plain-list" data-testid="changes">
                    { for d.changes.iter().map(|c| {
                        let template = match c.field.as_str() {
                            "fees" => m.lk_change_fees,
                            "legal_limit" => m.lk_change_legal,
                            _ => m.lk_change_promised,
                        };
                        let from = text::change_value(m, &c.field, &c.from);
                        let to = text::change_value(m, &c.field, &c.to);
                        html! { <li>{ template(&c.effective_from, &from, &to) }</li> }
                    }) }
                </ul>
            }
        </section>
    }
}

/// The real durations, or a plain statement that there are too few cases to say.
fn actual(m: &'static LookupMessages, d: &ServiceDetail) -> Html {
    let a = &d.actual;
    let Some(days) = a.median_working_days else {
        return html! {
            <p class="mj-muted" data-testid="actual">{ m.lk_actual_too_few(a.completed, a.minimum) }</p>
        };
    };
    html! {
        <div data-testid="actual">
            <p>{ m.lk_actual_median(a.completed, days) }
               { "；" }{ m.lk_actual_on_time(&percent(a.on_time_rate)) }</p>
            if !a.overdue_reasons.is_empty() {
                <p class="mj-muted">{ m.lk_overdue_reasons }</p>
                <ul class="mj-plain-list">{ for a.overdue_reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
            }
        </div>
    }
}
