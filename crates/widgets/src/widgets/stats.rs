//! `<mingjing-stats>`: the published review results (Art. 66): the share at each level,
//! the satisfaction and poor-review rates, and how poor reviews were followed up. Real
//! ratings are shown apart from system-default ones, and verified apart from open reviews.

use mingjing_domain::stats::{Figures, Stats};
use mingjing_domain::supervision::SupervisionStats;
use yew::prelude::*;

use crate::api;
use crate::api::stats::Scope;
use crate::config::WidgetConfig;
use crate::i18n::{Messages, StatsMessages, level_label};
use crate::shared::percent::percent;

#[derive(Properties, PartialEq)]
pub struct StatsProps {
    pub config: WidgetConfig,
}

#[component]
pub fn StatsPanel(props: &StatsProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let m = config.lang.stats();
    let stats = use_state(|| None::<Result<Stats, ()>>);
    {
        let stats = stats.clone();
        let c = config;
        let scope = (c.api.clone(), c.site.clone(), c.service.clone(), c.from.clone(), c.to.clone(), c.dept.clone());
        use_effect_with(scope, move |scope| {
            let (api, site, service, from, to, dept) = scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let scope = Scope {
                    site: &site,
                    service: service.as_deref(),
                    from: from.as_deref(),
                    to: to.as_deref(),
                    dept: dept.as_deref(),
                };
                stats.set(Some(api::stats::reviews(&api, scope).await.map_err(|_| ())));
            });
        });
    }
    let body = match &*stats {
        None => html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.stats_unavailable }</p> },
        Some(Ok(s)) => figures_view(t, m, s),
    };
    html! {
        <section class="mj-card mj-stats" aria-labelledby="mj-title">
            <h2 id="mj-title" class="mj-title">{ t.title_stats }</h2>
            { body }
            <SupervisionFigures config={config.clone()} />
        </section>
    }
}

