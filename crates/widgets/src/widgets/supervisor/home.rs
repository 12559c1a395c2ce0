//! The supervisor's home: their figures (by stage, this month against the duty, each month
//! this year) and their observations, each opening its timeline.

use mingjing_domain::supervision::{Dashboard, ObservationSummary};
use yew::prelude::*;

use super::Page;
use super::letter::{self, QueuedObservation};
use crate::api;
use crate::i18n::SupervisionMessages;
use crate::outbox;
use crate::shared::session::use_session;
use crate::widgets::observation_text;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub go: Callback<(Page, Option<String>)>,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let session = use_session();
    let (t, m) = (session.config.lang.messages(), session.config.lang.supervision());
    let loaded = use_state(|| None::<Result<(Dashboard, Vec<ObservationSummary>), ()>>);
    {
        let loaded = loaded.clone();
        let go = props.go.clone();
        let session = session.clone();
        use_effect_with(session.credentials.token.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (api_base, site, c) = (&session.config.api, &session.config.site, &session.credentials);
                // Submissions that failed earlier go out now, before the lists load, so
                // that the lists show them.
                letter::adopt_earlier(api_base, site);
                if !outbox::waiting::<QueuedObservation>().is_empty() {
                    let tally = outbox::send_waiting::<QueuedObservation>().await;
                    let message = if tally.left > 0 {
                        outbox::start::<QueuedObservation>();
                        m.sv_retry_failed(tally.left)
                    } else if tally.refused > 0 {
                        m.sv_retry_refused.to_owned()
                    } else {
                        m.sv_retried.to_owned()
                    };
                    go.emit((Page::Home, Some(message)));
                }
                let dashboard = api::supervision::dashboard(c).await;
                let list = api::supervision::observations(c).await;
                match (dashboard, list) {
                    (Ok(d), Ok(l)) => loaded.set(Some(Ok((d, l)))),
                    (Err(failure), _) | (_, Err(failure)) if session.ended_by(&failure) => {}
                    _ => loaded.set(Some(Err(()))),
                }
            });
        });
    }
    let body = match &*loaded {
        None => html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.sv_unreachable }</p> },
        Some(Ok((dashboard, list))) => html! {
            <>
                { figures(m, dashboard) }
                { observations(m, list, &props.go) }
            </>
        },
    };
    let go = props.go.clone();
    let go_report = props.go.clone();
    html! {
        <div class="mj-supervisor-home">
            <div class="mj-actions mj-no-print">
                <button type="button" class="mj-button" data-testid="new-observation" onclick={move |_| go.emit((Page::New, None))}>{ m.sv_new }</button>
                <button type="button" class="mj-button mj-secondary" onclick={move |_| go_report.emit((Page::Report, None))}>{ m.sv_report }</button>
            </div>
            { body }
        </div>
    }
}

fn figures(m: &'static SupervisionMessages, d: &Dashboard) -> Html {
    let met = d.this_month >= d.monthly_duty;
    html! {
        <section aria-labelledby="mj-sv-figures" data-testid="dashboard">
            <h3 id="mj-sv-figures" class="mj-subtitle">{ format!("{} · {}", m.sv_dashboard, d.name) }</h3>
            <p class="mj-muted">{ m.sv_term_end(&d.term_end) }{ " · " }{ m.sv_total(d.total) }</p>
            <p>
                { m.sv_duty(d.this_month, d.monthly_duty) }{ " " }
                <strong class={if met { "mj-ok-text" } else { "mj-flag" }}>{ if met { format!("✓ {}", m.sv_duty_met) } else { format!("⚠ {}", m.sv_duty_short) } }</strong>
            </p>
            <dl class="mj-stage-counts">
                { for d.by_stage.iter().map(|c| html! {
                    <div><dt>{ observation_text::stage(m, c.stage) }</dt><dd>{ c.count }</dd></div>
                }) }
            </dl>
            <details class="mj-months">
                <summary>{ m.sv_months }</summary>
                <table class="mj-table">
                    <thead><tr><th scope="col">{ m.sv_month }</th><th scope="col">{ m.sv_count }</th></tr></thead>
                    <tbody>{ for d.months.iter().map(|(month, n)| html! { <tr><th scope="row">{ month }</th><td>{ n }</td></tr> }) }</tbody>
                </table>
            </details>
        </section>
    }
}

fn observations(
    m: &'static SupervisionMessages,
    list: &[ObservationSummary],
    go: &Callback<(Page, Option<String>)>,
) -> Html {
    let go = go.clone();
    let on_open = Callback::from(move |id: i64| go.emit((Page::Detail(id), None)));
    html! {
        <section aria-labelledby="mj-sv-list">
            <h3 id="mj-sv-list" class="mj-subtitle">{ m.sv_list }</h3>
            { observation_text::table(m, list, &on_open, "observations") }
        </section>
    }
}
