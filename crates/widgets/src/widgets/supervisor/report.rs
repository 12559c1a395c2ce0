//! The year-end report (年度履职报告): every observation of the year with its outcome and
//! response time, printable as a page, and the same as a CSV file.

use mingjing_domain::supervision::{Dashboard, ObservationStage, ObservationSummary};
use yew::prelude::*;

use super::{Page, back};
use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;
use crate::i18n::fill;
use crate::widgets::observation_text::{self, short_time};

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub config: WidgetConfig,
    pub token: String,
    pub go: Callback<(Page, Option<String>)>,
    pub on_signed_out: Callback<()>,
}

#[component]
pub fn Report(props: &ReportProps) -> Html {
    let config = &props.config;
    let (t, m) = (config.lang.messages(), config.lang.supervision());
    let data = use_state(|| None::<Result<(Dashboard, Vec<ObservationSummary>), ()>>);
    let csv_url = use_state(|| None::<String>);
    let year = use_memo((), |()| {
        let now = js_sys::Date::new_0();
        now.get_full_year().to_string()
    });
    {
        let (data, csv_url) = (data.clone(), csv_url.clone());
        let (api_base, token, on_signed_out, year) =
            (config.api.clone(), props.token.clone(), props.on_signed_out.clone(), (*year).clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let d =
                    api::get_as::<Dashboard>(&format!("{api_base}/api/v1/supervisor/dashboard"), Some(&token)).await;
                let l = api::get_as::<Vec<ObservationSummary>>(
                    &format!("{api_base}/api/v1/supervisor/observations"),
                    Some(&token),
                )
                .await;
                match (d, l) {
                    (Ok(d), Ok(l)) => data.set(Some(Ok((d, l)))),
                    (Err(ApiFailure::Refused(401, _)), _) => on_signed_out.emit(()),
                    _ => data.set(Some(Err(()))),
                }
                let csv = format!("{api_base}/api/v1/supervisor/report.csv?year={year}");
                if let Ok(url) = api::get_object_url(&csv, &token).await {
                    csv_url.set(Some(url));
                }
            });
        });
    }
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let body = match &*data {
        None => html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => html! { <p class="mj-alert mj-danger" role="alert">{ m.sv_unreachable }</p> },
        Some(Ok((dashboard, list))) => {
            let of_year: Vec<&ObservationSummary> =
                list.iter().filter(|o| o.submitted_at.starts_with(year.as_str())).collect();
            let confirmed = of_year
                .iter()
                .filter(|o| {
                    matches!(
                        o.stage,
                        ObservationStage::Confirmed | ObservationStage::Rectifying | ObservationStage::Rectified
                    )
                })
                .count();
            let rectified = of_year.iter().filter(|o| o.stage == ObservationStage::Rectified).count();
            html! {
                <>
                    <p>{ format!("{} · {}", dashboard.name, fill(m.sv_term_end, &[("date", &dashboard.term_end)])) }</p>
                    <p data-testid="report-summary">{ fill(m.sv_report_summary, &[("n", &of_year.len().to_string()), ("confirmed", &confirmed.to_string()), ("rectified", &rectified.to_string())]) }</p>
                    <div class="mj-table-wrap">
                        <table class="mj-table">
                            <thead><tr>
                                <th scope="col">{ m.sv_col_id }</th><th scope="col">{ m.sv_col_submitted }</th>
                                <th scope="col">{ m.sv_col_department }</th><th scope="col">{ m.sv_method }</th>
                                <th scope="col">{ m.sv_report_outcome }</th><th scope="col">{ m.sv_col_due }</th>
                            </tr></thead>
                            <tbody>
                                { for of_year.iter().map(|o| html! {
                                    <tr>
                                        <td class="mj-mono">{ o.id }</td>
                                        <td>{ short_time(&o.submitted_at) }</td>
                                        <td>{ &o.department }</td>
                                        <td>{ observation_text::method(m, o.method) }</td>
                                        <td>{ observation_text::stage(m, o.stage) }</td>
                                        <td>{ o.due.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </>
            }
        }
    };
    html! {
        <div class="mj-supervisor-report">
            { back(m, &props.go) }
            <h3 class="mj-subtitle">{ fill(m.sv_report_title, &[("year", &year)]) }</h3>
            <div class="mj-actions mj-no-print">
                <button type="button" class="mj-button" onclick={print}>{ m.sv_report_print }</button>
                if let Some(url) = &*csv_url {
                    <a class="mj-button mj-secondary" href={url.clone()} download={format!("supervision-{}.csv", *year)}>{ m.sv_report_csv }</a>
                }
            </div>
            { body }
        </div>
    }
}