/// Supervisors' observations by department (Art. 67): counts and rates only.
#[component]
fn SupervisionFigures(props: &StatsProps) -> Html {
    let m = props.config.lang.supervision();
    let figures = use_state(|| None::<SupervisionStats>);
    {
        let figures = figures.clone();
        use_effect_with((props.config.api.clone(), props.config.site.clone()), move |(api, site)| {
            let (api, site) = (api.clone(), site.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(stats) = api::stats::supervision(&api, &site).await {
                    figures.set(Some(stats));
                }
            });
        });
    }
    let Some(stats) = &*figures else { return html! {} };
    let dept = props.config.dept.as_deref().filter(|d| !d.trim().is_empty());
    let rows: Vec<_> = stats.departments.iter().filter(|d| dept.is_none_or(|name| d.department == name)).collect();
    html! {
        <section aria-labelledby="mj-supervision-title" data-testid="supervision-figures">
            <h3 id="mj-supervision-title" class="mj-subtitle">{ m.sv_public_title }</h3>
            if rows.is_empty() {
                <p class="mj-muted">{ m.sv_public_empty }</p>
            } else {
                <div class="mj-table-wrap">
                    <table class="mj-table">
                        <thead><tr>
                            <th scope="col">{ m.sv_col_department }</th><th scope="col">{ m.sv_public_observations }</th>
                            <th scope="col">{ m.sv_public_confirmed }</th><th scope="col">{ m.sv_public_rate }</th>
                            <th scope="col">{ m.sv_public_median }</th><th scope="col">{ m.sv_public_overdue }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|d| html! {
                                <tr>
                                    <th scope="row">{ &d.department }</th><td>{ d.observations }</td><td>{ d.confirmed }</td>
                                    <td>{ percent(d.rectification_rate) }</td>
                                    <td>{ d.median_days_to_rectify.map_or_else(|| "—".to_owned(), |n| n.to_string()) }</td>
                                    <td>{ d.overdue }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

fn figures_view(t: &'static Messages, m: &'static StatsMessages, s: &Stats) -> Html {
    let real = &s.real;
    let f = &s.follow_up;
    html! {
        <>
            <p class="mj-stats-headline">
                <span class="mj-big" data-testid="satisfaction">{ percent(real.satisfaction_rate) }</span>
                { " " }{ m.stats_satisfaction }
            </p>
            <p class="mj-muted">{ m.stats_counted(real.count, s.system_default_count) }</p>
            if s.excluded_after_appeal.mistaken + s.excluded_after_appeal.malicious > 0 {
                <p class="mj-muted" data-testid="excluded">
                    { m.stats_excluded(s.excluded_after_appeal.mistaken, s.excluded_after_appeal.malicious) }
                </p>
            }
            { chart(t, real) }
            <table class="mj-table mj-levels">
                <caption>{ m.stats_levels_caption }</caption>
                <thead><tr><th scope="col">{ m.stats_level }</th><th scope="col">{ m.stats_count }</th><th scope="col">{ m.stats_share }</th></tr></thead>
                <tbody>
                    { for real.levels.iter().map(|l| html! {
                        <tr><th scope="row">{ level_label(t, l.level) }</th><td>{ l.count }</td><td>{ percent(l.share) }</td></tr>
                    }) }
                </tbody>
            </table>
            <table class="mj-table">
                <caption>{ m.stats_kinds_caption }</caption>
                <thead><tr><th scope="col"></th><th scope="col">{ m.stats_count }</th><th scope="col">{ m.stats_satisfaction }</th><th scope="col">{ m.stats_poor }</th></tr></thead>
                <tbody>
                    { kind_row(m.stats_verified, &s.verified) }
                    { kind_row(m.stats_open, &s.open) }
                    { kind_row(m.stats_all_with_defaults, &s.all) }
                </tbody>
            </table>
            <h3 class="mj-subtitle">{ m.stats_follow_up }</h3>
            <dl class="mj-facts">
                <dt>{ m.stats_call_back_rate }</dt><dd>{ percent(f.call_back_rate) }{ " " }<span class="mj-muted">{ format!("({}/{})", f.called_back, f.named_poor) }</span></dd>
                <dt>{ m.stats_rectification_rate }</dt><dd>{ percent(f.rectification_rate) }{ " " }<span class="mj-muted">{ format!("({}/{})", f.rectified, f.confirmed) }</span></dd>
                <dt>{ m.stats_on_time_rate }</dt><dd>{ percent(f.on_time_rate) }{ " " }<span class="mj-muted">{ format!("({}/{})", f.closed_on_time, f.closed) }</span></dd>
                <dt>{ m.stats_overdue_open }</dt><dd>{ f.overdue_open }</dd>
            </dl>
        </>
    }
}

fn kind_row(label: &'static str, f: &Figures) -> Html {
    html! {
        <tr><th scope="row">{ label }</th><td>{ f.count }</td><td>{ percent(f.satisfaction_rate) }</td><td>{ percent(f.poor_rate) }</td></tr>
    }
}

/// Horizontal bars, one per level. The table above says the same in text, so the drawing
/// is hidden from screen readers rather than described twice.
fn chart(t: &Messages, f: &Figures) -> Html {
    const ROW: u32 = 28;
    let height = ROW * 5;
    html! {
        <svg class="mj-chart" viewBox={format!("0 0 320 {height}")} role="img" aria-hidden="true" focusable="false">
            { for f.levels.iter().enumerate().map(|(i, l)| {
                let y = i as u32 * ROW;
                let width = l.share.map_or(0, |s| (s * 200.0).round() as u32);
                let class = if l.level <= 2 { "mj-bar mj-bar-poor" } else { "mj-bar" };
                html! {
                    <g>
                        <text x="0" y={(y + 18).to_string()} class="mj-bar-label">{ level_label(t, l.level) }</text>
                        <rect x="90" y={(y + 6).to_string()} width={width.to_string()} height="16" class={class} />
                        <text x={(96 + width).to_string()} y={(y + 18).to_string()} class="mj-bar-value">{ percent(l.share) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
