//! The year-end report (年度履职报告): every observation of the year with its outcome and
//! response time, printable as a page, and the same as a CSV file.

use mingjing_domain::supervision::{Dashboard, ObservationStage, ObservationSummary};
use yew::prelude::*;

use super::{Page, back};
use crate::api;
use crate::shared::session::use_session;
use crate::widgets::observation_text::{self, short_time};

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub go: Callback<(Page, Option<String>)>,
}

#[component]
pub fn Report(props: &ReportProps) -> Html {
    let session = use_session();
    let (t, m) = (session.config.lang.messages(), session.config.lang.supervision());
    let data = use_state(|| None::<Result<(Dashboard, Vec<ObservationSummary>), ()>>);
    let csv_url = use_state(|| None::<String>);
    let year = use_memo((), |()| {
        let now = js_sys::Date::new_0();
        now.get_full_year().to_string()
    });
    {
        let (data, csv_url) = (data.clone(), csv_url.clone());
        let (session, year) = (session.clone(), (*year).clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let c = &session.credentials;
                let d = api::supervision::dashboard(c).await;
                let l = api::supervision::observations(c).await;
                match (d, l) {
                    (Ok(d), Ok(l)) => data.set(Some(Ok((d, l)))),
                    (Err(failure), _) if session.ended_by(&failure) => {}
                    _ => data.set(Some(Err(()))),
                }
                if let Ok(url) = api::supervision::report_csv(c, &year).await {
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
                    <p>{ format!("{} · {}", dashboard.name, m.sv_term_end(&dashboard.term_end)) }</p>
                    <p data-testid="report-summary">{ m.sv_report_summary(of_year.len(), confirmed, rectified) }</p>
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
            <h3 class="mj-subtitle">{ m.sv_report_title(&year) }</h3>
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
