//! The desk's tabs once signed in: reviews, observations, and — for the site's
//! administrators — the audit log.

use mingjing_domain::desk::DeskProfile;
use yew::prelude::*;

use super::View;
use crate::config::WidgetConfig;
use crate::shared::session_fetch::use_session_get;

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub config: WidgetConfig,
    pub token: String,
    pub view: View,
    pub on_show: Callback<View>,
    pub on_signed_out: Callback<()>,
}

#[component]
pub fn DeskNav(props: &NavProps) -> Html {
    let t = props.config.lang.messages();
    let d = props.config.lang.desk();
    let m = props.config.lang.supervision();
    let url = format!("{}/api/v1/desk/me", props.config.api);
    let profile = use_session_get::<DeskProfile>(url, props.token.clone(), props.on_signed_out.clone());
    let site_admin = matches!(&*profile, Some(Ok(p)) if p.site_admin);
    let tab = |label: &'static str, target: View, current: bool, testid: &'static str| {
        let on_show = props.on_show.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_show.emit(target.clone()));
        html! {
            <button type="button" class="mj-tab" data-testid={testid} aria-current={current.then_some("page")} {onclick}>{ label }</button>
        }
    };
    let on_reviews = matches!(props.view, View::Reviews | View::Review(_));
    let on_observations = matches!(props.view, View::Observations | View::Observation(_));
    html! {
        <nav class="mj-tabs" aria-label={t.title_desk}>
            { tab(m.sv_desk_tab_reviews, View::Reviews, on_reviews, "tab-reviews") }
            { tab(m.sv_desk_tab_observations, View::Observations, on_observations, "tab-observations") }
            if site_admin {
                { tab(d.desk_tab_audit, View::Audit, props.view == View::Audit, "tab-audit") }
            }
        </nav>
    }
}
